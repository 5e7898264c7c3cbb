package org.helixff.io;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The comment line of one extxyz frame, parsed (the header parser of {@link ExtXyz}): the atom columns
 * ({@code Properties}), the raw {@code Lattice} and {@code pbc}, the file units, the energies in file units, the
 * raw symmetry keys and the remaining info, already converted to internal units where {@link #UNIT_INFO} says.
 * Errors are reported at the reader's current line (the comment line).
 *
 * @param props      the atom columns in file order
 * @param lattice    the raw {@code Lattice} value, or null
 * @param pbc        the raw {@code pbc} value, or null
 * @param units      the file units ({@code units} key; eV/Angstrom when absent)
 * @param energy     {@code energy} in file units, or null
 * @param freeEnergy {@code free_energy} in file units, or null
 * @param symmetry   the raw symmetry keys (all null for a full-cell frame)
 * @param info       every other key, typed and in internal units
 */
record ExtXyzHeader(List<Prop> props, String lattice, String pbc, FileUnits units, Double energy, Double freeEnergy,
        SymmetryKeys symmetry, Map<String, InfoValue> info) {

    /** Info keys converted between file and internal units: energy power, length power. */
    static final Map<String, int[]> UNIT_INFO = Map.of(
            "virial", new int[] {1, 0},
            "stress", new int[] {1, -3},
            "dipole", new int[] {0, 1});

    /** One atom column of {@code Properties}: name, type and number of columns. */
    record Prop(String name, AtomColumn.Type type, int width) {
    }

    /**
     * The raw values of the symmetry keys {@code cyclic_order}, {@code screw_angle_rad},
     * {@code screw_translation_bohr}, {@code twist_angle_rad_per_bohr} (null when absent).
     */
    record SymmetryKeys(String cyclicOrder, String screwAngle, String screwTranslation, String twist) {
        /** Whether any symmetry key is present: the frame is symmetric. */
        boolean present() {
            return cyclicOrder != null || screwAngle != null || screwTranslation != null || twist != null;
        }
    }

    /** Bohr per file length unit. */
    double lengthToBohr() {
        return 1.0 / units.lengthPerBohr();
    }

    /** Hartree per file energy unit. */
    double energyToHa() {
        return 1.0 / units.energyPerHartree();
    }

    /**
     * Parses a comment line.
     *
     * @throws org.helixff.FileFormatException for malformed keys, values, Properties or units
     */
    static ExtXyzHeader parse(String comment, LineReader in) {
        LinkedHashMap<String, String> kv = parseComment(comment, in);
        String propsRaw = kv.remove("Properties");
        List<Prop> props = parseProperties(propsRaw == null ? "species:S:1:pos:R:3" : propsRaw, in);
        String latticeRaw = kv.remove("Lattice");
        String pbcRaw = kv.remove("pbc");
        String unitsRaw = kv.remove("units");
        FileUnits units = FileUnits.EV_ANGSTROM;
        if (unitsRaw != null) {
            units = FileUnits.fromKey(unitsRaw);
            if (units == null) {
                throw in.error("unknown units '" + unitsRaw + "' (expected hartree_bohr or eV_angstrom)");
            }
        }
        Double energy = scalarKey(kv.remove("energy"), "energy", in);
        Double freeEnergy = scalarKey(kv.remove("free_energy"), "free_energy", in);
        scalarKey(kv.remove("energy_per_atom"), "energy_per_atom", in); // derived: recomputed on write
        SymmetryKeys sym = new SymmetryKeys(kv.remove("cyclic_order"), kv.remove("screw_angle_rad"),
                kv.remove("screw_translation_bohr"), kv.remove("twist_angle_rad_per_bohr"));
        return new ExtXyzHeader(props, latticeRaw, pbcRaw, units, energy, freeEnergy, sym, info(kv, units, in));
    }

    /** The remaining keys typed ({@link InfoValue#parse}); bare keys are true; {@link #UNIT_INFO} keys converted. */
    private static Map<String, InfoValue> info(Map<String, String> kv, FileUnits units, LineReader in) {
        Map<String, InfoValue> info = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : kv.entrySet()) {
            String key = e.getKey();
            String raw = e.getValue();
            if (raw == null) {
                info.put(key, new InfoValue.Bool(true));
                continue;
            }
            InfoValue v = InfoValue.parse(raw);
            if (v == null) {
                throw in.error("value of " + key + " is not finite: '" + ExtXyz.abbreviate(raw) + "'");
            }
            int[] dims = UNIT_INFO.get(key);
            if (dims != null) {
                v = toInternal(key, raw, v, 1.0 / units.factor(dims[0], dims[1]), in);
            }
            info.put(key, v);
        }
        return info;
    }

    /** A numeric info value times {@code f} (integers become reals). */
    private static InfoValue toInternal(String key, String raw, InfoValue v, double f, LineReader in) {
        if (v instanceof InfoValue.Real r) {
            return new InfoValue.Real(r.value() * f);
        } else if (v instanceof InfoValue.Int i) {
            return new InfoValue.Real(i.value() * f);
        } else if (v instanceof InfoValue.Reals r) {
            double[] a = r.values();
            for (int k = 0; k < a.length; k++) {
                a[k] *= f;
            }
            return new InfoValue.Reals(a);
        } else if (v instanceof InfoValue.Ints r) {
            long[] a = r.values();
            double[] d = new double[a.length];
            for (int k = 0; k < a.length; k++) {
                d[k] = a[k] * f;
            }
            return new InfoValue.Reals(d);
        }
        throw in.error(key + " must be numeric, found '" + ExtXyz.abbreviate(raw) + "'");
    }

    private static Double scalarKey(String raw, String key, LineReader in) {
        if (raw == null) {
            return null;
        }
        String t = raw.strip();
        return in.number(t, key);
    }

    static List<Prop> parseProperties(String raw, LineReader in) {
        String[] f = raw.strip().split(":", -1);
        if (f.length % 3 != 0 || raw.isBlank()) {
            throw in.error("Properties '" + ExtXyz.abbreviate(raw) + "' is not a list of name:type:columns triples");
        }
        List<Prop> props = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < f.length; i += 3) {
            String name = f[i];
            AtomColumn.Type type;
            try {
                type = AtomColumn.Type.valueOf(f[i + 1]);
            } catch (IllegalArgumentException e) {
                throw in.error("Properties: unknown type '" + f[i + 1] + "' of " + name + " (expected R, I, S or L)");
            }
            if (!LineReader.isInteger(f[i + 2]) || f[i + 2].startsWith("-") || f[i + 2].startsWith("+")) {
                throw in.error("Properties: column count '" + f[i + 2] + "' of " + name + " is not a positive integer");
            }
            int width;
            try {
                width = Integer.parseInt(f[i + 2]);
            } catch (NumberFormatException e) {
                width = 0;
            }
            if (width < 1 || width > 1000) {
                throw in.error("Properties: column count " + f[i + 2] + " of " + name + " must be 1..1000");
            }
            if (!name.matches("[A-Za-z_][A-Za-z0-9_-]*")) {
                throw in.error("Properties: bad property name '" + name + "'");
            }
            if (!seen.add(name)) {
                throw in.error("Properties: " + name + " appears twice");
            }
            checkReserved(name, type, width, in);
            props.add(new Prop(name, type, width));
        }
        if (!seen.contains("pos")) {
            throw in.error("Properties '" + ExtXyz.abbreviate(raw) + "' has no pos:R:3");
        }
        return props;
    }

    /** species must be species:S:1; pos and forces must be R:3. */
    private static void checkReserved(String name, AtomColumn.Type type, int width, LineReader in) {
        switch (name) {
            case "species" -> {
                if (type != AtomColumn.Type.S || width != 1) {
                    throw in.error("Properties: species must be species:S:1, found " + name + ":" + type + ":" + width);
                }
            }
            case "pos", "forces" -> {
                if (type != AtomColumn.Type.R || width != 3) {
                    throw in.error("Properties: " + name + " must be " + name + ":R:3, found " + name + ":" + type
                            + ":" + width);
                }
            }
            default -> {
            }
        }
    }

    /**
     * Splits a comment line into key -> raw value (null for a bare key), in order. Quotes
     * {@code " ' { [} delimit values with spaces, a backslash escapes the next character.
     */
    static LinkedHashMap<String, String> parseComment(String line, LineReader in) {
        LinkedHashMap<String, String> out = new LinkedHashMap<>();
        int[] pos = {0};
        int len = line.length();
        while (true) {
            skipSpace(line, pos);
            if (pos[0] >= len) {
                break;
            }
            String key = readToken(line, pos, true, in);
            skipSpace(line, pos);
            String value = null;
            if (pos[0] < len && line.charAt(pos[0]) == '=') {
                pos[0]++;
                skipSpace(line, pos);
                value = pos[0] < len ? readToken(line, pos, false, in) : "";
            }
            if (key.isEmpty()) {
                throw in.error("empty key in comment line"
                        + (value == null ? "" : " (before value '" + ExtXyz.abbreviate(value) + "')"));
            }
            if (out.containsKey(key)) {
                throw in.error("key " + key + " appears twice in the comment line");
            }
            out.put(key, value);
        }
        return out;
    }

    private static void skipSpace(String s, int[] pos) {
        while (pos[0] < s.length() && Character.isWhitespace(s.charAt(pos[0]))) {
            pos[0]++;
        }
    }

    private static String readToken(String s, int[] pos, boolean stopAtEquals, LineReader in) {
        StringBuilder b = new StringBuilder();
        int i = pos[0];
        while (i < s.length()) {
            char ch = s.charAt(i);
            if (Character.isWhitespace(ch) || (stopAtEquals && ch == '=')) {
                break;
            }
            if (ch == '\\' && i + 1 < s.length()) {
                b.append(s.charAt(i + 1));
                i += 2;
                continue;
            }
            char close = switch (ch) {
                case '"' -> '"';
                case '\'' -> '\'';
                case '{' -> '}';
                case '[' -> ']';
                default -> 0;
            };
            if (close != 0) {
                int start = i;
                i++;
                boolean closed = false;
                while (i < s.length()) {
                    char q = s.charAt(i);
                    if (q == '\\' && i + 1 < s.length()) {
                        b.append(s.charAt(i + 1));
                        i += 2;
                        continue;
                    }
                    if (q == close) {
                        closed = true;
                        i++;
                        break;
                    }
                    b.append(q);
                    i++;
                }
                if (!closed) {
                    throw in.error("unterminated " + ch + " in comment line (opened at column " + (start + 1) + ")");
                }
                continue;
            }
            b.append(ch);
            i++;
        }
        pos[0] = i;
        return b.toString();
    }
}

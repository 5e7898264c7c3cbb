package org.helixff.io;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.helixff.FileFormatException;
import org.helixff.InvalidInputException;
import org.helixff.structure.Nanotube;
import org.helixff.structure.Structure;
import org.helixff.symmetry.HelicalGroup;
import org.helixff.symmetry.SymmetricStructure;

/**
 * Extended XYZ ("extxyz") files as ASE reads and writes them: per frame an atom count, a comment line
 * of {@code key=value} pairs and one line per atom with the columns named by {@code Properties}.
 *
 * <p><b>Reading.</b> The comment line is tokenised like ASE's reader: values may be quoted with
 * {@code "..."}, {@code '...'}, {@code {...}} or {@code [...]} (spaces inside), a backslash escapes the
 * next character, a key without {@code =} is the boolean true, and values are typed as integer, real,
 * boolean (T/F/True/False/true/false) or arrays of them, else text. {@code Properties} defaults to
 * {@code species:S:1:pos:R:3}; {@code pos:R:3} and {@code species:S:1} (or ASE's {@code Z:I:1}) are
 * required, {@code forces:R:3} is optional, other columns ({@code Z}, {@code masses}, {@code tags}, ...)
 * are kept as {@link AtomColumn}s. {@code Lattice} (9 numbers, rows a, b, c) and {@code pbc} (3
 * booleans; T T T when only a Lattice is given) define a full cell. A frame with the symmetry keys
 * {@code cyclic_order}, {@code screw_angle_rad}, {@code screw_translation_bohr} (the layout of the
 * shipped SPARC data, see {@code docs/notes-io.md}) becomes a {@link SymmetricStructure} (its
 * {@code n}, {@code m} and {@code mirror_image} info attach the builder's {@link Nanotube}); any other
 * becomes a full-cell {@link Structure}. The {@code units} key ({@code hartree_bohr} or
 * {@code eV_angstrom}, the latter assumed when absent, as ASE does) decides the conversion of
 * positions, cell, energy, free energy, forces, {@code virial}, {@code stress}, {@code dipole} and the
 * {@code energies} column; the symmetry keys are always radians and Bohr, as their names say.
 * Malformed, truncated or non-finite input throws {@link FileFormatException} naming the file and the
 * 1-based line ({@code "cnt.extxyz:14: expected 6 columns, found 4"}).
 *
 * <p><b>Writing.</b> Full cells are written the way {@code ase.io.read} understands natively:
 * {@code Lattice="..."} (Angstrom), {@code Properties=species:S:1:pos:R:3[:forces:R:3]}, {@code energy=}
 * (eV), {@code free_energy=}, {@code units=eV_angstrom}, the info, {@code pbc="T T T"}; forces in eV/A.
 * {@link FileUnits#HARTREE_BOHR} may be asked for instead. Symmetric frames are always written like
 * the SPARC data: {@code units=hartree_bohr}, no Lattice, {@code pbc="F F F"}, energy per motif and
 * {@code energy_per_atom}, and the symmetry keys, so that they read back as symmetric frames.
 * Precision: positions and cell {@value #POSITION_DECIMALS} decimals, energies {@value #ENERGY_DECIMALS}
 * decimals, forces (and other converted values) {@value #FORCE_DIGITS} digits after the point in
 * exponent form; untouched reals in their shortest exact form. Writing what was read gives the same
 * text again. Files are written atomically ({@link AtomicFiles}).
 */
public final class ExtXyz {
    /** Decimals of positions and lattice vectors (Bohr or Angstrom). */
    public static final int POSITION_DECIMALS = 10;
    /** Decimals of energies (Hartree or eV). */
    public static final int ENERGY_DECIMALS = 10;
    /** Digits after the point of forces and other converted values, in exponent notation. */
    public static final int FORCE_DIGITS = 10;
    /** Largest atom count accepted in one frame (guards against reading garbage as a count). */
    public static final long MAX_ATOMS = 50_000_000L;
    /** Largest |coordinate| or lattice component, Bohr (~53 um): beyond it a number is a mistake, not a structure. */
    public static final double MAX_COORDINATE_BOHR = 1e6;
    /** Largest |force component|, Ha/Bohr: overlapping atoms in Tersoff give ~1e2; beyond 1e4 no code means it. */
    public static final double MAX_FORCE_HA_PER_BOHR = 1e4;
    /** Largest |energy per atom|, Ha: all-electron energies of the heaviest atoms are ~3e4 Ha. */
    public static final double MAX_ENERGY_PER_ATOM_HA = 1e5;
    /** Atoms allocated before they are read; arrays double as more atom lines arrive. */
    static final int INITIAL_ATOM_CAPACITY = 1 << 12;

    /** Info keys converted between file and internal units: energy power, length power. */
    private static final Map<String, int[]> UNIT_INFO = Map.of(
            "virial", new int[] {1, 0},
            "stress", new int[] {1, -3},
            "dipole", new int[] {0, 1});
    private static final String ENERGIES_COLUMN = "energies";
    private static final Pattern COUNT = Pattern.compile("\\d+");
    private static final String[] ELEMENTS = ("X H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn"
            + " Fe Co Ni Cu Zn Ga Ge As Se Br Kr Rb Sr Y Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La Ce Pr"
            + " Nd Pm Sm Eu Gd Tb Dy Ho Er Tm Yb Lu Hf Ta W Re Os Ir Pt Au Hg Tl Pb Bi Po At Rn Fr Ra Ac Th Pa U Np"
            + " Pu Am Cm Bk Cf Es Fm Md No Lr Rf Db Sg Bh Hs Mt Ds Rg Cn Nh Fl Mc Lv Ts Og").split(" ");

    private ExtXyz() {
    }

    // ------------------------------------------------------------------------------------------ reading

    /**
     * Reads every frame of a file.
     *
     * @throws InvalidInputException if the file does not exist
     * @throws FileFormatException   on malformed, truncated or non-finite content (names file and line)
     */
    public static List<Frame> read(Path path) {
        try (LineReader in = LineReader.open(path)) {
            return read(in);
        }
    }

    /** Reads every frame from text; {@code name} is used in messages and provenance. */
    public static List<Frame> parse(String name, String text) {
        try (LineReader in = LineReader.ofText(name, text)) {
            return read(in);
        }
    }

    /** Reads every remaining frame from a line reader (frame indices count from 0 here). */
    public static List<Frame> read(LineReader in) {
        List<Frame> frames = new ArrayList<>();
        String line;
        while ((line = in.next()) != null) {
            if (line.isBlank()) {
                int blank = in.lineNumber();
                String rest;
                while ((rest = in.next()) != null && rest.isBlank()) {
                    // trailing blank lines are allowed
                }
                if (rest != null) {
                    throw in.error(blank, "blank line where the atom count of frame " + (frames.size() + 1)
                            + " was expected");
                }
                break;
            }
            frames.add(readFrame(in, line, frames.size()));
        }
        return frames;
    }

    private record Prop(String name, AtomColumn.Type type, int width) {
    }

    private static Frame readFrame(LineReader in, String countLine, int index) {
        int countLineNo = in.lineNumber();
        String frameName = "frame " + (index + 1);
        String c = countLine.strip();
        if (!COUNT.matcher(c).matches()) {
            throw in.error("expected the atom count of " + frameName + " (a non-negative integer), found '"
                    + abbreviate(c) + "'");
        }
        long count;
        try {
            count = Long.parseLong(c);
        } catch (NumberFormatException e) {
            count = Long.MAX_VALUE;
        }
        if (count > MAX_ATOMS) {
            throw in.error("atom count " + c + " of " + frameName + " exceeds " + MAX_ATOMS);
        }
        int n = (int) count;
        String comment = in.next();
        if (comment == null) {
            throw in.error(countLineNo + 1, "unexpected end of file: " + frameName + " has no comment line");
        }
        int commentLine = in.lineNumber();
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
        double lengthToBohr = 1.0 / units.lengthPerBohr();
        double energyToHa = 1.0 / units.energyPerHartree();
        Double energy = scalarKey(kv.remove("energy"), "energy", in);
        Double freeEnergy = scalarKey(kv.remove("free_energy"), "free_energy", in);
        scalarKey(kv.remove("energy_per_atom"), "energy_per_atom", in); // derived: recomputed on write
        String cycRaw = kv.remove("cyclic_order");
        String alphaRaw = kv.remove("screw_angle_rad");
        String hRaw = kv.remove("screw_translation_bohr");
        String twistRaw = kv.remove("twist_angle_rad_per_bohr");
        boolean symmetric = cycRaw != null || alphaRaw != null || hRaw != null || twistRaw != null;

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
                throw in.error("value of " + key + " is not finite: '" + abbreviate(raw) + "'");
            }
            int[] dims = UNIT_INFO.get(key);
            if (dims != null) {
                double f = 1.0 / units.factor(dims[0], dims[1]);
                if (v instanceof InfoValue.Real r) {
                    v = new InfoValue.Real(r.value() * f);
                } else if (v instanceof InfoValue.Int i) {
                    v = new InfoValue.Real(i.value() * f);
                } else if (v instanceof InfoValue.Reals r) {
                    double[] a = r.values();
                    for (int k = 0; k < a.length; k++) {
                        a[k] *= f;
                    }
                    v = new InfoValue.Reals(a);
                } else if (v instanceof InfoValue.Ints r) {
                    long[] a = r.values();
                    double[] d = new double[a.length];
                    for (int k = 0; k < a.length; k++) {
                        d[k] = a[k] * f;
                    }
                    v = new InfoValue.Reals(d);
                } else {
                    throw in.error(key + " must be numeric, found '" + abbreviate(raw) + "'");
                }
            }
            info.put(key, v);
        }

        // atoms
        int ncols = 0;
        for (Prop p : props) {
            ncols += p.width();
        }
        // arrays grow with the atoms actually read: an atom count alone never allocates (a huge count on a short
        // or endless input ends in "unexpected end of file" or the line limit, not in an OutOfMemoryError)
        int cap = Math.min(n, INITIAL_ATOM_CAPACITY);
        String[] species = new String[cap];
        double[] pos = new double[3 * cap];
        double[] forces = null;
        List<Object> extra = new ArrayList<>();
        List<Prop> extraProps = new ArrayList<>();
        boolean hasSpecies = false;
        long[] atomicNumbers = null;
        for (Prop p : props) {
            switch (p.name()) {
                case "species" -> hasSpecies = true;
                case "pos" -> {
                }
                case "forces" -> forces = new double[3 * cap];
                default -> {
                    extraProps.add(p);
                    int len = cap * p.width();
                    extra.add(switch (p.type()) {
                        case R -> new double[len];
                        case I -> new long[len];
                        case L -> new boolean[len];
                        case S -> new String[len];
                    });
                    if (p.name().equals("Z") && p.type() == AtomColumn.Type.I && p.width() == 1) {
                        atomicNumbers = (long[]) extra.get(extra.size() - 1);
                    }
                }
            }
        }
        if (!hasSpecies && atomicNumbers == null) {
            throw in.error(commentLine, "Properties needs species:S:1 or Z:I:1");
        }
        for (int i = 0; i < n; i++) {
            String line = in.next();
            if (line == null) {
                throw in.error(in.lineNumber() + 1, "unexpected end of file: " + frameName + " has " + i + " of "
                        + n + " atoms");
            }
            if (i == cap) {
                cap = (int) Math.min(n, 2L * cap);
                species = Arrays.copyOf(species, cap);
                pos = Arrays.copyOf(pos, 3 * cap);
                forces = forces == null ? null : Arrays.copyOf(forces, 3 * cap);
                for (int x = 0; x < extra.size(); x++) {
                    int len = cap * extraProps.get(x).width();
                    Object a = extra.get(x);
                    Object grown = switch (extraProps.get(x).type()) {
                        case R -> Arrays.copyOf((double[]) a, len);
                        case I -> Arrays.copyOf((long[]) a, len);
                        case L -> Arrays.copyOf((boolean[]) a, len);
                        case S -> Arrays.copyOf((String[]) a, len);
                    };
                    if (a == atomicNumbers) {
                        atomicNumbers = (long[]) grown;
                    }
                    extra.set(x, grown);
                }
            }
            String[] f = LineReader.fields(line);
            if (f.length != ncols) {
                throw in.error("expected " + ncols + " columns, found " + f.length);
            }
            int col = 0;
            int extraIndex = 0;
            for (Prop p : props) {
                switch (p.name()) {
                    case "species" -> species[i] = f[col];
                    case "pos" -> {
                        for (int d = 0; d < 3; d++) {
                            pos[3 * i + d] = in.number(f[col + d], "pos " + "xyz".charAt(d) + " of atom " + (i + 1))
                                    * lengthToBohr;
                        }
                    }
                    case "forces" -> {
                        double fc = lengthToBohr / energyToHa;
                        for (int d = 0; d < 3; d++) {
                            forces[3 * i + d] = in.number(f[col + d], "force " + "xyz".charAt(d) + " of atom "
                                    + (i + 1)) / fc;
                        }
                    }
                    default -> {
                        Object arr = extra.get(extraIndex++);
                        for (int d = 0; d < p.width(); d++) {
                            String tok = f[col + d];
                            String what = p.name() + (p.width() > 1 ? "[" + d + "]" : "") + " of atom " + (i + 1);
                            int k = i * p.width() + d;
                            switch (p.type()) {
                                case R -> ((double[]) arr)[k] = in.number(tok, what);
                                case I -> ((long[]) arr)[k] = in.integer(tok, what);
                                case L -> {
                                    Boolean b = InfoValue.parseBoolean(tok);
                                    if (b == null) {
                                        throw in.error(what + " is not a logical (T/F): '" + abbreviate(tok) + "'");
                                    }
                                    ((boolean[]) arr)[k] = b;
                                }
                                case S -> ((String[]) arr)[k] = tok;
                            }
                        }
                    }
                }
                col += p.width();
            }
        }
        if (!hasSpecies) {
            for (int i = 0; i < n; i++) {
                long z = atomicNumbers[i];
                if (z < 1 || z >= ELEMENTS.length) {
                    throw in.error(countLineNo + 2 + i, "atomic number " + z + " of atom " + (i + 1) + " is unknown");
                }
                species[i] = ELEMENTS[(int) z];
            }
        }
        List<AtomColumn> columns = new ArrayList<>();
        for (int k = 0; k < extraProps.size(); k++) {
            Prop p = extraProps.get(k);
            Object arr = extra.get(k);
            columns.add(switch (p.type()) {
                case R -> {
                    double[] a = (double[]) arr;
                    if (p.name().equals(ENERGIES_COLUMN)) {
                        for (int i = 0; i < a.length; i++) {
                            a[i] *= energyToHa;
                        }
                    }
                    yield AtomColumn.reals(p.name(), p.width(), a);
                }
                case I -> AtomColumn.ints(p.name(), p.width(), (long[]) arr);
                case L -> AtomColumn.logicals(p.name(), p.width(), (boolean[]) arr);
                case S -> AtomColumn.strings(p.name(), p.width(), (String[]) arr);
            });
        }

        checkPlausible(in, pos, forces, n, countLineNo + 2);
        for (Double e : new Double[] {energy, freeEnergy}) {
            if (e != null && n > 0 && !(Math.abs(e * energyToHa / n) <= MAX_ENERGY_PER_ATOM_HA)) {
                throw in.error(commentLine, String.format(Locale.ROOT, "energy %s Ha/atom is implausible (|E| <= %.0g"
                        + " Ha/atom)", value(e * energyToHa / n), MAX_ENERGY_PER_ATOM_HA));
            }
        }
        Frame frame;
        try {
            if (symmetric) {
                if (latticeRaw != null) {
                    throw in.error(commentLine, "a symmetric frame (cyclic_order, screw_angle_rad, ...) cannot have a Lattice");
                }
                frame = Frame.of(symmetricStructure(species, pos, cycRaw, alphaRaw, hRaw, twistRaw, info, in,
                        commentLine));
            } else {
                double[] cell = new double[9];
                if (latticeRaw != null) {
                    String[] t = latticeRaw.strip().split("[\\s,]+");
                    if (t.length != 9) {
                        throw in.error(commentLine, "Lattice needs 9 numbers, found " + t.length);
                    }
                    for (int k = 0; k < 9; k++) {
                        cell[k] = in.number(t[k], "Lattice component " + (k + 1), commentLine) * lengthToBohr;
                        if (!(Math.abs(cell[k]) <= MAX_COORDINATE_BOHR)) {
                            throw in.error(commentLine, String.format(Locale.ROOT, "Lattice component %d = %s Bohr is"
                                    + " implausible (|x| <= %.0g Bohr)", k + 1, value(cell[k]), MAX_COORDINATE_BOHR));
                        }
                    }
                }
                boolean[] pbc = latticeRaw != null ? new boolean[] {true, true, true} : new boolean[3];
                if (pbcRaw != null) {
                    String[] t = pbcRaw.strip().split("[\\s,]+");
                    if (t.length != 3) {
                        throw in.error(commentLine, "pbc needs 3 booleans, found '" + abbreviate(pbcRaw) + "'");
                    }
                    for (int d = 0; d < 3; d++) {
                        Boolean b = InfoValue.parseBoolean(t[d]);
                        if (b == null) {
                            throw in.error(commentLine, "pbc needs 3 booleans (T/F), found '" + abbreviate(pbcRaw) + "'");
                        }
                        pbc[d] = b;
                    }
                    if (latticeRaw == null && (pbc[0] || pbc[1] || pbc[2])) {
                        throw in.error(commentLine, "pbc=\"" + pbcRaw.strip() + "\" is periodic but the frame has no Lattice");
                    }
                }
                frame = Frame.of(new Structure(species, pos, cell, pbc));
            }
            if (energy != null) {
                frame = frame.withEnergy(energy * energyToHa);
            }
            if (freeEnergy != null) {
                frame = frame.withFreeEnergy(freeEnergy * energyToHa);
            }
            if (forces != null) {
                frame = frame.withForces(forces);
            }
            for (AtomColumn col : columns) {
                frame = frame.withColumn(col);
            }
            frame = frame.withInfo(info);
        } catch (InvalidInputException e) {
            throw in.error(commentLine, e.getMessage());
        }
        return frame.withProvenance(new Frame.Provenance(in.name(), index, countLineNo));
    }

    /**
     * Finite but absurd numbers are refused where they are read: a coordinate beyond {@link #MAX_COORDINATE_BOHR}
     * or a force beyond {@link #MAX_FORCE_HA_PER_BOHR} (atom lines start at {@code firstAtomLine}).
     */
    /** A number for a message: %.6g, or "out of double range" for a value that overflowed in a unit conversion. */
    private static String value(double x) {
        return Double.isFinite(x) ? String.format(Locale.ROOT, "%.6g", x) : (x < 0 ? "-" : "+") + "(beyond 1.8e308)";
    }

    private static void checkPlausible(LineReader in, double[] pos, double[] forces, int n, int firstAtomLine) {
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < 3; d++) {
                double x = pos[3 * i + d];
                if (!(Math.abs(x) <= MAX_COORDINATE_BOHR)) {
                    throw in.error(firstAtomLine + i, String.format(Locale.ROOT, "pos %s of atom %d = %s Bohr is"
                            + " implausible (|x| <= %.0g Bohr)", "xyz".charAt(d), i + 1, value(x), MAX_COORDINATE_BOHR));
                }
                if (forces != null && !(Math.abs(forces[3 * i + d]) <= MAX_FORCE_HA_PER_BOHR)) {
                    throw in.error(firstAtomLine + i, String.format(Locale.ROOT, "force %s of atom %d = %s Ha/Bohr is"
                            + " implausible (|F| <= %.0g Ha/Bohr)", "xyz".charAt(d), i + 1, value(forces[3 * i + d]),
                            MAX_FORCE_HA_PER_BOHR));
                }
            }
        }
    }

    private static SymmetricStructure symmetricStructure(String[] species, double[] pos, String cycRaw,
            String alphaRaw, String hRaw, String twistRaw, Map<String, InfoValue> info, LineReader in, int line) {
        if (cycRaw == null || alphaRaw == null || hRaw == null) {
            throw in.error(line, "a symmetric frame needs cyclic_order, screw_angle_rad and screw_translation_bohr; missing "
                    + (cycRaw == null ? "cyclic_order " : "") + (alphaRaw == null ? "screw_angle_rad " : "")
                    + (hRaw == null ? "screw_translation_bohr" : "").strip());
        }
        if (species.length == 0) {
            throw in.error(line, "a symmetric frame needs at least one motif atom");
        }
        if (!LineReader.isInteger(cycRaw.strip())) {
            throw in.error(line, "cyclic_order must be a positive integer, found '" + abbreviate(cycRaw) + "'");
        }
        long cyc = in.integer(cycRaw.strip(), "cyclic_order");
        if (cyc < 1 || cyc > Integer.MAX_VALUE) {
            throw in.error(line, "cyclic_order must be a positive integer, found " + cyc);
        }
        double alpha = in.number(alphaRaw.strip(), "screw_angle_rad", line);
        double h = in.number(hRaw.strip(), "screw_translation_bohr", line);
        if (!(h > 0)) {
            throw in.error(line, "screw_translation_bohr must be positive, found " + hRaw.strip());
        }
        if (twistRaw != null) {
            double tw = in.number(twistRaw.strip(), "twist_angle_rad_per_bohr", line);
            double expected = alpha / h;
            if (Math.abs(tw - expected) > 1e-9 * Math.max(1.0, Math.abs(expected))) {
                throw in.error(line, "twist_angle_rad_per_bohr=" + twistRaw.strip()
                        + " disagrees with screw_angle_rad/screw_translation_bohr = " + expected);
            }
        }
        HelicalGroup group = new HelicalGroup((int) cyc, alpha, h);
        return new SymmetricStructure(species, pos, group, tubeFromInfo(info, (int) cyc));
    }

    /**
     * The builder's tube named by info {@code n}, {@code m} (and {@code mirror_image=T}: the mirror
     * image z -> -z, i.e. the builder's (m, n)), if it exists and has the frame's cyclic order.
     */
    private static Nanotube tubeFromInfo(Map<String, InfoValue> info, int cyclicOrder) {
        if (!(info.get("n") instanceof InfoValue.Int n) || !(info.get("m") instanceof InfoValue.Int m)) {
            return null;
        }
        boolean mirror = info.get("mirror_image") instanceof InfoValue.Bool b && b.value();
        long a = mirror ? m.value() : n.value();
        long b = mirror ? n.value() : m.value();
        if (a < 1 || b < 0 || a > 100000 || b > 100000) {
            return null;
        }
        try {
            Nanotube t = Nanotube.of((int) a, (int) b);
            return t.cyclicOrder() == cyclicOrder ? t : null;
        } catch (InvalidInputException e) {
            return null;
        }
    }

    private static Double scalarKey(String raw, String key, LineReader in) {
        if (raw == null) {
            return null;
        }
        String t = raw.strip();
        return in.number(t, key);
    }

    private static List<Prop> parseProperties(String raw, LineReader in) {
        String[] f = raw.strip().split(":", -1);
        if (f.length % 3 != 0 || raw.isBlank()) {
            throw in.error("Properties '" + abbreviate(raw) + "' is not a list of name:type:columns triples");
        }
        List<Prop> props = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
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
            props.add(new Prop(name, type, width));
        }
        if (!seen.contains("pos")) {
            throw in.error("Properties '" + abbreviate(raw) + "' has no pos:R:3");
        }
        return props;
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
                throw in.error("empty key in comment line" + (value == null ? "" : " (before value '" + abbreviate(value) + "')"));
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

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    // ------------------------------------------------------------------------------------------ writing

    /**
     * Writes frames atomically: full cells in eV/Angstrom (ASE's native units), symmetric frames in
     * Hartree/Bohr with the symmetry keys.
     *
     * @throws InvalidInputException for values the format cannot hold (whitespace in a species, ...)
     */
    public static void write(Path path, List<Frame> frames) {
        write(path, frames, FileUnits.EV_ANGSTROM);
    }

    /** Writes frames atomically, full cells in the given units (symmetric frames always in Hartree/Bohr). */
    public static void write(Path path, List<Frame> frames, FileUnits cellUnits) {
        for (Frame f : frames) {
            checkWritable(f);
        }
        AtomicFiles.writeText(path, w -> write(w, frames, cellUnits));
    }

    /** Writes frames to a character stream (not closed), in pieces of about 64 kB. */
    public static void write(Writer out, List<Frame> frames, FileUnits cellUnits) throws IOException {
        StringBuilder b = new StringBuilder(1 << 17);
        for (Frame f : frames) {
            appendFrame(b, f, cellUnits, out);
        }
        out.append(b);
    }

    /** The extxyz text of frames, full cells in the given units. */
    public static String format(List<Frame> frames, FileUnits cellUnits) {
        StringBuilder b = new StringBuilder(1 << 12);
        try {
            for (Frame f : frames) {
                appendFrame(b, f, cellUnits, null);
            }
        } catch (IOException e) {
            throw new IllegalStateException("no I/O happens without a writer", e);
        }
        return b.toString();
    }

    /** The extxyz text of one frame, full cells in the given units. */
    public static String format(Frame frame, FileUnits cellUnits) {
        return format(Collections.singletonList(frame), cellUnits);
    }

    private static void checkWritable(Frame f) {
        for (String s : f.species()) {
            if (s.chars().anyMatch(Character::isWhitespace)) {
                throw new InvalidInputException("species '" + s + "' contains whitespace: cannot be written as extxyz");
            }
        }
    }

    /** Appends one frame; with a writer, flushes the buffer into it whenever it exceeds 64 kB. */
    private static void appendFrame(StringBuilder b, Frame f, FileUnits cellUnits, Writer out) throws IOException {
        checkWritable(f);
        FileUnits u = f.isSymmetric() ? FileUnits.HARTREE_BOHR : cellUnits;
        double lf = u.lengthPerBohr();
        double ef = u.energyPerHartree();
        double ff = ef / lf;
        int n = f.atoms();
        String[] species = f.species();
        b.append(n).append('\n');
        Structure cell = f.cell().orElse(null);
        if (cell != null) {
            double[] lat = cell.cell();
            boolean any = false;
            for (double x : lat) {
                any |= x != 0;
            }
            if (any || cell.pbc(0) || cell.pbc(1) || cell.pbc(2)) {
                b.append("Lattice=\"");
                for (int k = 0; k < 9; k++) {
                    if (k > 0) {
                        b.append(' ');
                    }
                    Decimal.appendFixed(b, lat[k] * lf, POSITION_DECIMALS);
                }
                b.append("\" ");
            }
        }
        b.append("Properties=species:S:1:pos:R:3");
        if (f.hasForces()) {
            b.append(":forces:R:3");
        }
        for (AtomColumn c : f.columns()) {
            b.append(':').append(c.name()).append(':').append(c.type()).append(':').append(c.width());
        }
        if (f.energy().isPresent()) {
            b.append(" energy=");
            Decimal.appendFixed(b, f.energy().getAsDouble() * ef, ENERGY_DECIMALS);
            if (f.isSymmetric() && n > 0) {
                b.append(" energy_per_atom=");
                Decimal.appendFixed(b, f.energy().getAsDouble() * ef / n, ENERGY_DECIMALS);
            }
        }
        if (f.freeEnergy().isPresent()) {
            b.append(" free_energy=");
            Decimal.appendFixed(b, f.freeEnergy().getAsDouble() * ef, ENERGY_DECIMALS);
        }
        b.append(" units=").append(u.key());
        SymmetricStructure sym = f.symmetric().orElse(null);
        if (sym != null) {
            HelicalGroup g = sym.group();
            b.append(" cyclic_order=").append(g.cyclicOrder());
            b.append(" screw_angle_rad=").append(Double.toString(g.screwAngle()));
            b.append(" screw_translation_bohr=").append(Double.toString(g.screwShift()));
            b.append(" twist_angle_rad_per_bohr=").append(Double.toString(g.twistPerLength()));
            Nanotube t = sym.tube().orElse(null);
            if (t != null && !f.info().containsKey("n") && !f.info().containsKey("m")) {
                b.append(" n=").append(t.n()).append(" m=").append(t.m());
            }
        }
        for (Map.Entry<String, InfoValue> e : f.info().entrySet()) {
            b.append(' ').append(e.getKey());
            InfoValue v = e.getValue();
            int[] dims = UNIT_INFO.get(e.getKey());
            if (dims != null && (v instanceof InfoValue.Real || v instanceof InfoValue.Reals)) {
                double fac = u.factor(dims[0], dims[1]);
                double[] a = v instanceof InfoValue.Real r ? new double[] {r.value()} : ((InfoValue.Reals) v).values();
                b.append(a.length == 1 ? "=" : "=\"");
                for (int k = 0; k < a.length; k++) {
                    if (k > 0) {
                        b.append(' ');
                    }
                    Decimal.appendScientific(b, a[k] * fac, FORCE_DIGITS);
                }
                if (a.length != 1) {
                    b.append('"');
                }
                continue;
            }
            b.append('=').append(quoted(v));
        }
        b.append(" pbc=\"");
        boolean[] pbc = cell != null ? cell.pbc() : new boolean[3];
        b.append(pbc[0] ? 'T' : 'F').append(' ').append(pbc[1] ? 'T' : 'F').append(' ').append(pbc[2] ? 'T' : 'F');
        b.append("\"\n");

        double[] pos = f.positions();
        double[] forces = f.forces().orElse(null);
        for (int i = 0; i < n; i++) {
            b.append(species[i]);
            for (int d = 0; d < 3; d++) {
                b.append(' ');
                Decimal.appendFixed(b, pos[3 * i + d] * lf, POSITION_DECIMALS);
            }
            if (forces != null) {
                for (int d = 0; d < 3; d++) {
                    b.append(' ');
                    Decimal.appendScientific(b, forces[3 * i + d] * ff, FORCE_DIGITS);
                }
            }
            for (AtomColumn c : f.columns()) {
                if (c.name().equals(ENERGIES_COLUMN) && c.type() == AtomColumn.Type.R) {
                    double[] v = c.realValues();
                    for (int d = 0; d < c.width(); d++) {
                        b.append(' ');
                        Decimal.appendScientific(b, v[i * c.width() + d] * ef, FORCE_DIGITS);
                    }
                } else {
                    for (int d = 0; d < c.width(); d++) {
                        b.append(' ').append(c.token(i, d));
                    }
                }
            }
            b.append('\n');
            if (out != null && b.length() > (1 << 16)) {
                out.append(b);
                b.setLength(0);
            }
        }
    }

    /** The value as it goes after {@code key=}: arrays and text with special characters quoted. */
    static String quoted(InfoValue v) {
        String t = v.text();
        boolean array = v instanceof InfoValue.Reals || v instanceof InfoValue.Ints || v instanceof InfoValue.Bools;
        boolean needs = array || t.isEmpty();
        for (int i = 0; i < t.length() && !needs; i++) {
            char c = t.charAt(i);
            needs = Character.isWhitespace(c) || "\"'{}[]=\\,".indexOf(c) >= 0;
        }
        if (!needs) {
            return t;
        }
        return '"' + t.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}

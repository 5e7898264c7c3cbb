package org.helixff.io.sparc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.helixff.InvalidInputException;
import org.helixff.io.AtomicFiles;
import org.helixff.io.LineReader;

/**
 * A SPARC ion file ({@code .ion}): one block per atom type with {@code ATOM_TYPE},
 * {@code N_TYPE_ATOM}, {@code PSEUDO_POT}, optional {@code ATOMIC_MASS}, and the coordinates under
 * {@code COORD:} (Cartesian, Bohr) or {@code COORD_FRAC:} (fractional). For cyclix runs the shipped
 * files give Cartesian coordinates of the domain atoms (inside the fundamental domain); SPARC converts
 * them to its helical coordinates itself. Immutable; arrays copied.
 */
public final class SparcIon {
    /**
     * One atom type.
     *
     * @param type            element symbol
     * @param pseudopotential pseudopotential file name
     * @param mass            atomic mass in amu, NaN when not given (SPARC's default)
     * @param coordinates     3 per atom, Cartesian Bohr or fractional
     * @param fractional      true for {@code COORD_FRAC}
     */
    public record AtomType(String type, String pseudopotential, double mass, double[] coordinates, boolean fractional) {
        public AtomType {
            if (type == null || !type.matches("[A-Za-z][A-Za-z0-9_]*")) {
                throw new InvalidInputException("SPARC atom type '" + type + "' must be a symbol");
            }
            if (pseudopotential == null || pseudopotential.isBlank() || pseudopotential.chars().anyMatch(Character::isWhitespace)) {
                throw new InvalidInputException("SPARC pseudopotential file '" + pseudopotential + "' must be one word");
            }
            if (coordinates.length == 0 || coordinates.length % 3 != 0) {
                throw new InvalidInputException("SPARC atom type " + type + ": " + coordinates.length + " coordinates");
            }
            coordinates = coordinates.clone();
            for (double c : coordinates) {
                if (!Double.isFinite(c)) {
                    throw new InvalidInputException("SPARC atom type " + type + ": non-finite coordinate " + c);
                }
            }
        }

        @Override
        public double[] coordinates() {
            return coordinates.clone();
        }

        /** Atoms of this type. */
        public int count() {
            return coordinates.length / 3;
        }
    }

    /** Decimals of coordinates written (as in the shipped files). */
    public static final int COORD_DECIMALS = 12;

    private final List<AtomType> types;

    /** An ion file with the given atom types, in order. */
    public SparcIon(List<AtomType> types) {
        if (types.isEmpty()) {
            throw new InvalidInputException("SPARC ion file needs at least one atom type");
        }
        this.types = List.copyOf(types);
    }

    /** The atom types, in file order (unmodifiable). */
    public List<AtomType> types() {
        return types;
    }

    /** Total number of atoms. */
    public int atoms() {
        int n = 0;
        for (AtomType t : types) {
            n += t.count();
        }
        return n;
    }

    /** Element of every atom, in file order. */
    public String[] species() {
        String[] s = new String[atoms()];
        int i = 0;
        for (AtomType t : types) {
            for (int a = 0; a < t.count(); a++) {
                s[i++] = t.type();
            }
        }
        return s;
    }

    /**
     * Cartesian positions of all atoms in file order, Bohr; fractional blocks are converted with the
     * input's cyclix coordinates ({@code CELL} L1 for the radial fraction).
     */
    public double[] cartesian(SparcInput input) {
        double[] out = new double[3 * atoms()];
        int i = 0;
        for (AtomType t : types) {
            double[] c = t.coordinates();
            if (t.fractional()) {
                CyclixCoordinates cc = input.cyclix();
                double l1 = input.cell()[0];
                for (int a = 0; a < t.count(); a++) {
                    double[] x = cc.fromFractional(c[3 * a], c[3 * a + 1], c[3 * a + 2], l1);
                    System.arraycopy(x, 0, out, 3 * (i + a), 3);
                }
            } else {
                System.arraycopy(c, 0, out, 3 * i, c.length);
            }
            i += t.count();
        }
        return out;
    }

    /** Reads a {@code .ion} file. */
    public static SparcIon read(Path path) {
        try (LineReader in = LineReader.open(path)) {
            return read(in);
        }
    }

    /** Parses {@code .ion} text; {@code name} is used in messages. */
    public static SparcIon parse(String name, String text) {
        try (LineReader in = LineReader.ofText(name, text)) {
            return read(in);
        }
    }

    static SparcIon read(LineReader in) {
        List<AtomType> types = new ArrayList<>();
        String type = null;
        String pp = null;
        double mass = Double.NaN;
        long count = -1;
        double[] coords = null;
        boolean frac = false;
        int typeLine = 0;
        String line;
        while (true) {
            line = in.next();
            String t = line == null ? null : strip(line);
            if (t != null && t.isEmpty()) {
                continue;
            }
            String key = null;
            String value = null;
            if (t != null) {
                int colon = t.indexOf(':');
                if (colon <= 0) {
                    throw in.error("expected 'KEY: value', found '" + t + "'");
                }
                key = t.substring(0, colon).strip().toUpperCase(Locale.ROOT);
                value = t.substring(colon + 1).strip();
            }
            if (t == null || key.equals("ATOM_TYPE")) {
                if (type != null) {
                    if (pp == null || coords == null) {
                        throw in.error(typeLine, "atom type " + type + " has no " + (pp == null ? "PSEUDO_POT" : "COORD"));
                    }
                    try {
                        types.add(new AtomType(type, pp, mass, coords, frac));
                    } catch (InvalidInputException e) {
                        throw in.error(typeLine, e.getMessage());
                    }
                }
                if (t == null) {
                    break;
                }
                type = value;
                typeLine = in.lineNumber();
                pp = null;
                mass = Double.NaN;
                count = -1;
                coords = null;
                frac = false;
                continue;
            }
            if (type == null) {
                throw in.error(key + " before the first ATOM_TYPE");
            }
            switch (key) {
                case "N_TYPE_ATOM" -> {
                    count = in.integer(value, "N_TYPE_ATOM");
                    if (count < 1 || count > 10_000_000) {
                        throw in.error("N_TYPE_ATOM " + count + " must be 1..10000000");
                    }
                }
                case "PSEUDO_POT" -> pp = value;
                case "ATOMIC_MASS" -> mass = in.number(value, "ATOMIC_MASS");
                case "COORD", "COORD_FRAC" -> {
                    if (count < 0) {
                        throw in.error(key + " before N_TYPE_ATOM of atom type " + type);
                    }
                    frac = key.equals("COORD_FRAC");
                    coords = new double[(int) (3 * count)];
                    for (int a = 0; a < count; a++) {
                        String row = in.next();
                        if (row == null) {
                            throw in.error(in.lineNumber() + 1, "unexpected end of file: atom type " + type + " has "
                                    + a + " of " + count + " coordinates");
                        }
                        String[] f = LineReader.fields(strip(row));
                        if (f.length != 3) {
                            throw in.error("expected 3 coordinates, found " + f.length);
                        }
                        for (int d = 0; d < 3; d++) {
                            coords[3 * a + d] = in.number(f[d], "coordinate " + "xyz".charAt(d) + " of " + type
                                    + " atom " + (a + 1));
                        }
                    }
                }
                default -> throw in.error("unsupported ion-file key " + key + " (supported: ATOM_TYPE, N_TYPE_ATOM,"
                        + " PSEUDO_POT, ATOMIC_MASS, COORD, COORD_FRAC)");
            }
        }
        if (types.isEmpty()) {
            throw in.error(Math.max(1, in.lineNumber()), "no ATOM_TYPE block");
        }
        return new SparcIon(types);
    }

    private static String strip(String line) {
        int hash = line.indexOf('#');
        return (hash >= 0 ? line.substring(0, hash) : line).strip();
    }

    /** The text of the file: per type ATOM_TYPE, N_TYPE_ATOM, PSEUDO_POT, [ATOMIC_MASS], COORD(_FRAC) rows. */
    public String format() {
        StringBuilder b = new StringBuilder();
        boolean first = true;
        for (AtomType t : types) {
            if (!first) {
                b.append('\n');
            }
            first = false;
            b.append("ATOM_TYPE: ").append(t.type()).append('\n');
            b.append("N_TYPE_ATOM: ").append(t.count()).append('\n');
            b.append("PSEUDO_POT: ").append(t.pseudopotential()).append('\n');
            if (!Double.isNaN(t.mass())) {
                b.append("ATOMIC_MASS: ").append(t.mass()).append('\n');
            }
            b.append(t.fractional() ? "COORD_FRAC:" : "COORD:").append('\n');
            double[] c = t.coordinates();
            for (int a = 0; a < t.count(); a++) {
                b.append(String.format(Locale.ROOT, "%.12f %.12f %.12f%n", c[3 * a], c[3 * a + 1], c[3 * a + 2]));
            }
        }
        return b.toString().replace(System.lineSeparator(), "\n");
    }

    /** Writes the file atomically. */
    public void write(Path path) {
        AtomicFiles.writeString(path, format());
    }
}

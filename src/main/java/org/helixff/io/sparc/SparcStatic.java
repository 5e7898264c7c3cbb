package org.helixff.io.sparc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.helixff.io.LineReader;

/**
 * SPARC's single-point result file ({@code .static}, written with {@code PRINT_ATOMS}/{@code PRINT_FORCES}):
 * the fractional atom positions per type, the total free energy of the domain (Hartree: for cyclix
 * the free energy of the infinite tube per domain) and the Cartesian forces on the domain atoms
 * (Ha/Bohr). Positions become Cartesian with {@link #cartesianPositions(SparcInput)}. Immutable.
 */
public final class SparcStatic {
    private final String name;
    private final List<String> species;
    private final double[] fractional;
    private final Double freeEnergy;
    private final double[] forces;

    private SparcStatic(String name, List<String> species, double[] fractional, Double freeEnergy, double[] forces) {
        this.name = name;
        this.species = List.copyOf(species);
        this.fractional = fractional;
        this.freeEnergy = freeEnergy;
        this.forces = forces;
    }

    /** Reads a {@code .static} file. */
    public static SparcStatic read(Path path) {
        try (LineReader in = LineReader.open(path)) {
            return read(in);
        }
    }

    /** Parses {@code .static} text; {@code name} is used in messages. */
    public static SparcStatic parse(String name, String text) {
        try (LineReader in = LineReader.ofText(name, text)) {
            return read(in);
        }
    }

    static SparcStatic read(LineReader in) {
        List<String> species = new ArrayList<>();
        List<double[]> frac = new ArrayList<>();
        List<double[]> forces = null;
        Double energy = null;
        String line = in.next();
        while (line != null) {
            String t = line.strip();
            if (t.startsWith("Fractional coordinates of ")) {
                String type = t.substring("Fractional coordinates of ".length()).replace(":", "").strip();
                line = readRows(in, frac, species, type, "fractional coordinate");
                continue;
            }
            if (t.startsWith("Total free energy")) {
                int colon = t.lastIndexOf(':');
                if (colon < 0) {
                    throw in.error("expected 'Total free energy (Ha): value'");
                }
                energy = in.number(t.substring(colon + 1).strip(), "total free energy");
            } else if (t.startsWith("Atomic forces")) {
                forces = new ArrayList<>();
                line = readRows(in, forces, null, null, "force component");
                continue;
            }
            line = in.next();
        }
        if (frac.isEmpty() && forces == null && energy == null) {
            throw in.error(Math.max(1, in.lineNumber()), "no atom positions, free energy or forces: not a SPARC .static file");
        }
        if (forces != null && !frac.isEmpty() && forces.size() != frac.size()) {
            throw in.error("forces for " + forces.size() + " atoms but positions for " + frac.size());
        }
        return new SparcStatic(in.name(), species, flatten(frac), energy, forces == null ? null : flatten(forces));
    }

    /** Reads rows of 3 numbers until a line that is not one; returns that line (null at the end). */
    private static String readRows(LineReader in, List<double[]> rows, List<String> species, String type, String what) {
        String line;
        while ((line = in.next()) != null) {
            String[] f = LineReader.fields(line);
            if (f.length == 0 || !LineReader.isDecimal(f[0]) && !LineReader.isNonFinite(f[0])) {
                return line;
            }
            if (f.length != 3) {
                throw in.error("expected 3 columns, found " + f.length);
            }
            double[] r = new double[3];
            for (int d = 0; d < 3; d++) {
                r[d] = in.number(f[d], what + " " + (d + 1) + " of atom " + (rows.size() + 1));
            }
            rows.add(r);
            if (species != null) {
                species.add(type);
            }
        }
        return null;
    }

    private static double[] flatten(List<double[]> rows) {
        double[] out = new double[3 * rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, out, 3 * i, 3);
        }
        return out;
    }

    /** The file name the results were read from (for messages). */
    public String name() {
        return name;
    }

    /** Number of atoms with positions. */
    public int atoms() {
        return species.size();
    }

    /** Element per atom (from the "Fractional coordinates of X" headers). */
    public String[] species() {
        return species.toArray(new String[0]);
    }

    /** Fractional coordinates (r / L1, theta / L2, z / L3 for cyclix), 3 per atom. */
    public double[] fractional() {
        return fractional.clone();
    }

    /** Cartesian positions, Bohr, from the fractional ones and the run's input. */
    public double[] cartesianPositions(SparcInput input) {
        CyclixCoordinates c = input.cyclix();
        double l1 = input.cell()[0];
        double[] out = new double[fractional.length];
        for (int i = 0; i < fractional.length; i += 3) {
            double[] x = c.fromFractional(fractional[i], fractional[i + 1], fractional[i + 2], l1);
            System.arraycopy(x, 0, out, i, 3);
        }
        return out;
    }

    /** Total free energy of the domain, Hartree (empty if not printed). */
    public OptionalDouble freeEnergy() {
        return freeEnergy == null ? OptionalDouble.empty() : OptionalDouble.of(freeEnergy);
    }

    /** Forces, 3 per atom, Cartesian Ha/Bohr; null if not printed. */
    public double[] forces() {
        return forces == null ? null : forces.clone();
    }
}

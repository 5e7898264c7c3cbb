package org.helixff.io.sparc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.helixff.io.LineReader;

/**
 * SPARC's molecular-dynamics output ({@code .aimd}): per MD step the scalar records ({@code :MDTM:},
 * {@code :TWIST:}, {@code :TEL:}, {@code :TIO:}, {@code :TEN:}, {@code :KEN:}, {@code :FEN:}, ...; the
 * energies in Hartree <em>per atom</em>) and the blocks {@code :R:} (Cartesian positions, Bohr),
 * {@code :V:} (velocities, Bohr per atomic time unit) and {@code :F:} (Cartesian forces, Ha/Bohr).
 * Other blocks ({@code :MIND:}, ...) are skipped. Immutable.
 */
public final class SparcAimd {
    /** One MD step. Arrays are 3 per atom (null when the block is absent). */
    public static final class Step {
        private final int step;
        private final int line;
        private final Map<String, Double> scalars;
        private final double[] positions;
        private final double[] velocities;
        private final double[] forces;

        Step(int step, int line, Map<String, Double> scalars, double[] positions, double[] velocities, double[] forces) {
            this.step = step;
            this.line = line;
            this.scalars = Collections.unmodifiableMap(new LinkedHashMap<>(scalars));
            this.positions = positions;
            this.velocities = velocities;
            this.forces = forces;
        }

        /** The MD step number ({@code :MDSTEP:}, 1-based as SPARC counts). */
        public int step() {
            return step;
        }

        /** Line of the {@code :MDSTEP:} record. */
        public int line() {
            return line;
        }

        /** Scalar records by name (MDTM, TWIST, TEL, TIO, TEN, KEN, KENIG, FEN, UEN, TSEN, ...). */
        public Map<String, Double> scalars() {
            return scalars;
        }

        /** One scalar record. */
        public OptionalDouble scalar(String key) {
            Double v = scalars.get(key);
            return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
        }

        /** Number of atoms (rows of the position block, else of the force block). */
        public int atoms() {
            return positions != null ? positions.length / 3 : forces != null ? forces.length / 3 : 0;
        }

        /** Cartesian positions, Bohr, 3 per atom; null if absent. */
        public double[] positions() {
            return positions == null ? null : positions.clone();
        }

        /** Velocities, Bohr per atomic time unit, 3 per atom; null if absent. */
        public double[] velocities() {
            return velocities == null ? null : velocities.clone();
        }

        /** Cartesian forces, Ha/Bohr, 3 per atom; null if absent. */
        public double[] forces() {
            return forces == null ? null : forces.clone();
        }

        /** Free energy per atom {@code :FEN:}, Hartree per atom. */
        public OptionalDouble freeEnergyPerAtom() {
            return scalar("FEN");
        }

        /** Free energy of the domain: FEN times the number of atoms, Hartree. */
        public OptionalDouble freeEnergy() {
            OptionalDouble fen = scalar("FEN");
            return fen.isPresent() && atoms() > 0 ? OptionalDouble.of(fen.getAsDouble() * atoms()) : OptionalDouble.empty();
        }
    }

    private final String name;
    private final List<Step> steps;

    private SparcAimd(String name, List<Step> steps) {
        this.name = name;
        this.steps = List.copyOf(steps);
    }

    /** Reads a {@code .aimd} file. */
    public static SparcAimd read(Path path) {
        try (LineReader in = LineReader.open(path)) {
            return read(in);
        }
    }

    /** Parses {@code .aimd} text; {@code name} is used in messages. */
    public static SparcAimd parse(String name, String text) {
        try (LineReader in = LineReader.ofText(name, text)) {
            return read(in);
        }
    }

    static SparcAimd read(LineReader in) {
        List<Step> steps = new ArrayList<>();
        String line = in.next();
        // header: everything before the first :MDSTEP:
        while (line != null && !line.startsWith(":MDSTEP:")) {
            line = in.next();
        }
        while (line != null) {
            int stepLine = in.lineNumber();
            int step = (int) in.integer(line.substring(":MDSTEP:".length()).strip(), "MD step number");
            Map<String, Double> scalars = new LinkedHashMap<>();
            double[] r = null;
            double[] v = null;
            double[] f = null;
            line = in.next();
            while (line != null && !line.startsWith(":MDSTEP:")) {
                String t = line.strip();
                if (t.isEmpty()) {
                    line = in.next();
                    continue;
                }
                if (!t.startsWith(":")) {
                    throw in.error("expected a ':KEY:' record in MD step " + step + ", found '" + abbreviate(t) + "'");
                }
                int close = t.indexOf(':', 1);
                if (close < 0) {
                    throw in.error("record '" + abbreviate(t) + "' has no closing ':'");
                }
                String key = t.substring(1, close);
                String rest = t.substring(close + 1).strip();
                if (!rest.isEmpty()) {
                    String[] fl = LineReader.fields(rest);
                    if (fl.length == 1) {
                        scalars.put(key, in.number(fl[0], ":" + key + ": of MD step " + step));
                    }
                    line = in.next();
                    continue;
                }
                List<double[]> rows = new ArrayList<>();
                boolean numeric = key.equals("R") || key.equals("V") || key.equals("F");
                while ((line = in.next()) != null && !line.strip().startsWith(":")) {
                    if (line.isBlank()) {
                        continue;
                    }
                    if (numeric) {
                        String[] fl = LineReader.fields(line);
                        if (fl.length != 3) {
                            throw in.error("expected 3 columns in :" + key + ": of MD step " + step + ", found " + fl.length);
                        }
                        double[] row = new double[3];
                        for (int d = 0; d < 3; d++) {
                            row[d] = in.number(fl[d], ":" + key + ": component " + (d + 1) + " of atom " + (rows.size() + 1));
                        }
                        rows.add(row);
                    }
                }
                if (numeric) {
                    double[] flat = new double[3 * rows.size()];
                    for (int i = 0; i < rows.size(); i++) {
                        System.arraycopy(rows.get(i), 0, flat, 3 * i, 3);
                    }
                    switch (key) {
                        case "R" -> r = flat;
                        case "V" -> v = flat;
                        default -> f = flat;
                    }
                }
            }
            int atoms = r != null ? r.length : f != null ? f.length : -1;
            if ((r != null && r.length != atoms) || (v != null && v.length != atoms) || (f != null && f.length != atoms)) {
                throw in.error(stepLine, "MD step " + step + ": position, velocity and force blocks have different atom counts");
            }
            steps.add(new Step(step, stepLine, scalars, r, v, f));
        }
        return new SparcAimd(in.name(), steps);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    /** The file name the run was read from (for messages). */
    public String name() {
        return name;
    }

    /** All MD steps in file order. */
    public List<Step> steps() {
        return steps;
    }

    /** The step with the given {@code :MDSTEP:} number. */
    public java.util.Optional<Step> step(int mdStep) {
        for (Step s : steps) {
            if (s.step() == mdStep) {
                return java.util.Optional.of(s);
            }
        }
        return java.util.Optional.empty();
    }
}

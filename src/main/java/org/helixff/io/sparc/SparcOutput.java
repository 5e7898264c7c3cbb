package org.helixff.io.sparc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.helixff.io.LineReader;

/**
 * SPARC's main output ({@code .out}): version, the echoed input parameters, mesh spacings, and per SCF
 * (one per single point or MD step) the iterations (free energy per atom, error, seconds), the number
 * of iterations and the results block ("Free energy per atom", "Total free energy", "Fermi level",
 * "RMS force", "Maximum force", "MD step time", ...; Hartree, Bohr, seconds). A run that was stopped
 * leaves a last SCF without results: it is kept with {@link Scf#complete()} false. SPARC's
 * "WARNING: SCF#k did not converge to desired accuracy!" lines (it still prints results and writes the
 * {@code .static}) are kept: {@link #converged(int)}. Immutable.
 *
 * <p>Note that the echoed {@code TWIST_ANGLE} is rounded to 6 significant digits by SPARC: use the
 * {@code .inpt} for geometry.
 */
public final class SparcOutput {
    /** Longest line of a SPARC .out file accepted, characters (SPARC's lines are below 200). */
    static final int MAX_LINE_CHARS = 4096;
    private static final Pattern SCF_HEADER = Pattern.compile("Self Consistent Field \\(SCF#(\\d+)\\)");
    private static final Pattern RESULT = Pattern.compile("^([^:]*[A-Za-z][^:]*?)\\s*:\\s*(\\S+)(.*)$");
    private static final Pattern KEY_VALUE = Pattern.compile("^([A-Z][A-Z0-9_]*):\\s*(.*)$");
    private static final Pattern VERSION = Pattern.compile("SPARC \\(version ([^)]*)\\)");
    private static final Pattern NOT_CONVERGED = Pattern.compile("^WARNING: SCF#(\\d+) did not converge");

    /**
     * One self-consistent field cycle.
     *
     * @param index      SCF number as printed (1-based; the MD step for MD runs)
     * @param line       line of the SCF header
     * @param iterations per iteration: free energy per atom (Ha), SCF error, wall seconds
     * @param results    the results block, label -> first number (units as printed)
     */
    public record Scf(int index, int line, List<double[]> iterations, Map<String, Double> results) {
        public Scf {
            List<double[]> it = new ArrayList<>();
            for (double[] r : iterations) {
                it.add(r.clone());
            }
            iterations = Collections.unmodifiableList(it);
            results = Collections.unmodifiableMap(new LinkedHashMap<>(results));
        }

        /** True if the cycle finished and printed its total free energy. */
        public boolean complete() {
            return results.containsKey("Total free energy");
        }

        /** "Total number of SCF" (empty if not reached). */
        public OptionalInt iterationCount() {
            Double v = results.get("Total number of SCF");
            return v == null ? OptionalInt.empty() : OptionalInt.of((int) Math.round(v));
        }

        /** Sum of the per-iteration wall times, seconds. */
        public double scfSeconds() {
            double s = 0;
            for (double[] r : iterations) {
                s += r[2];
            }
            return s;
        }

        /** "Total free energy" of the domain, Hartree. */
        public OptionalDouble totalFreeEnergy() {
            return result("Total free energy");
        }

        /** "Free energy per atom", Hartree per atom. */
        public OptionalDouble freeEnergyPerAtom() {
            return result("Free energy per atom");
        }

        /** One result by its printed label. */
        public OptionalDouble result(String label) {
            Double v = results.get(label);
            return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
        }
    }

    private final String name;
    private final String version;
    private final Map<String, String> parameters;
    private final double[] meshSpacing;
    private final List<Scf> scfs;
    private final Double walltime;
    private final List<String> warnings;
    private final Set<Integer> unconverged;

    private SparcOutput(String name, String version, Map<String, String> parameters, double[] meshSpacing,
            List<Scf> scfs, Double walltime, List<String> warnings, Set<Integer> unconverged) {
        this.name = name;
        this.version = version;
        this.parameters = Collections.unmodifiableMap(parameters);
        this.meshSpacing = meshSpacing;
        this.scfs = List.copyOf(scfs);
        this.walltime = walltime;
        this.warnings = List.copyOf(warnings);
        this.unconverged = Set.copyOf(unconverged);
    }

    /** Reads a {@code .out} file. */
    public static SparcOutput read(Path path) {
        try (LineReader in = LineReader.open(path)) {
            return read(in);
        }
    }

    /** Parses {@code .out} text; {@code name} is used in messages. */
    public static SparcOutput parse(String name, String text) {
        try (LineReader in = LineReader.ofText(name, text)) {
            return read(in);
        }
    }

    static SparcOutput read(LineReader in) {
        Parser p = new Parser(in);
        String line;
        while ((line = in.next()) != null) {
            String t = line.strip();
            if (t.length() > MAX_LINE_CHARS) {
                // SPARC writes short lines; a long one is not its output (and would make the patterns slow)
                throw in.error("line of " + t.length() + " characters: not a SPARC .out file");
            }
            p.line(t);
        }
        return p.finish();
    }

    /**
     * The state of one pass over a {@code .out} file: the header and parameter block, then SCF blocks (each an
     * iteration table followed by results), with warnings, mesh spacing and wall time anywhere.
     */
    private static final class Parser {
        private final LineReader in;
        private String version;
        private final Map<String, String> params = new LinkedHashMap<>();
        private final double[] mesh = new double[3];
        private final List<Scf> scfs = new ArrayList<>();
        private Double walltime;
        private boolean inParams;
        private boolean sawStars;
        private int scfIndex = -1;
        private int scfLine;
        private List<double[]> iterations;
        private Map<String, Double> results;
        private boolean inIterations;
        private final List<String> warnings = new ArrayList<>();
        private final Set<Integer> unconverged = new TreeSet<>();

        Parser(LineReader in) {
            this.in = in;
        }

        /** One stripped line. */
        void line(String t) {
            if (t.startsWith("WARNING")) {
                warnings.add(t);
                Matcher nc = NOT_CONVERGED.matcher(t);
                if (nc.find()) {
                    unconverged.add(Integer.parseInt(nc.group(1)));
                }
                return;
            }
            if (version == null) {
                Matcher vm = VERSION.matcher(t);
                if (vm.find()) {
                    version = vm.group(1).strip();
                    return;
                }
            }
            if (t.equals("Input parameters")) {
                inParams = true;
                sawStars = false;
                return;
            }
            if (inParams) {
                parameter(t);
                return;
            }
            Matcher sm = SCF_HEADER.matcher(t);
            if (sm.find()) {
                if (iterations != null) {
                    scfs.add(new Scf(scfIndex, scfLine, iterations, results));
                }
                scfIndex = Integer.parseInt(sm.group(1));
                scfLine = in.lineNumber();
                iterations = new ArrayList<>();
                results = new LinkedHashMap<>();
                inIterations = false;
                return;
            }
            if (t.startsWith("Mesh spacing in ")) {
                int d = t.startsWith("Mesh spacing in x") ? 0 : t.startsWith("Mesh spacing in y") ? 1 : 2;
                Matcher rm = RESULT.matcher(t);
                if (rm.matches()) {
                    mesh[d] = in.number(rm.group(2), "mesh spacing");
                }
                return;
            }
            if (t.startsWith("Total walltime")) {
                Matcher rm = RESULT.matcher(t);
                if (rm.matches()) {
                    walltime = in.number(rm.group(2), "total walltime");
                }
                return;
            }
            if (iterations != null) {
                scfLine(t);
            }
        }

        /** A line of the parameter block (closed by the second line of stars). */
        private void parameter(String t) {
            if (t.startsWith("*")) {
                if (sawStars) {
                    inParams = false;
                }
                sawStars = true;
                return;
            }
            Matcher kv = KEY_VALUE.matcher(t);
            if (kv.matches()) {
                params.put(kv.group(1), kv.group(2).strip());
            }
        }

        /** A line inside an SCF block: the iteration table or a result. */
        private void scfLine(String t) {
            if (t.startsWith("Iteration")) {
                inIterations = true;
                return;
            }
            String[] f = LineReader.fields(t);
            if (inIterations && f.length >= 4 && LineReader.isInteger(f[0])) {
                double[] row = new double[3];
                row[0] = in.number(f[1], "free energy of SCF iteration " + f[0]);
                row[1] = in.number(f[2], "SCF error of iteration " + f[0]);
                row[2] = in.number(f[3], "timing of SCF iteration " + f[0]);
                iterations.add(row);
                return;
            }
            inIterations = false;
            if (t.startsWith("Total number of SCF")) {
                int colon = t.indexOf(':');
                results.put("Total number of SCF", in.number(t.substring(colon + 1).strip(), "total number of SCF"));
                return;
            }
            Matcher rm = RESULT.matcher(t);
            if (rm.matches() && !t.startsWith("*") && !t.startsWith("=")) {
                Double v = LineReader.parseNumber(rm.group(2));
                if (v != null) {
                    results.put(rm.group(1).strip(), v);
                } else if (LineReader.isNonFinite(rm.group(2))) {
                    throw in.error(rm.group(1).strip() + " is not finite: '" + rm.group(2) + "'");
                }
            }
        }

        /** The output read; an error when nothing of SPARC was seen. */
        SparcOutput finish() {
            if (iterations != null) {
                scfs.add(new Scf(scfIndex, scfLine, iterations, results));
            }
            if (version == null && params.isEmpty() && scfs.isEmpty()) {
                throw in.error(Math.max(1, in.lineNumber()), "no SPARC header, parameters or SCF: not a SPARC .out"
                        + " file");
            }
            return new SparcOutput(in.name(), version, params, mesh, scfs, walltime, warnings, unconverged);
        }
    }

    /** The file name the output was read from (for messages). */
    public String name() {
        return name;
    }

    /** The version string ("December 03, 2025"), if printed. */
    public Optional<String> version() {
        return Optional.ofNullable(version);
    }

    /** The echoed input parameters (SPARC's formatting, e.g. rounded TWIST_ANGLE). */
    public Map<String, String> parameters() {
        return parameters;
    }

    /** Mesh spacing along x, y, z as printed (Bohr; y is angular for cyclix), 0 if absent. */
    public double[] meshSpacing() {
        return meshSpacing.clone();
    }

    /** Every SCF cycle in order, the last possibly incomplete. */
    public List<Scf> scfs() {
        return scfs;
    }

    /** The complete SCF cycles. */
    public List<Scf> completeScfs() {
        List<Scf> out = new ArrayList<>();
        for (Scf s : scfs) {
            if (s.complete()) {
                out.add(s);
            }
        }
        return out;
    }

    /** The SCF with the given printed number. */
    public Optional<Scf> scf(int index) {
        for (Scf s : scfs) {
            if (s.index() == index) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** "Total walltime" in seconds: present only if the run finished. */
    public OptionalDouble walltime() {
        return walltime == null ? OptionalDouble.empty() : OptionalDouble.of(walltime);
    }

    /** The lines of the file that start with "WARNING", in order (stripped). */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * False if SPARC printed "WARNING: SCF#{@code index} did not converge to desired accuracy!" (the SCF
     * stopped at MAXIT_SCF above TOL_SCF; its results are printed all the same).
     */
    public boolean converged(int index) {
        return !unconverged.contains(index);
    }

    /** True if SPARC printed its final timing (the run ended normally). */
    public boolean finished() {
        return walltime != null;
    }
}

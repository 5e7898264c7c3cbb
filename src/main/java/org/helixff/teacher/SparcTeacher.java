package org.helixff.teacher;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.helixff.HelixException;
import org.helixff.InvalidInputException;
import org.helixff.io.sparc.SparcJob;
import org.helixff.io.sparc.SparcOutput;
import org.helixff.io.sparc.SparcRun;
import org.helixff.io.sparc.SparcSettings;
import org.helixff.symmetry.SymmetricStructure;

/**
 * SPARC in its cyclix mode as a teacher: for each tube a fresh work directory
 * {@code workDirectory/sparc-NNNNNN} receives {@code <name>.inpt} and {@code <name>.ion}
 * ({@link SparcJob#prepare}: any tube and motif; mirrored when alpha < 0, atoms folded into SPARC's
 * domain) and the pseudopotential files (copied from {@link Options#pseudopotentials()} when given), the
 * user's command runs there (placeholders {@code {name}} and {@code {dir}}; e.g.
 * {@code mpirun -np 2 sparc -name {name}}), and the single-point result is read with
 * {@link SparcRun#read(Path, String)} from {@code <name>.static} (and {@code .out}): the total free energy
 * of the domain is the energy per motif; SPARC's forces are mapped back onto the caller's motif by
 * {@link SparcJob#motifForces(double[])}. The positions SPARC printed must be the ones written (to
 * {@link #POSITION_TOLERANCE}), so stale or foreign output is never taken for a label. No dE/dh (NaN).
 * The energy group is "SPARC", that of the shipped SPARC data.
 *
 * <p>Checked against a real SPARC (test fixtures {@code sparc-real}): a label whose SCF SPARC reports
 * as not converged ("WARNING: SCF#1 did not converge", printed with results all the same) is refused;
 * SPARC's other warnings, which it prints to standard output only (e.g. "upperbond for pseudocharge
 * radius ... is not big enough" at coarse meshes), are logged and kept in the label details
 * ({@code sparc_warnings}).
 */
public final class SparcTeacher implements Teacher {
    /** Calls made by this teacher: call k works in the directory numbered k (as the learn log numbers it). */
    private final java.util.concurrent.atomic.AtomicInteger callCount = new java.util.concurrent.atomic.AtomicInteger();
    private static final System.Logger LOG = System.getLogger(SparcTeacher.class.getName());

    /** Largest distance (Bohr) between the written and SPARC's printed atom positions. */
    public static final double POSITION_TOLERANCE = 1e-5;

    /**
     * Settings.
     *
     * @param command          command template, run in the work directory ({@code {name}}, {@code {dir}})
     * @param workDirectory    where call directories are made
     * @param settings         SPARC numerical settings ({@link SparcSettings#PRODUCTION}: those of the shipped data)
     * @param pseudopotentials directory holding the pseudopotential files named in the settings, copied into
     *                         each call directory; null if the command finds them itself
     * @param basename         SPARC's {@code -name} (file base name)
     * @param timeoutSeconds   wall-time limit per call, s (<= 0: none)
     * @param keepFiles        keep the work directory of successful calls (SPARC's outputs are small)
     */
    public record Options(String command, Path workDirectory, SparcSettings settings, Path pseudopotentials,
            String basename, double timeoutSeconds, boolean keepFiles) {
        public Options {
            if (command == null || command.isBlank()) {
                throw new InvalidInputException("SPARC teacher: the command template is empty");
            }
            if (workDirectory == null) {
                throw new InvalidInputException("SPARC teacher: a work directory must be given");
            }
            if (settings == null) {
                settings = SparcSettings.PRODUCTION;
            }
            if (basename == null) {
                basename = "cnt";
            }
            if (!basename.matches("[A-Za-z0-9_.-]+")) {
                throw new InvalidInputException("SPARC teacher: basename '" + basename + "' must be a plain file name");
            }
        }

        /** Production settings, base name "cnt", no pseudopotential copying, no timeout, files kept. */
        public static Options of(String command, Path workDirectory) {
            return builder(command, workDirectory).build();
        }

        /** A builder holding the defaults (the one place they are written) and the required values. */
        public static Builder builder(String command, Path workDirectory) {
            return new Builder(command, workDirectory);
        }

        /** A builder holding these settings. */
        public Builder toBuilder() {
            return new Builder(this);
        }

        /** Builds {@link Options}; the setters name the record's components, {@link #build()} validates. */
        public static final class Builder {
            private String command;
            private Path workDirectory;
            private SparcSettings settings = SparcSettings.PRODUCTION;
            private Path pseudopotentials = null;
            private String basename = "cnt";
            private double timeoutSeconds = 0;
            private boolean keepFiles = true;

            private Builder(String command, Path workDirectory) {
                this.command = command;
                this.workDirectory = workDirectory;
            }

            private Builder(Options o) {
                command = o.command;
                workDirectory = o.workDirectory;
                settings = o.settings;
                pseudopotentials = o.pseudopotentials;
                basename = o.basename;
                timeoutSeconds = o.timeoutSeconds;
                keepFiles = o.keepFiles;
            }

            /** SPARC numerical settings. */
            public Builder settings(SparcSettings value) {
                settings = value;
                return this;
            }

            /** Directory of the pseudopotential files copied into each call directory, or null. */
            public Builder pseudopotentials(Path value) {
                pseudopotentials = value;
                return this;
            }

            /** SPARC's {@code -name} (a plain file name). */
            public Builder basename(String value) {
                basename = value;
                return this;
            }

            /** Wall-time limit per call, s (<= 0: none). */
            public Builder timeoutSeconds(double value) {
                timeoutSeconds = value;
                return this;
            }

            /** Keep the work directory of successful calls. */
            public Builder keepFiles(boolean value) {
                keepFiles = value;
                return this;
            }

            /**
             * The settings.
             *
             * @throws InvalidInputException when a value lies outside its range (see the record's constructor)
             */
            public Options build() {
                return new Options(command, workDirectory, settings, pseudopotentials, basename, timeoutSeconds,
                        keepFiles);
            }
        }
    }

    private final Options options;
    private final ExternalCommand command;

    /**
     * @param options command, timeout and SPARC input settings
     * @throws org.helixff.InvalidInputException for an empty command or a NaN timeout
     */
    public SparcTeacher(Options options) {
        this.options = options;
        this.command = new ExternalCommand(options.command(), options.timeoutSeconds());
    }

    /** The settings of this teacher. */
    public Options options() {
        return options;
    }

    @Override
    public String name() {
        return "sparc";
    }

    @Override
    public String energyGroup() {
        return "SPARC";
    }

    @Override
    public TeacherLabel label(SymmetricStructure s) {
        long t0 = System.nanoTime();
        SparcJob job = SparcJob.prepare(s, options.settings());
        Path dir = ExternalCommand.newCallDirectory(options.workDirectory(), "sparc", callCount.incrementAndGet());
        String base = options.basename();
        job.write(dir, base);
        if (options.pseudopotentials() != null) {
            for (String pp : options.settings().pseudopotentials().values()) {
                Path src = options.pseudopotentials().resolve(pp);
                try {
                    Files.copy(src, dir.resolve(Path.of(pp).getFileName()), StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw new TeacherException("cannot copy pseudopotential " + src + " into " + dir + ": " + e, e);
                }
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("name", base);
        values.put("dir", dir.toAbsolutePath().toString());
        ExternalCommand.Outcome outcome = command.run(dir, values);
        Path stat = dir.resolve(base + ".static");
        if (!Files.isRegularFile(stat)) {
            throw new TeacherException("SPARC command '" + outcome.command() + "' exited with status 0 but wrote no "
                    + base + ".static in " + dir + " (see " + base + ".out)"
                    + ExternalCommand.stderrTail(dir.resolve(ExternalCommand.STDERR_FILE)));
        }
        SparcRun run;
        SparcRun.Step step;
        try {
            run = SparcRun.read(dir, base);
            step = run.step(0);
        } catch (HelixException e) {
            throw new TeacherException("cannot read SPARC's output in " + dir + ": " + e.getMessage(), e);
        }
        List<String> warnings = warnings(dir, run);
        for (String w : warnings) {
            LOG.log(Level.WARNING, "SPARC call in " + dir + ": " + w);
        }
        if (run.output().isPresent() && step.scf().isPresent()
                && !run.output().get().converged(step.scf().get().index())) {
            throw new TeacherException("SPARC's SCF in " + dir + " did not converge to TOL_SCF (" + base
                    + ".out: " + step.scf().get().iterations().size() + " iterations): its energy and forces are not"
                    + " used as a label");
        }
        double[] written = job.ion().cartesian(job.input());
        double[] printed = step.structure().motif();
        double worst = 0;
        for (int i = 0; i < written.length; i += 3) {
            worst = Math.max(worst, Math.sqrt(sq(printed[i] - written[i]) + sq(printed[i + 1] - written[i + 1])
                    + sq(printed[i + 2] - written[i + 2])));
        }
        if (worst > POSITION_TOLERANCE) {
            throw new TeacherException(String.format(Locale.ROOT, "SPARC's output in %s does not belong to the input"
                    + " written there: an atom is %.3g Bohr from its written position", dir, worst));
        }
        double[] forces = job.motifForces(step.forces());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("directory", dir.toString());
        details.put("command", outcome.command());
        details.put("command_seconds", outcome.seconds());
        details.put("mirrored", job.mirrored());
        step.scfIterations().ifPresent(n -> details.put("scf_iterations", n));
        step.scfSeconds().ifPresent(t -> details.put("scf_seconds", t));
        if (!warnings.isEmpty()) {
            details.put("sparc_warnings", warnings);
        }
        details.put("seconds", (System.nanoTime() - t0) * 1e-9);
        if (!options.keepFiles()) {
            ExternalCommand.deleteTree(dir);
            details.put("directory", null);
        }
        return new TeacherLabel(step.energy(), forces, Double.NaN, details);
    }

    /**
     * SPARC's warnings of a call, distinct, in order: the "WARNING" lines of the command's standard output
     * (where SPARC prints most of them) and of the {@code .out}.
     */
    static List<String> warnings(Path dir, SparcRun run) {
        List<String> out = new ArrayList<>();
        Path stdout = dir.resolve(ExternalCommand.STDOUT_FILE);
        if (Files.isRegularFile(stdout)) {
            try {
                for (String line : Files.readAllLines(stdout, StandardCharsets.ISO_8859_1)) {
                    String t = line.strip();
                    if (t.startsWith("WARNING") && !out.contains(t)) {
                        out.add(t);
                    }
                }
            } catch (IOException e) {
                throw new TeacherException("cannot read " + stdout + ": " + e.getMessage(), e);
            }
        }
        for (String t : run.output().map(SparcOutput::warnings).orElse(List.of())) {
            if (!out.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }

    private static double sq(double v) {
        return v * v;
    }
}

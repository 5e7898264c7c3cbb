package org.helixff.teacher;

import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.helixff.InvalidInputException;
import org.helixff.io.ExtXyz;
import org.helixff.io.FileUnits;
import org.helixff.io.Frame;
import org.helixff.io.InfoValue;
import org.helixff.structure.Structure;
import org.helixff.symmetry.HelicalGroup;
import org.helixff.symmetry.SymmetricStructure;

/**
 * Any code that reads and writes extxyz as a teacher: the tube is expanded to a periodic full cell
 * ({@link SymmetricStructure#expand(int)}: translational cells along z, pbc F F T, 15 Bohr lateral vacuum,
 * atoms in the order {@link SymmetricStructure#expandedIndex(int, int, int)}), written as extxyz
 * ({@code input.extxyz}, eV/Angstrom by default: what ASE reads natively), a user command is run in a
 * fresh work directory, and the energy and forces are read back from the extxyz it writes
 * ({@code output.extxyz}). Placeholders: {@code {in}}, {@code {out}} (absolute paths), {@code {dir}} (the work
 * directory). A few lines of Python make any ASE calculator a teacher ({@code examples/ase_teacher.py}).
 *
 * <p>Reading back: the last frame of the output must be a full cell with the same number of atoms, in the
 * same order, at the same positions (to {@link #POSITION_TOLERANCE}, up to lattice translations: codes
 * may wrap atoms into the cell), with forces. Energy: {@code free_energy} when present (forces are its
 * derivative), else {@code energy}; the energy per motif is the cell energy divided by the number of
 * motif copies in the cell (N q cells). Forces are folded onto the motif:
 * F_a = mean over images (k, j) of R(k, j)^T F(a; k, j). For an exact periodic code every term is the
 * same; the largest deviation of a term from the mean (the fold spread) is reported in the label's
 * details and logged as a warning above {@link #SPREAD_WARNING}. dE/dh comes from the cell's axial stress
 * when the output has {@code stress} (ASE: (1/V) dE/d strain, V the output cell's volume) or {@code virial}
 * (-dE/d strain): with dE/de the derivative for a homogeneous axial strain of the whole cell,
 * dE/dh per motif = (dE/de / motifs + sum_a F_az z_a) / h (the second term converts from homogeneous
 * strain to fixed motif coordinates); NaN otherwise.
 *
 * <p>Work directories {@code workDirectory/external-NNNNNN} are kept when a call fails (to debug) and,
 * unless {@link Options#keepFiles()}, deleted after a successful call.
 */
public final class ExternalTeacher implements Teacher {
    /** Calls made by this teacher: call k works in the directory numbered k (as the learn log numbers it). */
    private final java.util.concurrent.atomic.AtomicInteger callCount = new java.util.concurrent.atomic.AtomicInteger();

    private static final System.Logger LOG = System.getLogger(ExternalTeacher.class.getName());
    /** Largest position mismatch (Bohr) accepted between the written and the returned atoms. */
    public static final double POSITION_TOLERANCE = 1e-3;
    /** Fold spread (Ha/Bohr) above which a warning is logged. */
    public static final double SPREAD_WARNING = 1e-3;
    /** Name of the input file written into the work directory. */
    public static final String INPUT_FILE = "input.extxyz";
    /** Name of the output file the command must write into the work directory. */
    public static final String OUTPUT_FILE = "output.extxyz";

    /**
     * Settings.
     *
     * @param command        command template with {@code {in}}, {@code {out}}, {@code {dir}}
     * @param workDirectory  where call directories are made
     * @param cells          translational cells in the full cell (>= 1), or 0: the fewest whose length is at
     *                       least {@code minLength}
     * @param minLength      smallest periodic length along z when cells = 0, Bohr (>= 0)
     * @param units          units of the written input (the output's own {@code units} key decides how it is read)
     * @param energyGroup    energy group of the frames (e.g. the code's name)
     * @param timeoutSeconds wall-time limit per call, s (<= 0: none)
     * @param keepFiles      keep the work directory of successful calls
     */
    public record Options(String command, Path workDirectory, int cells, double minLength, FileUnits units,
            String energyGroup, double timeoutSeconds, boolean keepFiles) {
        public Options {
            if (command == null || command.isBlank()) {
                throw new InvalidInputException("external teacher: the command template is empty");
            }
            if (workDirectory == null) {
                throw new InvalidInputException("external teacher: a work directory must be given");
            }
            if (cells < 0 || cells > 10_000) {
                throw new InvalidInputException("external teacher: cells = " + cells + " must lie in [0, 10000]");
            }
            if (!(minLength >= 0) || !Double.isFinite(minLength)) {
                throw new InvalidInputException("external teacher: minimum length " + minLength + " Bohr must be >= 0");
            }
            if (units == null) {
                units = FileUnits.EV_ANGSTROM;
            }
            if (energyGroup == null || energyGroup.isBlank()) {
                energyGroup = "external";
            }
        }

        /** One translational cell (at least 20 Bohr long), eV/Angstrom, group "external", no timeout, files deleted. */
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
            private int cells = 0;
            private double minLength = 20.0;
            private FileUnits units = FileUnits.EV_ANGSTROM;
            private String energyGroup = "external";
            private double timeoutSeconds = 0;
            private boolean keepFiles = false;

            private Builder(String command, Path workDirectory) {
                this.command = command;
                this.workDirectory = workDirectory;
            }

            private Builder(Options o) {
                command = o.command;
                workDirectory = o.workDirectory;
                cells = o.cells;
                minLength = o.minLength;
                units = o.units;
                energyGroup = o.energyGroup;
                timeoutSeconds = o.timeoutSeconds;
                keepFiles = o.keepFiles;
            }

            /** Translational cells in the full cell (>= 1), or 0: the fewest at least {@code minLength} long. */
            public Builder cells(int value) {
                cells = value;
                return this;
            }

            /** Smallest periodic length along z when cells = 0, Bohr (>= 0). */
            public Builder minLength(double value) {
                minLength = value;
                return this;
            }

            /** Units of the written input. */
            public Builder units(FileUnits value) {
                units = value;
                return this;
            }

            /** Energy group of the frames (e.g. the code's name). */
            public Builder energyGroup(String value) {
                energyGroup = value;
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
                return new Options(command, workDirectory, cells, minLength, units, energyGroup, timeoutSeconds,
                        keepFiles);
            }
        }
    }

    /**
     * Forces folded onto the motif.
     *
     * @param forces    motif forces, 3 per motif atom, Ha/Bohr
     * @param maxSpread largest |R^T F(image) - F_a| over all images and atoms, Ha/Bohr
     * @param rmsSpread RMS of the same deviations, Ha/Bohr
     */
    public record Fold(double[] forces, double maxSpread, double rmsSpread) {
        public Fold {
            forces = forces.clone();
        }

        @Override
        public double[] forces() {
            return forces.clone();
        }
    }

    private final Options options;
    private final ExternalCommand command;

    /**
     * @param options command, timeout and files of the external code
     * @throws org.helixff.InvalidInputException for an empty command or a NaN timeout
     */
    public ExternalTeacher(Options options) {
        this.options = options;
        this.command = new ExternalCommand(options.command(), options.timeoutSeconds());
    }

    /** The settings of this teacher. */
    public Options options() {
        return options;
    }

    @Override
    public String name() {
        return "external";
    }

    @Override
    public String energyGroup() {
        return options.energyGroup();
    }

    @Override
    public boolean needsPeriodicCell() {
        return true;
    }

    /** Translational cells used for a tube (see {@link Options#cells()}). */
    public int cellsFor(SymmetricStructure s) {
        if (options.cells() > 0) {
            return options.cells();
        }
        double period = s.periodSteps() * s.group().screwShift();
        return (int) Math.max(1, Math.ceil(options.minLength() / period - 1e-12));
    }

    @Override
    public TeacherLabel label(SymmetricStructure s) {
        long t0 = System.nanoTime();
        int cells = cellsFor(s);
        Structure cell = s.expand(cells);
        Path dir = ExternalCommand.newCallDirectory(options.workDirectory(), "external", callCount.incrementAndGet());
        Path in = dir.resolve(INPUT_FILE).toAbsolutePath();
        Path out = dir.resolve(OUTPUT_FILE).toAbsolutePath();
        Frame input = Frame.of(cell).withInfo("helixff_cells", new InfoValue.Int(cells))
                .withInfo("helixff_motifs", new InfoValue.Int(cell.size() / s.motifSize()));
        ExtXyz.write(in, List.of(input), options.units());
        Map<String, String> values = new LinkedHashMap<>();
        values.put("in", in.toString());
        values.put("out", out.toString());
        values.put("dir", dir.toAbsolutePath().toString());
        ExternalCommand.Outcome outcome = command.run(dir, values);
        if (!Files.isRegularFile(out)) {
            throw new TeacherException("teacher command '" + outcome.command() + "' exited with status 0 but wrote no "
                    + OUTPUT_FILE + " in " + dir + ExternalCommand.stderrTail(dir.resolve(ExternalCommand.STDERR_FILE)));
        }
        Frame result;
        try {
            List<Frame> frames = ExtXyz.read(out);
            result = frames.get(frames.size() - 1);
        } catch (org.helixff.HelixException e) {
            throw new TeacherException("cannot read the teacher's output: " + e.getMessage(), e);
        }
        TeacherLabel label = labelFrom(s, cell, result, dir);
        Map<String, Object> details = new LinkedHashMap<>(label.details());
        details.put("command", outcome.command());
        details.put("command_seconds", outcome.seconds());
        details.put("seconds", (System.nanoTime() - t0) * 1e-9);
        if (!options.keepFiles()) {
            ExternalCommand.deleteTree(dir);
            details.put("directory", null);
        }
        return new TeacherLabel(label.energyPerMotif(), label.forces(), label.dEdh(), details);
    }

    /**
     * The label of a tube from a labelled full cell (the output of an external code for
     * {@code expanded = s.expand(cells)}).
     *
     * @throws TeacherException if the frame does not match the expanded cell or lacks energy or forces
     */
    public static TeacherLabel labelFrom(SymmetricStructure s, Structure expanded, Frame result, Path where) {
        String src = result.provenance().map(p -> p.file()).orElse(String.valueOf(where));
        if (result.isSymmetric()) {
            throw new TeacherException(src + ": the output is a symmetric frame; a full cell with "
                    + expanded.size() + " atoms is expected");
        }
        Structure got = result.cell().get();
        if (got.size() != expanded.size()) {
            throw new TeacherException(src + ": the output has " + got.size() + " atoms, the input had "
                    + expanded.size());
        }
        if (!result.hasForces()) {
            throw new TeacherException(src + ": the output has no forces");
        }
        double energy;
        if (result.freeEnergy().isPresent()) {
            energy = result.freeEnergy().getAsDouble();
        } else if (result.energy().isPresent()) {
            energy = result.energy().getAsDouble();
        } else {
            throw new TeacherException(src + ": the output has neither energy nor free_energy");
        }
        double worst = positionMismatch(expanded, got);
        if (worst > POSITION_TOLERANCE) {
            throw new TeacherException(String.format(Locale.ROOT, "%s: the output atoms do not match the input"
                    + " (an atom is %.3g Bohr away from where it was written; the code must keep the atom order and"
                    + " positions)", src, worst));
        }
        long motifs = expanded.size() / s.motifSize();
        double[] forces = result.forces().get();
        Fold fold = fold(s, forces, expanded.size());
        if (fold.maxSpread() > SPREAD_WARNING) {
            LOG.log(Level.WARNING, String.format(Locale.ROOT, "%s: forces on symmetry images differ by up to %.3g"
                    + " Ha/Bohr from their mean (the code broke the tube's symmetry)", src, fold.maxSpread()));
        }
        double dEde = Double.NaN;
        if (result.info("stress").isPresent()) {
            double szz = zz(result.info("stress").get(), src, "stress");
            dEde = szz * got.volume();
        } else if (result.info("virial").isPresent()) {
            dEde = -zz(result.info("virial").get(), src, "virial");
        }
        double dEdh = Double.NaN;
        if (!Double.isNaN(dEde)) {
            double[] f = fold.forces();
            double sum = 0;
            for (int a = 0; a < s.motifSize(); a++) {
                sum += f[3 * a + 2] * s.motifPosition(a, 2);
            }
            dEdh = (dEde / motifs + sum) / s.group().screwShift();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("cells", expanded.size() / (s.motifSize() * s.group().cyclicOrder() * (int) s.periodSteps()));
        details.put("atoms", expanded.size());
        details.put("fold_spread_max_ha_per_bohr", fold.maxSpread());
        details.put("fold_spread_rms_ha_per_bohr", fold.rmsSpread());
        details.put("directory", where == null ? null : where.toString());
        return new TeacherLabel(energy / motifs, fold.forces(), dEdh, details);
    }

    /** zz component of a 3x3 (9 values, row-major) or Voigt (6 values: xx yy zz yz xz xy) tensor. */
    private static double zz(InfoValue v, String src, String key) {
        if (v instanceof InfoValue.Reals r) {
            double[] x = r.values();
            if (x.length == 9) {
                return x[8];
            }
            if (x.length == 6) {
                return x[2];
            }
        }
        throw new TeacherException(src + ": info '" + key + "' must hold 9 (3x3) or 6 (Voigt) numbers");
    }

    /** Largest distance between written and returned positions, up to lattice translations of periodic axes. */
    static double positionMismatch(Structure in, Structure out) {
        double[] a = in.positions();
        double[] b = out.positions();
        double[] cell = out.cell();
        double worst = 0;
        for (int i = 0; i < in.size(); i++) {
            double[] d = {b[3 * i] - a[3 * i], b[3 * i + 1] - a[3 * i + 1], b[3 * i + 2] - a[3 * i + 2]};
            // remove whole lattice vectors of periodic axes (one pass per axis is exact for orthogonal cells,
            // the usual case; triclinic cells may need the nearest-image search a code would do)
            for (int v = 0; v < 3; v++) {
                if (!out.pbc(v)) {
                    continue;
                }
                double l2 = cell[3 * v] * cell[3 * v] + cell[3 * v + 1] * cell[3 * v + 1] + cell[3 * v + 2] * cell[3 * v + 2];
                if (!(l2 > 0)) {
                    continue;
                }
                double t = Math.rint((d[0] * cell[3 * v] + d[1] * cell[3 * v + 1] + d[2] * cell[3 * v + 2]) / l2);
                for (int c = 0; c < 3; c++) {
                    d[c] -= t * cell[3 * v + c];
                }
            }
            worst = Math.max(worst, Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]));
        }
        return worst;
    }

    /**
     * Folds full-cell forces (atoms ordered as in {@link SymmetricStructure#expand(int)}) onto the motif.
     *
     * @param cellForces 3 per expanded atom, Ha/Bohr
     * @param atoms      atoms of the expanded cell
     */
    public static Fold fold(SymmetricStructure s, double[] cellForces, int atoms) {
        HelicalGroup g = s.group();
        int nm = s.motifSize();
        int n = g.cyclicOrder();
        int steps = atoms / (nm * n);
        if (steps * nm * n != atoms || cellForces.length != 3 * atoms) {
            throw new InvalidInputException("fold: " + atoms + " atoms are not whole copies of the motif x group");
        }
        double[] mean = new double[3 * nm];
        double[] r = new double[3 * atoms];
        for (int j = 0; j < steps; j++) {
            for (int k = 0; k < n; k++) {
                double ang = g.angle(k, j);
                double c = Math.cos(ang);
                double sn = Math.sin(ang);
                for (int a = 0; a < nm; a++) {
                    int idx = s.expandedIndex(a, k, j);
                    double fx = cellForces[3 * idx];
                    double fy = cellForces[3 * idx + 1];
                    double fz = cellForces[3 * idx + 2];
                    double bx = c * fx + sn * fy;
                    double by = -sn * fx + c * fy;
                    r[3 * idx] = bx;
                    r[3 * idx + 1] = by;
                    r[3 * idx + 2] = fz;
                    mean[3 * a] += bx;
                    mean[3 * a + 1] += by;
                    mean[3 * a + 2] += fz;
                }
            }
        }
        int copies = steps * n;
        for (int i = 0; i < mean.length; i++) {
            mean[i] /= copies;
        }
        double max = 0;
        double sum2 = 0;
        for (int j = 0; j < steps; j++) {
            for (int k = 0; k < n; k++) {
                for (int a = 0; a < nm; a++) {
                    int idx = s.expandedIndex(a, k, j);
                    double dx = r[3 * idx] - mean[3 * a];
                    double dy = r[3 * idx + 1] - mean[3 * a + 1];
                    double dz = r[3 * idx + 2] - mean[3 * a + 2];
                    double d2 = dx * dx + dy * dy + dz * dz;
                    sum2 += d2;
                    max = Math.max(max, Math.sqrt(d2));
                }
            }
        }
        return new Fold(mean, max, Math.sqrt(sum2 / atoms));
    }
}

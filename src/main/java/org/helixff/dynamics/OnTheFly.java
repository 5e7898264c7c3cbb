package org.helixff.dynamics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.helixff.InvalidInputException;
import org.helixff.Progress;
import org.helixff.Units;
import org.helixff.backend.Backends;
import org.helixff.calculator.SymmetricResult;
import org.helixff.calculator.UncertaintyCalculator.Uncertainty;
import org.helixff.compute.Engines;
import org.helixff.descriptor.DescriptorEngine;
import org.helixff.model.KernelModel;
import org.helixff.model.ModelCalculator;
import org.helixff.model.ModelPosterior;
import org.helixff.structure.Nanotube;
import org.helixff.symmetry.SymmetricStructure;
import org.helixff.teacher.Teacher;
import org.helixff.teacher.TeacherLabel;
import org.helixff.training.TeacherData;
import org.helixff.training.Trainer;
import org.helixff.training.TrainingFrame;
import org.helixff.training.TrainingOptions;
import org.helixff.training.TrainingReport;

/**
 * On-the-fly learning: symmetry-adapted MD of a tube on the current kernel model; a step whose predicted
 * force uncertainty is too large is labelled by the teacher, added to the training set, the model is
 * refitted, and the MD continues from the teacher-labelled state.
 *
 * <ol>
 *   <li>Start: the teacher labels the starting tube and {@code initialFrames - 1} perturbations of it
 *       ({@link TeacherData#perturbations}: random motif displacements, axial strain and twist; no twist for
 *       a teacher that {@linkplain Teacher#needsPeriodicCell() needs a periodic cell}); with a symmetry-adapted
 *       teacher also the tubes of the curvature ladder ({@link #ladder}, {@link Options#diameterLadder()}: by default
 *       the diameters 0.8 and 1.25 times the start's), each with its perturbations, so that the model covers a
 *       band of curvatures (a single tube's environments do not transfer to other diameters: (10,10) alone
 *       predicts (12,12) energies ~3e-3 Ha/atom off); the first model is fitted to them.</li>
 *   <li>MD ({@link SymmetricMd}, options {@link Options#md()}): every {@link Options#checkInterval()}-th step
 *       the model's predictive uncertainty ({@link ModelCalculator#uncertainty}) is computed; if the largest
 *       epistemic sigma over the motif force components exceeds the threshold ({@link Threshold}), the
 *       teacher labels that configuration, the model's error against the label is logged
 *       ({@link TeacherCall}), the frame joins the training set and the model is refitted. The step then
 *       completes with the teacher's forces (its second half kick), and the next step uses the new model.
 *       With axial coupling and a teacher without dE/dh (SPARC), the refitted model's dE/dh drives h at
 *       that step.</li>
 *   <li>Refit: a full refit with {@link Trainer#train} on all frames (references chosen afresh by
 *       farthest-point sampling, at most {@link Options#maxReferences()}). Symmetric frames are 2-atom
 *       motifs, so a refit on a hundred frames costs seconds; incremental updates of the regression are
 *       not attempted.</li>
 * </ol>
 * At most {@link Options#maxTeacherCalls()} calls are made during the MD; after that the MD continues on the
 * last model (the result says so). Every {@link Options#checkpointInterval()} calls the listener receives
 * the training set and model (the CLI writes them atomically). One run per instance; not thread-safe.
 */
public final class OnTheFly {
    /**
     * When the teacher is called: the largest epistemic force sigma exceeds
     * max(absolute, factor x sigma_noise), with sigma_noise the current model's fitted force-noise standard
     * deviation (sqrt(sigma_v^2) x force scale of its posterior, close to its training force RMSE). An
     * absolute threshold alone (factor 0) is predictable; a relative one follows the data's own noise
     * level (useful for DFT teachers whose labels are noisy).
     *
     * @param absolute Ha/Bohr, >= 0
     * @param factor   multiple of the noise level, >= 0
     */
    public record Threshold(double absolute, double factor) {
        public Threshold {
            if (!(absolute >= 0) || !(factor >= 0) || !Double.isFinite(absolute) || !Double.isFinite(factor)
                    || (absolute == 0 && factor == 0)) {
                throw new InvalidInputException("uncertainty threshold: absolute " + absolute + " Ha/Bohr and factor "
                        + factor + " must be >= 0 and not both zero");
            }
        }

        public static Threshold absolute(double haPerBohr) {
            return new Threshold(haPerBohr, 0);
        }

        public static Threshold relative(double factor) {
            return new Threshold(0, factor);
        }

        /** "3e-4" (absolute, Ha/Bohr) or "4x" (relative to the noise level). */
        public static Threshold parse(String s) {
            String t = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
            try {
                if (t.endsWith("x")) {
                    return relative(Double.parseDouble(t.substring(0, t.length() - 1)));
                }
                return absolute(Double.parseDouble(t));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("threshold '" + s + "' must be a number in Ha/Bohr (e.g. 3e-4) or a"
                        + " multiple of the model's force noise level (e.g. 4x)");
            }
        }

        /** The threshold for a model, Ha/Bohr. */
        public double value(KernelModel model) {
            return Math.max(absolute, factor * noiseLevel(model));
        }

        @Override
        public String toString() {
            if (factor == 0) {
                return absolute + " Ha/Bohr";
            }
            return factor + " x noise" + (absolute > 0 ? " (at least " + absolute + " Ha/Bohr)" : "");
        }
    }

    /** The fitted force-noise standard deviation of a model, Ha/Bohr (NaN without a posterior). */
    public static double noiseLevel(KernelModel model) {
        ModelPosterior p = model.posterior();
        return p == null ? Double.NaN : p.forceScale() * Math.sqrt(p.sigmaV2());
    }

    /**
     * Settings of the loop.
     *
     * @param md                 MD settings (temperature, time step, thermostat, seed, axial coupling)
     * @param steps              MD steps (>= 0)
     * @param threshold          when to call the teacher
     * @param initialFrames      teacher frames before the MD (>= 2: the start and perturbations of it)
     * @param initialPerturbation displacement, strain and twist ranges of the initial perturbations (its seed
     *                           is used for them)
     * @param maxReferences      bound on the model's reference environments (>= 1)
     * @param maxTeacherCalls    bound on teacher calls during the MD (>= 0)
     * @param checkInterval      uncertainty checked every this many steps (>= 1)
     * @param checkpointInterval listener checkpoint every this many teacher calls (>= 1)
     * @param training           fit settings (SOAP, zeta, regression); the reference size and offset group are
     *                           set by the loop
     * @param diameterLadder     relative diameter step f of the curvature ladder: with a symmetry-adapted teacher,
     *                           the tubes (n, m) scaled by 1/(1 + f) and 1 + f (indices rounded) are labelled too,
     *                           each with the initial frames (the ideal tube and its perturbations), so that the
     *                           model sees a band of curvatures around the simulated tube; 0: none
     */
    public record Options(MdOptions md, long steps, Threshold threshold, int initialFrames,
            TeacherData.Options initialPerturbation, int maxReferences, int maxTeacherCalls, int checkInterval,
            int checkpointInterval, TrainingOptions training, double diameterLadder) {
        public Options {
            if (md == null || threshold == null || initialPerturbation == null || training == null) {
                throw new InvalidInputException("on-the-fly: MD options, threshold, perturbation and training options"
                        + " must be given");
            }
            if (steps < 0) {
                throw new InvalidInputException("on-the-fly: steps " + steps + " must be >= 0");
            }
            if (initialFrames < 2 || initialFrames > 10_000) {
                throw new InvalidInputException("on-the-fly: initial frames " + initialFrames + " must lie in [2, 10000]"
                        + " (a fit needs two energies)");
            }
            if (maxReferences < 1 || maxReferences > 20_000) {
                throw new InvalidInputException("on-the-fly: max references " + maxReferences + " must lie in [1, 20000]");
            }
            if (maxTeacherCalls < 0) {
                throw new InvalidInputException("on-the-fly: max teacher calls " + maxTeacherCalls + " must be >= 0");
            }
            if (checkInterval < 1 || checkpointInterval < 1) {
                throw new InvalidInputException("on-the-fly: check and checkpoint intervals must be >= 1");
            }
            if (!(diameterLadder >= 0 && diameterLadder <= 1)) {
                throw new InvalidInputException("on-the-fly: diameter ladder " + diameterLadder
                        + " must lie in [0, 1] (0: none)");
            }
        }

        /**
         * 600 K Langevin (friction 0.01/fs), 0.5 fs, threshold 3e-4 Ha/Bohr, 4 initial frames (motif atoms
         * displaced up to 0.1 Bohr, strain up to 1 %, twist up to 0.001 rad/Bohr), at most 400 references,
         * unlimited calls, uncertainty every step, checkpoint every 10 calls, default training options.
         */
        public static Options defaults(long steps) {
            return new Options(MdOptions.defaults().withTemperature(600).withThermostat(Thermostat.LANGEVIN), steps,
                    Threshold.absolute(3e-4), 4, new TeacherData.Options(0.1, 0.01, 0.001, 1L), 400, Integer.MAX_VALUE,
                    1, 10, TrainingOptions.defaults(), 0.25);
        }

        public Options withMd(MdOptions m) {
            return new Options(m, steps, threshold, initialFrames, initialPerturbation, maxReferences, maxTeacherCalls,
                    checkInterval, checkpointInterval, training, diameterLadder);
        }

        public Options withSteps(long s) {
            return new Options(md, s, threshold, initialFrames, initialPerturbation, maxReferences, maxTeacherCalls,
                    checkInterval, checkpointInterval, training, diameterLadder);
        }

        public Options withThreshold(Threshold t) {
            return new Options(md, steps, t, initialFrames, initialPerturbation, maxReferences, maxTeacherCalls,
                    checkInterval, checkpointInterval, training, diameterLadder);
        }

        public Options withInitialFrames(int n) {
            return new Options(md, steps, threshold, n, initialPerturbation, maxReferences, maxTeacherCalls,
                    checkInterval, checkpointInterval, training, diameterLadder);
        }

        public Options withInitialPerturbation(TeacherData.Options p) {
            return new Options(md, steps, threshold, initialFrames, p, maxReferences, maxTeacherCalls, checkInterval,
                    checkpointInterval, training, diameterLadder);
        }

        public Options withMaxReferences(int m) {
            return new Options(md, steps, threshold, initialFrames, initialPerturbation, m, maxTeacherCalls,
                    checkInterval, checkpointInterval, training, diameterLadder);
        }

        public Options withMaxTeacherCalls(int c) {
            return new Options(md, steps, threshold, initialFrames, initialPerturbation, maxReferences, c,
                    checkInterval, checkpointInterval, training, diameterLadder);
        }

        public Options withCheckInterval(int c) {
            return new Options(md, steps, threshold, initialFrames, initialPerturbation, maxReferences, maxTeacherCalls,
                    c, checkpointInterval, training, diameterLadder);
        }

        public Options withCheckpointInterval(int c) {
            return new Options(md, steps, threshold, initialFrames, initialPerturbation, maxReferences, maxTeacherCalls,
                    checkInterval, c, training, diameterLadder);
        }

        public Options withDiameterLadder(double f) {
            return new Options(md, steps, threshold, initialFrames, initialPerturbation, maxReferences, maxTeacherCalls,
                    checkInterval, checkpointInterval, training, f);
        }

        public Options withTraining(TrainingOptions t) {
            return new Options(md, steps, threshold, initialFrames, initialPerturbation, maxReferences, maxTeacherCalls,
                    checkInterval, checkpointInterval, t, diameterLadder);
        }
    }

    /** What the loop reports as it goes; every method has an empty default. */
    public interface Listener {
        /**
         * Right after every successful teacher call, before the refit and before the MD goes on: the place to
         * save the label (the CLI appends it to the training set on disk). Not called for labels taken from a
         * resumed run ({@link OnTheFly#resumeFrom}).
         *
         * @param frame the labelled frame
         * @param tube  the tube tag of the call ("(10,10)", "(8,8) ladder of (10,10)")
         * @param step  the MD step of the call (0: an initial frame)
         */
        default void labelled(TrainingFrame frame, String tube, long step) {
        }

        /** After every teacher call (and the refit that followed it). */
        default void teacherCalled(TeacherCall call, TrainingFrame frame) {
        }

        /** Every sampled MD instant (as chosen by the caller's interval; with an uncertainty when one was computed). */
        default void frame(MdFrame frame) {
        }

        /** Every {@link Options#checkpointInterval()} teacher calls during the MD. */
        default void checkpoint(KernelModel model, List<TrainingFrame> trainingSet) {
        }
    }

    /**
     * The outcome.
     *
     * @param model             the final model
     * @param report            its training report
     * @param trainingSet       every teacher-labelled frame, in call order
     * @param calls             every teacher call (initial ones first)
     * @param md                the MD summary of each tube (energies mix models and refits: the conservation
     *                          numbers are not a check of the integrator here)
     * @param steps             MD steps (all tubes)
     * @param checks            uncertainty evaluations
     * @param mdCalls           teacher calls during the MD
     * @param budgetExhausted   true if {@link Options#maxTeacherCalls()} stopped further calls
     * @param finalThreshold    the threshold of the final model, Ha/Bohr
     * @param seconds           wall time of the whole loop
     * @param timings           seconds spent in "teacher", "refit", "model" (energies and forces),
     *                          "uncertainty" and "md" (the integrator's total)
     */
    public record Result(KernelModel model, TrainingReport report, List<TrainingFrame> trainingSet,
            List<TeacherCall> calls, List<MdResult> md, long steps, long checks, int mdCalls, boolean budgetExhausted,
            double finalThreshold, double seconds, Map<String, Double> timings) {
        public Result {
            trainingSet = List.copyOf(trainingSet);
            calls = List.copyOf(calls);
            md = List.copyOf(md);
            timings = Map.copyOf(timings);
        }

        /** Teacher calls during the MD per MD step. */
        public double teacherFraction() {
            return steps > 0 ? (double) mdCalls / steps : 0.0;
        }

        /** JSON-ready summary (without the frames and the model). */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("steps", steps);
            m.put("uncertainty_checks", checks);
            m.put("teacher_calls_initial", calls.size() - mdCalls);
            m.put("teacher_calls_md", mdCalls);
            m.put("teacher_call_fraction", teacherFraction());
            m.put("budget_exhausted", budgetExhausted);
            m.put("training_frames", trainingSet.size());
            m.put("references", model.referenceCount());
            m.put("final_threshold_ha_per_bohr", finalThreshold);
            m.put("final_noise_level_ha_per_bohr", MdResult.nan(noiseLevel(model)));
            m.put("train_energy_rmse_ha_per_atom", MdResult.nan(report.trainEnergyRmse()));
            m.put("train_force_rmse_ha_per_bohr", MdResult.nan(report.trainForceRmse()));
            m.put("seconds", seconds);
            m.put("timings_s", new LinkedHashMap<>(timings));
            List<Map<String, Object>> runs = new ArrayList<>();
            for (MdResult r : md) {
                runs.add(r.toMap());
            }
            m.put("md", runs);
            return m;
        }
    }

    private final Teacher teacher;
    private final Options options;
    private final Engines engines;
    private final TrainingOptions training;
    private final List<TrainingFrame> frames = new ArrayList<>();
    private final List<TeacherCall> calls = new ArrayList<>();
    private KernelModel model;
    private TrainingReport report;
    private ModelCalculator calculator;
    private double threshold;
    private int mdCalls;
    private long checks;
    private boolean budgetExhausted;
    private boolean used;
    private double teacherSeconds;
    private double refitSeconds;
    private double modelSeconds;
    private double uncertaintySeconds;
    private String tubeTag = "tube";
    private List<SavedLabel> saved = List.of();
    private int savedCursor;
    private int resumedLabels;

    /** Motif positions and group parameters of a saved frame match a structure to this (extxyz has 10 decimals). */
    static final double RESUME_MATCH_TOLERANCE = 1e-8;

    /**
     * A label saved by an earlier, interrupted run of the same settings.
     *
     * @param frame the labelled frame
     * @param tube  the tube tag of its call (see {@link Listener#labelled}; spaces may be written as underscores)
     * @param step  the MD step of its call (0: an initial frame)
     */
    public record SavedLabel(TrainingFrame frame, String tube, long step) {
    }

    /**
     * Continues an interrupted run: its saved labels are used instead of calling the teacher again. Initial frames
     * (step 0) are matched in order against the structures this run labels (same tubes and options give the same
     * structures; a mismatch is an error); the MD labels of a tube join the training set before that tube's first
     * fit (they count against {@link Options#maxTeacherCalls()}), and that tube's MD then starts again from step 0
     * with a model that already knows them. Call before {@link #run}.
     *
     * @throws InvalidInputException if a label is of another energy group than this teacher's
     */
    public void resumeFrom(List<SavedLabel> labels) {
        for (SavedLabel sl : labels) {
            if (!sl.frame().group().equals(teacher.energyGroup())) {
                throw new InvalidInputException("--resume: the saved training set is labelled by '" + sl.frame().group()
                        + "', not by this teacher ('" + teacher.energyGroup() + "')");
            }
        }
        saved = List.copyOf(labels);
        savedCursor = 0;
    }

    /** Labels taken from the resumed run so far (not recomputed). */
    public int resumedLabels() {
        return resumedLabels;
    }

    /** The next saved initial label if it is the label of {@code s}; null when none is left; an error on mismatch. */
    private TrainingFrame savedInitial(SymmetricStructure s, String tag) {
        if (savedCursor >= saved.size()) {
            return null;
        }
        SavedLabel sl = saved.get(savedCursor);
        if (sl.step() != 0 || !sameStructure(sl.frame(), s)) {
            throw new InvalidInputException("--resume: saved frame " + (savedCursor + 1) + " (" + sl.tube() + ", step "
                    + sl.step() + ") is not the frame this run labels next (" + tag + ", initial): resume with the"
                    + " same tubes and options as the interrupted run");
        }
        savedCursor++;
        resumedLabels++;
        return sl.frame();
    }

    private static boolean sameStructure(TrainingFrame f, SymmetricStructure s) {
        if (!f.isSymmetric() || f.atoms() != s.motifSize()) {
            return false;
        }
        SymmetricStructure t = f.symmetricStructure();
        double[] a = t.motif();
        double[] b = s.motif();
        for (int i = 0; i < a.length; i++) {
            if (!(Math.abs(a[i] - b[i]) <= RESUME_MATCH_TOLERANCE)) {
                return false;
            }
        }
        return t.group().cyclicOrder() == s.group().cyclicOrder()
                && Math.abs(t.group().screwAngle() - s.group().screwAngle()) <= RESUME_MATCH_TOLERANCE
                && Math.abs(t.group().screwShift() - s.group().screwShift()) <= RESUME_MATCH_TOLERANCE;
    }

    private static String normalTag(String tag) {
        return tag.replace(' ', '_');
    }

    private static TeacherLabel labelOf(TrainingFrame f) {
        double[] forces = f.hasForces() ? f.forces() : new double[3 * f.atoms()];
        return new TeacherLabel(f.energyPerAtom() * f.atoms(), forces, f.hasDEdh() ? f.dEdh() : Double.NaN,
                Map.of("resumed", true));
    }

    /**
     * @param teacher the teacher
     * @param options loop settings
     * @param engine  descriptor engine for {@link Options#training()}'s SOAP parameters; the kernel engine
     *                is the one {@code Backends.pairWith} gives it
     * @deprecated pass the engine pair ({@link #OnTheFly(Teacher, Options, Engines)}); kept for
     *             {@code cli.LearnCommand} until it does
     */
    @Deprecated
    public OnTheFly(Teacher teacher, Options options, DescriptorEngine engine) {
        this(teacher, options, engine == null ? null : Backends.pairWith(engine));
    }

    /**
     * @param teacher the teacher
     * @param options loop settings
     * @param engines descriptor engine for {@link Options#training()}'s SOAP parameters, and the kernel
     *                engine every fit and prediction of the loop runs on
     * @throws InvalidInputException for a missing argument or mismatched descriptor parameters
     */
    public OnTheFly(Teacher teacher, Options options, Engines engines) {
        if (teacher == null || options == null || engines == null) {
            throw new InvalidInputException("on-the-fly: teacher, options and descriptor engine must be given");
        }
        this.teacher = teacher;
        this.options = options;
        this.engines = engines;
        this.training = options.training().withReferenceSize(options.maxReferences())
                .withOffsetGroup(teacher.energyGroup());
        if (!engines.descriptors().parameters().equals(training.soap())) {
            throw new InvalidInputException("on-the-fly: descriptor engine parameters differ from the training options");
        }
    }

    /** The training set so far (e.g. to save it after a failure). */
    public List<TrainingFrame> trainingSet() {
        return List.copyOf(frames);
    }

    /** The current model (null before the first fit). */
    public KernelModel model() {
        return model;
    }

    /** The teacher calls so far. */
    public List<TeacherCall> calls() {
        return List.copyOf(calls);
    }

    /**
     * Runs the loop from a tube.
     *
     * @param start    the starting tube (labelled by the teacher first)
     * @param interval MD instants handed to {@link Listener#frame} every this many steps
     * @param listener receives calls, frames and checkpoints (may be null)
     * @param progress MD progress
     */
    public Result run(SymmetricStructure start, int interval, Listener listener, Progress progress) {
        return run(List.of(start), interval, listener, progress);
    }

    /**
     * Runs the loop on several tubes in turn with one training set and model: for each tube its initial
     * frames (the tube and {@code initialFrames - 1} perturbations, seeds offset by the tube's position),
     * a refit, and {@link Options#steps()} MD steps (MD seed offset likewise).
     */
    public Result run(List<SymmetricStructure> starts, int interval, Listener listener, Progress progress) {
        if (used) {
            throw new IllegalStateException("an OnTheFly instance runs once");
        }
        if (starts.isEmpty()) {
            throw new InvalidInputException("on-the-fly: no starting tube");
        }
        used = true;
        Listener l = listener == null ? new Listener() { } : listener;
        long t0 = System.nanoTime();
        List<MdResult> runs = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            runs.add(runTube(starts.get(i), i, interval, l, progress));
        }
        if (savedCursor < saved.size()) {
            SavedLabel sl = saved.get(savedCursor);
            throw new InvalidInputException("--resume: saved frame " + (savedCursor + 1) + " (" + sl.tube() + ", step "
                    + sl.step() + ") belongs to no tube of this run: resume with the same tubes as the interrupted run");
        }
        if (mdCalls > 0 && mdCalls % options.checkpointInterval() != 0) {
            l.checkpoint(model, trainingSet());
        }
        Map<String, Double> timings = new LinkedHashMap<>();
        timings.put("teacher", teacherSeconds);
        timings.put("refit", refitSeconds);
        timings.put("model", modelSeconds);
        timings.put("uncertainty", uncertaintySeconds);
        double mdSeconds = 0;
        for (MdResult r : runs) {
            mdSeconds += r.seconds();
        }
        timings.put("md", mdSeconds);
        return new Result(model, report, frames, calls, runs, options.steps() * starts.size(), checks, mdCalls,
                budgetExhausted, threshold, (System.nanoTime() - t0) * 1e-9, timings);
    }

    private MdResult runTube(SymmetricStructure start, int index, int interval, Listener l, Progress progress) {
        tubeTag = start.tube().map(Object::toString).orElse("tube " + (index + 1));
        List<SymmetricStructure> initial = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        TeacherData.Options p = options.initialPerturbation();
        if (teacher.needsPeriodicCell()) {
            // a random twist leaves no translational period for the teacher's full cell
            p = new TeacherData.Options(p.maxDisplacement(), p.maxStrain(), 0.0, p.seed());
        }
        addInitial(initial, tags, start, tubeTag, p.withSeed(p.seed() + index));
        if (!teacher.needsPeriodicCell()) {
            List<SymmetricStructure> rungs = ladder(start, options.diameterLadder());
            for (int r = 0; r < rungs.size(); r++) {
                SymmetricStructure rung = rungs.get(r);
                addInitial(initial, tags, rung, rung.tube().orElseThrow() + " ladder of " + tubeTag,
                        p.withSeed(p.seed() + 1000L * (r + 1) + index));
            }
        }
        TeacherLabel startLabel = null;
        List<TeacherCall> pending = new ArrayList<>();
        List<TrainingFrame> added = new ArrayList<>();
        for (int k = 0; k < initial.size(); k++) {
            SymmetricStructure s = initial.get(k);
            TrainingFrame old = savedInitial(s, tags.get(k));
            TeacherLabel label;
            TrainingFrame f;
            double ts = 0;
            if (old != null) {
                f = old;
                label = labelOf(old);
            } else {
                long c0 = System.nanoTime();
                label = teacher.label(s);
                ts = (System.nanoTime() - c0) * 1e-9;
                teacherSeconds += ts;
                f = frame(s, label, 0);
            }
            if (startLabel == null) {
                startLabel = label;
            }
            frames.add(f);
            added.add(f);
            if (old == null) {
                l.labelled(f, tags.get(k), 0);
            }
            pending.add(new TeacherCall(calls.size() + pending.size() + 1, tags.get(k), 0, 0.0,
                    old == null ? "initial" : "initial (resumed)", Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, label.energyPerAtom(), label.maxForce(), frames.size(), 0, Double.NaN, ts, 0,
                    label.details()));
        }
        while (savedCursor < saved.size() && saved.get(savedCursor).step() > 0
                && normalTag(saved.get(savedCursor).tube()).equals(normalTag(tubeTag))) {
            // MD labels of this tube from the interrupted run: known before the first fit, not recomputed
            frames.add(saved.get(savedCursor).frame());
            savedCursor++;
            resumedLabels++;
            mdCalls++;
        }
        double rs = refit();
        for (int i = 0; i < pending.size(); i++) {
            TeacherCall c = pending.get(i);
            if (i == pending.size() - 1) {
                c = c.withRefit(model.referenceCount(), report.trainForceRmse(), rs);
            }
            calls.add(c);
            l.teacherCalled(c, added.get(i));
        }
        final TeacherLabel first = startLabel;
        SymmetricForceField field = (s, step) -> {
            if (step == 0) {
                return new ForceSample(first.energyPerMotif(), first.forces(), dEdh(first, s), null, teacher.name());
            }
            return evaluate(s, step, l);
        };
        MdOptions mo = options.md();
        SymmetricMd md = new SymmetricMd(start, null, field, mo.withSeed(mo.seed() + index));
        return MolecularDynamics.run(md, options.steps(), interval, l::frame, null, progress);
    }

    /** Adds a tube and {@code initialFrames - 1} perturbations of it (seeded by {@code p}), each with its tag. */
    private void addInitial(List<SymmetricStructure> initial, List<String> tags, SymmetricStructure s, String tag,
            TeacherData.Options p) {
        initial.add(s);
        initial.addAll(TeacherData.perturbations(List.of(s), options.initialFrames() - 1, p));
        while (tags.size() < initial.size()) {
            tags.add(tag);
        }
    }

    /**
     * The curvature ladder of a tube (n, m): the ideal tubes (round(n s), round(m s)) for s = 1/(1 + f) and 1 + f,
     * with the start's d_CC, leaving out the start itself, repeats and tubes too thin to exist (diameter below
     * 0.4 nm). Empty for f = 0 or a start without tube indices.
     */
    public static List<SymmetricStructure> ladder(SymmetricStructure start, double f) {
        List<SymmetricStructure> out = new ArrayList<>();
        if (!(f > 0) || start.tube().isEmpty()) {
            return out;
        }
        Nanotube t = start.tube().get();
        Set<String> seen = new HashSet<>();
        seen.add(t.toString());
        for (double scale : new double[] {1 / (1 + f), 1 + f}) {
            int n = (int) Math.round(t.n() * scale);
            int m = (int) Math.round(t.m() * scale);
            if (n < 1 || !seen.add("(" + n + "," + m + ")")
                    || Nanotube.idealDiameter(n, m, t.dcc()) < 4.0 * Units.BOHR_PER_ANGSTROM) {
                continue;
            }
            out.add(SymmetricStructure.fromTube(Nanotube.of(n, m, t.dcc())));
        }
        return out;
    }

    private ForceSample evaluate(SymmetricStructure s, long step, Listener l) {
        long m0 = System.nanoTime();
        SymmetricResult r = calculator.compute(s);
        modelSeconds += (System.nanoTime() - m0) * 1e-9;
        ForceSample sample = ForceSample.of(r, calculator.name());
        if (step % options.checkInterval() != 0) {
            return sample;
        }
        long u0 = System.nanoTime();
        Uncertainty u = calculator.uncertainty(s);
        uncertaintySeconds += (System.nanoTime() - u0) * 1e-9;
        checks++;
        double sigma = u.maxForceEpistemic();
        sample = sample.withUncertainty(u);
        if (!(sigma > threshold)) {
            return sample;
        }
        if (mdCalls >= options.maxTeacherCalls()) {
            budgetExhausted = true;
            return sample;
        }
        long c0 = System.nanoTime();
        TeacherLabel label = teacher.label(s);
        double ts = (System.nanoTime() - c0) * 1e-9;
        teacherSeconds += ts;
        double[] fm = r.forces();
        double[] ft = label.forces();
        double max = 0;
        double sum2 = 0;
        for (int q = 0; q < fm.length; q++) {
            double d = fm[q] - ft[q];
            max = Math.max(max, Math.abs(d));
            sum2 += d * d;
        }
        TrainingFrame f = frame(s, label, step);
        frames.add(f);
        l.labelled(f, tubeTag, step);
        mdCalls++;
        double thresholdUsed = threshold;
        double rs = refit();
        TeacherCall call = new TeacherCall(calls.size() + 1, tubeTag, step, step * options.md().timestepFs(), "uncertainty",
                sigma, thresholdUsed, r.energyPerAtom() - label.energyPerAtom(), max, Math.sqrt(sum2 / fm.length),
                label.energyPerAtom(), label.maxForce(), frames.size(), model.referenceCount(), report.trainForceRmse(),
                ts, rs, label.details());
        calls.add(call);
        l.teacherCalled(call, f);
        if (mdCalls % options.checkpointInterval() == 0) {
            l.checkpoint(model, trainingSet());
        }
        return new ForceSample(label.energyPerMotif(), ft, dEdh(label, s), u, teacher.name());
    }

    /** The teacher's dE/dh, or (for a teacher that gives none) the current model's: axial coupling needs one. */
    private double dEdh(TeacherLabel label, SymmetricStructure s) {
        if (label.hasDEdh() || options.md().axial() == null) {
            return label.dEdh();
        }
        return calculator.compute(s).dEdh();
    }

    private TrainingFrame frame(SymmetricStructure s, TeacherLabel label, long step) {
        if (label.atoms() != s.motifSize()) {
            throw new InvalidInputException("teacher '" + teacher.name() + "' labelled " + label.atoms() + " atoms of a "
                    + s.motifSize() + "-atom motif");
        }
        String name = tubeTag + "#otf" + (frames.size() + 1) + " step " + step;
        return TrainingFrame.symmetric(s, label.energyPerAtom(), label.forces(), label.dEdh(), teacher.energyGroup(),
                name);
    }

    /** Full refit; returns its wall time. */
    private double refit() {
        long r0 = System.nanoTime();
        Trainer.Result res = Trainer.train(frames, training, engines, Progress.NONE);
        model = res.model();
        report = res.report();
        calculator = new ModelCalculator(model, engines);
        threshold = options.threshold().value(model);
        double s = (System.nanoTime() - r0) * 1e-9;
        refitSeconds += s;
        return s;
    }
}

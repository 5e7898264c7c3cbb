package org.helixff.dynamics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.helixff.InvalidInputException;
import org.helixff.Progress;
import org.helixff.calculator.SymmetricResult;
import org.helixff.calculator.UncertaintyCalculator.Uncertainty;
import org.helixff.compute.Engines;
import org.helixff.model.KernelModel;
import org.helixff.model.ModelCalculator;
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
 *       teacher also the tubes of the curvature ladder ({@link CurvatureLadder},
 *       {@link OnTheFlyOptions#diameterLadder()}: by default the diameters 0.8 and 1.25 times the start's),
 *       each with its perturbations, so that the model covers a
 *       band of curvatures (a single tube's environments do not transfer to other diameters: (10,10) alone
 *       predicts (12,12) energies ~3e-3 Ha/atom off); the first model is fitted to them.</li>
 *   <li>MD ({@link SymmetricMd}, options {@link OnTheFlyOptions#md()}): every
 *       {@link OnTheFlyOptions#checkInterval()}-th step the model's predictive uncertainty
 *       ({@link ModelCalculator#uncertainty}) is computed; if the largest epistemic sigma over the motif force components exceeds the threshold ({@link UncertaintyThreshold}), the
 *       teacher labels that configuration, the model's error against the label is logged
 *       ({@link TeacherCall}), the frame joins the training set and the model is refitted. The step then
 *       completes with the teacher's forces (its second half kick), and the next step uses the new model.
 *       With axial coupling and a teacher without dE/dh (SPARC), the refitted model's dE/dh drives h at
 *       that step.</li>
 *   <li>Refit: a full refit with {@link Trainer#train} on all frames (references chosen afresh by
 *       farthest-point sampling, at most {@link OnTheFlyOptions#maxReferences()}). Symmetric frames are 2-atom
 *       motifs, so a refit on a hundred frames costs seconds; incremental updates of the regression are
 *       not attempted.</li>
 * </ol>
 * At most {@link OnTheFlyOptions#maxTeacherCalls()} calls are made during the MD; after that the MD continues on
 * the last model (the result says so). Every {@link OnTheFlyOptions#checkpointInterval()} calls the listener receives
 * the training set and model (the CLI writes them atomically). One run per instance; not thread-safe.
 *
 * <p>The parts: this class runs the loop (initial labels, fits, MD, checks, teacher calls); the settings are
 * {@link OnTheFlyOptions} with its {@link UncertaintyThreshold}; {@link CurvatureLadder} makes the initial
 * frames; {@code LoopAccounting} counts calls and times; {@code ResumeCursor} hands out the labels of an
 * interrupted run.
 */
public final class OnTheFly {
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

        /** Every {@link OnTheFlyOptions#checkpointInterval()} teacher calls during the MD. */
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
     * @param budgetExhausted   true if {@link OnTheFlyOptions#maxTeacherCalls()} stopped further calls
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
            m.put("final_noise_level_ha_per_bohr", MdResult.nan(UncertaintyThreshold.noiseLevel(model)));
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
     * The current model, its report, its calculator (on the loop's engines) and its threshold (Ha/Bohr): all
     * replaced together by each refit.
     */
    private record Fit(KernelModel model, TrainingReport report, ModelCalculator calculator, double threshold) {
    }

    private final Teacher teacher;
    private final OnTheFlyOptions options;
    private final Engines engines;
    private final TrainingOptions training;
    private final List<TrainingFrame> frames = new ArrayList<>();
    private final List<TeacherCall> calls = new ArrayList<>();
    private final LoopAccounting count = new LoopAccounting();
    private ResumeCursor resume = new ResumeCursor(List.of());
    private Fit fit;
    private String tubeTag = "tube";
    private boolean used;

    /**
     * @param teacher the teacher
     * @param options loop settings
     * @param engines descriptor engine for {@link OnTheFlyOptions#training()}'s SOAP parameters, and the kernel
     *                engine every fit and prediction of the loop runs on ({@code backend.Backends#engines})
     * @throws InvalidInputException for a missing argument or mismatched descriptor parameters
     */
    public OnTheFly(Teacher teacher, OnTheFlyOptions options, Engines engines) {
        if (teacher == null || options == null || engines == null) {
            throw new InvalidInputException("on-the-fly: teacher, options and descriptor engine must be given");
        }
        this.teacher = teacher;
        this.options = options;
        this.engines = engines;
        this.training = options.training().toBuilder().referenceSize(options.maxReferences()).offsetGroup(teacher.energyGroup()).build();
        if (!engines.descriptors().parameters().equals(training.soap())) {
            throw new InvalidInputException(
                    "on-the-fly: descriptor engine parameters differ from the training options");
        }
    }

    /**
     * Continues an interrupted run: its saved labels are used instead of calling the teacher again. Initial frames
     * (step 0) are matched in order against the structures this run labels (same tubes and options give the same
     * structures; a mismatch is an error); the MD labels of a tube join the training set before that tube's first
     * fit (they count against {@link OnTheFlyOptions#maxTeacherCalls()}), and that tube's MD then starts again from
     * step 0 with a model that already knows them. Call before {@link #run}.
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
        resume = new ResumeCursor(labels);
    }

    /** Labels taken from the resumed run so far (not recomputed). */
    public int resumedLabels() {
        return resume.taken();
    }

    /** The training set so far (e.g. to save it after a failure). */
    public List<TrainingFrame> trainingSet() {
        return List.copyOf(frames);
    }

    /** The current model (null before the first fit). */
    public KernelModel model() {
        return fit == null ? null : fit.model();
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
     * a refit, and {@link OnTheFlyOptions#steps()} MD steps (MD seed offset likewise).
     *
     * @throws IllegalStateException on a second run of one instance
     * @throws InvalidInputException for no tube, or saved labels ({@link #resumeFrom}) that fit no tube
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
        resume.requireAllTaken();
        if (count.mdCalls() > 0 && count.mdCalls() % options.checkpointInterval() != 0) {
            l.checkpoint(fit.model(), trainingSet());
        }
        return new Result(fit.model(), fit.report(), frames, calls, runs, options.steps() * starts.size(),
                count.checks(), count.mdCalls(), count.budgetExhausted(), fit.threshold(), LoopAccounting.since(t0),
                count.timings(runs));
    }

    // ---------------------------------------------------------------- one tube: initial labels, fit, MD

    /** The initial labels of one tube: the start's label, the calls (refit not yet known) and their frames. */
    private record InitialLabels(TeacherLabel start, List<TeacherCall> pending, List<TrainingFrame> added) {
    }

    private MdResult runTube(SymmetricStructure start, int index, int interval, Listener l, Progress progress) {
        tubeTag = start.tube().map(Object::toString).orElse("tube " + (index + 1));
        CurvatureLadder.InitialFrames initial = CurvatureLadder.initialFrames(start, tubeTag, index, options,
                teacher.needsPeriodicCell());
        InitialLabels labels = labelInitial(initial, l);
        for (TrainingFrame f : resume.mdLabels(tubeTag)) {
            // MD labels of this tube from the interrupted run: known before the first fit, not recomputed
            frames.add(f);
            count.mdCall();
        }
        double rs = refit();
        for (int i = 0; i < labels.pending().size(); i++) {
            TeacherCall c = labels.pending().get(i);
            if (i == labels.pending().size() - 1) {
                c = c.withRefit(fit.model().referenceCount(), fit.report().trainForceRmse(), rs);
            }
            calls.add(c);
            l.teacherCalled(c, labels.added().get(i));
        }
        final TeacherLabel first = labels.start();
        SymmetricForceField field = (s, step) -> {
            if (step == 0) {
                return new ForceSample(first.energyPerMotif(), first.forces(), dEdh(first, s), null, teacher.name());
            }
            return evaluate(s, step, l);
        };
        MdOptions mo = options.md();
        SymmetricMd md = new SymmetricMd(start, null, field, mo.toBuilder().seed(mo.seed() + index).build());
        return MolecularDynamics.run(md, options.steps(), interval, l::frame, null, progress);
    }

    /** Labels the initial frames (or takes them from the resumed run), adding them to the training set. */
    private InitialLabels labelInitial(CurvatureLadder.InitialFrames initial, Listener l) {
        TeacherLabel startLabel = null;
        List<TeacherCall> pending = new ArrayList<>();
        List<TrainingFrame> added = new ArrayList<>();
        for (int k = 0; k < initial.structures().size(); k++) {
            SymmetricStructure s = initial.structures().get(k);
            String tag = initial.tags().get(k);
            TrainingFrame old = resume.initial(s, tag);
            TeacherLabel label;
            TrainingFrame f;
            double ts = 0;
            if (old != null) {
                f = old;
                label = ResumeCursor.labelOf(old);
            } else {
                long c0 = System.nanoTime();
                label = teacher.label(s);
                ts = LoopAccounting.since(c0);
                count.teacher(ts);
                f = frame(s, label, 0);
            }
            if (startLabel == null) {
                startLabel = label;
            }
            frames.add(f);
            added.add(f);
            if (old == null) {
                l.labelled(f, tag, 0);
            }
            pending.add(new TeacherCall(calls.size() + pending.size() + 1, tag, 0, 0.0,
                    old == null ? "initial" : "initial (resumed)", Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, label.energyPerAtom(), label.maxForce(), frames.size(), 0, Double.NaN, ts, 0,
                    label.details()));
        }
        return new InitialLabels(startLabel, pending, added);
    }

    // ---------------------------------------------------------------- one MD step: model, check, teacher

    /** The model's forces at an MD step; on a check step above the threshold (and within budget) the teacher's. */
    private ForceSample evaluate(SymmetricStructure s, long step, Listener l) {
        long m0 = System.nanoTime();
        SymmetricResult r = fit.calculator().compute(s);
        count.model(LoopAccounting.since(m0));
        ForceSample sample = ForceSample.of(r, fit.calculator().name());
        if (step % options.checkInterval() != 0) {
            return sample;
        }
        long u0 = System.nanoTime();
        Uncertainty u = fit.calculator().uncertainty(s);
        count.uncertainty(LoopAccounting.since(u0));
        count.check();
        double sigma = u.maxForceEpistemic();
        sample = sample.withUncertainty(u);
        if (!(sigma > fit.threshold())) {
            return sample;
        }
        if (count.mdCalls() >= options.maxTeacherCalls()) {
            count.exhausted();
            return sample;
        }
        return callTeacher(s, step, r, u, l);
    }

    /** Labels an MD configuration, refits, logs the call (with the model's error against the label). */
    private ForceSample callTeacher(SymmetricStructure s, long step, SymmetricResult r, Uncertainty u, Listener l) {
        double sigma = u.maxForceEpistemic();
        long c0 = System.nanoTime();
        TeacherLabel label = teacher.label(s);
        double ts = LoopAccounting.since(c0);
        count.teacher(ts);
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
        count.mdCall();
        double thresholdUsed = fit.threshold();
        double rs = refit();
        TeacherCall call = new TeacherCall(calls.size() + 1, tubeTag, step, step * options.md().timestepFs(),
                "uncertainty", sigma, thresholdUsed, r.energyPerAtom() - label.energyPerAtom(), max,
                Math.sqrt(sum2 / fm.length), label.energyPerAtom(), label.maxForce(), frames.size(),
                fit.model().referenceCount(), fit.report().trainForceRmse(), ts, rs, label.details());
        calls.add(call);
        l.teacherCalled(call, f);
        if (count.mdCalls() % options.checkpointInterval() == 0) {
            l.checkpoint(fit.model(), trainingSet());
        }
        return new ForceSample(label.energyPerMotif(), ft, dEdh(label, s), u, teacher.name());
    }

    /** The teacher's dE/dh, or (for a teacher that gives none) the current model's: axial coupling needs one. */
    private double dEdh(TeacherLabel label, SymmetricStructure s) {
        if (label.hasDEdh() || options.md().axial() == null) {
            return label.dEdh();
        }
        return fit.calculator().compute(s).dEdh();
    }

    private TrainingFrame frame(SymmetricStructure s, TeacherLabel label, long step) {
        if (label.atoms() != s.motifSize()) {
            throw new InvalidInputException("teacher '" + teacher.name() + "' labelled " + label.atoms()
                    + " atoms of a " + s.motifSize() + "-atom motif");
        }
        String name = tubeTag + "#otf" + (frames.size() + 1) + " step " + step;
        return TrainingFrame.symmetric(s, label.energyPerAtom(), label.forces(), label.dEdh(), teacher.energyGroup(),
                name);
    }

    /** Full refit on the whole training set; returns its wall time. */
    private double refit() {
        long r0 = System.nanoTime();
        Trainer.Result res = Trainer.train(frames, training, engines, Progress.NONE);
        ModelCalculator calculator = new ModelCalculator(res.model(), engines);
        fit = new Fit(res.model(), res.report(), calculator, options.threshold().value(res.model()));
        double s = LoopAccounting.since(r0);
        count.refit(s);
        return s;
    }
}

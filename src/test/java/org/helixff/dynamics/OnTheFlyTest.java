package org.helixff.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.helixff.InvalidInputException;
import org.helixff.Progress;
import org.helixff.Tolerances;
import org.helixff.backend.Backends;
import org.helixff.calculator.Calculator;
import org.helixff.compute.Engines;
import org.helixff.model.KernelModel;
import org.helixff.model.ModelCalculator;
import org.helixff.structure.Nanotube;
import org.helixff.symmetry.SymmetricStructure;
import org.helixff.teacher.CalculatorTeacher;
import org.helixff.teacher.ExternalTeacher;
import org.helixff.teacher.FakeExternalCode;
import org.helixff.teacher.Teacher;
import org.helixff.teacher.TeacherException;
import org.helixff.teacher.TeacherLabel;
import org.helixff.teacher.Teachers;
import org.helixff.training.ErrorStats;
import org.helixff.training.Evaluation;
import org.helixff.training.TeacherData;
import org.helixff.training.Trainer;
import org.helixff.training.TrainingFrame;
import org.helixff.training.TrainingOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The on-the-fly loop with the Lindsay-Broido Tersoff teacher on (10,10) at 600 K: a short run (250 steps)
 * with looser checks than the 2000-step run ({@code OnTheFlyAccuracyTest}).
 */
class OnTheFlyTest {
    /** The teacher labels less than this fraction of the checked steps. */
    private static final double TEACHER_FRACTION = 0.3;
    /** A frame labelled by the teacher against the teacher recomputed, Ha/atom (printed decimals). */
    private static final double TEACHER_ENERGY = 1e-9;
    /** Threshold on the largest epistemic force sigma, Ha/Bohr (the CLI example's). */
    private static final double THRESHOLD = 3e-4;
    /**
     * Loose bars of the short run on held-out thermal-amplitude frames of (10,10) (0.08 Bohr, 1 % strain,
     * 0.001 rad/Bohr twist): measured 1.6e-4 Ha/Bohr and 6.6e-6 Ha/atom after 250 steps (21 MD calls).
     */
    private static final double SHORT_FORCE_BAR = 1e-3;
    private static final double SHORT_ENERGY_BAR = 5e-4;
    /**
     * Learning must pay: the final model's held-out force RMSE is below this fraction of the initial model's
     * (measured 1.6e-4 against 1.8e-3 Ha/Bohr).
     */
    private static final double IMPROVEMENT = 0.7;
    /**
     * A refit absorbs what the teacher taught: sigma at every training configuration falls below this x threshold
     * (measured at most 6.7e-5 Ha/Bohr, 0.22 x threshold).
     */
    private static final double ABSORBED = 1.0;

    private static final Calculator LB = Teachers.byName("tersoff-lb");
    private static final Engines ENGINE = Backends.engines(TrainingOptions.defaults().soap(), Backends.requested());

    /** The loop's mechanics on the simulated tube alone (no curvature ladder, see {@link #curvatureLadder}). */
    private static OnTheFlyOptions.Builder options(long steps) {
        return OnTheFlyOptions.builder(steps).threshold(UncertaintyThreshold.absolute(THRESHOLD))
                .initialFrames(6).initialPerturbation(TeacherData.Options.defaults()).diameterLadder(0);
    }

    @Test
    void curvatureLadder() {
        assertEquals(List.of("(8,8)", "(13,13)"), CurvatureLadder.of(tube(), 0.25).stream()
                .map(s -> "(" + s.tube().get().n() + "," + s.tube().get().m() + ")").toList());
        assertEquals(List.of("(8,4)", "(13,6)"), CurvatureLadder.of(SymmetricStructure.fromTube(Nanotube.of(10, 5)), 0.25)
                .stream().map(s -> "(" + s.tube().get().n() + "," + s.tube().get().m() + ")").toList());
        // (3,3): x 1.25 = (4,4) kept; / 1.25 = (2,2), 0.27 nm, too thin to exist
        assertEquals(1, CurvatureLadder.of(SymmetricStructure.fromTube(Nanotube.of(3, 3)), 0.25).size());
        assertTrue(CurvatureLadder.of(tube(), 0).isEmpty());
        // the default: the rungs are labelled with the initial frames (3 tubes x 3), no MD on them
        OnTheFly.Result r = new OnTheFly(new CalculatorTeacher(LB), OnTheFlyOptions.builder(5).initialFrames(3)
                .threshold(UncertaintyThreshold.absolute(1.0)).build(), ENGINE).run(tube(), 5, null, Progress.NONE);
        assertEquals(0, r.mdCalls());
        assertEquals(9, r.trainingSet().size());
        assertEquals(List.of("(10,10)", "(10,10)", "(10,10)", "(8,8) ladder of (10,10)", "(8,8) ladder of (10,10)",
                "(8,8) ladder of (10,10)", "(13,13) ladder of (10,10)", "(13,13) ladder of (10,10)",
                "(13,13) ladder of (10,10)"), r.calls().stream().map(TeacherCall::tube).toList());
        assertEquals(5, r.steps(), "MD on the simulated tube only");
    }

    private static SymmetricStructure tube() {
        return SymmetricStructure.fromTube(Nanotube.of(10, 10));
    }

    @Test
    void learnsOnTheFlyWithRareTeacherCalls() {
        List<TeacherCall> logged = new ArrayList<>();
        List<MdFrame> frames = new ArrayList<>();
        OnTheFly otf = new OnTheFly(new CalculatorTeacher(LB), options(250).build(), ENGINE);
        OnTheFly.Result r = otf.run(tube(), 10, new OnTheFly.Listener() {
            @Override
            public void teacherCalled(TeacherCall call, TrainingFrame frame) {
                logged.add(call);
            }

            @Override
            public void frame(MdFrame f) {
                frames.add(f);
            }
        }, Progress.NONE);

        assertEquals(250, r.steps());
        assertEquals(250, r.checks(), "uncertainty at every step");
        assertTrue(r.mdCalls() >= 1, "the teacher was needed during the MD");
        assertTrue(r.teacherFraction() < TEACHER_FRACTION, "teacher on a small fraction of steps: " + r.teacherFraction());
        assertEquals(r.calls(), logged);
        assertEquals(r.calls().size(), r.trainingSet().size());
        assertEquals(6, r.calls().size() - r.mdCalls(), "initial frames");
        assertEquals(26, frames.size(), "frames at steps 0, 10, ..., 250");
        assertTrue(r.model().referenceCount() <= 400);

        ModelCalculator model = new ModelCalculator(r.model(), ENGINE);
        long last = 0;
        for (TeacherCall c : r.calls()) {
            if (!c.reason().equals("uncertainty")) {
                continue;
            }
            assertTrue(c.step() > last, "one call per step at most, in order");
            last = c.step();
            assertTrue(c.forceSigma() > c.threshold(), "called only above the threshold");
            assertTrue(Double.isFinite(c.forceMaxError()) && c.forceMaxError() > 0);
            assertTrue(c.forceRmsError() <= c.forceMaxError());
            assertTrue(c.references() > 0 && c.refitSeconds() > 0);
        }
        for (TrainingFrame f : r.trainingSet()) {
            double sigma = model.uncertainty(f.symmetricStructure()).maxForceEpistemic();
            assertTrue(sigma < ABSORBED * THRESHOLD, "sigma at a training frame " + f.name() + ": " + sigma);
        }

        // held-out frames at thermal amplitude: the final model is accurate and better than the initial one
        List<TrainingFrame> held = TeacherData.generate(List.of(tube()), 20, LB,
                new TeacherData.Options(0.08, 0.01, 0.001, 99), LB.name(), Progress.NONE);
        ErrorStats fin = Evaluation.evaluate(model, held, r.report().energyOffsets(), Progress.NONE);
        assertTrue(fin.forceRmse() < SHORT_FORCE_BAR, "held-out force RMSE " + fin.forceRmse());
        assertTrue(fin.energyRmse() < SHORT_ENERGY_BAR, "held-out energy RMSE " + fin.energyRmse());
        Trainer.Result initial = Trainer.train(r.trainingSet().subList(0, 6), TrainingOptions.defaults()
                .toBuilder().referenceSize(400).offsetGroup(LB.name()).build(), ENGINE, Progress.NONE);
        ErrorStats init = Evaluation.evaluate(new ModelCalculator(initial.model(), ENGINE), held,
                initial.report().energyOffsets(), Progress.NONE);
        assertTrue(fin.forceRmse() < IMPROVEMENT * init.forceRmse(),
                "final " + fin.forceRmse() + " vs initial " + init.forceRmse());
    }

    @Test
    void teacherCallBudgetAndCheckpoints() {
        List<Integer> checkpoints = new ArrayList<>();
        OnTheFlyOptions o = options(60).threshold(UncertaintyThreshold.absolute(1e-6)).maxTeacherCalls(2)
                .checkpointInterval(1).initialFrames(3).build();
        OnTheFly.Result r = new OnTheFly(new CalculatorTeacher(LB), o, ENGINE).run(tube(), 10,
                new OnTheFly.Listener() {
                    @Override
                    public void checkpoint(KernelModel model, List<TrainingFrame> set) {
                        checkpoints.add(set.size());
                    }
                }, Progress.NONE);
        assertEquals(2, r.mdCalls());
        assertTrue(r.budgetExhausted(), "a threshold of 1e-6 Ha/Bohr keeps asking");
        assertEquals(List.of(4, 5), checkpoints, "after each of the two calls");
        assertEquals(5, r.trainingSet().size());
    }

    @Test
    void aFailingTeacherLeavesTheFramesLabelledSoFar() {
        Teacher flaky = new Teacher() {
            private int calls;

            @Override
            public String name() {
                return "flaky";
            }

            @Override
            public TeacherLabel label(SymmetricStructure s) {
                if (++calls == 5) {
                    throw new TeacherException("teacher command 'dft' failed with exit status 1");
                }
                return new CalculatorTeacher(LB).label(s);
            }
        };
        OnTheFly otf = new OnTheFly(flaky, options(100).initialFrames(3)
                .threshold(UncertaintyThreshold.absolute(1e-6)).build(), ENGINE);
        TeacherException e = assertThrows(TeacherException.class, () -> otf.run(tube(), 10, null, Progress.NONE));
        assertTrue(e.getMessage().contains("exit status 1"));
        assertEquals(4, otf.trainingSet().size(), "3 initial + 1 MD frame");
        assertEquals(4, otf.calls().size());
    }

    @Test
    void anExternalProcessTeachesWithoutTwistedFrames(@TempDir Path dir) {
        ExternalTeacher ext = new ExternalTeacher(ExternalTeacher.Options.of(FakeExternalCode.command(""),
                dir.resolve("work")).toBuilder().energyGroup("fake-lb").build());
        OnTheFlyOptions o = OnTheFlyOptions.builder(20).initialFrames(3)
                .threshold(UncertaintyThreshold.absolute(1.0)).build();
        OnTheFly.Result r = new OnTheFly(ext, o, ENGINE).run(tube(), 10, null, Progress.NONE);
        assertEquals(0, r.mdCalls(), "threshold 1 Ha/Bohr: no calls during the MD");
        assertEquals(3, r.trainingSet().size(), "no curvature ladder (default on) for a full-cell teacher");
        double alpha = tube().group().screwAngle();
        for (TrainingFrame f : r.trainingSet()) {
            assertEquals(alpha, f.symmetricStructure().group().screwAngle(), Tolerances.EXACT, "no twist for a full-cell teacher");
            assertEquals("fake-lb", f.group());
            // the process's labels are the in-process teacher's
            assertEquals(LB.compute(f.symmetricStructure()).energyPerAtom(), f.energyPerAtom(), TEACHER_ENERGY);
        }
        assertTrue(r.trainingSet().get(1).symmetricStructure().group().screwShift()
                != tube().group().screwShift(), "strained initial frames");
    }

    @Test
    void thresholds() {
        assertEquals(3e-4, UncertaintyThreshold.parse("3e-4").absolute(), Tolerances.EXACT);
        assertEquals(4.0, UncertaintyThreshold.parse(" 4x ").factor(), Tolerances.EXACT);
        assertThrows(InvalidInputException.class, () -> UncertaintyThreshold.parse("lots"));
        assertThrows(InvalidInputException.class, () -> UncertaintyThreshold.parse("0"));
        Trainer.Result fit = Trainer.train(TeacherData.generate(List.of(tube()), 6, LB, TeacherData.Options.defaults(),
                LB.name(), Progress.NONE), TrainingOptions.defaults(), ENGINE, Progress.NONE);
        double noise = UncertaintyThreshold.noiseLevel(fit.model());
        assertTrue(noise > 0);
        assertEquals(4 * noise, UncertaintyThreshold.relative(4).value(fit.model()), Tolerances.ULP);
        assertEquals(1.0, new UncertaintyThreshold(1.0, 4).value(fit.model()), Tolerances.EXACT, "the absolute floor wins");
    }

    @Test
    void optionsBuilderStartsFromTheDefaultsAndValidates() {
        OnTheFlyOptions d = OnTheFlyOptions.defaults(100);
        assertEquals(new OnTheFlyOptions(MdOptions.defaults().toBuilder().temperatureK(600).thermostat(Thermostat.LANGEVIN).build(),
                100, UncertaintyThreshold.absolute(3e-4), 4, new TeacherData.Options(0.1, 0.01, 0.001, 1L), 400,
                Integer.MAX_VALUE, 1, 10, TrainingOptions.defaults(), 0.25), d, "the documented defaults");
        assertEquals(d, d.toBuilder().build(), "toBuilder keeps every setting");
        OnTheFlyOptions o = d.toBuilder().steps(7).maxTeacherCalls(3).diameterLadder(0).build();
        assertEquals(7, o.steps());
        assertEquals(3, o.maxTeacherCalls());
        assertEquals(0.0, o.diameterLadder(), Tolerances.EXACT);
        assertEquals(d.threshold(), o.threshold(), "the rest unchanged");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> OnTheFlyOptions.builder(10).initialFrames(1).build());
        assertTrue(e.getMessage().contains("initial frames 1"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> OnTheFlyOptions.builder(10).diameterLadder(2).build());
    }
}

package org.helixff.dynamics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.helixff.Progress;
import org.helixff.backend.Backends;
import org.helixff.calculator.Calculator;
import org.helixff.compute.Engines;
import org.helixff.model.ModelCalculator;
import org.helixff.relax.Relaxer;
import org.helixff.structure.Nanotube;
import org.helixff.symmetry.SymmetricStructure;
import org.helixff.teacher.CalculatorTeacher;
import org.helixff.teacher.Teachers;
import org.helixff.training.ErrorStats;
import org.helixff.training.Evaluation;
import org.helixff.training.TeacherData;
import org.helixff.training.TrainingFrame;
import org.helixff.training.TrainingOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The full on-the-fly run: Lindsay-Broido Tersoff teacher, (10,10) at 600 K, 2000 steps of 0.5 fs,
 * threshold 3e-4 Ha/Bohr; the final model against the model issue's Tersoff bar on held-out frames
 * ({@link TeacherData#generate} around the ideal and the relaxed tube, seed 777: motif displacements up to
 * 0.15 Bohr, strain up to 2 %, twist up to 0.002 rad/Bohr), with the default curvature ladder. About 10 s per run;
 * the one-tube run is in the default suite, the comparisons without the ladder and with two tubes are heavy.
 */
class OnTheFlyAccuracyTest {
    /** The model issue's Tersoff accuracy bar (the paper's DFT numbers): Hartree per atom and Ha/Bohr. */
    private static final double ENERGY_BAR = 1.4e-4;
    private static final double FORCE_BAR = 4.7e-4;
    /** (10,10) force bound of the run without the ladder at the 1e-18 ridge floor (measured 6.5e-4 Ha/Bohr). */
    private static final double NO_LADDER_FORCE = 1e-3;
    /** "A small fraction of steps": measured 0.40 % (one tube; 1.7 % without the ladder) and 0.23 % (two tubes). */
    private static final double FRACTION_BAR = 0.05;

    private static final Calculator LB = Teachers.byName("tersoff-lb");
    private static final Engines ENGINE = Backends.engines(TrainingOptions.defaults().soap(), Backends.requested());

    private static OnTheFly.Result learn(List<SymmetricStructure> tubes) {
        OnTheFlyOptions o = OnTheFlyOptions.builder(2000).threshold(UncertaintyThreshold.absolute(3e-4))
                .initialFrames(6).initialPerturbation(TeacherData.Options.defaults()).build();
        OnTheFly.Result r = new OnTheFly(new CalculatorTeacher(LB), o, ENGINE).run(tubes, 100, null, Progress.NONE);
        System.out.printf(Locale.ROOT, "on-the-fly %s: %d + %d teacher calls, fraction %.4f, %d references,"
                + " %.1f s (teacher %.2f, refits %.1f, uncertainty %.1f, model %.1f)%n", tubes.size() + " tube(s)",
                r.calls().size() - r.mdCalls(), r.mdCalls(), r.teacherFraction(), r.model().referenceCount(), r.seconds(),
                r.timings().get("teacher"), r.timings().get("refit"), r.timings().get("uncertainty"),
                r.timings().get("model"));
        assertTrue(r.teacherFraction() < FRACTION_BAR, "teacher-call fraction " + r.teacherFraction());
        return r;
    }

    private static ErrorStats heldOut(OnTheFly.Result r, int n, int m) {
        SymmetricStructure ideal = SymmetricStructure.fromTube(Nanotube.of(n, m));
        SymmetricStructure relaxed = new Relaxer(LB, Relaxer.Options.defaults().toBuilder().freeAxial(true).build()).relax(ideal)
                .structure();
        List<TrainingFrame> held = TeacherData.generate(List.of(ideal, relaxed), 40, LB,
                TeacherData.Options.defaults().toBuilder().seed(777).build(), LB.name(), Progress.NONE);
        ErrorStats e = Evaluation.evaluate(new ModelCalculator(r.model(), ENGINE), held, r.report().energyOffsets(),
                Progress.NONE);
        System.out.printf(Locale.ROOT, "  held-out (%d,%d): energy RMSE %.2e Ha/atom (mean error %.2e), force RMSE %.2e"
                + " Ha/Bohr (max %.2e)%n", n, m, e.energyRmse(), e.energyMeanError(), e.forceRmse(), e.forceMaxAbs());
        return e;
    }

    private static void assertBar(ErrorStats e, String what) {
        assertTrue(e.energyRmse() <= ENERGY_BAR, what + " energy RMSE " + e.energyRmse());
        assertTrue(e.forceRmse() <= FORCE_BAR, what + " force RMSE " + e.forceRmse());
    }

    @Test
    void oneTube() {
        OnTheFly.Result r = learn(List.of(SymmetricStructure.fromTube(Nanotube.of(10, 10))));
        assertBar(heldOut(r, 10, 10), "(10,10)");
        // (12,12) is neither simulated nor labelled: the default curvature ladder labels (8,8) and (13,13)
        // (ideal + perturbations, no MD). Without the ladder it missed by ~3e-3 Ha/atom (ladderOff below).
        assertBar(heldOut(r, 12, 12), "(12,12)");
        // further afield, reported: outside the ladder and another chirality
        heldOut(r, 15, 15);
        heldOut(r, 12, 6);
    }

    @Test
    @Tag("heavy")
    void ladderOff() {
        OnTheFlyOptions o = OnTheFlyOptions.builder(2000).threshold(UncertaintyThreshold.absolute(3e-4))
                .initialFrames(6).initialPerturbation(TeacherData.Options.defaults()).diameterLadder(0).build();
        OnTheFly.Result r = new OnTheFly(new CalculatorTeacher(LB), o, ENGINE).run(
                List.of(SymmetricStructure.fromTube(Nanotube.of(10, 10))), 100, null, Progress.NONE);
        System.out.printf(Locale.ROOT, "on-the-fly without the ladder: %d + %d teacher calls%n",
                r.calls().size() - r.mdCalls(), r.mdCalls());
        // Since the ridge floor went from 1e-20 to 1e-18 s_max (issue 14: noise-free models must relax every tube)
        // this variant's own tube misses the force bar: 6.5e-4 Ha/Bohr (energy still within its bar). The point of
        // the test is the comparison with the ladder: (12,12) misses badly without it.
        ErrorStats own = heldOut(r, 10, 10);
        assertTrue(own.energyRmse() <= ENERGY_BAR, "(10,10) energy RMSE " + own.energyRmse());
        assertTrue(own.forceRmse() <= NO_LADDER_FORCE, "(10,10) force RMSE " + own.forceRmse());
        ErrorStats far = heldOut(r, 12, 12);
        assertTrue(far.energyRmse() > ENERGY_BAR, "without the ladder (12,12) was expected to miss the energy bar");
    }

    @Test
    @Tag("heavy")
    void twoTubes() {
        OnTheFly.Result r = learn(List.of(SymmetricStructure.fromTube(Nanotube.of(10, 10)),
                SymmetricStructure.fromTube(Nanotube.of(12, 12))));
        assertBar(heldOut(r, 10, 10), "(10,10)");
        assertBar(heldOut(r, 12, 12), "(12,12)");
    }
}

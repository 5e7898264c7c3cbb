package org.helixff.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.helixff.Progress;
import org.helixff.Tolerances;
import org.helixff.calculator.Calculator;
import org.helixff.calculator.CalculatorContract;
import org.helixff.calculator.SymmetricResult;
import org.helixff.calculator.UncertaintyCalculator;
import org.helixff.compute.cpu.CpuSoapEngine;
import org.helixff.descriptor.DescriptorEngine;
import org.helixff.descriptor.SoapParameters;
import org.helixff.model.ModelCalculator;
import org.helixff.relax.RelaxationResult;
import org.helixff.relax.Relaxer;
import org.helixff.structure.Nanotube;
import org.helixff.symmetry.HelicalGroup;
import org.helixff.symmetry.SymmetricStructure;
import org.helixff.teacher.Teachers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The model issue's accuracy bar: trained on Lindsay-Broido-Tersoff frames of (7,7), (12,0), (10,5) (80 each:
 * motif displacements up to 0.15 Bohr, strain +-2 %, twist +-0.002 rad/Bohr, around the ideal and the relaxed
 * geometry), tested on 30 frames each of (8,8), (14,0), (9,6) never seen in training.
 */
class TersoffTransferTest {
    /** Model forces against central differences of the model energy, relative: step error. */
    private static final double FD_FORCE_REL = 1e-4;
    /** Forces below this (Ha/Bohr) are compared against this scale. */
    private static final double FD_FORCE_FLOOR = 1e-2;
    /** DE/dh against a central difference in h, relative: step error. */
    private static final double FD_DEDH_REL = 1e-3;
    /** DE/dalpha against a central difference in alpha, relative: step error of the larger angular step. */
    private static final double FD_DEDALPHA_REL = 5e-3;
    /** Force RMSE pooled over held-out tubes, Ha/Bohr: the transfer the model promises (the paper: 4.7e-4 against DFT). */
    private static final double POOLED_FORCE_RMSE = 3e-4;
    /** The paper's numbers (arXiv:2408.07554) on tubes not in training: the bar to meet. */
    private static final double PAPER_ENERGY_RMSE = 1.4e-4;
    private static final double PAPER_FORCE_RMSE = 4.7e-4;
    /** Symmetric vs full cell: same site energies, different summation order. */
    private static final double ORACLE_TOL = 1e-10;
    /**
     * Round-off allowance in units of sum_t |w_t|: on noise-free teacher data the evidence drives the ridge
     * to ~1e-20 of the largest eigenvalue and the weights grow to ~1e7 times the energy per atom, so
     * descriptors that differ in the last bit (other neighbour order) move E by ~1e-17 sum |w|.
     */
    private static final double ROUND_OFF_PER_WEIGHT = 1e-16;

    static final Calculator TEACHER = Teachers.byName("tersoff-lb");
    static DescriptorEngine engine;
    static Trainer.Result trained;
    static ModelCalculator model;

    static List<TrainingFrame> frames(int n, int m, int count, long seed) {
        SymmetricStructure ideal = SymmetricStructure.fromTube(Nanotube.of(n, m));
        RelaxationResult rr = new Relaxer(TEACHER, Relaxer.Options.builder().freeAxial(true).build()).relax(ideal);
        return TeacherData.generate(List.of(ideal, rr.structure()), count, TEACHER,
                TeacherData.Options.builder().seed(seed).build(), "tersoff-lb", Progress.NONE);
    }

    static List<TrainingFrame> trainingFrames() {
        List<TrainingFrame> train = new ArrayList<>();
        for (int[] t : new int[][] {{7, 7}, {12, 0}, {10, 5}}) {
            train.addAll(frames(t[0], t[1], 80, 100 + 31L * t[0] + t[1]));
        }
        return train;
    }

    @BeforeAll
    static void train() {
        engine = new CpuSoapEngine(SoapParameters.defaults());
        trained = Trainer.train(trainingFrames(), TrainingOptions.defaults(), engine, Progress.NONE);
        model = new ModelCalculator(trained.model(), engine);
    }

    @Test
    void unseenTubesMeetThePapersAccuracy() {
        ErrorStats all = null;
        List<FramePrediction> pooled = new ArrayList<>();
        for (int[] t : new int[][] {{8, 8}, {14, 0}, {9, 6}}) {
            List<TrainingFrame> test = frames(t[0], t[1], 30, 900 + t[0]);
            List<FramePrediction> p = Evaluation.predict(model, test, trained.report().energyOffsets(), Progress.NONE);
            ErrorStats s = ErrorStats.of(p);
            System.out.printf("(%d,%d): energy RMSE %.2e Ha/atom (mean removed %.2e), force RMSE %.2e Ha/Bohr%n", t[0],
                    t[1], s.energyRmse(), s.energyRmseMeanRemoved(), s.forceRmse());
            assertTrue(s.energyRmse() <= PAPER_ENERGY_RMSE, "(" + t[0] + "," + t[1] + ") energy RMSE " + s.energyRmse());
            assertTrue(s.forceRmse() <= PAPER_FORCE_RMSE, "(" + t[0] + "," + t[1] + ") force RMSE " + s.forceRmse());
            pooled.addAll(p);
        }
        all = ErrorStats.of(pooled);
        assertTrue(all.forceRmse() < POOLED_FORCE_RMSE, "pooled force RMSE " + all.forceRmse());
    }

    @Test
    void symmetricEqualsFullCellAndForcesAreEnergyGradients() {
        for (int[] t : new int[][] {{7, 7}, {10, 5}, {12, 0}}) {
            CalculatorContract.assertSymmetricEqualsFullCell(model, CalculatorContract.perturbed(t[0], t[1], 3, true),
                    ORACLE_TOL, ROUND_OFF_PER_WEIGHT * sumAbsWeights());
        }
        // Central differences of the model energy. The energy carries round-off ~1e-16 sum|w| ~ 3e-9 Ha (see
        // ROUND_OFF_PER_WEIGHT), so steps must be large and tolerances follow the measured FD noise: forces with
        // step 3e-3 Bohr agree to 1e-4 relative (floor 1e-2 Ha/Bohr); dE/dh (lever arms j ~ r_c/h) with step 1e-3
        // Bohr to 1e-3; dE/dalpha (lever arms j R) with step 1e-5 rad to 5e-3. The gathering of these
        // derivatives is verified to 1e-7 with the Tersoff teacher; here the model's site gradients are checked.
        SymmetricStructure s = CalculatorContract.perturbed(10, 5, 8, false);
        SymmetricResult r = model.compute(s);
        double[] x = s.motif();
        for (int i = 0; i < x.length; i++) {
            double h = 3e-3;
            double[] xp = x.clone();
            double[] xm = x.clone();
            xp[i] += h;
            xm[i] -= h;
            double fd = -(model.compute(s.withMotif(xp)).energyPerMotif() - model.compute(s.withMotif(xm)).energyPerMotif())
                    / (2 * h);
            assertEquals(fd, r.forces()[i], FD_FORCE_REL * Math.max(FD_FORCE_FLOOR, Math.abs(fd)), "force component " + i);
        }
        HelicalGroup g = s.group();
        double hh = 1e-3;
        double fdh = (model.compute(s.withGroup(g.withScrew(g.screwAngle(), g.screwShift() + hh))).energyPerMotif()
                - model.compute(s.withGroup(g.withScrew(g.screwAngle(), g.screwShift() - hh))).energyPerMotif()) / (2 * hh);
        assertTrue(Math.abs(fdh) > Tolerances.NON_TRIVIAL, "dE/dh non-trivial " + fdh);
        assertEquals(fdh, r.dEdh(), FD_DEDH_REL * Math.abs(fdh), "dE/dh");
        double ha = 1e-5;
        double fda = (model.compute(s.withGroup(g.withScrew(g.screwAngle() + ha, g.screwShift()))).energyPerMotif()
                - model.compute(s.withGroup(g.withScrew(g.screwAngle() - ha, g.screwShift()))).energyPerMotif()) / (2 * ha);
        assertTrue(Math.abs(fda) > Tolerances.NON_TRIVIAL, "dE/dalpha non-trivial " + fda);
        assertEquals(fda, r.dEdalpha(), FD_DEDALPHA_REL * Math.abs(fda), "dE/dalpha");
    }

    static double sumAbsWeights() {
        double s = 0;
        for (double w : model.model().weights()) {
            s += Math.abs(w);
        }
        return s;
    }

    @Test
    void uncertaintyIsLargerAwayFromTheTrainingData() {
        SymmetricStructure like = frames(7, 7, 1, 4242).get(0).symmetricStructure();
        UncertaintyCalculator.Uncertainty near = model.uncertainty(like);
        // strongly distorted and strained, out of training
        SymmetricStructure far = SymmetricStructure.fromTube(Nanotube.of(7, 7), 0.08, 0.0);
        double[] x = far.motif();
        x[0] += 0.6;
        x[5] -= 0.5;
        UncertaintyCalculator.Uncertainty distorted = model.uncertainty(far.withMotif(x));
        UncertaintyCalculator.Uncertainty thin = model.uncertainty(SymmetricStructure.fromTube(Nanotube.of(5, 0)));
        for (UncertaintyCalculator.Uncertainty u : new UncertaintyCalculator.Uncertainty[] {distorted, thin}) {
            assertTrue(u.maxForceEpistemic() > 3 * near.maxForceEpistemic(),
                    "force sigma " + u.maxForceEpistemic() + " vs training-like " + near.maxForceEpistemic());
            assertTrue(u.energyPerAtomEpistemic() > 3 * near.energyPerAtomEpistemic(),
                    "energy sigma " + u.energyPerAtomEpistemic() + " vs training-like " + near.energyPerAtomEpistemic());
        }
    }

    @Test
    void sameDataGiveTheSameModelOnAnyThreadCount() throws Exception {
        List<TrainingFrame> data = trainingFrames().subList(0, 60);
        TrainingOptions opt = TrainingOptions.builder().referenceSize(50).build();
        Trainer.Result a = Trainer.train(data, opt, new CpuSoapEngine(SoapParameters.defaults()), Progress.NONE);
        ForkJoinPool one = new ForkJoinPool(1);
        try {
            Trainer.Result b = one.submit(() -> Trainer.train(data, opt,
                    new CpuSoapEngine(SoapParameters.defaults(), one), Progress.NONE)).get();
            assertArrayEquals(a.model().weights(), b.model().weights(), Tolerances.EXACT);
            assertArrayEquals(a.model().reference(), b.model().reference(), Tolerances.EXACT);
            assertEquals(a.model().energyOffset(), b.model().energyOffset(), Tolerances.EXACT);
        } finally {
            one.shutdown();
        }
    }
}

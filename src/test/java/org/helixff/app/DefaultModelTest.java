package org.helixff.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.helixff.Progress;
import org.helixff.backend.Backends;
import org.helixff.calculator.SymmetricResult;
import org.helixff.io.Datasets;
import org.helixff.model.KernelModel;
import org.helixff.model.ModelCalculator;
import org.helixff.structure.Nanotube;
import org.helixff.symmetry.SymmetricStructure;
import org.helixff.training.Trainer;
import org.helixff.training.TrainingFrames;
import org.junit.jupiter.api.Test;

/** The bundled default model is what its documented recipe produces. */
class DefaultModelTest {
    /** In-sample energy error of the bundled model on a SPARC frame, Ha/atom: SPARC labels carry noise and the model is fitted over several tubes. */
    private static final double ENERGY_VS_DFT = 3e-3;
    /**
     * Retraining runs the same arithmetic; only Math.exp/sin intrinsics may differ by an ulp between JVMs and
     * CPUs, which the weights (up to ~1e4 times the energies) amplify to ~1e-12 Ha.
     */
    private static final double ENERGY_TOL = 1e-9;
    private static final double FORCE_TOL = 1e-8;

    @Test
    void retrainingTheRecipeReproducesTheBundledModel() {
        assertTrue(DefaultModel.isBundled(), "the jar must bundle " + DefaultModel.RESOURCE);
        KernelModel bundled = DefaultModel.load();
        Trainer.Result r = Trainer.train(TrainingFrames.load(DefaultModel.SOURCES, null), DefaultModel.options(),
                Backends.engines(DefaultModel.options().soap(), Backends.requested()), Progress.NONE);
        KernelModel again = r.model();
        assertEquals(bundled.referenceCount(), again.referenceCount());
        assertEquals(bundled.soap(), again.soap());
        ModelCalculator a = Models.calculator(bundled);
        ModelCalculator b = Models.calculator(again);
        for (int[] t : new int[][] {{10, 10}, {9, 6}, {12, 0}}) {
            SymmetricStructure s = SymmetricStructure.fromTube(Nanotube.of(t[0], t[1]), 0.01, 0.0);
            double[] x = s.motif();
            x[0] += 0.05;
            x[4] -= 0.03;
            s = s.withMotif(x);
            SymmetricResult ra = a.compute(s);
            SymmetricResult rb = b.compute(s);
            assertEquals(ra.energyPerAtom(), rb.energyPerAtom(), ENERGY_TOL);
            for (int q = 0; q < 6; q++) {
                assertEquals(ra.forces()[q], rb.forces()[q], FORCE_TOL);
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> meta = (Map<String, Object>) bundled.metadata().get("training");
        assertEquals(((Number) meta.get("reference_count")).intValue(), r.report().referenceCount());
    }

    @Test
    void bundledModelPredictsTheDftDataItWasTrainedOn() {
        // in-sample sanity check (held-out numbers are in the README): SPARC forces carry noise ~1e-2 Ha/Bohr
        ModelCalculator m = Models.calculator(DefaultModel.load());
        SymmetricStructure s = Datasets.load("sparc-cnt", "cnt_7_7.extxyz").get(3).symmetric().orElseThrow();
        SymmetricResult r = m.compute(s);
        assertEquals(-6.0186, r.energyPerAtom(), ENERGY_VS_DFT);
    }
}

package org.helixff.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.helixff.Tolerances;
import org.helixff.app.DefaultModel;
import org.helixff.backend.Backends;
import org.helixff.descriptor.DescriptorEngine;
import org.helixff.neighbors.ImageNeighbors;
import org.helixff.neighbors.NeighborList;
import org.helixff.structure.Nanotube;
import org.helixff.symmetry.SymmetricStructure;
import org.helixff.training.FrameSelection;
import org.helixff.training.Trainer;
import org.junit.jupiter.api.Test;

/**
 * The extrapolation measure: calibrated on the 0.1.0 default model (trained on tubes of d <= 1.04 nm), it must
 * call the large tubes of issue 14 outside and the training tubes and tubes between them inside; it is the
 * same on a symmetric structure and its expanded full cell; farthest-first selection never picks a frame
 * already known.
 */
class ExtrapolationTest {
    /** A reference is at kernel distance 0 from itself: sqrt of the round-off of 2 - 2 (x.x)^zeta (1e-14). */
    private static final double SELF_DISTANCE = 1e-7;
    /**
     * Symmetric vs full-cell descriptors agree to round-off (~1e-15 relative); d = sqrt(2 - 2 c^zeta) turns that
     * into ~1e-8 near d = 0 (square root of round-off), so distances agree to well below this.
     */
    private static final double SYM_VS_CELL_TOL = 1e-6;
    /** Score below which a candidate counts as known (distance ~1e-8 from round-off, radius ~0.05). */
    private static final double KNOWN_SCORE = 1e-4;

    private static volatile KernelModel legacy;

    /** The 0.1.0 default model, rebuilt from its recipe (DefaultModelTest shows the recipe is reproducible). */
    private static KernelModel legacy() {
        if (legacy == null) {
            legacy = Trainer.train(org.helixff.training.TrainingFrames.load(DefaultModel.SOURCES_0_1_0, null),
                    DefaultModel.options0_1_0(), Backends.descriptorEngine(DefaultModel.options0_1_0().soap()),
                    org.helixff.Progress.NONE).model();
        }
        return legacy;
    }

    /** Issue 14: the new default model is silent on every tube of the acceptance list (ideal roll-ups). */
    @Test
    void defaultModelIsSilentOnTheAcceptanceTubes() {
        KernelModel m = DefaultModel.load();
        for (int[] t : new int[][] {{5, 5}, {8, 0}, {6, 5}, {10, 10}, {12, 6}, {15, 15}, {20, 20}, {26, 0}, {30, 10},
            {40, 39}}) {
            Extrapolation.Report r = score(m, t[0], t[1]);
            assertFalse(r.outside(), "(" + t[0] + "," + t[1] + ") score " + r.score());
        }
    }

    private static Extrapolation.Report score(KernelModel m, int n, int mm) {
        DescriptorEngine eng = Backends.descriptorEngine(m.soap());
        return Extrapolation.of(m, eng, SymmetricStructure.fromTube(Nanotube.of(n, mm)));
    }

    @Test
    void legacyDefaultModelFiresOnLargeTubesOnly() {
        // the 0.1.0 default model: imaginary phonons for every tube of d >= 2 nm (issue 14)
        KernelModel m = legacy();
        // training tubes of the 0.1.0 default model (SPARC (7,7), (12,0), (10,5); GPAW (5,5), (7,7), (8,0), (9,0))
        // and tubes between them: inside
        for (int[] t : new int[][] {{5, 5}, {7, 7}, {8, 0}, {9, 0}, {12, 0}, {10, 5}, {6, 6}, {8, 8}, {10, 0}, {6, 5},
                {10, 10}, {12, 6}}) {
            Extrapolation.Report r = score(m, t[0], t[1]);
            assertFalse(r.outside(), "(" + t[0] + "," + t[1] + ") score " + r.score());
        }
        // d >= 2 nm (issue 14: imaginary phonons with this model): outside
        for (int[] t : new int[][] {{15, 15}, {20, 20}, {26, 0}, {30, 10}, {40, 39}}) {
            Extrapolation.Report r = score(m, t[0], t[1]);
            assertTrue(r.outside(), "(" + t[0] + "," + t[1] + ") score " + r.score());
        }
        // monotone along the armchair family beyond the data
        double last = 0;
        for (int n : new int[] {10, 15, 20, 30, 40}) {
            double s = score(m, n, n).score();
            assertTrue(s > last, "score of (" + n + "," + n + ") " + s + " not above " + last);
            last = s;
        }
    }

    @Test
    void symmetricStructureAndFullCellScoreAlike() {
        KernelModel m = legacy();
        DescriptorEngine eng = Backends.descriptorEngine(m.soap());
        for (int[] t : new int[][] {{10, 5}, {20, 20}}) {
            SymmetricStructure s = SymmetricStructure.fromTube(Nanotube.of(t[0], t[1]));
            Extrapolation.Report a = Extrapolation.of(m, eng, s);
            Extrapolation.Report b = Extrapolation.of(m, eng, s.expand(1));
            assertEquals(a.maxDistance(), b.maxDistance(), SYM_VS_CELL_TOL);
            assertEquals(a.meanDistance(), b.meanDistance(), SYM_VS_CELL_TOL);
        }
    }

    @Test
    void trainingStoresTheRadiusAndReferencesAreInside() {
        Trainer.Result fit = ModelFixtures.trainToy(4, 60);
        KernelModel m = fit.model();
        Object meta = m.metadata().get(Extrapolation.METADATA_KEY);
        assertTrue(meta instanceof Map<?, ?>, "metadata " + m.metadata().keySet());
        double stored = ((Number) ((Map<?, ?>) meta).get("radius")).doubleValue();
        KernelModel bare = m.withMetadata(Map.of());
        assertEquals(stored, Extrapolation.radius(bare), Tolerances.EXACT, "stored radius = recomputed from the references");
        // each reference's own environment is at distance 0 from the references
        double[] d = Extrapolation.nearestDistances(m, m.reference(), m.referenceCount());
        for (double x : d) {
            assertEquals(0.0, x, SELF_DISTANCE);
        }
    }

    @Test
    void farthestFirstNeverPicksAKnownFrame() {
        KernelModel m = legacy();
        DescriptorEngine eng = Backends.descriptorEngine(m.soap());
        List<NeighborList> pool = new ArrayList<>();
        int[][] tubes = {{40, 39}, {20, 20}, {40, 39}, {7, 7}, {30, 10}};
        for (int[] t : tubes) {
            pool.add(ImageNeighbors.build(SymmetricStructure.fromTube(Nanotube.of(t[0], t[1])), m.soap().cutoff()));
        }
        List<FrameSelection.Choice> c = FrameSelection.farthestFirst(m, eng, pool, 5, KNOWN_SCORE);
        assertEquals(0, c.get(0).index(), "the most novel candidate first (lowest index on ties)");
        for (FrameSelection.Choice x : c) {
            assertTrue(x.index() != 2, "the duplicate of a chosen frame scores 0 and is never chosen: " + c);
            assertTrue(x.index() != 3, "a training tube scores 0 and is never chosen: " + c);
        }
        for (int i = 1; i < c.size(); i++) {
            assertTrue(c.get(i).score() <= c.get(i - 1).score() + Tolerances.ROUND_OFF, "scores fall: " + c);
        }
    }
}

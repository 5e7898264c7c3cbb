package org.helixff.compute.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.helixff.InvalidInputException;
import org.helixff.Tolerances;
import org.helixff.descriptor.SoapParameters;
import org.helixff.neighbors.NeighborList;
import org.junit.jupiter.api.Test;

/** Launch geometry and pair compaction (pure Java, no GPU). */
class LaunchPlansAndPairsTest {
    @Test
    void everyParameterSetFitsTheSharedMemoryBudget() {
        for (int nmax = 1; nmax <= 20; nmax++) {
            for (int lmax = 0; lmax <= 12; lmax++) {
                for (LaunchPlans.SoapPlan p : new LaunchPlans.SoapPlan[] {LaunchPlans.coefficients(nmax, lmax, 500),
                    LaunchPlans.backprop(nmax, lmax, 500), LaunchPlans.jacobian(nmax, lmax)}) {
                    assertTrue(p.sharedBytes() <= LaunchPlans.SHARED_BUDGET, nmax + "," + lmax + ": " + p);
                    assertTrue(p.tile() >= 1 && p.tile() <= LaunchPlans.MAX_TILE);
                }
            }
        }
        // defaults: 32 pairs per coefficient tile, 14 per reverse-mode tile
        assertEquals(32, LaunchPlans.coefficients(8, 6, 100).tile());
        assertEquals(14, LaunchPlans.backprop(8, 6, 100).tile());
        assertEquals(5, LaunchPlans.coefficients(8, 6, 5).tile(), "no larger than the largest centre");
        assertEquals(1, LaunchPlans.coefficients(8, 6, 0).tile());
        assertEquals(3, LaunchPlans.gemmTiles(33));
        assertEquals(1, LaunchPlans.elementwiseBlocks(LaunchPlans.ELEMENTWISE_THREADS));
    }

    @Test
    void pairsInsideTheCutoffAreCompactedInListOrder() {
        double[] d = {
            1, 0, 0, // centre 0, entry 0: in
            0, 11, 0, // entry 1: beyond r_c = 10
            0, 0, -2, // entry 2: in
            // centre 1: no entries
            3, 4, 0 // centre 2, entry 3: in (r = 5)
        };
        NeighborList nl = NeighborList.of(12.0, new int[] {0, 3, 3, 4}, new int[] {1, 2, 0, 0}, d);
        PairBatch b = PairBatch.of(nl, SoapParameters.defaults().cutoff());
        assertEquals(3, b.centers);
        assertEquals(4, b.entries);
        assertEquals(3, b.pairs);
        assertEquals(2, b.maxPairs);
        assertArrayEquals(new int[] {0, 2, 2, 3}, b.offsets);
        assertArrayEquals(new int[] {0, 2, 3}, b.entry);
        assertArrayEquals(new int[] {0, 0, 2}, b.centre);
        assertArrayEquals(new int[] {0, 0, 0, 2}, b.entryCentre);
        assertArrayEquals(new double[] {1, 1, 0, 0, 2, 0, 0, -2, 5, 3, 4, 0}, b.geometry, Tolerances.EXACT);
    }

    @Test
    void invalidListsAreRejectedLikeTheCpuEngine() {
        InvalidInputException e1 = assertThrows(InvalidInputException.class,
                () -> PairBatch.of(NeighborList.of(9.0, new int[] {0, 1}, new int[] {1}, new double[] {1, 0, 0}), 10.0));
        assertTrue(e1.getMessage().contains("below the SOAP cutoff"), e1.getMessage());
        InvalidInputException e2 = assertThrows(InvalidInputException.class,
                () -> PairBatch.of(NeighborList.of(10.0, new int[] {0, 1}, new int[] {1}, new double[] {0, 0, 0}), 10.0));
        assertTrue(e2.getMessage().contains("no direction"), e2.getMessage());
    }
}

package org.helixff.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.helixff.InvalidInputException;
import org.helixff.compute.cpu.CpuKernelEngine;
import org.helixff.compute.cuda.CudaKernelEngine;
import org.helixff.descriptor.DescriptorGradients;
import org.helixff.neighbors.NeighborList;
import org.junit.jupiter.api.Test;

/**
 * Output sizes that pass 2^31 (issue "Reliability" item 20): design blocks of 3 x 8000 entries x 100 000
 * references are 2.4e9 numbers, which int arithmetic wraps to a negative length. Both kernel engines must
 * refuse them with one clear line before allocating anything. The inputs are small (D = 1), so the test
 * is cheap; the CUDA half runs where a GPU is usable.
 */
class KernelSizeLimitsTest {
    private static final int ENTRIES = 8000;
    private static final int REFERENCES = 100_000;

    /** One centre with ENTRIES neighbours, descriptors of length 1, references of length 1. */
    private static Object[] hugeDesignInputs() {
        int[] offsets = {0, ENTRIES};
        int[] nb = new int[ENTRIES];
        double[] disp = new double[3 * ENTRIES];
        for (int e = 0; e < ENTRIES; e++) {
            disp[3 * e] = 1.0 + e * 1e-4;
        }
        NeighborList nl = NeighborList.of(10.0, offsets, nb, disp);
        DescriptorGradients dg = new DescriptorGradients(1, 1, new double[] {1.0}, new double[3 * ENTRIES]);
        double[] ref = new double[REFERENCES];
        Arrays.fill(ref, 1.0);
        KernelSpec spec = new KernelSpec(ref, new double[REFERENCES], 1, 0.0, 2);
        return new Object[] {spec, dg, nl};
    }

    private static void assertRefused(KernelEngine engine) {
        Object[] in = hugeDesignInputs();
        assertTrue(3L * ENTRIES * REFERENCES > Integer.MAX_VALUE && (int) (3L * ENTRIES * REFERENCES) < 0,
                "the product wraps in int arithmetic");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> engine.designBlocks((KernelSpec) in[0], (DescriptorGradients) in[1], (NeighborList) in[2]));
        assertTrue(e.getMessage().startsWith("design blocks (3 entries x M): 24000 x 100000 = 2400000000 numbers"),
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void arrayLengthIsComputedInLongAndChecked() {
        assertEquals(12, KernelEngine.arrayLength("x", 3, 4));
        assertEquals(0, KernelEngine.arrayLength("x", 0, Long.MAX_VALUE));
        assertEquals(KernelEngine.MAX_ARRAY, KernelEngine.arrayLength("x", KernelEngine.MAX_ARRAY, 1));
        assertThrows(InvalidInputException.class, () -> KernelEngine.arrayLength("x", KernelEngine.MAX_ARRAY + 1L, 1));
        assertThrows(InvalidInputException.class, () -> KernelEngine.arrayLength("x", 1L << 32, 1L << 32),
                "a product that overflows long is refused too");
        assertThrows(InvalidInputException.class, () -> KernelEngine.arrayLength("x", -1, 5));
    }

    @Test
    void cpuEngineRefusesDesignBlocksAbove2To31() {
        assertRefused(CpuKernelEngine.INSTANCE);
    }

    @Test
    void cudaEngineRefusesDesignBlocksAbove2To31() {
        CudaTestSupport.assumeCuda();
        assertRefused(new CudaKernelEngine());
    }
}

package org.helixff.compute.cuda;

import org.helixff.InvalidInputException;

/**
 * Launch geometry of every kernel (pure Java, shared by the launchers and the host-build parity test,
 * which runs the block programs with exactly these sizes). The shared-memory formulas mirror
 * {@code soap_coefficients_smem}, {@code soap_backprop_smem} and {@code soap_jacobian_smem} in the
 * kernels (checked by HostKernelParityTest). Every kernel stays within the 48 KiB of dynamic shared
 * memory a block gets without opt-in, so no device attribute needs changing.
 */
public final class LaunchPlans {
    /** Threads per block of the SOAP kernels. */
    public static final int SOAP_THREADS = 128;
    /** Threads per block of the element-wise kernel launches (one thread per centre or row). */
    public static final int ELEMENTWISE_THREADS = 128;
    /** Output tile edge of the dense products (kernels/helixff_gemm.cuh, GEMM_TILE). */
    public static final int GEMM_TILE = 16;
    /** Threads per block of the dense products (GEMM_THREADS). */
    public static final int GEMM_THREADS = GEMM_TILE * GEMM_TILE;
    /** Rows per block of the row-tile kernels (normalise, energy, project; kernel_eval.cu ROW_TILE). */
    public static final int ROW_TILE = 32;
    /** Threads per block of the row-tile kernels (kernel_eval.cu ROW_THREADS). */
    public static final int ROW_THREADS = 256;
    /** Dynamic shared memory a block may use without opt-in, bytes. */
    public static final int SHARED_BUDGET = 48 * 1024;
    /** Largest pair tile of the SOAP kernels. */
    public static final int MAX_TILE = 32;

    private LaunchPlans() {
    }

    /** Threads, pair tile and dynamic shared memory of one SOAP kernel launch. */
    public record SoapPlan(int threads, int tile, long sharedDoubles) {
        /** Dynamic shared memory, bytes. */
        public int sharedBytes() {
            return (int) (sharedDoubles * Double.BYTES);
        }
    }

    private static int constants(int lmax) {
        int lp = lmax + 1;
        return 2 * lp + 2 * lp * lp;
    }

    /** helixff_soap_coefficients: per pair r, u (4), Y (ll) and h (width). */
    public static SoapPlan coefficients(int nmax, int lmax, int maxPairs) {
        int lp = lmax + 1;
        return tiled(constants(lmax), 4 + lp * lp + nmax * lp, maxPairs, "soap coefficients");
    }

    /** helixff_soap_backprop: per pair r, u (4), Y, grad Y, A, B (6 ll), h, h' (2 width). */
    public static SoapPlan backprop(int nmax, int lmax, int maxPairs) {
        int lp = lmax + 1;
        return tiled(constants(lmax), 4 + 6 * lp * lp + 2 * nmax * lp, maxPairs, "soap reverse mode");
    }

    /** helixff_soap_jacobian: one pair per block. */
    public static SoapPlan jacobian(int nmax, int lmax) {
        int lp = lmax + 1;
        long doubles = constants(lmax) + 4 + 4L * lp * lp + 2L * nmax * lp;
        check(doubles, "soap Jacobian");
        return new SoapPlan(SOAP_THREADS, 1, doubles);
    }

    private static SoapPlan tiled(int fixed, int perPair, int maxPairs, String what) {
        long budget = SHARED_BUDGET / Double.BYTES;
        long fit = (budget - fixed) / perPair;
        int tile = (int) Math.max(1, Math.min(MAX_TILE, fit));
        tile = Math.min(tile, Math.max(1, maxPairs));
        long doubles = fixed + (long) tile * perPair;
        check(doubles, what);
        return new SoapPlan(SOAP_THREADS, tile, doubles);
    }

    private static void check(long doubles, String what) {
        if (doubles * Double.BYTES > SHARED_BUDGET) {
            throw new InvalidInputException(what + " kernel needs " + doubles * Double.BYTES
                    + " bytes of shared memory per block, above the " + SHARED_BUDGET + " available: reduce Nmax or Lmax");
        }
    }

    /** Blocks of a row-tile kernel over {@code rows} rows. */
    public static long rowBlocks(long rows) {
        return (rows + ROW_TILE - 1) / ROW_TILE;
    }

    /** Blocks of the grid-stride epilogue: one element per thread up to 65535 blocks, then each thread loops. */
    public static long epilogueBlocks(long count) {
        return Math.max(1, Math.min(elementwiseBlocks(count), 65535));
    }

    /** Blocks of an element-wise launch over {@code count} items. */
    public static long elementwiseBlocks(long count) {
        return (count + ELEMENTWISE_THREADS - 1) / ELEMENTWISE_THREADS;
    }

    /** Tiles of a dense product dimension. */
    public static long gemmTiles(long size) {
        return (size + GEMM_TILE - 1) / GEMM_TILE;
    }
}

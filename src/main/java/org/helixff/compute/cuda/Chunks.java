package org.helixff.compute.cuda;

/**
 * Splitting a batch (centres or Jacobian rows) so that it fits in device memory (pure Java). Every item's
 * result depends only on its own inputs, so a split batch gives the same numbers as a whole one.
 * <ul>
 *   <li>{@link #fit}: the largest chunk whose estimated footprint fits the free memory (planned from
 *       cuMemGetInfo before the first upload);</li>
 *   <li>{@link #run}: runs the chunks; when one still runs out of memory (the estimate was short, or another
 *       process took memory), it frees the scratch buffers, halves the chunk and goes on, down to one item,
 *       and only then gives up with a {@link CudaDriverException} saying so.</li>
 * </ul>
 */
final class Chunks {
    /** System property capping the items per chunk (diagnostics and the GPU tests of chunked runs). */
    static final String MAX_CHUNK_PROPERTY = "helixff.cuda.maxChunkItems";

    /** Share of the free device memory a batch may plan for (the rest: driver, cuBLAS workspace, estimate error). */
    static final double MEMORY_SHARE = 0.8;

    /** A body over the items [from, to). */
    @FunctionalInterface
    interface Body {
        void run(int from, int to);
    }

    private Chunks() {
    }

    /**
     * Items per chunk so that {@code fixedBytes + chunk * bytesPerItem <= MEMORY_SHARE * freeBytes}; at least 1,
     * at most {@code count} (and count when free memory is unknown, i.e. freeBytes &le; 0); never above the
     * system property {@value #MAX_CHUNK_PROPERTY} when set.
     */
    static int fit(int count, long bytesPerItem, long fixedBytes, long freeBytes) {
        int cap = Integer.MAX_VALUE;
        try {
            cap = Math.max(1, Integer.parseInt(System.getProperty(MAX_CHUNK_PROPERTY, "" + Integer.MAX_VALUE).trim()));
        } catch (NumberFormatException e) {
            // ignore a malformed cap
        }
        return Math.min(cap, planned(count, bytesPerItem, fixedBytes, freeBytes));
    }

    private static int planned(int count, long bytesPerItem, long fixedBytes, long freeBytes) {
        if (count <= 1 || freeBytes <= 0 || bytesPerItem <= 0) {
            return Math.max(count, 1);
        }
        double room = MEMORY_SHARE * freeBytes - fixedBytes;
        if (room <= bytesPerItem) {
            return 1;
        }
        return (int) Math.min(count, Math.floor(room / bytesPerItem));
    }

    /**
     * Runs body over [0, count) in chunks of at most {@code chunk} items in increasing order; on out of memory
     * calls {@code release}, halves the chunk and retries the failed range.
     *
     * @param what    names the items in the final error ("centres")
     * @throws CudaDriverException when a single item does not fit, or for any other driver failure
     */
    static void run(int count, int chunk, String what, Runnable release, Body body) {
        int size = Math.max(1, Math.min(chunk, Math.max(count, 1)));
        int from = 0;
        while (from < count) {
            int to = (int) Math.min((long) from + size, count);
            try {
                body.run(from, to);
                from = to;
            } catch (CudaDriverException e) {
                if (e.kind() != CudaFaults.Kind.OUT_OF_MEMORY) {
                    throw e;
                }
                release.run();
                if (to - from == 1) {
                    throw new CudaDriverException("out of GPU memory even for one of " + count + " " + what
                            + " after freeing the scratch buffers (" + e.getMessage() + "); use --backend cpu", e,
                            CudaFaults.Kind.OUT_OF_MEMORY);
                }
                CudaStats.split();
                size = Math.max(1, (to - from) / 2);
            }
        }
    }
}

package org.helixff.compute.cuda;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the GPU time of this process went, summed over all calls: host-device transfers (bytes and wall
 * time of cuMemcpy), SOAP kernels, kernel-model products (cuBLAS or built-in GEMM plus the element-wise
 * kernels), device allocations, and the number of times a batch was split after running out of memory.
 * Every launch is followed by cuCtxSynchronize, so a launch's wall time is its kernel time. Pure Java
 * counters, thread-safe; {@link #snapshot()} and {@link #reset()} for benchmarks ({@code backend --check}).
 */
public final class CudaStats {
    private static final AtomicLong UP_BYTES = new AtomicLong();
    private static final AtomicLong UP_NANOS = new AtomicLong();
    private static final AtomicLong DOWN_BYTES = new AtomicLong();
    private static final AtomicLong DOWN_NANOS = new AtomicLong();
    private static final AtomicLong SOAP_NANOS = new AtomicLong();
    private static final AtomicLong PRODUCT_NANOS = new AtomicLong();
    private static final AtomicLong ALLOCATIONS = new AtomicLong();
    private static final AtomicLong SPLITS = new AtomicLong();

    private CudaStats() {
    }

    static void upload(long bytes, long nanos) {
        UP_BYTES.addAndGet(bytes);
        UP_NANOS.addAndGet(nanos);
    }

    static void download(long bytes, long nanos) {
        DOWN_BYTES.addAndGet(bytes);
        DOWN_NANOS.addAndGet(nanos);
    }

    /** Kernel wall time of a launch of the given module. */
    static void kernel(String module, long nanos) {
        (module.startsWith("soap") ? SOAP_NANOS : PRODUCT_NANOS).addAndGet(nanos);
    }

    /** Wall time of a cuBLAS product (synchronised). */
    static void product(long nanos) {
        PRODUCT_NANOS.addAndGet(nanos);
    }

    static void allocation() {
        ALLOCATIONS.incrementAndGet();
    }

    static void split() {
        SPLITS.incrementAndGet();
    }

    /** Sets every counter to zero. */
    public static void reset() {
        for (AtomicLong a : new AtomicLong[] {UP_BYTES, UP_NANOS, DOWN_BYTES, DOWN_NANOS, SOAP_NANOS, PRODUCT_NANOS,
                ALLOCATIONS, SPLITS}) {
            a.set(0);
        }
    }

    /** The counters: seconds, bytes and counts, in a fixed key order (JSON-compatible). */
    public static Map<String, Object> snapshot() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("upload_bytes", UP_BYTES.get());
        m.put("upload_seconds", UP_NANOS.get() * 1e-9);
        m.put("download_bytes", DOWN_BYTES.get());
        m.put("download_seconds", DOWN_NANOS.get() * 1e-9);
        m.put("soap_kernel_seconds", SOAP_NANOS.get() * 1e-9);
        m.put("product_seconds", PRODUCT_NANOS.get() * 1e-9);
        m.put("allocations", ALLOCATIONS.get());
        m.put("out_of_memory_splits", SPLITS.get());
        return m;
    }
}

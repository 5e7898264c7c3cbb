package org.helixff.compute.cuda;

import static jcuda.jcublas.cublasOperation.CUBLAS_OP_N;
import static jcuda.jcublas.cublasOperation.CUBLAS_OP_T;

import java.util.Locale;
import jcuda.CudaException;
import jcuda.Pointer;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasHandle;

/**
 * Double-precision products through cuBLAS (JCublas2 {@code cublasDgemm}) on row-major arrays, and the
 * one-time probe of its natives. cuBLAS is column-major: a row-major r x c array is the column-major c x r
 * array of its transpose, so C = A B^T (row-major) is computed as C^T = B A^T, i.e.
 * {@code cublasDgemm(T, N, cols, rows, depth, B, depth, A, depth, C, cols)}, and C = A B as C^T = B^T A^T,
 * {@code cublasDgemm(N, N, cols, rows, inner, B, cols, A, inner, C, cols)}.
 *
 * <p>Optional: JCuda 12.6's {@code libJCublas2} needs {@code libcublas.so.12} (CUDA 12). Where it cannot be
 * loaded (a CUDA-13-only machine, no toolkit libraries) or the system property {@code helixff.cublas=false}
 * is set, {@link #probeNatives()} gives the reason and the engines use the built-in GEMM kernels
 * (kernels/helixff_gemm.cuh); the probe never throws. Sums are not in the CPU's order (cuBLAS blocks them),
 * so products differ from the CPU's by round-off; {@link CudaSelfCheck} allows for that.
 */
final class Cublas {
    /** System property: false disables cuBLAS (built-in GEMM kernels). */
    static final String PROPERTY = "helixff.cublas";

    private static final System.Logger LOG = System.getLogger("org.helixff.compute");
    private static final Object LOCK = new Object();
    private static final java.util.concurrent.atomic.AtomicBoolean LOGGED = new java.util.concurrent.atomic.AtomicBoolean();
    private static String nativesFailure; // null: not probed; "": loaded
    private static volatile String failure;

    private final cublasHandle handle;
    private final int version;

    private Cublas(cublasHandle handle, int version) {
        this.handle = handle;
        this.version = version;
    }

    /**
     * Loads the JCublas2 natives once per process. Returns null when they loaded, else one line saying why not
     * (never throws; after a failure JCublas2 is never touched again).
     */
    static String probeNatives() {
        synchronized (LOCK) {
            if (nativesFailure == null) {
                if (!Boolean.parseBoolean(System.getProperty(PROPERTY, "true").trim())) {
                    nativesFailure = "disabled by -D" + PROPERTY + "=false";
                } else {
                    try {
                        JCublas2.setExceptionsEnabled(true);
                        JCublas2.initialize();
                        nativesFailure = "";
                    } catch (Throwable t) {
                        nativesFailure = reason(t);
                    }
                }
            }
            return nativesFailure.isEmpty() ? null : nativesFailure;
        }
    }

    /**
     * cuBLAS for the current context, or null when it cannot be used, in which case the kernel products run
     * on the built-in GEMM kernels and one INFO line per process (logger {@code org.helixff.compute}) says why.
     * Never throws.
     *
     * @param create makes the handle once the natives are loaded ({@link #create()} on the GPU)
     */
    static Cublas open(java.util.function.Supplier<Cublas> create) {
        String why = probeNatives();
        if (why == null) {
            try {
                failure = null;
                return create.get();
            } catch (CudaDriverException e) {
                why = e.getMessage();
            }
        }
        failure = why;
        if (LOGGED.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.INFO, "cuBLAS unavailable ({0}); the kernel products use the built-in GEMM kernels",
                    why);
        }
        return null;
    }

    /** Why the last {@link #open} returned null (null after a success). */
    static String failure() {
        return failure;
    }

    private static String reason(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            all.append(c).append('\n');
        }
        String s = all.toString();
        if (s.contains("libcublas")) {
            int i = s.indexOf("libcublas");
            int end = s.indexOf('\n', i);
            return "the JCublas2 natives need " + s.substring(i, end < 0 ? s.length() : end).trim()
                    + " (cuBLAS of CUDA 12; install it or add it to LD_LIBRARY_PATH)";
        }
        String first = t.toString();
        int nl = first.indexOf('\n');
        return "the JCublas2 natives failed to load: " + (nl < 0 ? first : first.substring(0, nl)).trim();
    }

    /**
     * A cuBLAS handle on the current context (call with the context current, after {@link #probeNatives()}
     * returned null).
     *
     * @throws CudaDriverException when cublasCreate fails
     */
    static Cublas create() {
        cublasHandle h = new cublasHandle();
        try {
            JCublas2.cublasCreate(h);
            int[] v = new int[1];
            JCublas2.cublasGetVersion(h, v);
            return new Cublas(h, v[0]);
        } catch (CudaException | LinkageError e) {
            throw new CudaDriverException("cublasCreate failed: " + e.getMessage(), e);
        }
    }

    /** e.g. "cuBLAS 12.4.5". */
    String describe() {
        return String.format(Locale.ROOT, "cuBLAS %d.%d.%d", version / 10000, version / 100 % 100, version % 100);
    }

    /** C = A B^T, row-major: A rows x depth, B cols x depth, C rows x cols. */
    void abt(int rows, int cols, int depth, DeviceBuffer a, DeviceBuffer b, DeviceBuffer c) {
        gemm("A B^T", CUBLAS_OP_T, CUBLAS_OP_N, cols, rows, depth, b, depth, a, depth, c, cols);
    }

    /** C = A B, row-major: A rows x inner, B inner x cols, C rows x cols. */
    void ab(int rows, int cols, int inner, DeviceBuffer a, DeviceBuffer b, DeviceBuffer c) {
        gemm("A B", CUBLAS_OP_N, CUBLAS_OP_N, cols, rows, inner, b, cols, a, inner, c, cols);
    }

    private void gemm(String what, int opA, int opB, int m, int n, int k, DeviceBuffer a, int lda, DeviceBuffer b,
            int ldb, DeviceBuffer c, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        long t0 = System.nanoTime();
        try {
            JCublas2.cublasDgemm(handle, opA, opB, m, n, k, Pointer.to(new double[] {1.0}), a.pointer(), lda, b.pointer(),
                    ldb, Pointer.to(new double[] {0.0}), c.pointer(), ldc);
            jcuda.driver.JCudaDriver.cuCtxSynchronize();
        } catch (CudaException e) {
            throw new CudaDriverException("cublasDgemm (" + what + ", " + m + " x " + n + " x " + k + ") failed: "
                    + e.getMessage(), e);
        }
        CudaStats.product(System.nanoTime() - t0);
    }

    /** Frees the handle (not after a context reset, which destroyed it). */
    void destroy() {
        try {
            JCublas2.cublasDestroy(handle);
        } catch (CudaException | LinkageError e) {
            // nothing to do: the handle is dropped either way
        }
    }
}

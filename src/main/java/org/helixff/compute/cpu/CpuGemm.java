package org.helixff.compute.cpu;

/**
 * The two dense products of a kernel model, written as plain loops over flat row-major arrays so that
 * the JIT vectorises them: C = A B^T and C = A B. Deterministic (no reordering across threads): every
 * output element is one sum over the inner index in increasing order, which is also what the CUDA
 * products do (kernels/helixff_gemm.cuh). {@code model.KernelMath} delegates here.
 */
public final class CpuGemm {
    private CpuGemm() {
    }

    /**
     * c[i][t] = sum_k a[i][k] b[t][k] for i < n, t < m (a: n x d, b: m x d, c: n x m).
     */
    public static void multTransB(double[] a, int aOff, int n, double[] b, int m, int d, double[] c, int cOff) {
        final int block = 4;
        for (int i = 0; i < n; i++) {
            int ai = aOff + i * d;
            int ci = cOff + i * m;
            int t = 0;
            for (; t + block <= m; t += block) {
                int b0 = t * d;
                int b1 = b0 + d;
                int b2 = b1 + d;
                int b3 = b2 + d;
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                for (int k = 0; k < d; k++) {
                    double x = a[ai + k];
                    s0 += x * b[b0 + k];
                    s1 += x * b[b1 + k];
                    s2 += x * b[b2 + k];
                    s3 += x * b[b3 + k];
                }
                c[ci + t] = s0;
                c[ci + t + 1] = s1;
                c[ci + t + 2] = s2;
                c[ci + t + 3] = s3;
            }
            for (; t < m; t++) {
                int bt = t * d;
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += a[ai + k] * b[bt + k];
                }
                c[ci + t] = s;
            }
        }
    }

    /**
     * c[i][k] = sum_t a[i][t] b[t][k] for i < n, k < d (a: n x m, b: m x d, c: n x d); c is overwritten.
     */
    public static void mult(double[] a, int aOff, int n, double[] b, int m, int d, double[] c, int cOff) {
        for (int i = 0; i < n; i++) {
            int ci = cOff + i * d;
            java.util.Arrays.fill(c, ci, ci + d, 0.0);
            int ai = aOff + i * m;
            for (int t = 0; t < m; t++) {
                double x = a[ai + t];
                if (x == 0.0) {
                    continue;
                }
                int bt = t * d;
                for (int k = 0; k < d; k++) {
                    c[ci + k] += x * b[bt + k];
                }
            }
        }
    }

    /** x^p for small integer p >= 0 by repeated multiplication. */
    public static double ipow(double x, int p) {
        double r = 1;
        for (int i = 0; i < p; i++) {
            r *= x;
        }
        return r;
    }
}

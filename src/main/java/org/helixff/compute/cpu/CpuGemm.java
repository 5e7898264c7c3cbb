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

    /** Rows of the output updated together in the blocked products (each row of B is read once per group). */
    static final int ROW_GROUP = 4;
    /** Columns of the output of {@link #multTransBRows} kept hot in L1 per pass (256 doubles = 2 KiB per row). */
    static final int COLUMN_CHUNK = 256;

    /**
     * The same numbers as {@link #multTransB} (bit for bit), computed as a blocked axpy sweep: c[i][t] = sum_k
     * a[i][k] bt[k][t] with bt = b^T stored as rows. Each c[i][t] is still one sum over k in increasing order, so the
     * result is identical; but the innermost loop runs over t with the same index on both rows, which the JIT
     * vectorises (a dot product over k cannot be: its additions must stay in order). Rows of c are updated in
     * groups of {@value #ROW_GROUP} per pass over bt, in column chunks of {@value #COLUMN_CHUNK} so that the group's
     * output stays in L1 while bt streams from L2.
     *
     * @param a    n x d, row-major, starting at aOff
     * @param bt   d rows of length &ge; m (the transpose of b)
     * @param c    n rows of length &ge; m, overwritten in [0, m)
     */
    public static void multTransBRows(double[] a, int aOff, int n, int d, double[][] bt, int m, double[][] c) {
        for (int t0 = 0; t0 < m; t0 += COLUMN_CHUNK) {
            final int t1 = Math.min(m, t0 + COLUMN_CHUNK);
            int i = 0;
            for (; i + ROW_GROUP <= n; i += ROW_GROUP) {
                double[] c0 = c[i];
                double[] c1 = c[i + 1];
                double[] c2 = c[i + 2];
                double[] c3 = c[i + 3];
                java.util.Arrays.fill(c0, t0, t1, 0.0);
                java.util.Arrays.fill(c1, t0, t1, 0.0);
                java.util.Arrays.fill(c2, t0, t1, 0.0);
                java.util.Arrays.fill(c3, t0, t1, 0.0);
                int a0 = aOff + i * d;
                for (int k = 0; k < d; k++) {
                    double[] row = bt[k];
                    axpy(c0, a[a0 + k], row, t0, t1);
                    axpy(c1, a[a0 + d + k], row, t0, t1);
                    axpy(c2, a[a0 + 2 * d + k], row, t0, t1);
                    axpy(c3, a[a0 + 3 * d + k], row, t0, t1);
                }
            }
            for (; i < n; i++) {
                double[] ci = c[i];
                java.util.Arrays.fill(ci, t0, t1, 0.0);
                int ai = aOff + i * d;
                for (int k = 0; k < d; k++) {
                    axpy(ci, a[ai + k], bt[k], t0, t1);
                }
            }
        }
    }

    /**
     * The same numbers as {@link #mult} (bit for bit): c[i][k] = sum_t a[i][t] b[t][k], each element one sum over t
     * in increasing order (terms with a[i][t] = 0 skipped, as there), as axpys of the rows of b into the rows of c,
     * {@value #ROW_GROUP} rows of c per pass over b.
     *
     * @param a n rows of length &ge; m
     * @param b m rows of length &ge; d
     * @param c n rows of length &ge; d, overwritten in [0, d)
     */
    public static void multRows(double[][] a, int n, double[][] b, int m, int d, double[][] c) {
        for (int i0 = 0; i0 < n; i0 += ROW_GROUP) {
            int i1 = Math.min(n, i0 + ROW_GROUP);
            for (int i = i0; i < i1; i++) {
                java.util.Arrays.fill(c[i], 0, d, 0.0);
            }
            for (int t = 0; t < m; t++) {
                double[] row = b[t];
                for (int i = i0; i < i1; i++) {
                    double x = a[i][t];
                    if (x != 0.0) {
                        axpy(c[i], x, row, 0, d);
                    }
                }
            }
        }
    }

    /** y[j] += x v[j] for lo <= j < hi (one index for both arrays: the JIT vectorises it). */
    static void axpy(double[] y, double x, double[] v, int lo, int hi) {
        for (int j = lo; j < hi; j++) {
            y[j] += x * v[j];
        }
    }

    /** b (m x d, row-major) as m separate rows. */
    public static double[][] rows(double[] b, int m, int d) {
        double[][] out = new double[m][];
        for (int t = 0; t < m; t++) {
            out[t] = java.util.Arrays.copyOfRange(b, t * d, (t + 1) * d);
        }
        return out;
    }

    /** The transpose of b (m x d, row-major) as d rows of length m. */
    public static double[][] transposedRows(double[] b, int m, int d) {
        double[][] out = new double[d][m];
        for (int t = 0; t < m; t++) {
            for (int k = 0; k < d; k++) {
                out[k][t] = b[t * d + k];
            }
        }
        return out;
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

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

    /** Output columns of {@link #multTransBRows} per pass (2 rows x 1024 doubles = 16 KiB stay in L1). */
    static final int COLUMN_CHUNK = 1024;
    /** Rows of b per pass of {@link #multRows} (128 rows of D doubles stay in L2 while the output rows sweep). */
    static final int ROW_CHUNK = 128;

    /**
     * The same numbers as {@link #multTransB} (bit for bit): c[i][t] = sum_k a[i][k] bt[k][t] with bt = b^T stored as
     * rows. Every c[i][t] is still one sum over k in increasing order, from 0 (Java evaluates {@code c + p0 + p1 + p2
     * + p3} left to right, exactly as four successive additions), so the result is identical; but the innermost loop
     * runs over t with one index for every array, which the JIT vectorises (a dot product over k cannot be: its
     * additions must stay in order). Register blocking without reordering: two output rows share each load of four
     * rows of bt, and each output element is loaded and stored once per four k.
     *
     * @param a  n x d, row-major, starting at aOff
     * @param bt d rows of length &ge; m (the transpose of b)
     * @param c  n rows of length &ge; m, overwritten in [0, m)
     */
    public static void multTransBRows(double[] a, int aOff, int n, int d, double[][] bt, int m, double[][] c) {
        for (int t0 = 0; t0 < m; t0 += COLUMN_CHUNK) {
            final int t1 = Math.min(m, t0 + COLUMN_CHUNK);
            int i = 0;
            for (; i + 2 <= n; i += 2) {
                double[] c0 = c[i];
                double[] c1 = c[i + 1];
                java.util.Arrays.fill(c0, t0, t1, 0.0);
                java.util.Arrays.fill(c1, t0, t1, 0.0);
                int a0 = aOff + i * d;
                int a1 = a0 + d;
                int k = 0;
                for (; k + 4 <= d; k += 4) {
                    double x00 = a[a0 + k];
                    double x01 = a[a0 + k + 1];
                    double x02 = a[a0 + k + 2];
                    double x03 = a[a0 + k + 3];
                    double x10 = a[a1 + k];
                    double x11 = a[a1 + k + 1];
                    double x12 = a[a1 + k + 2];
                    double x13 = a[a1 + k + 3];
                    double[] r0 = bt[k];
                    double[] r1 = bt[k + 1];
                    double[] r2 = bt[k + 2];
                    double[] r3 = bt[k + 3];
                    for (int t = t0; t < t1; t++) {
                        double v0 = r0[t];
                        double v1 = r1[t];
                        double v2 = r2[t];
                        double v3 = r3[t];
                        c0[t] = c0[t] + x00 * v0 + x01 * v1 + x02 * v2 + x03 * v3;
                        c1[t] = c1[t] + x10 * v0 + x11 * v1 + x12 * v2 + x13 * v3;
                    }
                }
                for (; k < d; k++) {
                    double x0 = a[a0 + k];
                    double x1 = a[a1 + k];
                    double[] r0 = bt[k];
                    for (int t = t0; t < t1; t++) {
                        double v = r0[t];
                        c0[t] = c0[t] + x0 * v;
                        c1[t] = c1[t] + x1 * v;
                    }
                }
            }
            if (i < n) {
                double[] c0 = c[i];
                java.util.Arrays.fill(c0, t0, t1, 0.0);
                int a0 = aOff + i * d;
                int k = 0;
                for (; k + 4 <= d; k += 4) {
                    double x0 = a[a0 + k];
                    double x1 = a[a0 + k + 1];
                    double x2 = a[a0 + k + 2];
                    double x3 = a[a0 + k + 3];
                    double[] r0 = bt[k];
                    double[] r1 = bt[k + 1];
                    double[] r2 = bt[k + 2];
                    double[] r3 = bt[k + 3];
                    for (int t = t0; t < t1; t++) {
                        c0[t] = c0[t] + x0 * r0[t] + x1 * r1[t] + x2 * r2[t] + x3 * r3[t];
                    }
                }
                for (; k < d; k++) {
                    double x0 = a[a0 + k];
                    double[] r0 = bt[k];
                    for (int t = t0; t < t1; t++) {
                        c0[t] = c0[t] + x0 * r0[t];
                    }
                }
            }
        }
    }

    /**
     * The same numbers as {@link #mult} (bit for bit): c[i][k] = sum_t a[i][t] b[t][k], each element one sum over t in
     * increasing order, as blocked axpys of the rows of b into the rows of c (two rows of c share each load of four
     * rows of b; blocks of {@value #ROW_CHUNK} rows of b stay in cache while all rows of c pass). {@link #mult} skips
     * terms with a[i][t] = 0; here they are added, which cannot change a bit: a partial sum starting at +0 is never
     * -0 in round-to-nearest, so adding a zero product (+0 or -0) leaves it unchanged (b must be finite).
     *
     * @param a n rows of length &ge; m
     * @param b m rows of length &ge; d, finite
     * @param c n rows of length &ge; d, overwritten in [0, d)
     */
    public static void multRows(double[][] a, int n, double[][] b, int m, int d, double[][] c) {
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(c[i], 0, d, 0.0);
        }
        for (int s0 = 0; s0 < m; s0 += ROW_CHUNK) {
            final int s1 = Math.min(m, s0 + ROW_CHUNK);
            int i = 0;
            for (; i + 2 <= n; i += 2) {
                double[] c0 = c[i];
                double[] c1 = c[i + 1];
                double[] a0 = a[i];
                double[] a1 = a[i + 1];
                int t = s0;
                for (; t + 4 <= s1; t += 4) {
                    double x00 = a0[t];
                    double x01 = a0[t + 1];
                    double x02 = a0[t + 2];
                    double x03 = a0[t + 3];
                    double x10 = a1[t];
                    double x11 = a1[t + 1];
                    double x12 = a1[t + 2];
                    double x13 = a1[t + 3];
                    double[] r0 = b[t];
                    double[] r1 = b[t + 1];
                    double[] r2 = b[t + 2];
                    double[] r3 = b[t + 3];
                    for (int k = 0; k < d; k++) {
                        double v0 = r0[k];
                        double v1 = r1[k];
                        double v2 = r2[k];
                        double v3 = r3[k];
                        c0[k] = c0[k] + x00 * v0 + x01 * v1 + x02 * v2 + x03 * v3;
                        c1[k] = c1[k] + x10 * v0 + x11 * v1 + x12 * v2 + x13 * v3;
                    }
                }
                for (; t < s1; t++) {
                    double x0 = a0[t];
                    double x1 = a1[t];
                    double[] r0 = b[t];
                    for (int k = 0; k < d; k++) {
                        double v = r0[k];
                        c0[k] = c0[k] + x0 * v;
                        c1[k] = c1[k] + x1 * v;
                    }
                }
            }
            if (i < n) {
                double[] c0 = c[i];
                double[] a0 = a[i];
                int t = s0;
                for (; t + 4 <= s1; t += 4) {
                    double x0 = a0[t];
                    double x1 = a0[t + 1];
                    double x2 = a0[t + 2];
                    double x3 = a0[t + 3];
                    double[] r0 = b[t];
                    double[] r1 = b[t + 1];
                    double[] r2 = b[t + 2];
                    double[] r3 = b[t + 3];
                    for (int k = 0; k < d; k++) {
                        c0[k] = c0[k] + x0 * r0[k] + x1 * r1[k] + x2 * r2[k] + x3 * r3[k];
                    }
                }
                for (; t < s1; t++) {
                    double x0 = a0[t];
                    double[] r0 = b[t];
                    for (int k = 0; k < d; k++) {
                        c0[k] = c0[k] + x0 * r0[k];
                    }
                }
            }
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

package org.helixff.model;

import org.helixff.compute.cpu.CpuGemm;

/**
 * The two dense products of a kernel model, C = A B^T and C = A B, on flat row-major arrays.
 * Deterministic. The loops live in {@link CpuGemm} (shared with the CPU kernel engine).
 */
public final class KernelMath {
    private KernelMath() {
    }

    /**
     * c[i][t] = sum_k a[i][k] b[t][k] for i < n, t < m (a: n x d, b: m x d, c: n x m).
     */
    public static void multTransB(double[] a, int aOff, int n, double[] b, int m, int d, double[] c, int cOff) {
        CpuGemm.multTransB(a, aOff, n, b, m, d, c, cOff);
    }

    /**
     * c[i][k] = sum_t a[i][t] b[t][k] for i < n, k < d (a: n x m, b: m x d, c: n x d); c is overwritten.
     */
    public static void mult(double[] a, int aOff, int n, double[] b, int m, int d, double[] c, int cOff) {
        CpuGemm.mult(a, aOff, n, b, m, d, c, cOff);
    }

    /** x^p for small integer p >= 0 by repeated multiplication. */
    public static double ipow(double x, int p) {
        return CpuGemm.ipow(x, p);
    }
}

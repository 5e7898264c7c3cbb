package org.helixff.descriptor;

import org.helixff.InvalidInputException;

/**
 * Layout of one SOAP power spectrum p[n, n', l], 0 &le; n &le; n' &lt; Nmax, 0 &le; l &le; Lmax
 * (docs/method.md eqs. (2.5)-(2.6)):
 *
 * <pre>
 *   k(n, n', l) = pair(n, n') (Lmax + 1) + l,   pair(n, n') = n Nmax - n (n - 1) / 2 + (n' - n)
 * </pre>
 *
 * i.e. the upper triangle of (n, n') row by row, each pair holding its Lmax + 1 angular channels
 * contiguously. Length D = Nmax (Nmax + 1) / 2 (Lmax + 1) (252 for Nmax 8, Lmax 6). Each component is
 * p = s_l sum_m c_nlm c_n'lm with s_l = sqrt(8 pi^2 / (2l + 1)) ({@link #weight(int)}).
 *
 * <p>Expansion coefficients c_nlm of one centre (used by the engines, the reverse mode and the CUDA
 * twin) are stored as {@code n (Lmax+1)^2 + l^2 + l + m}. Immutable.
 */
public final class SoapLayout {
    private final int nmax;
    private final int lmax;
    private final int length;
    private final int[] nOf;
    private final int[] n2Of;
    private final int[] lOf;

    /**
     * @throws InvalidInputException for nmax &lt; 1 or lmax &lt; 0
     */
    public SoapLayout(int nmax, int lmax) {
        if (nmax < 1 || lmax < 0) {
            throw new InvalidInputException("SOAP layout needs Nmax >= 1 and Lmax >= 0 (got " + nmax + ", " + lmax + ")");
        }
        this.nmax = nmax;
        this.lmax = lmax;
        this.length = nmax * (nmax + 1) / 2 * (lmax + 1);
        nOf = new int[length];
        n2Of = new int[length];
        lOf = new int[length];
        int k = 0;
        for (int n = 0; n < nmax; n++) {
            for (int n2 = n; n2 < nmax; n2++) {
                for (int l = 0; l <= lmax; l++) {
                    nOf[k] = n;
                    n2Of[k] = n2;
                    lOf[k] = l;
                    k++;
                }
            }
        }
    }

    /** The layout of the parameters' descriptors. */
    public static SoapLayout of(SoapParameters p) {
        return new SoapLayout(p.nmax(), p.lmax());
    }

    /** Number of radial functions nmax (>= 1). */
    public int nmax() {
        return nmax;
    }

    /** Largest angular momentum lmax (>= 0). */
    public int lmax() {
        return lmax;
    }

    /** Descriptor length D. */
    public int length() {
        return length;
    }

    /** Number of expansion coefficients per centre, Nmax (Lmax+1)^2. */
    public int coefficientCount() {
        return nmax * (lmax + 1) * (lmax + 1);
    }

    /** Index of the pair (n, n') with n &le; n' in the upper triangle. */
    public int pair(int n, int n2) {
        return n * nmax - n * (n - 1) / 2 + (n2 - n);
    }

    /**
     * Index of p[n, n', l]; the order of n and n' does not matter (p is symmetric in them).
     *
     * @throws IndexOutOfBoundsException for indices out of range
     */
    public int index(int n, int n2, int l) {
        if (n < 0 || n2 < 0 || n >= nmax || n2 >= nmax || l < 0 || l > lmax) {
            throw new IndexOutOfBoundsException("(n, n', l) = (" + n + ", " + n2 + ", " + l + ") outside Nmax "
                    + nmax + ", Lmax " + lmax);
        }
        return n <= n2 ? pair(n, n2) * (lmax + 1) + l : pair(n2, n) * (lmax + 1) + l;
    }

    /** n of component k. */
    public int n(int k) {
        return nOf[k];
    }

    /** n' (&ge; n) of component k. */
    public int n2(int k) {
        return n2Of[k];
    }

    /** l of component k. */
    public int l(int k) {
        return lOf[k];
    }

    /** Index of the coefficient c_nlm of one centre. */
    public int coefficientIndex(int n, int l, int m) {
        return n * (lmax + 1) * (lmax + 1) + l * l + l + m;
    }

    /** s_l = sqrt(8 pi^2 / (2l + 1)). */
    public static double weight(int l) {
        return Math.sqrt(8 * Math.PI * Math.PI / (2 * l + 1));
    }
}

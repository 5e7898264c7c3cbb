package org.helixff.phonon;

import org.helixff.InvalidInputException;

/**
 * An immutable n x n complex Hermitian matrix (row-major real and imaginary parts), e.g. a dynamical matrix
 * in (Hartree/hbar)^2 = Ha / (Bohr^2 m_e).
 */
public final class HermitianMatrix {
    private final int n;
    private final double[] re;
    private final double[] im;

    /**
     * @param n  dimension (>= 1)
     * @param re real parts, n*n, row-major (copied)
     * @param im imaginary parts, n*n, row-major (copied)
     * @throws InvalidInputException on wrong sizes
     */
    public HermitianMatrix(int n, double[] re, double[] im) {
        this(n, re, im, true);
    }

    HermitianMatrix(int n, double[] re, double[] im, boolean copy) {
        if (n < 1 || re.length != n * n || im.length != n * n) {
            throw new InvalidInputException("matrix of dimension " + n + " needs " + n * n + " entries, got "
                    + re.length + " and " + im.length);
        }
        this.n = n;
        this.re = copy ? re.clone() : re;
        this.im = copy ? im.clone() : im;
    }

    /** Dimension n of the n x n matrix. */
    public int dimension() {
        return n;
    }

    /** Real part of entry (i, j). */
    public double re(int i, int j) {
        return re[i * n + j];
    }

    /** Imaginary part of entry (i, j). */
    public double im(int i, int j) {
        return im[i * n + j];
    }

    /** Copy of the real parts, row-major. */
    public double[] re() {
        return re.clone();
    }

    /** Copy of the imaginary parts, row-major. */
    public double[] im() {
        return im.clone();
    }

    /** Largest |H_ij - conj(H_ji)|: zero for an exactly Hermitian matrix. */
    public double antiHermitianNorm() {
        double m = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m = Math.max(m, Math.hypot(re[i * n + j] - re[j * n + i], im[i * n + j] + im[j * n + i]));
            }
        }
        return m;
    }

    /** Eigenvalues (ascending) and eigenvectors, see {@link HermitianEigen}. */
    public HermitianEigen.Result eigen() {
        return HermitianEigen.solve(n, re, im);
    }

    /** y = H x for a complex vector x (re, im of length n); returns {yRe, yIm}. */
    public double[][] multiply(double[] xr, double[] xi) {
        double[] yr = new double[n];
        double[] yi = new double[n];
        for (int i = 0; i < n; i++) {
            double sr = 0;
            double si = 0;
            for (int j = 0; j < n; j++) {
                double a = re[i * n + j];
                double b = im[i * n + j];
                sr += a * xr[j] - b * xi[j];
                si += a * xi[j] + b * xr[j];
            }
            yr[i] = sr;
            yi[i] = si;
        }
        return new double[][] {yr, yi};
    }
}

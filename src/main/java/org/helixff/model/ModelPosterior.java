package org.helixff.model;

import org.helixff.InvalidInputException;

/**
 * What a model keeps of its Bayesian posterior to give predictive uncertainties (docs/method.md section 3.4, eq. (3.10)):
 * the eigen-decomposition of A^T A of the scaled, centred design matrix (eigenvalues s_q and
 * eigenvectors V, M x K row-major), the ridge lambda, the noise variance sigma_v^2 (scaled units),
 * the row scales that convert scaled units back to Hartree per atom and Hartree/Bohr, and the mean
 * energy row of the training data (energy rows were centred on it to fit mu without a prior).
 *
 * <p>Predictive variance of a physical row a: scale^2 sigma_v^2 (1 + (a/scale)^T (A^T A + lambda)^-1 (a/scale)).
 */
public final class ModelPosterior {
    private final double[] eigenvalues;
    private final double[] eigenvectors;
    private final double lambda;
    private final double sigmaV2;
    private final double energyScale;
    private final double forceScale;
    private final double[] energyRowMean;
    private final int columns;

    /**
     * Copies the arrays.
     *
     * @param eigenvalues   s_q of A^T A, K values (>= 0 up to round-off)
     * @param eigenvectors  V, M x K row-major
     * @param lambda        ridge, > 0 (scaled units)
     * @param sigmaV2       noise variance, >= 0 (scaled units)
     * @param energyScale   Hartree per atom per scaled energy unit, > 0
     * @param forceScale    Hartree/Bohr per scaled force unit, > 0
     * @param energyRowMean mean energy row of the training data, M values
     * @throws org.helixff.InvalidInputException when the shapes do not match or a scale is not positive
     */
    public ModelPosterior(double[] eigenvalues, double[] eigenvectors, double lambda, double sigmaV2,
            double energyScale, double forceScale, double[] energyRowMean) {
        this.columns = energyRowMean.length;
        if (eigenvectors.length != columns * eigenvalues.length) {
            throw new InvalidInputException("posterior: eigenvector matrix has " + eigenvectors.length
                    + " numbers, expected " + columns + " x " + eigenvalues.length);
        }
        if (!(lambda > 0) || !(sigmaV2 >= 0) || !(energyScale > 0) || !(forceScale > 0)) {
            throw new InvalidInputException("posterior: lambda, sigma_v^2 and scales must be positive");
        }
        this.eigenvalues = eigenvalues.clone();
        this.eigenvectors = eigenvectors.clone();
        this.lambda = lambda;
        this.sigmaV2 = sigmaV2;
        this.energyScale = energyScale;
        this.forceScale = forceScale;
        this.energyRowMean = energyRowMean.clone();
    }

    /** Number of columns M (reference environments). */
    public int columns() {
        return columns;
    }

    /** Copy of the eigenvalues s_q of A^T A (scaled units). */
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    /** Copy of the eigenvectors V, M x K row-major. */
    public double[] eigenvectors() {
        return eigenvectors.clone();
    }

    /** The ridge lambda of the posterior (scaled units, > 0). */
    public double lambda() {
        return lambda;
    }

    /** Noise variance in scaled units. */
    public double sigmaV2() {
        return sigmaV2;
    }

    /** Hartree per atom per scaled energy unit. */
    public double energyScale() {
        return energyScale;
    }

    /** Hartree/Bohr per scaled force unit. */
    public double forceScale() {
        return forceScale;
    }

    /** Copy of the mean energy row the energy rows were centred on (M). */
    public double[] energyRowMean() {
        return energyRowMean.clone();
    }

    /**
     * Predictive standard deviation of an energy-per-atom row (kernel values averaged over the atoms),
     * Hartree per atom.
     *
     * @param epistemicOnly leave out the noise term (the model's own uncertainty only)
     */
    public double energySigma(double[] row, boolean epistemicOnly) {
        double[] a = new double[columns];
        for (int t = 0; t < columns; t++) {
            a[t] = (row[t] - energyRowMean[t]) / energyScale;
        }
        return energyScale * Math.sqrt(sigmaV2 * ((epistemicOnly ? 0 : 1) + leverage(a)));
    }

    /** Predictive standard deviation of a force-component row, Hartree/Bohr. */
    public double forceSigma(double[] row, int offset, boolean epistemicOnly) {
        double[] a = new double[columns];
        for (int t = 0; t < columns; t++) {
            a[t] = row[offset + t] / forceScale;
        }
        return forceScale * Math.sqrt(sigmaV2 * ((epistemicOnly ? 0 : 1) + leverage(a)));
    }

    private double leverage(double[] a) {
        return leverage(eigenvalues, eigenvectors, lambda, a, columns);
    }

    /**
     * a^T (V diag(s) V^T + lambda I)^-1 a = sum_q (v_q . a)^2/(s_q + lambda) + |a - V V^T a|^2 / lambda (the
     * second term vanishes for a complete basis, K = M).
     *
     * @param s      eigenvalues (K)
     * @param v      eigenvectors, row-major M x K
     * @param lambda ridge
     * @param a      row (M)
     * @param m      M
     */
    public static double leverage(double[] s, double[] v, double lambda, double[] a, int m) {
        int k = s.length;
        double[] proj = new double[k];
        for (int i = 0; i < m; i++) {
            double ai = a[i];
            int base = i * k;
            for (int q = 0; q < k; q++) {
                proj[q] += v[base + q] * ai;
            }
        }
        double lev = 0;
        for (int q = 0; q < k; q++) {
            lev += proj[q] * proj[q] / (s[q] + lambda);
        }
        // the part of a outside span(V): zero for a complete basis (k = m); otherwise the explicit residual
        // |a - V V^T a|^2 (|a|^2 - |V^T a|^2 would cancel catastrophically, and is divided by a tiny lambda)
        double rest = 0;
        if (k < m) {
            for (int i = 0; i < m; i++) {
                double ri = a[i];
                int base = i * k;
                for (int q = 0; q < k; q++) {
                    ri -= v[base + q] * proj[q];
                }
                rest += ri * ri;
            }
        }
        return lev + rest / lambda;
    }
}

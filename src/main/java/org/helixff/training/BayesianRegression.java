package org.helixff.training;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.helixff.ConvergenceException;
import org.helixff.InvalidInputException;

/**
 * Bayesian linear regression with evidence maximisation (MacKay), solved through an orthogonal
 * factorisation of the scaled design matrix, never through the normal equations.
 *
 * <p>Rows are streamed in: {@link #addRow} buffers them and every full buffer is folded into a running
 * triangular factor by a QR of [R; buffer] (tall-skinny QR), with the targets carried as an extra
 * column. Memory is (buffer + M + 1) x (M + 1) doubles whatever the number of rows, so 50k rows and
 * M = 5000 need ~0.4 GB. At the end the (M+1) x (M+1) factor [[R, r], [0, rho]] gives
 * |A w - b|^2 = |R w - r|^2 + rho^2, and an SVD R = U S V^T gives the eigenvalues s_k = S_k^2 of A^T A
 * and beta = U^T r. The evidence iteration (docs/method.md eqs. (3.9a-c)) is then cheap:
 * gamma = sum s_k/(s_k + lambda), w = V diag(S/(s + lambda)) beta, sigma_w^2 = |w|^2/gamma,
 * sigma_v^2 = |A w - b|^2/(rows - gamma), lambda = sigma_v^2/sigma_w^2, with lambda floored at
 * {@code floor * s_max} so the solution stays well conditioned.
 *
 * <p>The floor (default {@link Options#DEFAULT_FLOOR}) is tied to the scale of the data: s_max is the largest
 * eigenvalue of the scaled design (rows divided by their spread), so the floor bounds the condition number of
 * A^T A + lambda at 1/floor whatever the units. It binds only on noise-free (teacher) data, where the evidence
 * drives lambda towards 0 and the weights towards cancelling sums of ~1e7 Ha; DFT data carry noise and sit above
 * it. Measured on the README's Lindsay-Broido recipe (3 tubes, 600 references, unseen (8,8)): floor 1e-20 ->
 * sum|w| 1.8e7, Gamma RMSE 0.93 cm^-1, relaxation of (40,39) fails; 1e-18 -> 3.8e6, 1.81 cm^-1, (20,20) and
 * (40,39) relax to 1e-6 Ha/Bohr; 1e-16 -> 8.2e5, 3.35 cm^-1; 1e-14 -> 1.6e5, 6.4 cm^-1. 1e-18 keeps the accuracy
 * within 1 cm^-1 of the unfloored fit and makes every relaxation converge (ConditioningTest).
 */
public final class BayesianRegression {
    private final int m;
    private final int bufferRows;
    private final double[] buffer;
    private int buffered;
    private long rows;
    private DMatrixRMaj factor;

    /**
     * @param columns number of weights M (>= 1)
     */
    public BayesianRegression(int columns) {
        if (columns < 1) {
            throw new InvalidInputException("regression needs at least one column, got " + columns);
        }
        this.m = columns;
        this.bufferRows = Math.max(2 * (columns + 1), 512);
        this.buffer = new double[bufferRows * (columns + 1)];
    }

    /** Number of weights M. */
    public int columns() {
        return m;
    }

    /** Number of rows accumulated so far. */
    public long rows() {
        return rows;
    }

    /** Adds one (already scaled) row a with target b. */
    public void addRow(double[] a, int offset, double target) {
        int base = buffered * (m + 1);
        for (int t = 0; t < m; t++) {
            double v = a[offset + t];
            if (!Double.isFinite(v)) {
                throw new InvalidInputException("non-finite design-matrix entry " + v + " in row " + rows);
            }
            buffer[base + t] = v;
        }
        if (!Double.isFinite(target)) {
            throw new InvalidInputException("non-finite target " + target + " in row " + rows);
        }
        buffer[base + m] = target;
        buffered++;
        rows++;
        if (buffered == bufferRows) {
            fold();
        }
    }

    private void fold() {
        if (buffered == 0) {
            return;
        }
        int c = m + 1;
        int top = factor == null ? 0 : c;
        DMatrixRMaj stack = new DMatrixRMaj(top + buffered, c);
        if (factor != null) {
            System.arraycopy(factor.data, 0, stack.data, 0, c * c);
        }
        System.arraycopy(buffer, 0, stack.data, top * c, buffered * c);
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(stack.numRows, c);
        if (!qr.decompose(stack)) {
            throw new ConvergenceException("QR factorisation of the design matrix failed");
        }
        DMatrixRMaj r = qr.getR(null, true);
        DMatrixRMaj full = new DMatrixRMaj(c, c);
        for (int i = 0; i < r.numRows && i < c; i++) {
            for (int j = i; j < c; j++) {
                full.unsafe_set(i, j, r.unsafe_get(i, j));
            }
        }
        factor = full;
        buffered = 0;
    }

    /** Options of the evidence maximisation. */
    public record Options(double lambdaFloor, int maxIterations, double tolerance) {
        /**
         * @throws InvalidInputException for a floor that is not finite or outside [0, 1) (relative to the largest
         *                               eigenvalue: a floor of 1 would drown the data), or no iterations
         */
        public Options {
            if (!(lambdaFloor >= 0 && lambdaFloor < 1)) {
                throw new InvalidInputException("ridge floor (--lambda-floor) " + lambdaFloor
                        + " must be >= 0 and < 1 (relative to the largest eigenvalue)");
            }
            if (maxIterations < 1 || !(tolerance > 0)) {
                throw new InvalidInputException("evidence iteration: " + maxIterations + " iterations, tolerance "
                        + tolerance + " (need >= 1 and > 0)");
            }
        }

        /** Default ridge floor relative to the largest eigenvalue (class doc: why this value). */
        public static final double DEFAULT_FLOOR = 1e-18;

        /** Floor {@link #DEFAULT_FLOOR} s_max (see class doc), 500 iterations, relative change of lambda 1e-9. */
        public static Options defaults() {
            return new Options(DEFAULT_FLOOR, 500, 1e-9);
        }
    }

    /**
     * Maximises the evidence and returns the posterior. The accumulated rows are kept (more rows may
     * be added and {@code solve} called again).
     *
     * @throws InvalidInputException when no rows were added
     */
    public Result solve(Options options) {
        if (rows == 0) {
            throw new InvalidInputException("regression has no rows");
        }
        fold();
        Spectrum sp = spectrum();
        double[] s = sp.s();
        double sMax = 0;
        for (double x : s) {
            sMax = Math.max(sMax, x);
        }
        if (!(sMax > 0)) {
            throw new InvalidInputException("design matrix is zero");
        }
        double floor = options.lambdaFloor() * sMax;
        Evidence ev = maximiseEvidence(sp, Math.max(INITIAL_LAMBDA_FRACTION * sMax, floor), floor, options);
        double lambda = ev.lambda();
        int it = ev.iterations();
        // final quantities at the converged lambda
        int k = s.length;
        double[] sv = sp.sv();
        double[] beta = sp.beta();
        double gamma = 0;
        double w2 = 0;
        double res2 = sp.rho() * sp.rho();
        double[] wTilde = new double[k];
        for (int q = 0; q < k; q++) {
            double den = s[q] + lambda;
            gamma += s[q] / den;
            wTilde[q] = sv[q] * beta[q] / den;
            w2 += wTilde[q] * wTilde[q];
            double rq = lambda * beta[q] / den;
            res2 += rq * rq;
        }
        DMatrixRMaj v = sp.v();
        double[] w = new double[m];
        for (int i = 0; i < m; i++) {
            double acc = 0;
            for (int q = 0; q < k; q++) {
                acc += v.unsafe_get(i, q) * wTilde[q];
            }
            w[i] = acc;
        }
        double sigmaW2 = w2 / Math.max(gamma, DIVISION_FLOOR);
        double sigmaV2 = res2 / Math.max(rows - gamma, DIVISION_FLOOR);
        double logEvidence = logEvidence(s, lambda, sigmaV2, sigmaW2, w2, res2);
        double[] vFlat = new double[m * k];
        for (int i = 0; i < m; i++) {
            for (int q = 0; q < k; q++) {
                vFlat[i * k + q] = v.unsafe_get(i, q);
            }
        }
        return new Result(w, lambda, sigmaV2, sigmaW2, gamma, it > options.maxIterations() ? options.maxIterations() : it,
                ev.converged(), rows, s, vFlat, lambda <= floor * (1 + 1e-12), logEvidence, res2);
    }

    /** Keeps the evidence ratios finite when the effective parameters or degrees of freedom vanish. */
    private static final double DIVISION_FLOOR = 1e-300;
    /** The evidence iteration starts at this fraction of the largest squared singular value (or the floor). */
    private static final double INITIAL_LAMBDA_FRACTION = 1e-6;

    /**
     * The SVD of the folded triangular factor R = U S V^T: squared singular values {@code s}, singular values
     * {@code sv}, the projected targets beta = U^T r, V, and the residual norm rho of the QR.
     */
    private record Spectrum(double[] s, double[] sv, double[] beta, DMatrixRMaj v, double rho) {
    }

    private Spectrum spectrum() {
        DMatrixRMaj rMat = new DMatrixRMaj(m, m);
        double[] r = new double[m];
        for (int i = 0; i < m; i++) {
            for (int j = i; j < m; j++) {
                rMat.unsafe_set(i, j, factor.unsafe_get(i, j));
            }
            r[i] = factor.unsafe_get(i, m);
        }
        double rho = factor.unsafe_get(m, m);
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(m, m, true, true, false);
        if (!svd.decompose(rMat)) {
            throw new ConvergenceException("SVD of the triangular factor did not converge");
        }
        DMatrixRMaj u = svd.getU(null, false);
        DMatrixRMaj v = svd.getV(null, false);
        double[] sv = svd.getSingularValues();
        int k = sv.length;
        double[] s = new double[k];
        double[] beta = new double[k];
        for (int q = 0; q < k; q++) {
            s[q] = sv[q] * sv[q];
            double b = 0;
            for (int i = 0; i < m; i++) {
                b += u.unsafe_get(i, q) * r[i];
            }
            beta[q] = b;
        }
        return new Spectrum(s, sv, beta, v, rho);
    }

    /** Where the evidence iteration ended: lambda, the iterations run (max + 1 when not converged). */
    private record Evidence(double lambda, int iterations, boolean converged) {
    }

    /** MacKay's fixed-point iteration lambda = sigma_v^2 / sigma_w^2 (not below the floor) from {@code lambda}. */
    private Evidence maximiseEvidence(Spectrum sp, double lambda, double floor, Options options) {
        double[] s = sp.s();
        double[] sv = sp.sv();
        double[] beta = sp.beta();
        int k = s.length;
        int it;
        boolean converged = false;
        for (it = 1; it <= options.maxIterations(); it++) {
            double gamma = 0;
            double w2 = 0;
            double res2 = sp.rho() * sp.rho();
            for (int q = 0; q < k; q++) {
                double den = s[q] + lambda;
                gamma += s[q] / den;
                double wq = sv[q] * beta[q] / den;
                w2 += wq * wq;
                double rq = lambda * beta[q] / den;
                res2 += rq * rq;
            }
            double sigmaW2 = w2 / Math.max(gamma, DIVISION_FLOOR);
            double dof = rows - gamma;
            double sigmaV2 = res2 / Math.max(dof, DIVISION_FLOOR);
            double next = Math.max(sigmaV2 / Math.max(sigmaW2, DIVISION_FLOOR), floor);
            if (!(next > 0) || !Double.isFinite(next)) {
                next = floor;
            }
            double change = Math.abs(Math.log(next / lambda));
            lambda = next;
            if (change < options.tolerance()) {
                converged = true;
                break;
            }
        }
        return new Evidence(lambda, it, converged);
    }

    private double logEvidence(double[] s, double lambda, double sigmaV2, double sigmaW2, double w2, double res2) {
        double a = 1 / sigmaW2;
        double b = 1 / sigmaV2;
        double logDet = 0;
        for (double x : s) {
            logDet += Math.log(b * x + a);
        }
        logDet += (m - s.length) * Math.log(a);
        return 0.5 * m * Math.log(a) + 0.5 * rows * Math.log(b) - 0.5 * b * res2 - 0.5 * a * w2 - 0.5 * logDet
                - 0.5 * rows * Math.log(2 * Math.PI);
    }

    /**
     * The posterior of the fit (scaled units).
     *
     * @param weights      posterior mean w (M)
     * @param lambda       ridge sigma_v^2 / sigma_w^2
     * @param sigmaV2      noise variance
     * @param sigmaW2      weight prior variance
     * @param gamma        effective number of parameters
     * @param iterations   evidence iterations
     * @param converged    whether lambda converged
     * @param rows         rows fitted
     * @param eigenvalues  s_k of A^T A (descending)
     * @param eigenvectors V, row-major M x K (column q = eigenvector q)
     * @param floored      whether lambda sits at its floor
     * @param logEvidence  log marginal likelihood
     * @param residual2    |A w - b|^2
     */
    public record Result(double[] weights, double lambda, double sigmaV2, double sigmaW2, double gamma, int iterations,
            boolean converged, long rows, double[] eigenvalues, double[] eigenvectors, boolean floored,
            double logEvidence, double residual2) {
        /** a^T (A^T A + lambda I)^-1 a for a new scaled row a (M): the epistemic part of the predictive variance over sigma_v^2. */
        public double leverage(double[] a) {
            return org.helixff.model.ModelPosterior.leverage(eigenvalues, eigenvectors, lambda, a, weights.length);
        }
    }
}

package org.helixff.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class BayesianRegressionTest {
    /** Fitted noise variance against the true one, relative: sampling error of 200 rows. */
    private static final double NOISE_VARIANCE_REL = 0.1;
    /** The evidence iteration stops once lambda changes by less than this, relative. */
    private static final double FIXED_POINT_REL = 1e-6;
    /** Leverage against a dense inverse of A^T A + lambda, relative (condition number squared). */
    private static final double LEVERAGE_REL = 1e-9;
    /** Number of well-determined parameters gamma against M: each eigenvalue counts between 0 and 1. */
    private static final double GAMMA = 0.5;
    /** Weights against a dense solve of the normal equations (condition number squared: ~1e-9 reachable). */
    private static final double AGAINST_NORMAL_EQUATIONS = 1e-9;
    /** Noise-free data: the true weights, up to round-off of the solve and the floored ridge. */
    private static final double NOISE_FREE_WEIGHTS = 1e-8;
    /** On noise-free data the evidence drives lambda below this fraction of the largest eigenvalue. */
    private static final double RIDGE_TO_EIGENVALUE = 1e-10;
    /** Weights of a well-determined noisy problem: statistical error ~ noise/sqrt(rows) ~ 3e-3. */
    private static final double WEIGHT_TOL = 0.02;

    @Test
    void recoversWeightsAndNoiseLevel() {
        Random r = new Random(1);
        int m = 20;
        int rows = 3000; // several folds of the streaming QR
        double[] wTrue = new double[m];
        for (int i = 0; i < m; i++) {
            wTrue[i] = r.nextGaussian();
        }
        BayesianRegression reg = new BayesianRegression(m);
        double noise = 0.1;
        double[] a = new double[m];
        for (int i = 0; i < rows; i++) {
            double b = 0;
            for (int t = 0; t < m; t++) {
                a[t] = r.nextGaussian();
                b += a[t] * wTrue[t];
            }
            reg.addRow(a, 0, b + noise * r.nextGaussian());
        }
        BayesianRegression.Result res = reg.solve(BayesianRegression.Options.defaults());
        assertTrue(res.converged());
        assertArrayEquals(wTrue, res.weights(), WEIGHT_TOL);
        assertEquals(noise * noise, res.sigmaV2(), NOISE_VARIANCE_REL * noise * noise);
        assertEquals(m, res.gamma(), GAMMA, "all parameters well determined");
    }

    @Test
    void matchesDirectRidgeSolutionAtTheSameLambda() {
        Random r = new Random(2);
        int m = 8;
        int rows = 40;
        DMatrixRMaj a = new DMatrixRMaj(rows, m);
        DMatrixRMaj b = new DMatrixRMaj(rows, 1);
        BayesianRegression reg = new BayesianRegression(m);
        for (int i = 0; i < rows; i++) {
            double[] row = new double[m];
            for (int t = 0; t < m; t++) {
                row[t] = r.nextGaussian() * (t + 1);
                a.set(i, t, row[t]);
            }
            double y = 0.2 * row[0] - 0.05 * row[3] + 0.01 * row[7] + 0.3 * r.nextGaussian();
            b.set(i, 0, y);
            reg.addRow(row, 0, y);
        }
        BayesianRegression.Result res = reg.solve(BayesianRegression.Options.defaults());
        assertTrue(res.converged());
        DMatrixRMaj ata = new DMatrixRMaj(m, m);
        CommonOps_DDRM.multTransA(a, a, ata);
        for (int t = 0; t < m; t++) {
            ata.add(t, t, res.lambda());
        }
        DMatrixRMaj atb = new DMatrixRMaj(m, 1);
        CommonOps_DDRM.multTransA(a, b, atb);
        DMatrixRMaj w = new DMatrixRMaj(m, 1);
        CommonOps_DDRM.solve(ata, atb, w);
        assertArrayEquals(w.data, res.weights(), AGAINST_NORMAL_EQUATIONS);
        // the evidence fixed point: lambda = sigma_v^2 / sigma_w^2
        assertEquals(res.sigmaV2() / res.sigmaW2(), res.lambda(), FIXED_POINT_REL * res.lambda());
        // leverage equals a^T (A^T A + lambda)^-1 a
        DMatrixRMaj inv = new DMatrixRMaj(m, m);
        CommonOps_DDRM.invert(ata, inv);
        double[] probe = new double[m];
        for (int t = 0; t < m; t++) {
            probe[t] = r.nextGaussian();
        }
        double direct = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                direct += probe[i] * inv.get(i, j) * probe[j];
            }
        }
        assertEquals(direct, res.leverage(probe), LEVERAGE_REL * direct);
    }

    @Test
    void noiseFreeDataDrivesLambdaDownAndFitsExactly() {
        Random r = new Random(3);
        int m = 10;
        BayesianRegression reg = new BayesianRegression(m);
        double[] wTrue = new double[m];
        for (int t = 0; t < m; t++) {
            wTrue[t] = r.nextGaussian();
        }
        for (int i = 0; i < 200; i++) {
            double[] row = new double[m];
            double y = 0;
            for (int t = 0; t < m; t++) {
                row[t] = r.nextGaussian();
                y += row[t] * wTrue[t];
            }
            reg.addRow(row, 0, y);
        }
        BayesianRegression.Result res = reg.solve(BayesianRegression.Options.defaults());
        assertArrayEquals(wTrue, res.weights(), NOISE_FREE_WEIGHTS);
        assertTrue(res.lambda() < RIDGE_TO_EIGENVALUE * res.eigenvalues()[0], "lambda " + res.lambda());
    }
}

package org.helixff.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.helixff.training.BayesianRegression;
import org.junit.jupiter.api.Test;

/**
 * The leverage a^T (A^T A + lambda)^-1 a of a training row is a diagonal element of the hat matrix, at most
 * 1, however ill-conditioned A is. Kernel design matrices are (columns of near-identical environments): with
 * lambda at its floor (1e-20 s_max) the leverage of the row must not be computed as |a|^2 - |V^T a|^2 over
 * lambda, which turns round-off of |a|^2 into leverages of hundreds (seen in the on-the-fly loop: sigma at
 * training configurations far above the noise level).
 */
class ModelPosteriorLeverageTest {
    /** Sum of the leverages against gamma, relative: both from the same eigen-decomposition, the leverage sum over a finite probe set. */
    private static final double TRACE_REL = 1e-3;
    /** Hat-matrix diagonal against an independent QR (round-off of the ill-conditioned fit). */
    private static final double HAT_TOL = 1e-6;

    @Test
    void leverageOfTrainingRowsIsTheHatDiagonal() {
        int rows = 120;
        int m = 25;
        Random r = new Random(5);
        double[] a = new double[rows * m];
        double[] x = new double[rows];
        for (int i = 0; i < rows; i++) {
            x[i] = r.nextDouble();
        }
        // Gaussian-kernel columns with nearly coincident centres: condition number far beyond 1e8
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < m; j++) {
                double c = 0.5 + 0.002 * j;
                a[i * m + j] = 30 * Math.exp(-(x[i] - c) * (x[i] - c) / 0.5);
            }
        }
        BayesianRegression reg = new BayesianRegression(m);
        // targets the columns represent exactly (noise-free, like a Tersoff teacher): lambda goes to its floor
        double[] w = new double[m];
        for (int j = 0; j < m; j++) {
            w[j] = r.nextGaussian();
        }
        for (int i = 0; i < rows; i++) {
            double b = 0;
            for (int j = 0; j < m; j++) {
                b += a[i * m + j] * w[j];
            }
            reg.addRow(a, i * m, b);
        }
        BayesianRegression.Result res = reg.solve(BayesianRegression.Options.defaults());
        double[] s = res.eigenvalues();
        assertTrue(s[0] / s[s.length - 1] > 1e20, "ill-conditioned: " + s[0] / s[s.length - 1]);
        assertTrue(res.floored(), "noise-free targets: lambda at its floor " + res.lambda() / s[0]);
        // independent hat diagonal: h_ii = |Q_i|^2 restricted to the numerically significant part, bounded by 1
        DMatrixRMaj am = new DMatrixRMaj(rows, m);
        System.arraycopy(a, 0, am.data, 0, a.length);
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(rows, m);
        assertTrue(qr.decompose(am));
        DMatrixRMaj q = qr.getQ(null, true);
        double sum = 0;
        for (int i = 0; i < rows; i++) {
            double[] row = new double[m];
            System.arraycopy(a, i * m, row, 0, m);
            double lev = ModelPosterior.leverage(s, res.eigenvectors(), res.lambda(), row, m);
            double h = 0;
            for (int j = 0; j < m; j++) {
                h += q.get(i, j) * q.get(i, j);
            }
            assertTrue(lev >= 0 && lev <= 1 + HAT_TOL, "row " + i + " leverage " + lev);
            assertTrue(lev <= h + HAT_TOL, "row " + i + ": leverage " + lev + " above the hat diagonal " + h);
            sum += lev;
        }
        // the trace of the regularised hat matrix is the number of effective parameters gamma
        assertEquals(res.gamma(), sum, TRACE_REL * res.gamma());
    }
}

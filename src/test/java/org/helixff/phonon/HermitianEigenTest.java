package org.helixff.phonon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.helixff.InvalidInputException;
import org.helixff.Tolerances;
import org.junit.jupiter.api.Test;

class HermitianEigenTest {
    /** Round-off of a dense eigen-decomposition of an O(1) matrix of size <= 12. */
    private static final double TOL = 1e-12;

    private static double[][] random(int n, long seed) {
        Random r = new Random(seed);
        double[] re = new double[n * n];
        double[] im = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double a = r.nextGaussian();
                double b = i == j ? 0 : r.nextGaussian();
                re[i * n + j] = a;
                re[j * n + i] = a;
                im[i * n + j] = b;
                im[j * n + i] = -b;
            }
        }
        return new double[][] {re, im};
    }

    private static void checkDecomposition(int n, double[] re, double[] im, HermitianEigen.Result r) {
        HermitianMatrix h = new HermitianMatrix(n, re, im);
        for (int v = 0; v < n; v++) {
            double[] xr = new double[n];
            double[] xi = new double[n];
            for (int i = 0; i < n; i++) {
                xr[i] = r.re(v, i);
                xi[i] = r.im(v, i);
            }
            double[][] y = h.multiply(xr, xi);
            for (int i = 0; i < n; i++) {
                assertEquals(r.value(v) * xr[i], y[0][i], TOL, "H v = lambda v (re)");
                assertEquals(r.value(v) * xi[i], y[1][i], TOL, "H v = lambda v (im)");
            }
            for (int w = 0; w < n; w++) {
                double cr = 0;
                double ci = 0;
                for (int i = 0; i < n; i++) {
                    cr += r.re(w, i) * xr[i] + r.im(w, i) * xi[i];
                    ci += r.re(w, i) * xi[i] - r.im(w, i) * xr[i];
                }
                assertEquals(v == w ? 1 : 0, cr, TOL, "orthonormal");
                assertEquals(0, ci, TOL, "orthonormal");
            }
            if (v > 0) {
                assertTrue(r.value(v) >= r.value(v - 1), "ascending");
            }
        }
    }

    @Test
    void randomHermitianMatricesAreDiagonalised() {
        for (int n : new int[] {1, 2, 6, 9}) {
            double[][] h = random(n, 17 + n);
            HermitianEigen.Result r = HermitianEigen.solve(n, h[0], h[1]);
            checkDecomposition(n, h[0], h[1], r);
            double trace = 0;
            double sum = 0;
            for (int i = 0; i < n; i++) {
                trace += h[0][i * n + i];
                sum += r.value(i);
            }
            assertEquals(trace, sum, TOL * n, "trace = sum of eigenvalues");
        }
    }

    @Test
    void degenerateEigenspacesGiveIndependentComplexVectors() {
        // U diag(1, 1, 1, 2, 2, 5) U^H with a random unitary U (from a random Hermitian matrix's eigenvectors)
        int n = 6;
        double[][] h0 = random(n, 99);
        HermitianEigen.Result u = HermitianEigen.solve(n, h0[0], h0[1]);
        double[] lam = {1, 1, 1, 2, 2, 5};
        double[] re = new double[n * n];
        double[] im = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int v = 0; v < n; v++) {
                    // U_iv conj(U_jv)
                    double ar = u.re(v, i);
                    double ai = u.im(v, i);
                    double br = u.re(v, j);
                    double bi = -u.im(v, j);
                    re[i * n + j] += lam[v] * (ar * br - ai * bi);
                    im[i * n + j] += lam[v] * (ar * bi + ai * br);
                }
            }
        }
        HermitianEigen.Result r = HermitianEigen.solve(n, re, im);
        for (int i = 0; i < n; i++) {
            assertEquals(lam[i], r.value(i), Tolerances.ROUND_OFF);
        }
        checkDecomposition(n, re, im, r);
    }

    @Test
    void nonHermitianInputIsRejected() {
        double[] re = {1, 2, 0, 1};
        double[] im = {0, 0, 0, 0};
        assertThrows(InvalidInputException.class, () -> HermitianEigen.solve(2, re, im));
        assertThrows(InvalidInputException.class, () -> HermitianEigen.solve(2, new double[3], new double[4]));
    }
}

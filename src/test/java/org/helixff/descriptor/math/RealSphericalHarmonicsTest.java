package org.helixff.descriptor.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.helixff.Tolerances;
import org.junit.jupiter.api.Test;

/** Real spherical harmonics: orthonormality, the addition theorem, explicit low orders and gradients. */
class RealSphericalHarmonicsTest {
    /** The harmonics gradients of the test directions are of order 1. */
    private static final double NON_TRIVIAL_GRADIENT = 0.1;
    /** Product quadrature exact for these polynomial degrees: error is round-off. */
    private static final double ORTHO_TOL = 1e-12;
    /** Recurrence round-off. */
    private static final double VALUE_TOL = 1e-13;
    /** Central differences with step 1e-6 on a function of unit scale: truncation ~1e-12, round-off ~1e-10. */
    private static final double FD_STEP = 1e-6;
    private static final double FD_TOL = 1e-8;

    @Test
    void orthonormalOnTheSphere() {
        int lmax = 8;
        RealSphericalHarmonics sh = new RealSphericalHarmonics(lmax);
        int n = sh.size();
        GaussLegendre gl = new GaussLegendre(lmax + 2);
        int nphi = 2 * lmax + 3;
        double[][] gram = new double[n][n];
        double[] y = new double[n];
        for (int i = 0; i < gl.size(); i++) {
            double z = gl.node(i);
            double st = Math.sqrt(1 - z * z);
            for (int p = 0; p < nphi; p++) {
                double phi = 2 * Math.PI * p / nphi;
                sh.evaluate(st * Math.cos(phi), st * Math.sin(phi), z, y);
                double w = gl.weight(i) * 2 * Math.PI / nphi;
                for (int a = 0; a < n; a++) {
                    for (int b = 0; b < n; b++) {
                        gram[a][b] += w * y[a] * y[b];
                    }
                }
            }
        }
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                assertEquals(a == b ? 1.0 : 0.0, gram[a][b], ORTHO_TOL, "Gram " + a + "," + b);
            }
        }
    }

    @Test
    void additionTheoremAndLowOrders() {
        int lmax = 12;
        RealSphericalHarmonics sh = new RealSphericalHarmonics(lmax);
        Random r = new Random(3);
        double[] ya = new double[sh.size()];
        double[] yb = new double[sh.size()];
        double[] pl = new double[lmax + 1];
        for (int t = 0; t < 20; t++) {
            double[] u = unit(r);
            double[] v = unit(r);
            sh.evaluate(u[0], u[1], u[2], ya);
            sh.evaluate(v[0], v[1], v[2], yb);
            double c = u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
            pl[0] = 1;
            pl[1] = c;
            for (int l = 2; l <= lmax; l++) {
                pl[l] = ((2 * l - 1) * c * pl[l - 1] - (l - 1) * pl[l - 2]) / l;
            }
            for (int l = 0; l <= lmax; l++) {
                double sum = 0;
                for (int m = -l; m <= l; m++) {
                    sum += ya[RealSphericalHarmonics.index(l, m)] * yb[RealSphericalHarmonics.index(l, m)];
                }
                assertEquals((2 * l + 1) / (4 * Math.PI) * pl[l], sum, VALUE_TOL * (2 * l + 1), "l = " + l);
            }
            // explicit forms: Y_10 = sqrt(3/4pi) z, Y_11 = sqrt(3/4pi) x, Y_1-1 = sqrt(3/4pi) y,
            // Y_22 = sqrt(15/16pi) (x^2 - y^2), Y_2-2 = sqrt(15/4pi) x y
            double k1 = Math.sqrt(3 / (4 * Math.PI));
            assertEquals(k1 * u[2], ya[2], VALUE_TOL);
            assertEquals(k1 * u[0], ya[3], VALUE_TOL);
            assertEquals(k1 * u[1], ya[1], VALUE_TOL);
            assertEquals(Math.sqrt(15 / (16 * Math.PI)) * (u[0] * u[0] - u[1] * u[1]), ya[8], VALUE_TOL);
            assertEquals(Math.sqrt(15 / (4 * Math.PI)) * u[0] * u[1], ya[4], VALUE_TOL);
        }
        // poles: only m = 0 survives
        sh.evaluate(0, 0, -1, ya);
        for (int l = 0; l <= lmax; l++) {
            assertEquals(Math.pow(-1, l) * Math.sqrt((2 * l + 1) / (4 * Math.PI)), ya[RealSphericalHarmonics.index(l, 0)],
                    VALUE_TOL * (l + 1));
        }
    }

    @Test
    void directionalGradientMatchesFiniteDifferences() {
        int lmax = 7;
        RealSphericalHarmonics sh = new RealSphericalHarmonics(lmax);
        int n = sh.size();
        double[] y = new double[n];
        double[] gx = new double[n];
        double[] gy = new double[n];
        double[] gz = new double[n];
        double[] yp = new double[n];
        double[] ym = new double[n];
        double[] plain = new double[n];
        Random r = new Random(11);
        double maxGrad = 0;
        for (int t = 0; t < 10; t++) {
            double len = 0.5 + 3 * r.nextDouble();
            double[] u = unit(r);
            double[] d = {len * u[0], len * u[1], len * u[2]};
            sh.evaluateWithGradient(u[0], u[1], u[2], y, gx, gy, gz);
            sh.evaluate(u[0], u[1], u[2], plain);
            for (int i = 0; i < n; i++) {
                assertEquals(plain[i], y[i], Tolerances.EXACT, "values of both variants agree exactly");
            }
            RealSphericalHarmonics.projectToDirection(u[0], u[1], u[2], len, gx, gy, gz, n);
            double[][] g = {gx, gy, gz};
            for (int c = 0; c < 3; c++) {
                double[] dp = d.clone();
                double[] dm = d.clone();
                dp[c] += FD_STEP;
                dm[c] -= FD_STEP;
                evalAt(sh, dp, yp);
                evalAt(sh, dm, ym);
                for (int i = 0; i < n; i++) {
                    double fd = (yp[i] - ym[i]) / (2 * FD_STEP);
                    assertEquals(fd, g[c][i], FD_TOL * Math.max(1, Math.abs(fd)), "dY_" + i + "/dd_" + c);
                    maxGrad = Math.max(maxGrad, Math.abs(fd));
                }
            }
        }
        assertTrue(maxGrad > NON_TRIVIAL_GRADIENT, "non-trivial gradients");
    }

    @Test
    void batchEvaluationEqualsScalarEvaluation() {
        int lmax = 9;
        RealSphericalHarmonics sh = new RealSphericalHarmonics(lmax);
        int n = sh.size();
        int count = 13;
        Random r = new Random(5);
        double[] x = new double[count];
        double[] y = new double[count];
        double[] z = new double[count];
        for (int p = 0; p < count; p++) {
            double[] u = unit(r);
            x[p] = u[0];
            y[p] = u[1];
            z[p] = u[2];
        }
        double[] out = new double[n * count];
        double[] out2 = new double[n * count];
        double[] bx = new double[n * count];
        double[] by = new double[n * count];
        double[] bz = new double[n * count];
        sh.evaluateBatch(count, x, y, z, out, new double[5 * count]);
        sh.evaluateBatchWithGradient(count, x, y, z, out2, bx, by, bz, new double[10 * count]);
        double[] v = new double[n];
        double[] gx = new double[n];
        double[] gy = new double[n];
        double[] gz = new double[n];
        for (int p = 0; p < count; p++) {
            sh.evaluateWithGradient(x[p], y[p], z[p], v, gx, gy, gz);
            for (int i = 0; i < n; i++) {
                // the same operations in the same order (Java arithmetic is strict): identical bits
                assertEquals(v[i], out[i * count + p], Tolerances.EXACT);
                assertEquals(v[i], out2[i * count + p], Tolerances.EXACT);
                assertEquals(gx[i], bx[i * count + p], Tolerances.EXACT);
                assertEquals(gy[i], by[i * count + p], Tolerances.EXACT);
                assertEquals(gz[i], bz[i * count + p], Tolerances.EXACT);
            }
        }
    }

    private static void evalAt(RealSphericalHarmonics sh, double[] d, double[] out) {
        double len = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
        sh.evaluate(d[0] / len, d[1] / len, d[2] / len, out);
    }

    static double[] unit(Random r) {
        double[] v = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
        double len = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        return new double[] {v[0] / len, v[1] / len, v[2] / len};
    }
}

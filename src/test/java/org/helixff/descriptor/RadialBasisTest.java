package org.helixff.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.helixff.Tolerances;
import org.helixff.descriptor.math.GaussLegendre;
import org.junit.jupiter.api.Test;

/**
 * The radial basis and its Gaussian overlaps h_nl: orthonormality, agreement with independent
 * quadratures (1-D with the unscaled Bessel series, and the 3-D projection of a Gaussian density that
 * does not use the Bessel expansion at all), the analytic derivative, and the spline table.
 */
class RadialBasisTest {
    /** Max |h| of the default basis: QUAD_TOL is relative to it. */
    private static final double MAX_H = 0.27;
    /** G_nl(r_c) is j_l at its own zero: a few ulp of the normalisation. */
    private static final double ZERO_AT_CUTOFF = 1e-14;
    /** Max |h| of the default basis is 0.2-0.3 (a scale check: the overlaps are not trivially small). */
    private static final double MAX_H_LOW = 0.2;
    /** Upper end of the same range. */
    private static final double MAX_H_HIGH = 0.3;
    /** Max |h'| of the default basis is larger than this. */
    private static final double NON_TRIVIAL_DERIVATIVE = 0.1;
    /** Orthonormality integral by 4000-point quadrature of smooth functions: round-off. */
    private static final double ORTHO_TOL = 1e-12;
    /** Two quadratures of the same smooth integral, relative to max |h|. */
    private static final double QUAD_TOL = 1e-11;
    /** The 3-D projection uses a 2-D product rule on a peaked integrand: converged to ~1e-10 of max |h|. */
    private static final double PROJ_TOL = 1e-9;
    /** Central difference of the exact overlap, step 1e-4 Bohr: truncation ~h^2 h''' / 6 ~ 1e-9 of max |h'|. */
    private static final double FD_STEP = 1e-4;
    private static final double FD_TOL = 1e-8;
    /** Interpolation error of the cubic Hermite table for the defaults (measured 3e-9; see RadialTable). */
    private static final double SPLINE_VALUE_TOL = 1e-8;
    /** Its derivative error (measured 6e-7 of max |h'|). */
    private static final double SPLINE_DERIV_TOL = 2e-6;

    /** Round-off of a polynomial evaluation relative to the scale of its coefficients. */
    private static final double ROUND_OFF = 1e-14;

    private static final SoapParameters P = SoapParameters.defaults();

    @Test
    void basisIsOrthonormal() {
        for (SoapParameters p : new SoapParameters[] {P, new SoapParameters(7.0, 0.8, 12, 9, SoapParameters.SPHERICAL_BESSEL)}) {
            RadialBasis b = new RadialBasis(p);
            GaussLegendre gl = new GaussLegendre(40);
            int panels = 100;
            double[] x = new double[gl.size() * panels];
            double[] w = new double[x.length];
            gl.composite(0, p.cutoff(), panels, x, w);
            for (int l = 0; l <= p.lmax(); l++) {
                double[][] g = new double[p.nmax()][x.length];
                for (int n = 0; n < p.nmax(); n++) {
                    for (int q = 0; q < x.length; q++) {
                        g[n][q] = b.value(n, l, x[q]);
                    }
                }
                for (int n = 0; n < p.nmax(); n++) {
                    assertEquals(0.0, b.value(n, l, p.cutoff()), ZERO_AT_CUTOFF, "g vanishes at r_c");
                    for (int m = 0; m < p.nmax(); m++) {
                        double s = 0;
                        for (int q = 0; q < x.length; q++) {
                            s += w[q] * x[q] * x[q] * g[n][q] * g[m][q];
                        }
                        assertEquals(n == m ? 1.0 : 0.0, s, ORTHO_TOL, "<g_" + n + l + ", g_" + m + l + ">");
                    }
                }
            }
        }
    }

    /** Unscaled i_l(x) by its power series (independent of the library's continued fraction). */
    private static double iSeries(int l, double x) {
        double lead = 1;
        for (int k = 1; k <= l; k++) {
            lead *= x / (2 * k + 1);
        }
        double term = 1;
        double sum = 1;
        for (int k = 1; k < 400; k++) {
            term *= 0.5 * x * x / (k * (2 * l + 2 * k + 1));
            sum += term;
            if (term < 1e-18 * sum) {
                break;
            }
        }
        return lead * sum;
    }

    @Test
    void overlapMatchesDirectQuadrature() {
        RadialBasis b = new RadialBasis(P);
        int w = P.nmax() * (P.lmax() + 1);
        double[] h = new double[w];
        double[] dh = new double[w];
        double[] hp = new double[w];
        double[] hm = new double[w];
        double[] scratch = new double[w];
        GaussLegendre gl = new GaussLegendre(40);
        int panels = 100;
        double[] x = new double[gl.size() * panels];
        double[] wt = new double[x.length];
        gl.composite(0, P.cutoff(), panels, x, wt);
        double sig2 = P.sigma() * P.sigma();
        double c0 = 4 * Math.PI * Math.pow(2 * Math.PI * sig2, -1.5);
        double maxH = 0;
        double maxD = 0;
        for (double r : new double[] {0.0, 0.37, 1.42, 2.68, 4.5, 7.77, 9.6}) {
            b.overlap(r, h, dh);
            double fc = RadialBasis.cutoffFunction(r, P.cutoff());
            for (int n = 0; n < P.nmax(); n++) {
                for (int l = 0; l <= P.lmax(); l++) {
                    double sum = 0;
                    for (int q = 0; q < x.length; q++) {
                        double s = x[q];
                        sum += wt[q] * s * s * b.value(n, l, s) * Math.exp(-(r * r + s * s) / (2 * sig2))
                                * iSeries(l, r * s / sig2);
                    }
                    double direct = fc * c0 * sum;
                    maxH = Math.max(maxH, Math.abs(direct));
                    assertEquals(direct, h[n * (P.lmax() + 1) + l], QUAD_TOL * MAX_H, "h_" + n + l + "(" + r + ")");
                }
            }
            if (r > FD_STEP) {
                b.overlap(r + FD_STEP, hp, scratch);
                b.overlap(r - FD_STEP, hm, scratch);
                for (int i = 0; i < w; i++) {
                    double fd = (hp[i] - hm[i]) / (2 * FD_STEP);
                    maxD = Math.max(maxD, Math.abs(fd));
                    assertEquals(fd, dh[i], FD_TOL, "h'_" + i + "(" + r + ")");
                }
            }
        }
        // 0.27 above is max |h| for the defaults; make sure that stays true so the tolerance means what it says
        assertTrue(maxH > MAX_H_LOW && maxH < MAX_H_HIGH, "max |h| = " + maxH);
        assertTrue(maxD > NON_TRIVIAL_DERIVATIVE, "non-trivial h': " + maxD);
    }

    @Test
    void overlapIsTheProjectionOfAGaussianDensity() {
        // c_nl0 of one neighbour at r z^ = integral d^3x g_nl(|x|) Y_l0(x^) rho(x) = H_nl(r) Y_l0(z^)
        SoapParameters p = new SoapParameters(6.0, 0.7, 4, 4, SoapParameters.SPHERICAL_BESSEL);
        RadialBasis b = new RadialBasis(p);
        int w = p.nmax() * (p.lmax() + 1);
        double[] h = new double[w];
        double[] dh = new double[w];
        GaussLegendre gl = new GaussLegendre(20);
        int sp = 60;
        int mp = 200;
        double[] s = new double[gl.size() * sp];
        double[] ws = new double[s.length];
        gl.composite(0, p.cutoff(), sp, s, ws);
        double[] mu = new double[gl.size() * mp];
        double[] wm = new double[mu.length];
        gl.composite(-1, 1, mp, mu, wm);
        double sig2 = p.sigma() * p.sigma();
        double norm = Math.pow(2 * Math.PI * sig2, -1.5);
        double[][][] g = new double[p.nmax()][p.lmax() + 1][s.length];
        for (int n = 0; n < p.nmax(); n++) {
            for (int l = 0; l <= p.lmax(); l++) {
                for (int i = 0; i < s.length; i++) {
                    g[n][l][i] = b.value(n, l, s[i]);
                }
            }
        }
        double[][] pl = new double[mu.length][p.lmax() + 1];
        for (int k = 0; k < mu.length; k++) {
            for (int l = 0; l <= p.lmax(); l++) {
                pl[k][l] = legendre(l, mu[k]);
            }
        }
        for (double r : new double[] {0.9, 2.5, 4.1}) {
            b.overlap(r, h, dh);
            double fc = RadialBasis.cutoffFunction(r, p.cutoff());
            double[][] inner = new double[s.length][p.lmax() + 1];
            for (int i = 0; i < s.length; i++) {
                for (int k = 0; k < mu.length; k++) {
                    double d2 = s[i] * s[i] + r * r - 2 * s[i] * r * mu[k];
                    double e = wm[k] * Math.exp(-d2 / (2 * sig2));
                    for (int l = 0; l <= p.lmax(); l++) {
                        inner[i][l] += e * pl[k][l];
                    }
                }
            }
            for (int l = 0; l <= p.lmax(); l++) {
                double ylz = Math.sqrt((2 * l + 1) / (4 * Math.PI));
                for (int n = 0; n < p.nmax(); n++) {
                    double sum = 0;
                    for (int i = 0; i < s.length; i++) {
                        sum += ws[i] * s[i] * s[i] * g[n][l][i] * inner[i][l];
                    }
                    double c = 2 * Math.PI * norm * ylz * sum;
                    assertEquals(c, h[n * (p.lmax() + 1) + l] / fc * ylz, PROJ_TOL, "n=" + n + " l=" + l + " r=" + r);
                }
            }
        }
    }

    private static double legendre(int l, double x) {
        double p0 = 1;
        double p1 = x;
        if (l == 0) {
            return 1;
        }
        for (int k = 2; k <= l; k++) {
            double p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
            p0 = p1;
            p1 = p2;
        }
        return p1;
    }

    @Test
    void splineTableInterpolatesTheExactOverlaps() {
        RadialTable t = RadialTable.of(P);
        assertSame(t, RadialTable.of(SoapParameters.defaults()), "tables are cached per parameter hash");
        RadialBasis b = new RadialBasis(P);
        int w = t.width();
        double[] h = new double[w];
        double[] dh = new double[w];
        double[] he = new double[w];
        double[] dhe = new double[w];
        double maxH = 0;
        double maxD = 0;
        double errH = 0;
        double errD = 0;
        for (int k = 0; k < t.intervals(); k += 3) {
            for (double f : new double[] {0.0, 0.21, 0.5, 0.83}) {
                double r = (k + f) * t.spacing();
                t.evaluate(r, h, dh);
                b.overlap(r, he, dhe);
                for (int i = 0; i < w; i++) {
                    maxH = Math.max(maxH, Math.abs(he[i]));
                    maxD = Math.max(maxD, Math.abs(dhe[i]));
                    errH = Math.max(errH, Math.abs(h[i] - he[i]));
                    errD = Math.max(errD, Math.abs(dh[i] - dhe[i]));
                }
            }
        }
        assertTrue(errH < SPLINE_VALUE_TOL * maxH, "value interpolation error " + errH / maxH);
        assertTrue(errD < SPLINE_DERIV_TOL * maxD, "derivative interpolation error " + errD / maxD);
        // the value-only and value+derivative evaluations agree exactly
        double[] h2 = new double[w];
        t.evaluate(3.3, h, dh);
        t.evaluate(3.3, h2);
        for (int i = 0; i < w; i++) {
            assertEquals(h[i], h2[i], Tolerances.EXACT);
        }
        // h and h' go to zero at the cutoff (up to the round-off of summing the four coefficients)
        t.evaluate(Math.nextDown(P.cutoff()), h, dh);
        for (int i = 0; i < w; i++) {
            assertEquals(0.0, h[i], ROUND_OFF * maxH);
            assertEquals(0.0, dh[i], ROUND_OFF * maxD / t.spacing());
        }
    }
}

package org.helixff.descriptor.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Spherical Bessel functions, scaled modified ones and zeros against reference values computed with
 * mpmath 1.3.0 at 40 digits (j_l = sqrt(pi/(2x)) besselj(l+1/2, x); e^{-x} i_l = e^{-x} sqrt(pi/(2x))
 * besseli(l+1/2, x); zeros with findroot from a sign-change bracket), rounded to 20 digits.
 */
class SphericalBesselTest {
    /** I_1(x)/x at x = 1e-12 against its limit 1/3: continuity of the small-argument branch. */
    private static final double CLOSED_FORM = 1e-11;
    /** J_l at its tabulated zero: the zero is exact to ~1e-15, j_l has slope of order 0.1. */
    private static final double AT_ZERO = 1e-13;
    /** Double evaluation of these recurrences: a few ulps times the condition of the recurrence. */
    private static final double REL_TOL = 1e-13;
    /** Zeros by bisection to 4 ulps. */
    private static final double ZERO_TOL = 1e-13;

    private static final double[][] J = {
        {0, 0.3, 0.98506735553779858478},
        {3, 0.7, 0.0031787248563313688811},
        {1, 2.5, 0.41621298927540652498},
        {6, 3.0, 0.0039743825098192473787},
        {7, 4.2, 0.0066675574971914582015},
        {12, 5.5, 0.000054723824635788452229},
        {5, 17.3, -0.046264696420330066873},
        {13, 40.0, 0.0029564714492560144368},
        {2, 80.1, 0.012482816515380617593},
        {10, 1.5, 3.993440699483632857e-9},
    };

    private static final double[][] I_SCALED = {
        {0, 1e-06, 0.99999900000066666633},
        {1, 1e-06, 3.3333300000019998483e-7},
        {2, 0.01, 6.6003793703555916669e-6},
        {0, 0.5, 0.6321205588285576784},
        {3, 0.5, 0.00073214608836806793609},
        {6, 2.0, 0.000073161605675156817915},
        {13, 3.7, 3.5658476788911068399e-9},
        {7, 25.0, 0.006433933688832},
        {13, 150.0, 0.0018142760833787826301},
        {4, 300.0, 0.0016119379845679012346},
        {13, 5000.0, 0.000098196284311088103599},
        {1, 90000.0, 5.5554938271604938272e-6},
        {12, 45.0, 0.0019474871628513311416},
        {9, 196.5, 0.0020226276188775151553},
    };

    private static final double[][] ZEROS = {
        {0, 1, 3.1415926535897932385},
        {1, 1, 4.4934094579090641753},
        {1, 8, 26.666054258812673528},
        {6, 1, 10.512835408093997982},
        {6, 8, 33.937108302641300664},
        {12, 20, 80.713158065321438353},
        {3, 5, 20.121806174453818286},
        {13, 20, 82.141941531448720248},
    };

    @Test
    void besselJMatchesReference() {
        double[] out = new double[20];
        for (double[] row : J) {
            int l = (int) row[0];
            // evaluate with a larger lmax too: the result must not depend on it
            for (int lmax : new int[] {l, l + 3, 15}) {
                SphericalBessel.j(row[1], lmax, out);
                assertEquals(row[2], out[l], REL_TOL * Math.abs(row[2]), "j_" + l + "(" + row[1] + "), lmax " + lmax);
            }
        }
    }

    @Test
    void scaledModifiedBesselMatchesReference() {
        double[] s = new double[20];
        double[] ox = new double[20];
        for (double[] row : I_SCALED) {
            int l = (int) row[0];
            for (int lmax : new int[] {Math.max(l, 1), l + 2, 14}) {
                SphericalBessel.scaledI(row[1], lmax, s, ox);
                assertEquals(row[2], s[l], REL_TOL * row[2], "e^-x i_" + l + "(" + row[1] + "), lmax " + lmax);
                if (l >= 1) {
                    assertEquals(row[2] / row[1], ox[l], REL_TOL * row[2] / row[1]);
                }
            }
        }
    }

    @Test
    void scaledModifiedBesselLimitsAtZero() {
        double[] s = new double[6];
        double[] ox = new double[6];
        SphericalBessel.scaledI(0.0, 5, s, ox);
        assertEquals(1.0, s[0]);
        assertEquals(0.0, s[3]);
        assertEquals(1.0 / 3.0, ox[1]);
        assertEquals(0.0, ox[2]);
        // continuity of i_1/x towards the limit
        SphericalBessel.scaledI(1e-12, 5, s, ox);
        assertEquals(1.0 / 3.0, ox[1], CLOSED_FORM);
    }

    @Test
    void zerosMatchReference() {
        double[][] z = SphericalBessel.zeros(13, 20);
        for (double[] row : ZEROS) {
            int l = (int) row[0];
            int n = (int) row[1];
            assertEquals(row[2], z[l][n - 1], ZERO_TOL * row[2], "zero " + n + " of j_" + l);
        }
        double[] buf = new double[14];
        for (int l = 0; l <= 13; l++) {
            for (int n = 0; n < 20; n++) {
                SphericalBessel.j(z[l][n], l, buf);
                assertTrue(Math.abs(buf[l]) < AT_ZERO, "j_l vanishes at its zero");
                if (n > 0) {
                    assertTrue(z[l][n] > z[l][n - 1], "zeros ascend");
                }
            }
        }
    }
}

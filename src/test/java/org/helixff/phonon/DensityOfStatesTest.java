package org.helixff.phonon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.helixff.InvalidInputException;
import org.junit.jupiter.api.Test;

class DensityOfStatesTest {
    /** The DOS integral on the frequency grid: Gaussian tails cut at the grid ends. */
    private static final double NORMALISATION = 1e-6;
    /** A frequency grid point, cm^-1. */
    private static final double GRID_POINT = 1e-9;
    /** A van Hove edge of the model band (50 and 150 cm^-1) found within one wavenumber after the Gaussian smearing. */
    private static final double PEAK_POSITION = 1.0;
    /** Density below the band relative to the band centre: Gaussian tail. */
    private static final double EMPTY_BELOW_BAND = 1e-6;
    /** erf reference values (Abramowitz and Stegun table 7.1) are given to 1e-10 or better. */
    private static final double ERF_TOL = 1e-10;
    /** Hermite interpolation of the normal CDF table (step 1e-3) is accurate to well below this. */
    private static final double CDF_TOL = 1e-13;
    /**
     * The broadened DOS of a cosine band at its centre, sigma = 0.5 against a half-width of 50: the Gaussian smooths
     * 1/sqrt(A^2 - x^2) by (sigma/A)^2 ~ 1e-4, and the linear interpolation over 4096 kappa points by less.
     */
    private static final double BAND_TOL = 1e-3;

    @Test
    void erfAndNormalCdfAreAccurate() {
        assertEquals(0.0, DensityOfStates.erf(0), 0);
        assertEquals(0.5204998778, DensityOfStates.erf(0.5), ERF_TOL);
        assertEquals(0.8427007929, DensityOfStates.erf(1.0), ERF_TOL);
        assertEquals(0.9953222650, DensityOfStates.erf(2.0), ERF_TOL);
        assertEquals(-0.9999779095, DensityOfStates.erf(-3.0), ERF_TOL);
        for (double z = -7.9; z < 7.9; z += 0.0137) {
            assertEquals(0.5 * (1 + DensityOfStates.erf(z / Math.sqrt(2))), DensityOfStates.normalCdf(z), CDF_TOL);
        }
    }

    /** One flat-bottomed cosine band omega = 100 + 50 cos(kappa): van Hove peaks at its edges 50 and 150 cm^-1. */
    @Test
    void cosineBandHasTheAnalyticDensityAndVanHovePeaksAtItsEdges() {
        int k = 4096;
        double[] f = new double[k];
        for (int t = 0; t < k; t++) {
            f[t] = 100 + 50 * Math.cos(HelicalDispersion.kappaOf(t, k));
        }
        HelicalDispersion d = new HelicalDispersion(1, k, 1, f);
        DensityOfStates dos = HelicalPhonons.densityOfStates(d, 0.5, 0.05);
        assertEquals(1.0, dos.integral(), NORMALISATION, "one branch holds one state per motif");
        int mid = (int) Math.round((100 - dos.frequency(0)) / dos.step());
        assertEquals(100, dos.frequency(mid), GRID_POINT);
        double exact = 1 / (Math.PI * 50);
        assertEquals(exact, dos.density(mid), BAND_TOL * exact);
        List<Double> peaks = dos.peaks(0.05);
        assertEquals(2, peaks.size(), peaks.toString());
        assertEquals(50, peaks.get(0), PEAK_POSITION);
        assertEquals(150, peaks.get(1), PEAK_POSITION);
        // the grid starts 6 sigma below the band: the Gaussian tail there is exp(-18) ~ 1e-8 of the edge value
        assertTrue(dos.density(0) < EMPTY_BELOW_BAND * dos.density(mid), "nothing below the band");
    }

    @Test
    void badBroadeningIsRejected() {
        HelicalDispersion d = new HelicalDispersion(1, 2, 1, new double[] {1, 2});
        assertThrows(InvalidInputException.class, () -> HelicalPhonons.densityOfStates(d, 0, 1));
        assertThrows(InvalidInputException.class, () -> HelicalPhonons.densityOfStates(d, 1, -1));
    }
}

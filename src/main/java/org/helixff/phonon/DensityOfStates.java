package org.helixff.phonon;

import java.util.ArrayList;
import java.util.List;

/**
 * Phonon density of states of the infinite tube per motif (integrates to 3 x motif size over frequency), in
 * states per cm^-1, on a uniform frequency grid, with its van Hove peaks. Immutable.
 *
 * <p>Construction ({@link HelicalPhonons#densityOfStates}): every block (nu, kappa) is sampled on a uniform
 * grid of K kappa points for every nu; between neighbouring kappa points each branch (ascending order) is
 * interpolated linearly, which spreads the segment's weight 1/(N K) evenly over the frequencies it crosses
 * (the 1-D analogue of the tetrahedron method: a flat branch gives a sharp peak, not sampling noise); the
 * result is convolved with a Gaussian of standard deviation sigma. Van Hove singularities (1/sqrt edges of
 * flat branches) therefore appear as peaks of width ~sigma.
 */
public final class DensityOfStates {
    private final double start;
    private final double step;
    private final double[] density;
    private final double sigma;
    private final int kappaPoints;

    DensityOfStates(double start, double step, double[] density, double sigma, int kappaPoints) {
        this.start = start;
        this.step = step;
        this.density = density;
        this.sigma = sigma;
        this.kappaPoints = kappaPoints;
    }

    /** Number of grid points. */
    public int size() {
        return density.length;
    }

    /** Frequency of grid point i, cm^-1. */
    public double frequency(int i) {
        return start + i * step;
    }

    /** Grid spacing, cm^-1. */
    public double step() {
        return step;
    }

    /** Density at grid point i, states per cm^-1 per motif. */
    public double density(int i) {
        return density[i];
    }

    /** Gaussian broadening (standard deviation), cm^-1. */
    public double sigma() {
        return sigma;
    }

    /** kappa points per cyclic index used for the sampling. */
    public int kappaPoints() {
        return kappaPoints;
    }

    /** Integral of the density over the grid (trapezoid), states per motif. */
    public double integral() {
        double s = 0;
        for (int i = 0; i < density.length; i++) {
            s += density[i] * step * ((i == 0 || i == density.length - 1) ? 0.5 : 1);
        }
        return s;
    }

    /**
     * Van Hove peaks: local maxima of the density that stand above their surroundings within +-3 sigma by at
     * least {@code prominence} times the largest density, ordered by frequency (cm^-1).
     */
    public List<Double> peaks(double prominence) {
        double max = 0;
        for (double d : density) {
            max = Math.max(max, d);
        }
        int w = Math.max(1, (int) Math.round(3 * sigma / step));
        List<Double> out = new ArrayList<>();
        for (int i = 1; i < density.length - 1; i++) {
            if (!(density[i] > density[i - 1] && density[i] >= density[i + 1])) {
                continue;
            }
            double lo = density[i];
            double lo2 = density[i];
            for (int q = Math.max(0, i - w); q < i; q++) {
                lo = Math.min(lo, density[q]);
            }
            for (int q = i + 1; q <= Math.min(density.length - 1, i + w); q++) {
                lo2 = Math.min(lo2, density[q]);
            }
            if (density[i] - Math.max(lo, lo2) >= prominence * max) {
                out.add(frequency(i));
            }
        }
        return out;
    }

    private static final double CDF_STEP = 1e-3;
    private static final double CDF_RANGE = 8.0;
    private static final double[] CDF = new double[(int) Math.round(2 * CDF_RANGE / CDF_STEP) + 1];
    private static final double[] PDF = new double[CDF.length];

    static {
        for (int i = 0; i < CDF.length; i++) {
            double z = -CDF_RANGE + i * CDF_STEP;
            CDF[i] = 0.5 * (1 + erf(z / Math.sqrt(2)));
            PDF[i] = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
        }
    }

    /**
     * The standard normal distribution function Phi(z), from a table of Phi and its derivative on a 1e-3 grid with
     * cubic Hermite interpolation (error below 1e-14); exactly 0 or 1 beyond |z| = 8.
     */
    static double normalCdf(double z) {
        if (z <= -CDF_RANGE) {
            return 0;
        }
        if (z >= CDF_RANGE) {
            return 1;
        }
        double u = (z + CDF_RANGE) / CDF_STEP;
        int i = Math.min(CDF.length - 2, (int) u);
        double t = u - i;
        double t2 = t * t;
        double t3 = t2 * t;
        return (2 * t3 - 3 * t2 + 1) * CDF[i] + (t3 - 2 * t2 + t) * CDF_STEP * PDF[i]
                + (-2 * t3 + 3 * t2) * CDF[i + 1] + (t3 - t2) * CDF_STEP * PDF[i + 1];
    }

    /** erf(x) to ~1e-15 (series e^{-x^2} sum 2^n x^{2n+1}/(2n+1)!!, exact +-1 beyond |x| = 6). */
    static double erf(double x) {
        double ax = Math.abs(x);
        if (ax >= 6) {
            return Math.signum(x);
        }
        double term = ax;
        double sum = ax;
        double x2 = ax * ax;
        for (int n = 1; n < 200; n++) {
            term *= 2 * x2 / (2 * n + 1);
            sum += term;
            if (term < 1e-17 * sum) {
                break;
            }
        }
        double v = 2 / Math.sqrt(Math.PI) * Math.exp(-x2) * sum;
        return x < 0 ? -v : v;
    }
}

package org.helixff.phonon;

/**
 * Helical band structure: the signed frequencies (cm^-1, ascending within each block) of D(kappa, nu) for every
 * cyclic index nu = 0..N-1 and every kappa of a uniform grid kappa_t = -pi + 2 pi t / K, t = 0..K-1 (the grid
 * covers [-pi, pi); kappa = pi is the same block as -pi). Immutable.
 */
public final class HelicalDispersion {
    private final int cyclicOrder;
    private final int kappaPoints;
    private final int branches;
    private final double[] freq;

    HelicalDispersion(int cyclicOrder, int kappaPoints, int branches, double[] freq) {
        this.cyclicOrder = cyclicOrder;
        this.kappaPoints = kappaPoints;
        this.branches = branches;
        this.freq = freq;
    }

    /** N: the cyclic indices are 0..N-1. */
    public int cyclicOrder() {
        return cyclicOrder;
    }

    /** K, the number of kappa points. */
    public int kappaPoints() {
        return kappaPoints;
    }

    /** Branches per block (3 x motif size). */
    public int branches() {
        return branches;
    }

    /** kappa_t = -pi + 2 pi t / K, radians. */
    public double kappa(int t) {
        return kappaOf(t, kappaPoints);
    }

    static double kappaOf(int t, int k) {
        return -Math.PI + 2 * Math.PI * t / k;
    }

    /** Signed frequency (cm^-1) of branch b (ascending order) at (nu, kappa_t). */
    public double frequency(int nu, int t, int b) {
        return freq[(nu * kappaPoints + t) * branches + b];
    }

    /** Lowest frequency anywhere, cm^-1. */
    public double minimum() {
        double m = Double.POSITIVE_INFINITY;
        for (double f : freq) {
            m = Math.min(m, f);
        }
        return m;
    }

    /** Highest frequency anywhere, cm^-1. */
    public double maximum() {
        double m = Double.NEGATIVE_INFINITY;
        for (double f : freq) {
            m = Math.max(m, f);
        }
        return m;
    }
}

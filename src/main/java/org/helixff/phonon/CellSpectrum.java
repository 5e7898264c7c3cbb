package org.helixff.phonon;

import java.util.Arrays;

/**
 * The spectrum of the translational cell (2 N q atoms) at one wave vector k of its 1-D Brillouin zone (Bloch
 * convention u(cell c) = exp(i k T c) u(cell 0)), assembled from symmetry blocks: the angular momenta
 * m = 0..Nq-1 contribute the blocks (nu, kappa) = (m mod N, m alpha + k h mod 2 pi), which are exactly the blocks
 * with q kappa - 2 pi nu s / N = k T (mod 2 pi) (docs/method.md eq. (5.10)). Immutable.
 */
public final class CellSpectrum {
    private final double k;
    private final double period;
    private final int[] nu;
    private final double[] kappa;
    private final int branches;
    private final double[] freq;

    CellSpectrum(double k, double period, int[] nu, double[] kappa, int branches, double[] freq) {
        this.k = k;
        this.period = period;
        this.nu = nu;
        this.kappa = kappa;
        this.branches = branches;
        this.freq = freq;
    }

    /** Wave vector along the axis, 1/Bohr. */
    public double k() {
        return k;
    }

    /** Translational period T, Bohr. */
    public double period() {
        return period;
    }

    /** Number of blocks, N q. */
    public int blocks() {
        return nu.length;
    }

    /** Branches per block (3 x motif size). */
    public int branches() {
        return branches;
    }

    /** Cyclic index of block m (m = angular momentum 0..Nq-1). */
    public int nu(int m) {
        return nu[m];
    }

    /** Helical phase of block m, in [-pi, pi). */
    public double kappa(int m) {
        return kappa[m];
    }

    /** Signed frequency (cm^-1) of branch b of block m (ascending within the block). */
    public double frequency(int m, int b) {
        return freq[m * branches + b];
    }

    /** All 3 x 2 N q frequencies of the cell at k, ascending, cm^-1. */
    public double[] sortedFrequencies() {
        double[] f = freq.clone();
        Arrays.sort(f);
        return f;
    }
}

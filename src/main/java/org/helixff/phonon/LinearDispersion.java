package org.helixff.phonon;

/**
 * Phonon dispersion of the translational cell along its 1-D Brillouin zone: k from 0 (Gamma) to pi/T (zone
 * edge) in equal steps; at each k all 3 x 2 N q frequencies (cm^-1, ascending). Immutable.
 */
public final class LinearDispersion {
    private final double period;
    private final int atoms;
    private final double[] k;
    private final double[][] freq;

    LinearDispersion(double period, int atoms, double[] k, double[][] freq) {
        this.period = period;
        this.atoms = atoms;
        this.k = k;
        this.freq = freq;
    }

    /** Translational period T, Bohr. */
    public double period() {
        return period;
    }

    /** Atoms in the translational cell (2 N q). */
    public int atoms() {
        return atoms;
    }

    /** Number of k points. */
    public int points() {
        return k.length;
    }

    /** Bands per k point (3 x atoms). */
    public int bands() {
        return freq[0].length;
    }

    /** Wave vector of point p, 1/Bohr. */
    public double k(int p) {
        return k[p];
    }

    /** Signed frequency of band b (ascending order) at point p, cm^-1. */
    public double frequency(int p, int b) {
        return freq[p][b];
    }

    /** Copy of the frequencies at point p, ascending, cm^-1. */
    public double[] frequencies(int p) {
        return freq[p].clone();
    }
}

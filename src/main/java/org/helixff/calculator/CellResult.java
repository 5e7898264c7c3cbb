package org.helixff.calculator;

/**
 * Result of a full-cell evaluation (Hartree, Bohr).
 *
 * <p>{@code virial}: 3x3 row-major, W_ab = -sum over pairs of d_a dE/dd_b = -dE/d(epsilon_ab) for a
 * homogeneous deformation r -> (1 + epsilon) r of positions and cell (Hartree). The stress is -W/V.
 */
public final class CellResult {
    private final double energy;
    private final double[] siteEnergies;
    private final double[] forces;
    private final double[] virial;

    public CellResult(double energy, double[] siteEnergies, double[] forces, double[] virial) {
        this.energy = energy;
        this.siteEnergies = siteEnergies.clone();
        this.forces = forces.clone();
        this.virial = virial.clone();
    }

    /** Total energy of the cell, Hartree. */
    public double energy() {
        return energy;
    }

    public int size() {
        return siteEnergies.length;
    }

    /** Energy per atom, Hartree. */
    public double energyPerAtom() {
        return energy / siteEnergies.length;
    }

    /** Per-atom (site) energies, Hartree. */
    public double[] siteEnergies() {
        return siteEnergies.clone();
    }

    /** Forces, 3 per atom, Ha/Bohr. */
    public double[] forces() {
        return forces.clone();
    }

    public double force(int atom, int d) {
        return forces[3 * atom + d];
    }

    /** Largest absolute force component, Ha/Bohr. */
    public double maxForce() {
        double m = 0;
        for (double f : forces) {
            m = Math.max(m, Math.abs(f));
        }
        return m;
    }

    /** Virial, 3x3 row-major, Hartree. */
    public double[] virial() {
        return virial.clone();
    }
}

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

    /**
     * Copies the arrays.
     *
     * @param energy       total energy of the cell, Hartree
     * @param siteEnergies per-atom energies, Hartree (their sum is {@code energy})
     * @param forces       3 per atom, Ha/Bohr
     * @param virial       3x3 row-major, Hartree
     * @throws org.helixff.HelixException when the energy or a force is not finite
     */
    public CellResult(double energy, double[] siteEnergies, double[] forces, double[] virial) {
        this.energy = energy;
        this.siteEnergies = siteEnergies.clone();
        this.forces = forces.clone();
        checkFinite(energy, this.forces);
        this.virial = virial.clone();
    }

    /**
     * Refuses a non-finite energy or force: no result carries NaN or Infinity (they would be printed as numbers).
     *
     * @throws org.helixff.HelixException naming what was not finite
     */
    static void checkFinite(double energy, double[] forces) {
        if (!Double.isFinite(energy)) {
            throw new org.helixff.HelixException("the calculation gave a non-finite energy (" + energy
                    + "): the structure is outside the calculator's domain (overlapping atoms?)");
        }
        for (int q = 0; q < forces.length; q++) {
            if (!Double.isFinite(forces[q])) {
                throw new org.helixff.HelixException("the calculation gave a non-finite force (" + forces[q]
                        + ") on atom " + (q / 3 + 1) + ": the structure is outside the calculator's domain");
            }
        }
    }

    /** Total energy of the cell, Hartree. */
    public double energy() {
        return energy;
    }

    /** Number of atoms of the cell. */
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

    /** Force component d (0 = x, 1 = y, 2 = z) on atom {@code atom}, Ha/Bohr. */
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

package org.helixff.calculator;

/**
 * Result of a symmetry-adapted evaluation (Hartree, Bohr, radians).
 *
 * <p>{@code energyPerMotif}: energy of the infinite tube per motif (sum of the motif atoms' site
 * energies). {@code forces}: 3 per motif atom, the force on the motif atom when every image moves with
 * it (docs/method.md eqs. (4.1)-(4.3)); the force on image (k, j) is the rotated copy. {@code dEdh}: derivative of
 * the energy per motif with respect to the screw shift h at fixed motif coordinates (Ha/Bohr).
 * {@code dEdalpha}: the same for the screw angle alpha (Ha/rad, a torque per motif).
 */
public final class SymmetricResult {
    private final double energyPerMotif;
    private final double[] siteEnergies;
    private final double[] forces;
    private final double dEdh;
    private final double dEdalpha;

    /**
     * Copies the arrays.
     *
     * @param energyPerMotif energy of the infinite tube per motif, Hartree
     * @param siteEnergies   site energy of each motif atom, Hartree
     * @param forces         symmetry-adapted forces, 3 per motif atom, Ha/Bohr
     * @param dEdh           d(energy per motif)/dh, Ha/Bohr (NaN when not computed)
     * @param dEdalpha       d(energy per motif)/dalpha, Ha/rad (NaN when not computed)
     * @throws org.helixff.HelixException when the energy or a force is not finite
     */
    public SymmetricResult(double energyPerMotif, double[] siteEnergies, double[] forces, double dEdh,
            double dEdalpha) {
        this.energyPerMotif = energyPerMotif;
        this.siteEnergies = siteEnergies.clone();
        this.forces = forces.clone();
        CellResult.checkFinite(energyPerMotif, this.forces);
        this.dEdh = dEdh;
        this.dEdalpha = dEdalpha;
    }

    /** Energy per motif, Hartree. */
    public double energyPerMotif() {
        return energyPerMotif;
    }

    /** Energy per atom (energy per motif / motif size), Hartree. */
    public double energyPerAtom() {
        return energyPerMotif / siteEnergies.length;
    }

    /** Number of motif atoms. */
    public int motifSize() {
        return siteEnergies.length;
    }

    /** Site energy of each motif atom, Hartree. */
    public double[] siteEnergies() {
        return siteEnergies.clone();
    }

    /** Symmetry-adapted forces, 3 per motif atom, Ha/Bohr. */
    public double[] forces() {
        return forces.clone();
    }

    /** Force component d (0 = x, 1 = y, 2 = z) on motif atom {@code atom}, Ha/Bohr. */
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

    /** dE/dh per motif at fixed motif coordinates, Ha/Bohr. */
    public double dEdh() {
        return dEdh;
    }

    /** dE/dalpha per motif at fixed motif coordinates, Ha/rad. */
    public double dEdalpha() {
        return dEdalpha;
    }
}

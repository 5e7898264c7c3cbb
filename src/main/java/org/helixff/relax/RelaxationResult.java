package org.helixff.relax;

import org.helixff.symmetry.SymmetricStructure;

/**
 * Outcome of a symmetry-adapted relaxation ({@link Relaxer#relax(SymmetricStructure)}). Immutable. Hartree,
 * Bohr, radians.
 *
 * @param structure       the final tube (motif and group; h and alpha changed only where they were free)
 * @param energyPerMotif  energy per motif at the final structure, Hartree
 * @param iterations      accepted minimiser steps
 * @param evaluations     energy-and-force evaluations spent
 * @param maxForce        largest absolute symmetric force component at the end, Ha/Bohr
 * @param dEdh            dE/dh per motif at the end, Ha/Bohr (a residual only when h was free)
 * @param dEdalpha        dE/dalpha per motif at the end, Ha/rad (a residual only when alpha was free)
 * @param freeAxial       whether h was relaxed
 * @param freeTwist       whether alpha was relaxed
 * @param converged       true when every free residual is at or below the tolerance (see {@link Relaxer})
 * @param status          "converged" or why the run stopped early (one line)
 */
public record RelaxationResult(SymmetricStructure structure, double energyPerMotif, int iterations, int evaluations,
        double maxForce, double dEdh, double dEdalpha, boolean freeAxial, boolean freeTwist, boolean converged,
        String status) {

    /** Energy per atom at the final structure, Hartree. */
    public double energyPerAtom() {
        return energyPerMotif / structure.motifSize();
    }

    /** Mean distance of the motif atoms from the tube axis at the end, Bohr. */
    public double meanRadius() {
        return structure.meanRadius();
    }

    /** Diameter of the relaxed tube, 2 x {@link #meanRadius()}, Bohr. */
    public double diameter() {
        return 2 * meanRadius();
    }

    /** The twist residual |dE/dalpha| / mean radius, Ha/Bohr (a tangential force per motif). */
    public double twistResidual() {
        return Math.abs(dEdalpha) / meanRadius();
    }
}

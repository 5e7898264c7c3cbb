package org.helixff.relax;

import org.helixff.structure.Structure;

/**
 * Outcome of a full-cell relaxation ({@link Relaxer#relax(Structure)}). Immutable. Hartree and Bohr.
 *
 * @param structure    the final cell (positions and, when the axial length was free, the cell)
 * @param energy       total energy of the cell, Hartree
 * @param iterations   accepted minimiser steps
 * @param evaluations  energy-and-force evaluations spent
 * @param maxForce     largest absolute force component at the end, Ha/Bohr
 * @param virialZz     W_zz = -dE/d(epsilon_zz) of the cell at the end, Hartree (a residual only when the axial
 *                     length was free)
 * @param freeAxial    whether the cell was stretched along z
 * @param converged    true when every free residual is at or below the tolerance (see {@link Relaxer})
 * @param status       "converged" or why the run stopped early (one line)
 */
public record CellRelaxationResult(Structure structure, double energy, int iterations, int evaluations,
        double maxForce, double virialZz, boolean freeAxial, boolean converged, String status) {

    /** Energy per atom, Hartree. */
    public double energyPerAtom() {
        return energy / structure.size();
    }

    /** dE/dL for the periodic length L = c_z along z, Ha/Bohr (per cell): -W_zz / L. */
    public double dEdL() {
        return -virialZz / structure.cell(2, 2);
    }
}

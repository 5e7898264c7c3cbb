package org.helixff.calculator;

import org.helixff.structure.Structure;
import org.helixff.symmetry.SymmetricStructure;

/**
 * The one contract every force field (the Tersoff teacher, the learned model) implements. Results are
 * immutable values in Hartree and Bohr. Implementations must be safe for concurrent use.
 */
public interface Calculator {
    /** A short name ("tersoff", "tersoff-lb", "model:&lt;hash&gt;"). */
    String name();

    /** Interaction range: a site energy depends only on neighbours closer than this (Bohr). */
    double cutoff();

    /**
     * Symmetry-adapted evaluation of an infinite tube: energy per motif (= per 2 atoms for a nanotube),
     * forces on the motif atoms under symmetric displacements, and dE/dh, dE/dalpha per motif.
     */
    SymmetricResult compute(SymmetricStructure structure);

    /** Full-cell evaluation: total energy, per-atom energies, forces and virial. */
    CellResult compute(Structure structure);
}

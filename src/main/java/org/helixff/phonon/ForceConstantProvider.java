package org.helixff.phonon;

import org.helixff.Progress;
import org.helixff.symmetry.SymmetricStructure;

/**
 * Computes the symmetry-reduced force constants of a tube. Implementations: {@link FiniteDifferenceForceConstants}
 * (central differences of forces on an explicit cluster, for any calculator); an analytic second-derivative path
 * can implement the same interface. Results are raw (no symmetrisation or sum rules); see
 * {@link ForceConstants#symmetrized()} and {@link SumRules}.
 */
public interface ForceConstantProvider {
    /**
     * @param structure the tube (normally relaxed)
     * @param progress  receives (stage, done, total) updates; never null (use {@link Progress#NONE})
     * @return the blocks Phi(a; b, g) for every motif atom a and every image within the interaction range
     */
    ForceConstants compute(SymmetricStructure structure, Progress progress);

    /** {@link #compute(SymmetricStructure, Progress)} without progress reports. */
    default ForceConstants compute(SymmetricStructure structure) {
        return compute(structure, Progress.NONE);
    }
}

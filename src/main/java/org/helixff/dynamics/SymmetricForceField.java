package org.helixff.dynamics;

import org.helixff.calculator.Calculator;
import org.helixff.symmetry.SymmetricStructure;

/**
 * Energy and symmetry-adapted forces of a tube for the integrator; {@code step} is the MD step the
 * configuration belongs to (0 for the start), so that a force field may act on it (the on-the-fly loop
 * calls its teacher from here).
 */
@FunctionalInterface
public interface SymmetricForceField {
    ForceSample evaluate(SymmetricStructure structure, long step);

    /** A calculator as a force field. */
    static SymmetricForceField of(Calculator calculator) {
        return (s, step) -> ForceSample.of(calculator.compute(s), calculator.name());
    }
}

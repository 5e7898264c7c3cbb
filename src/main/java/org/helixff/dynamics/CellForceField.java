package org.helixff.dynamics;

import org.helixff.calculator.Calculator;
import org.helixff.structure.Structure;

/** Energy and forces of a periodic full cell for the integrator (see {@link SymmetricForceField}). */
@FunctionalInterface
public interface CellForceField {
    ForceSample evaluate(Structure structure, long step);

    /** A calculator as a force field. */
    static CellForceField of(Calculator calculator) {
        return (s, step) -> ForceSample.of(calculator.compute(s), calculator.name());
    }
}

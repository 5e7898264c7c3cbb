package org.helixff.dynamics;

import org.helixff.InvalidInputException;
import org.helixff.calculator.CellResult;
import org.helixff.calculator.SymmetricResult;
import org.helixff.calculator.UncertaintyCalculator.Uncertainty;

/**
 * What a force field returns to the integrator for one configuration (Hartree, Bohr).
 *
 * @param energy      potential energy: per motif for a symmetric tube, of the whole cell for a full cell
 * @param forces      forces, 3 per motif atom (symmetry-adapted) or per cell atom, Ha/Bohr
 * @param dEdh        dE/dh per motif at fixed motif coordinates, Ha/Bohr (NaN when unknown; needed only
 *                    with axial coupling)
 * @param uncertainty predictive uncertainty of a learned model, or null
 * @param source      who computed it (a calculator or teacher name)
 */
public record ForceSample(double energy, double[] forces, double dEdh, Uncertainty uncertainty, String source) {
    public ForceSample {
        if (!Double.isFinite(energy)) {
            throw new InvalidInputException("force field '" + source + "' returned a non-finite energy " + energy);
        }
        forces = forces.clone();
        for (double f : forces) {
            if (!Double.isFinite(f)) {
                throw new InvalidInputException("force field '" + source + "' returned a non-finite force " + f);
            }
        }
    }

    @Override
    public double[] forces() {
        return forces.clone();
    }

    double[] forcesView() {
        return forces;
    }

    /** The sample of a symmetric calculator result. */
    public static ForceSample of(SymmetricResult r, String source) {
        return new ForceSample(r.energyPerMotif(), r.forces(), r.dEdh(), null, source);
    }

    /** The sample of a full-cell calculator result (no dE/dh). */
    public static ForceSample of(CellResult r, String source) {
        return new ForceSample(r.energy(), r.forces(), Double.NaN, null, source);
    }

    /** The same sample with an uncertainty attached. */
    public ForceSample withUncertainty(Uncertainty u) {
        return new ForceSample(energy, forces, dEdh, u, source);
    }
}

package org.helixff.training;

import org.helixff.InvalidInputException;
import org.helixff.descriptor.SoapParameters;

/**
 * Settings of a fit.
 *
 * @param soap            descriptor parameters
 * @param zeta            kernel exponent (default 4)
 * @param referenceSize   number of reference environments M (default 1000; fewer when the data hold fewer
 *                        distinct environments)
 * @param energyWeight    multiplies the energy rows' weight (default 1)
 * @param forceWeight     multiplies the force rows' weight (default 1)
 * @param useEnergies     fit energy rows
 * @param useForces       fit force rows
 * @param useStress       fit dE/dh rows of symmetric frames that carry them
 * @param regression      evidence maximisation settings
 * @param offsetGroup     energy group whose offset the model uses for predictions (null: the first group)
 * @param name            model name stored in the file
 */
public record TrainingOptions(SoapParameters soap, int zeta, int referenceSize, double energyWeight, double forceWeight,
        boolean useEnergies, boolean useForces, boolean useStress, BayesianRegression.Options regression,
        String offsetGroup, String name) {

    public static final int DEFAULT_REFERENCE_SIZE = 1000;
    public static final int DEFAULT_ZETA = 4;

    public TrainingOptions {
        if (zeta < 1 || zeta > 12) {
            throw new InvalidInputException("zeta = " + zeta + " must lie in [1, 12]");
        }
        if (referenceSize < 1 || referenceSize > 20000) {
            throw new InvalidInputException("reference size " + referenceSize + " must lie in [1, 20000]");
        }
        if (!(energyWeight >= 0) || !(forceWeight >= 0) || !Double.isFinite(energyWeight)
                || !Double.isFinite(forceWeight)) {
            throw new InvalidInputException("row weights must be finite and >= 0");
        }
        if (!useEnergies && !useForces) {
            throw new InvalidInputException("fit at least energies or forces");
        }
    }

    public static TrainingOptions defaults() {
        return new TrainingOptions(SoapParameters.defaults(), DEFAULT_ZETA, DEFAULT_REFERENCE_SIZE, 1.0, 1.0, true, true,
                false, BayesianRegression.Options.defaults(), null, "helixff-model");
    }

    public TrainingOptions withSoap(SoapParameters p) {
        return new TrainingOptions(p, zeta, referenceSize, energyWeight, forceWeight, useEnergies, useForces, useStress,
                regression, offsetGroup, name);
    }

    public TrainingOptions withReferenceSize(int m) {
        return new TrainingOptions(soap, zeta, m, energyWeight, forceWeight, useEnergies, useForces, useStress,
                regression, offsetGroup, name);
    }

    public TrainingOptions withZeta(int z) {
        return new TrainingOptions(soap, z, referenceSize, energyWeight, forceWeight, useEnergies, useForces, useStress,
                regression, offsetGroup, name);
    }

    public TrainingOptions withWeights(double energy, double force) {
        return new TrainingOptions(soap, zeta, referenceSize, energy, force, useEnergies, useForces, useStress,
                regression, offsetGroup, name);
    }

    public TrainingOptions withRows(boolean energies, boolean forces, boolean stress) {
        return new TrainingOptions(soap, zeta, referenceSize, energyWeight, forceWeight, energies, forces, stress,
                regression, offsetGroup, name);
    }

    public TrainingOptions withRegression(BayesianRegression.Options r) {
        return new TrainingOptions(soap, zeta, referenceSize, energyWeight, forceWeight, useEnergies, useForces,
                useStress, r, offsetGroup, name);
    }

    public TrainingOptions withOffsetGroup(String g) {
        return new TrainingOptions(soap, zeta, referenceSize, energyWeight, forceWeight, useEnergies, useForces,
                useStress, regression, g, name);
    }

    public TrainingOptions withName(String n) {
        return new TrainingOptions(soap, zeta, referenceSize, energyWeight, forceWeight, useEnergies, useForces,
                useStress, regression, offsetGroup, n);
    }
}

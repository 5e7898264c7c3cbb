package org.helixff.training;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
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
 * @param groupWeights    per energy group, a factor on the weight of all that group's rows (energies and forces):
 *                        the relative precision of data from different sources, e.g. a noisier DFT code at 0.1
 *                        (its label noise taken as sqrt(10) times larger); groups not named weigh 1
 */
public record TrainingOptions(SoapParameters soap, int zeta, int referenceSize, double energyWeight, double forceWeight,
        boolean useEnergies, boolean useForces, boolean useStress, BayesianRegression.Options regression,
        String offsetGroup, String name, Map<String, Double> groupWeights) {

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
        groupWeights = groupWeights == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(groupWeights));
        for (Map.Entry<String, Double> e : groupWeights.entrySet()) {
            double w = e.getValue();
            if (!(w > 0) || !Double.isFinite(w)) {
                throw new InvalidInputException("weight of group '" + e.getKey() + "' is " + w
                        + "; it must be finite and > 0 (leave a source out instead of weighing it 0)");
            }
        }
    }

    /** The factor on the rows of energy group {@code group} (1 when not named). */
    public double groupWeight(String group) {
        return groupWeights.getOrDefault(group, 1.0);
    }

    /** The builder's defaults: SOAP defaults, zeta 4, M = 1000, unit weights, energy and force rows. */
    public static TrainingOptions defaults() {
        return builder().build();
    }

    /** A builder holding the defaults (the one place they are written). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link TrainingOptions}; the setters name the record's components, {@link #build()} validates. */
    public static final class Builder {
        private SoapParameters soap = SoapParameters.defaults();
        private int zeta = DEFAULT_ZETA;
        private int referenceSize = DEFAULT_REFERENCE_SIZE;
        private double energyWeight = 1.0;
        private double forceWeight = 1.0;
        private boolean useEnergies = true;
        private boolean useForces = true;
        private boolean useStress = false;
        private BayesianRegression.Options regression = BayesianRegression.Options.defaults();
        private String offsetGroup = null;
        private String name = "helixff-model";
        private Map<String, Double> groupWeights = new TreeMap<>();

        private Builder() {
        }

        private Builder(TrainingOptions o) {
            soap = o.soap;
            zeta = o.zeta;
            referenceSize = o.referenceSize;
            energyWeight = o.energyWeight;
            forceWeight = o.forceWeight;
            useEnergies = o.useEnergies;
            useForces = o.useForces;
            useStress = o.useStress;
            regression = o.regression;
            offsetGroup = o.offsetGroup;
            name = o.name;
            groupWeights = new TreeMap<>(o.groupWeights);
        }

        /** Descriptor parameters. */
        public Builder soap(SoapParameters p) {
            soap = p;
            return this;
        }

        /** Kernel exponent, [1, 12]. */
        public Builder zeta(int z) {
            zeta = z;
            return this;
        }

        /** Number of reference environments M, [1, 20000]. */
        public Builder referenceSize(int m) {
            referenceSize = m;
            return this;
        }

        /** Multiplier of the energy rows' weight (finite, >= 0). */
        public Builder energyWeight(double w) {
            energyWeight = w;
            return this;
        }

        /** Multiplier of the force rows' weight (finite, >= 0). */
        public Builder forceWeight(double w) {
            forceWeight = w;
            return this;
        }

        /** Fit energy rows. */
        public Builder useEnergies(boolean on) {
            useEnergies = on;
            return this;
        }

        /** Fit force rows. */
        public Builder useForces(boolean on) {
            useForces = on;
            return this;
        }

        /** Fit dE/dh rows of symmetric frames that carry them. */
        public Builder useStress(boolean on) {
            useStress = on;
            return this;
        }

        /** Evidence maximisation settings. */
        public Builder regression(BayesianRegression.Options r) {
            regression = r;
            return this;
        }

        /** Energy group whose offset the model uses for predictions (null: the first group). */
        public Builder offsetGroup(String g) {
            offsetGroup = g;
            return this;
        }

        /** Model name stored in the file. */
        public Builder name(String n) {
            name = n;
            return this;
        }

        /** Factor on the rows of energy group {@code group} (finite, > 0; default 1). */
        public Builder groupWeight(String group, double weight) {
            groupWeights.put(group, weight);
            return this;
        }

        /** Factors on the rows of the named energy groups (replaces those set before). */
        public Builder groupWeights(Map<String, Double> weights) {
            groupWeights = new TreeMap<>(weights);
            return this;
        }

        /**
         * The settings.
         *
         * @throws InvalidInputException when a value lies outside its range (see the record's constructor)
         */
        public TrainingOptions build() {
            return new TrainingOptions(soap, zeta, referenceSize, energyWeight, forceWeight, useEnergies, useForces,
                    useStress, regression, offsetGroup, name, groupWeights);
        }
    }
}

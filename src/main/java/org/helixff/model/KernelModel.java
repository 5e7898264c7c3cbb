package org.helixff.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.helixff.InvalidInputException;
import org.helixff.descriptor.SoapParameters;

/**
 * A trained kernel force field (docs/method.md eqs. (3.1)-(3.2)), as an immutable value:
 * E = N_atoms mu + sum_i sum_t w_t k(p_i, p_t) with k(x, y) = (x . y / (|x| |y|))^zeta.
 *
 * <p>Holds the SOAP parameters its descriptors must be computed with (so that mismatched parameters
 * are impossible by construction), the exponent zeta, the M reference environments (stored
 * normalised, M x D row-major), the weights (Ha), the energy offset mu (Ha per atom), and the
 * posterior needed for predictive uncertainties. Evaluation is done by {@link KernelEvaluator}.
 * An atom with an all-zero descriptor (no neighbour within r_c) has k = 0 for every reference: its
 * site energy is mu.
 */
public final class KernelModel {
    /** Reference rows within this of unit norm are kept bit for bit (so a saved model reloads exactly). */
    static final double NORMALISED_TOLERANCE = 1e-12;

    private final SoapParameters soap;
    private final int zeta;
    private final int referenceCount;
    private final int length;
    private final double[] reference;
    private final double[] weights;
    private final double energyOffset;
    private final ModelPosterior posterior;
    private final Map<String, Object> metadata;

    /**
     * @param soap         descriptor parameters
     * @param zeta         kernel exponent (1..12)
     * @param reference    M x D reference descriptors (normalised here unless already of unit norm; zero rows
     *                     are rejected)
     * @param weights      M weights, Hartree
     * @param energyOffset mu, Hartree per atom
     * @param posterior    posterior for uncertainties (may be null: no uncertainties)
     * @param metadata     free-form provenance (training report, data), JSON-compatible values
     */
    public KernelModel(SoapParameters soap, int zeta, double[] reference, double[] weights, double energyOffset,
            ModelPosterior posterior, Map<String, Object> metadata) {
        if (soap == null) {
            throw new InvalidInputException("kernel model needs SOAP parameters");
        }
        if (zeta < 1 || zeta > 12) {
            throw new InvalidInputException("kernel exponent zeta = " + zeta + " must lie in [1, 12]");
        }
        int d = soap.descriptorLength();
        if (weights.length == 0 || reference.length != weights.length * d) {
            throw new InvalidInputException("kernel model: " + reference.length + " reference numbers for "
                    + weights.length + " weights of descriptor length " + d);
        }
        if (!Double.isFinite(energyOffset)) {
            throw new InvalidInputException("kernel model: non-finite energy offset");
        }
        this.soap = soap;
        this.zeta = zeta;
        this.referenceCount = weights.length;
        this.length = d;
        this.reference = reference.clone();
        for (int t = 0; t < referenceCount; t++) {
            double n2 = 0;
            for (int k = 0; k < d; k++) {
                double v = this.reference[t * d + k];
                if (!Double.isFinite(v)) {
                    throw new InvalidInputException("kernel model: non-finite reference descriptor " + t);
                }
                n2 += v * v;
            }
            if (!(n2 > 0)) {
                throw new InvalidInputException("kernel model: reference environment " + t + " is all zero");
            }
            if (Math.abs(Math.sqrt(n2) - 1) > NORMALISED_TOLERANCE) {
                double inv = 1 / Math.sqrt(n2);
                for (int k = 0; k < d; k++) {
                    this.reference[t * d + k] *= inv;
                }
            }
        }
        for (double w : weights) {
            if (!Double.isFinite(w)) {
                throw new InvalidInputException("kernel model: non-finite weight");
            }
        }
        this.weights = weights.clone();
        this.energyOffset = energyOffset;
        if (posterior != null && posterior.columns() != referenceCount) {
            throw new InvalidInputException("kernel model: posterior has " + posterior.columns() + " columns for "
                    + referenceCount + " references");
        }
        this.posterior = posterior;
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata == null ? Map.of() : metadata));
    }

    /** The SOAP parameters the descriptors of this model use. */
    public SoapParameters soap() {
        return soap;
    }

    /** Kernel exponent zeta (>= 1). */
    public int zeta() {
        return zeta;
    }

    /** M, the number of reference environments. */
    public int referenceCount() {
        return referenceCount;
    }

    /** D, the descriptor length. */
    public int descriptorLength() {
        return length;
    }

    /** Copy of the normalised reference descriptors, M x D. */
    public double[] reference() {
        return reference.clone();
    }

    /** The normalised reference descriptors, not copied (hot paths only; never modify). */
    double[] referenceView() {
        return reference;
    }

    /** Copy of the weights, Hartree. */
    public double[] weights() {
        return weights.clone();
    }

    double[] weightsView() {
        return weights;
    }

    /** mu, Hartree per atom. */
    public double energyOffset() {
        return energyOffset;
    }

    /** The posterior, or null for a model without uncertainties. */
    public ModelPosterior posterior() {
        return posterior;
    }

    /** True when the model carries a posterior (it can give uncertainties). */
    public boolean hasPosterior() {
        return posterior != null;
    }

    /** Provenance and training report (unmodifiable). */
    public Map<String, Object> metadata() {
        return metadata;
    }

    /** The same model with another energy offset (e.g. to move to another data set's energy reference). */
    public KernelModel withEnergyOffset(double mu) {
        return new KernelModel(soap, zeta, reference, weights, mu, posterior, metadata);
    }

    /** The same model with other metadata. */
    public KernelModel withMetadata(Map<String, Object> meta) {
        return new KernelModel(soap, zeta, reference, weights, energyOffset, posterior, meta);
    }
}

package org.helixff.compute;

import org.helixff.InvalidInputException;

/**
 * What a {@link KernelEngine} needs of a kernel model (docs/method.md eq. (3.1)): the M normalised reference
 * descriptors (M x D row-major, unit rows), the weights w (M, Hartree), the energy offset mu (Hartree per
 * atom) and the integer exponent zeta of k(x, y) = (x^ . y^)^zeta. Immutable: the constructor copies.
 * Built once per model evaluator (the copy costs M x D doubles).
 */
public final class KernelSpec {
    private static final java.util.concurrent.atomic.AtomicLong IDS = new java.util.concurrent.atomic.AtomicLong();
    private final long id = IDS.incrementAndGet();
    private final int referenceCount;
    private final int length;
    private final int zeta;
    private final double energyOffset;
    private final double[] reference;
    private final double[] weights;

    /**
     * @param reference        M x D reference descriptors, each row of unit norm (not re-normalised here)
     * @param weights          M weights, Hartree
     * @param descriptorLength D &ge; 1
     * @param energyOffset     mu, Hartree per atom, finite
     * @param zeta             kernel exponent, 1..12
     * @throws InvalidInputException when the sizes do not match or a value is out of range
     */
    public KernelSpec(double[] reference, double[] weights, int descriptorLength, double energyOffset, int zeta) {
        if (reference == null || weights == null || descriptorLength < 1 || weights.length == 0
                || reference.length != (long) weights.length * descriptorLength) {
            throw new InvalidInputException("kernel spec: " + (reference == null ? "no" : reference.length)
                    + " reference numbers for " + (weights == null ? "no" : weights.length)
                    + " weights of descriptor length " + descriptorLength);
        }
        if (zeta < 1 || zeta > 12) {
            throw new InvalidInputException("kernel exponent zeta = " + zeta + " must lie in [1, 12]");
        }
        if (!Double.isFinite(energyOffset)) {
            throw new InvalidInputException("kernel spec: non-finite energy offset " + energyOffset);
        }
        this.referenceCount = weights.length;
        this.length = descriptorLength;
        this.zeta = zeta;
        this.energyOffset = energyOffset;
        this.reference = reference.clone();
        this.weights = weights.clone();
    }

    /**
     * A number unique to this spec in this process: device-side copies of the references and weights are
     * kept under it, so a new model (a new spec) is uploaded anew and an old one is never reused by mistake.
     */
    public long id() {
        return id;
    }

    /** M. */
    public int referenceCount() {
        return referenceCount;
    }

    /** D. */
    public int descriptorLength() {
        return length;
    }

    /** Kernel exponent zeta (>= 1) of k = (x . x_t)^zeta on normalised descriptors. */
    public int zeta() {
        return zeta;
    }

    /** mu, Hartree per atom. */
    public double energyOffset() {
        return energyOffset;
    }

    /** Copy of the references, M x D. */
    public double[] reference() {
        return reference.clone();
    }

    /** Copy of the weights, Hartree. */
    public double[] weights() {
        return weights.clone();
    }

    /** The references themselves, not copied: for engines' hot paths only, never modify. */
    public double[] referenceView() {
        return reference;
    }

    /** The weights themselves, not copied: for engines' hot paths only, never modify. */
    public double[] weightsView() {
        return weights;
    }
}

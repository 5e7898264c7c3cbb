package org.helixff.descriptor;

import org.helixff.neighbors.NeighborList;

/**
 * Computes SOAP power spectra of the centre atoms of a {@link NeighborList} (whose cutoff must be at
 * least the parameters' r_c; entries farther than r_c are ignored). Implementations: the CPU
 * reference engine and the CUDA engine; both pass the same contract tests. Thread-safe.
 *
 * <p>Units: displacements in Bohr; descriptors in Bohr^-3 (products of expansion coefficients of
 * normalised Gaussian densities, see {@link RadialBasis}); gradients in Bohr^-4. Layout of one
 * descriptor: documented in {@link SoapLayout}. A centre with no neighbour inside r_c has an all-zero
 * descriptor. Reference implementation: {@code compute.cpu.CpuSoapEngine}.
 */
public interface DescriptorEngine {
    /** The parameters every descriptor of this engine is computed with. */
    SoapParameters parameters();

    /** Descriptor length D. */
    default int length() {
        return parameters().descriptorLength();
    }

    /**
     * Descriptors of every centre. The returned set keeps what {@link DescriptorSet#backpropagate}
     * needs, so energies and forces cost one pass over the neighbours each.
     */
    DescriptorSet compute(NeighborList neighbors);

    /**
     * Descriptors and their full Jacobians with respect to every neighbour displacement (for training
     * rows and for force uncertainties).
     */
    DescriptorGradients computeWithGradients(NeighborList neighbors);
}

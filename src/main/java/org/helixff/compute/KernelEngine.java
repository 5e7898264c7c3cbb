package org.helixff.compute;

import org.helixff.descriptor.DescriptorGradients;
import org.helixff.neighbors.NeighborList;

/**
 * Evaluates the polynomial kernel of a model over descriptors (docs/method.md eqs. (3.1)-(3.3)). For n centres with
 * descriptors p_i (n x D, Bohr^-3): x^_i = p_i / |p_i|, K0 = X^ R^T (n x M), site energy
 * e_i = mu + sum_t w_t K0_it^zeta (Hartree), and dE/dp_i = (g_i - x^_i (x^_i . g_i)) / |p_i| with
 * g = (zeta w K0^(zeta-1)) R. A centre with |p_i| = 0 has e_i = mu and dE/dp_i = 0.
 *
 * <p>Implementations: {@code compute.cpu.CpuKernelEngine} (the reference, used by
 * {@code model.KernelEvaluator} and {@code model.DesignRows} on the CPU) and
 * {@code compute.cuda.CudaKernelEngine}; a calculator gets one in its {@link Engines} pair
 * ({@code backend.Backends#engines}). Thread-safe.
 */
public interface KernelEngine {
    /** The hardware this engine runs on. */
    Backend backend();

    /**
     * Site energies and dE/dp.
     *
     * @param spec          the model's references, weights, offset and exponent
     * @param descriptors   centres x D, row-major, Bohr^-3
     * @param centers       n
     * @param siteEnergies  out, length &ge; n, Hartree
     * @return dE/dp, n x D row-major, Hartree Bohr^3
     */
    double[] energiesAndGradients(KernelSpec spec, double[] descriptors, int centers, double[] siteEnergies);

    /**
     * Kernel values and their derivatives with respect to every neighbour displacement (training rows,
     * force uncertainties): d k(p_i, p_t)/d d_e = (zeta K0^(zeta-1) / |p_i|) (J_e r_t - K0 (x^_i . J_e)).
     *
     * @param spec      the model (weights and offset are not used)
     * @param gradients descriptors and full Jacobians of the list's centres
     * @param neighbors the list the gradients were computed from (entry ranges of the centres)
     */
    DesignBlocks designBlocks(KernelSpec spec, DescriptorGradients gradients, NeighborList neighbors);

    /** Largest array the engines allocate (a little below 2^31, as the JVM allows). */
    int MAX_ARRAY = Integer.MAX_VALUE - 8;

    /**
     * The length a x b of an output array, computed in long and checked (sizes such as Jacobian rows x
     * references pass 2^31 for large training cells; int arithmetic would wrap to a short or negative array).
     *
     * @param what names the array in the message
     * @throws org.helixff.InvalidInputException when a x b exceeds {@link #MAX_ARRAY}
     */
    static int arrayLength(String what, long a, long b) {
        long n = a * b;
        if (a < 0 || b < 0 || n > MAX_ARRAY || (a != 0 && n / a != b)) {
            throw new org.helixff.InvalidInputException(what + ": " + a + " x " + b + " = " + n
                    + " numbers exceed one array (" + MAX_ARRAY + "); split the structure or use fewer references");
        }
        return (int) n;
    }

    /**
     * The argument check every {@link #designBlocks} implementation makes: the gradients must belong to the
     * list (same centres and entries) and have the model's descriptor length.
     *
     * @throws org.helixff.InvalidInputException naming both shapes when they differ
     */
    static void checkDesignInputs(KernelSpec spec, DescriptorGradients dg, NeighborList nl) {
        int n = nl.centers();
        int d = spec.descriptorLength();
        if (dg.centers() != n || dg.length() != d || dg.entries() != nl.entries()) {
            throw new org.helixff.InvalidInputException("design blocks: gradients of " + dg.centers()
                    + " centres x D = " + dg.length() + " (" + dg.entries() + " entries) do not match the list ("
                    + n + " centres, " + nl.entries() + " entries) and D = " + d);
        }
    }
}

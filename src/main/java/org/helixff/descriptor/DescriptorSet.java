package org.helixff.descriptor;

/**
 * Descriptors of the centres of one neighbour list, plus what reverse mode needs.
 */
public interface DescriptorSet {
    /** Number of centres whose descriptors the set holds. */
    int centers();

    /** Descriptor length D. */
    int length();

    /** Copy of all descriptors, (centres x D) row-major. */
    double[] values();

    /** Component k of the descriptor of centre i. */
    double value(int center, int k);

    /**
     * Reverse-mode product: given dE/dp for every centre ((centres x D) row-major), returns dE/dd for
     * every neighbour entry d of the list (3 per entry, entry order of the list). Cost ~ entries x Nmax
     * x (Lmax+1)^2, independent of D x entries.
     */
    double[] backpropagate(double[] dEdp);
}

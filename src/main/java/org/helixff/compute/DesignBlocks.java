package org.helixff.compute;

/**
 * Kernel values and their derivatives with respect to neighbour displacements, the raw material of
 * design-matrix rows: {@code kernel[i * M + t]} = k(p_i, p_t) and {@code entryGradient[(3 e + c) * M + t]}
 * = d k(p_centre(e), p_t) / d d_{e,c} (per Bohr). Centres with an all-zero descriptor have zero rows.
 * The arrays are owned by the record (not copied: it is an internal hand-over between engines and
 * {@code model.DesignRows}).
 */
public record DesignBlocks(double[] kernel, double[] entryGradient) {
}

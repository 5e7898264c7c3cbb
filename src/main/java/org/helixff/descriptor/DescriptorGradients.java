package org.helixff.descriptor;

/**
 * Descriptors with full Jacobians. {@code gradient(e, c, k)} = d p_{i(e), k} / d d_{e, c}: the
 * derivative of component k of the descriptor of the centre owning entry e with respect to component
 * c of entry e's displacement. The derivative with respect to the centre's own position is minus the
 * sum over its entries. Storage: flat, index ((e * 3 + c) * D + k). Units: descriptor units per Bohr.
 * Entries beyond the descriptor cutoff have zero rows.
 */
public final class DescriptorGradients {
    private final int centers;
    private final int length;
    private final double[] values;
    private final double[] gradients;

    /**
     * Wraps the arrays without copying (they become owned by this object).
     *
     * @param centers   number of centres, &ge; 0
     * @param length    descriptor length D, &ge; 1
     * @param values    centres x D
     * @param gradients entries x 3 x D
     * @throws IllegalArgumentException when the array lengths do not match
     */
    public DescriptorGradients(int centers, int length, double[] values, double[] gradients) {
        if (centers < 0 || length < 1 || values == null || gradients == null
                || values.length != (long) centers * length || gradients.length % (3 * length) != 0) {
            throw new IllegalArgumentException("descriptor gradients: " + centers + " centres x D = " + length
                    + " do not match " + (values == null ? "null" : values.length) + " values and "
                    + (gradients == null ? "null" : gradients.length) + " gradient numbers");
        }
        this.centers = centers;
        this.length = length;
        this.values = values;
        this.gradients = gradients;
    }

    /** Number of centres (atoms whose descriptors are held), >= 0. */
    public int centers() {
        return centers;
    }

    /** Descriptor length D, >= 1. */
    public int length() {
        return length;
    }

    /** Number of neighbour entries the gradients cover. */
    public int entries() {
        return gradients.length / (3 * length);
    }

    /** Component k ({@code 0 <= k < D}) of the descriptor of centre {@code center}. */
    public double value(int center, int k) {
        return values[center * length + k];
    }

    /** Copy of all descriptors, (centres x D). */
    public double[] values() {
        return values.clone();
    }

    /** d p_{i(e), k} / d d_{e, c} for entry e, Cartesian component c (0..2), descriptor component k; per Bohr. */
    public double gradient(int entry, int c, int k) {
        return gradients[(entry * 3 + c) * length + k];
    }

    /** Offset of the D-long gradient row of (entry, c) in {@link #rawGradients()}. */
    public int gradientOffset(int entry, int c) {
        return (entry * 3 + c) * length;
    }

    /**
     * The backing gradient array, not copied (hot path of training; callers must not modify it).
     */
    public double[] rawGradients() {
        return gradients;
    }

    /** The backing value array, not copied (callers must not modify it). */
    public double[] rawValues() {
        return values;
    }
}

package org.helixff.descriptor;

/**
 * Unit-length descriptors, the one place that normalises them (docs/method.md section 3: the kernel is a power of
 * the cosine between descriptors). Used by training (environments and reference selection), by the extrapolation
 * measure and by the frame selection, which must all see the same normalised vectors. Stateless.
 */
public final class DescriptorNorms {
    private DescriptorNorms() {
    }

    /**
     * 1 / |x_row| of row {@code row} of a row-major matrix with rows of length d, or 0 for a zero row (an atom
     * without neighbours inside the cutoff).
     *
     * @param x   row-major matrix
     * @param row row index (>= 0)
     * @param d   row length (> 0)
     * @return the inverse Euclidean norm, or 0 when the row is zero
     */
    public static double inverseNorm(double[] x, int row, int d) {
        double n2 = 0;
        int o = row * d;
        for (int k = 0; k < d; k++) {
            n2 += x[o + k] * x[o + k];
        }
        return n2 > 0 ? 1 / Math.sqrt(n2) : 0.0;
    }

    /**
     * Writes row {@code row} of x divided by its norm into row {@code outRow} of out; a zero row stays zero.
     *
     * @param x      row-major matrix, rows of length d
     * @param row    the row to normalise
     * @param d      row length
     * @param out    destination, rows of length d
     * @param outRow destination row
     */
    public static void normaliseRow(double[] x, int row, int d, double[] out, int outRow) {
        double inv = inverseNorm(x, row, d);
        if (inv > 0) {
            int o = row * d;
            int p = outRow * d;
            for (int k = 0; k < d; k++) {
                out[p + k] = x[o + k] * inv;
            }
        }
    }

    /**
     * Every row of x divided by its norm (zero rows stay zero), as a new array.
     *
     * @param x row-major matrix of n rows of length d
     * @param n number of rows
     * @param d row length
     * @return the normalised copy
     */
    public static double[] normaliseRows(double[] x, int n, int d) {
        double[] out = new double[x.length];
        for (int i = 0; i < n; i++) {
            normaliseRow(x, i, d, out, i);
        }
        return out;
    }
}

package org.helixff.training;

/**
 * Chooses the reference environments of a kernel model by farthest-point sampling in the kernel's own
 * metric: with normalised descriptors x, d^2(x, y) = k(x,x) + k(y,y) - 2 k(x,y) = 2 - 2 (x . y)^zeta.
 * Start from the environment farthest from the mean descriptor, then repeatedly add the environment
 * whose distance to the chosen set is largest, until M are chosen or every remaining environment is
 * within {@link #DUPLICATE_DISTANCE} of the set (exact duplicates, e.g. the two symmetry-equivalent
 * atoms of an ideal achiral tube, add nothing). Deterministic: ties go to the lowest index.
 * Cost: environments x M x D.
 */
public final class ReferenceSelection {
    /** Environments closer than this in the kernel metric count as duplicates. */
    public static final double DUPLICATE_DISTANCE = 1e-6;

    private ReferenceSelection() {
    }

    /**
     * @param x     normalised descriptors, n x d row-major (zero rows are never chosen)
     * @param n     environments
     * @param d     descriptor length
     * @param zeta  kernel exponent
     * @param count M, at most n
     * @return indices of the chosen environments in order of choice
     */
    public static int[] farthestPoint(double[] x, int n, int d, int zeta, int count) {
        double[] mean = new double[d];
        int valid = 0;
        boolean[] usable = new boolean[n];
        for (int i = 0; i < n; i++) {
            double n2 = 0;
            for (int k = 0; k < d; k++) {
                n2 += x[i * d + k] * x[i * d + k];
            }
            usable[i] = n2 > 0.5; // normalised rows have norm 1, zero rows 0
            if (usable[i]) {
                valid++;
                for (int k = 0; k < d; k++) {
                    mean[k] += x[i * d + k];
                }
            }
        }
        if (valid == 0) {
            return new int[0];
        }
        int first = -1;
        double best = -1;
        for (int i = 0; i < n; i++) {
            if (!usable[i]) {
                continue;
            }
            double dist = 0;
            for (int k = 0; k < d; k++) {
                double v = x[i * d + k] - mean[k] / valid;
                dist += v * v;
            }
            if (dist > best) {
                best = dist;
                first = i;
            }
        }
        int target = Math.min(count, valid);
        int[] chosen = new int[target];
        double[] minD = new double[n];
        java.util.Arrays.fill(minD, Double.POSITIVE_INFINITY);
        int c = 0;
        int next = first;
        while (c < target) {
            chosen[c++] = next;
            int base = next * d;
            int arg = -1;
            double far = -1;
            for (int i = 0; i < n; i++) {
                if (!usable[i]) {
                    continue;
                }
                double dot = 0;
                for (int k = 0; k < d; k++) {
                    dot += x[i * d + k] * x[base + k];
                }
                double d2 = Math.max(0, 2 - 2 * org.helixff.model.KernelMath.ipow(dot, zeta));
                if (d2 < minD[i]) {
                    minD[i] = d2;
                }
                if (minD[i] > far) {
                    far = minD[i];
                    arg = i;
                }
            }
            if (arg < 0 || Math.sqrt(far) < DUPLICATE_DISTANCE) {
                break;
            }
            next = arg;
        }
        return java.util.Arrays.copyOf(chosen, c);
    }
}

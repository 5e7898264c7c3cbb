package org.helixff.descriptor.math;

/**
 * Gauss-Legendre quadrature rules: nodes and weights on [-1, 1], exact for polynomials of degree
 * 2n - 1. Nodes are found by Newton's method on the three-term recurrence of P_n (accurate to a few
 * ulps for n up to a few hundred). Immutable; thread-safe.
 */
public final class GaussLegendre {
    private final double[] nodes;
    private final double[] weights;

    /**
     * @param n number of points, [1, 1000]
     * @throws IllegalArgumentException for n outside that range
     */
    public GaussLegendre(int n) {
        if (n < 1 || n > 1000) {
            throw new IllegalArgumentException("Gauss-Legendre order " + n + " outside [1, 1000]");
        }
        nodes = new double[n];
        weights = new double[n];
        int half = (n + 1) / 2;
        for (int i = 0; i < half; i++) {
            double x = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            double dp = 0;
            for (int it = 0; it < 100; it++) {
                double p0 = 1;
                double p1 = x;
                for (int k = 2; k <= n; k++) {
                    double p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
                    p0 = p1;
                    p1 = p2;
                }
                if (n == 1) {
                    p0 = 1;
                    p1 = x;
                }
                // P_n = p1, P_{n-1} = p0; P_n' = n (x P_n - P_{n-1}) / (x^2 - 1)
                dp = n * (x * p1 - p0) / (x * x - 1);
                double dx = p1 / dp;
                x -= dx;
                if (Math.abs(dx) < 1e-16) {
                    break;
                }
            }
            double p0 = 1;
            double p1 = x;
            for (int k = 2; k <= n; k++) {
                double p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
                p0 = p1;
                p1 = p2;
            }
            dp = n * (x * p1 - p0) / (x * x - 1);
            double w = 2 / ((1 - x * x) * dp * dp);
            nodes[i] = -x;
            nodes[n - 1 - i] = x;
            weights[i] = w;
            weights[n - 1 - i] = w;
        }
        if (n % 2 == 1) {
            nodes[n / 2] = 0.0;
        }
    }

    /** Number of points. */
    public int size() {
        return nodes.length;
    }

    /** Node i on [-1, 1], ascending. */
    public double node(int i) {
        return nodes[i];
    }

    /** Weight of node i (the weights sum to 2). */
    public double weight(int i) {
        return weights[i];
    }

    /**
     * Composite rule on [a, b] split into {@code panels} equal panels: writes panels x size() nodes and
     * weights (ascending) into the arrays from index 0 and returns how many were written.
     */
    public int composite(double a, double b, int panels, double[] x, double[] w) {
        int n = nodes.length;
        double width = (b - a) / panels;
        int q = 0;
        for (int p = 0; p < panels; p++) {
            double mid = a + (p + 0.5) * width;
            for (int i = 0; i < n; i++) {
                x[q] = mid + 0.5 * width * nodes[i];
                w[q] = 0.5 * width * weights[i];
                q++;
            }
        }
        return q;
    }
}

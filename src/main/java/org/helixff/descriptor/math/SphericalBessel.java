package org.helixff.descriptor.math;

/**
 * Spherical Bessel functions j_l, scaled modified spherical Bessel functions e^{-x} i_l and the zeros
 * of j_l, for all orders 0..lmax at once. Pure functions: no state, thread-safe.
 *
 * <p>Methods (chosen for full double accuracy over the range the SOAP tables need, x in [0, 10^5],
 * l up to about 30):
 * <ul>
 *   <li>j_l: power series for x &lt; 1; upward recurrence from j_0, j_1 for x &ge; lmax (stable while
 *       l &le; x); Miller's downward recurrence normalised to j_0 or j_1 (whichever is larger) in between.</li>
 *   <li>e^{-x} i_l: for x &le; (lmax+1)^2 + 20 the ratios i_l / i_{l-1} from the backward continued
 *       fraction r_l = x / (2l + 1 + x r_{l+1}) (started deep enough that truncation is below round-off)
 *       times e^{-x} i_0 = (1 - e^{-2x}) / (2x) computed with expm1; no overflow and no cancellation for
 *       any x &gt; 0. For larger x the upward recurrence, whose error growth exp(l^2/x) is then below e.</li>
 * </ul>
 */
public final class SphericalBessel {
    private static final double SERIES_LIMIT = 1.0;
    private static final double RESCALE = 1e250;

    private SphericalBessel() {
    }

    /**
     * j_0(x) .. j_lmax(x).
     *
     * @param x    argument, &ge; 0
     * @param lmax largest order, &ge; 0
     * @param out  length &ge; lmax + 1
     */
    public static void j(double x, int lmax, double[] out) {
        if (x < 0 || Double.isNaN(x)) {
            throw new IllegalArgumentException("spherical Bessel argument " + x + " must be >= 0");
        }
        if (x < SERIES_LIMIT) {
            jSeries(x, lmax, out);
            return;
        }
        double s = Math.sin(x);
        double c = Math.cos(x);
        double j0 = s / x;
        double j1 = (j0 - c) / x;
        if (x >= lmax) {
            out[0] = j0;
            if (lmax >= 1) {
                out[1] = j1;
            }
            for (int l = 1; l < lmax; l++) {
                out[l + 1] = (2 * l + 1) / x * out[l] - out[l - 1];
            }
            return;
        }
        int start = lmax + 20 + (int) x;
        double fp = 0;
        double f = 1e-30;
        // downward: f_{l-1} = (2l+1)/x f_l - f_{l+1}
        for (int l = start; l > 0; l--) {
            double fm = (2 * l + 1) / x * f - fp;
            fp = f;
            f = fm;
            int idx = l - 1;
            if (idx <= lmax) {
                out[idx] = f;
            }
            if (idx + 1 <= lmax) {
                out[idx + 1] = fp;
            }
            if (Math.abs(f) > RESCALE) {
                f /= RESCALE;
                fp /= RESCALE;
                for (int k = idx; k <= lmax; k++) {
                    out[k] /= RESCALE;
                }
            }
        }
        double scale = Math.abs(j0) >= Math.abs(j1) ? j0 / out[0] : j1 / out[1];
        for (int l = 0; l <= lmax; l++) {
            out[l] *= scale;
        }
    }

    private static void jSeries(double x, int lmax, double[] out) {
        double x2 = -0.5 * x * x;
        double lead = 1.0; // x^l / (2l+1)!!
        for (int l = 0; l <= lmax; l++) {
            if (l > 0) {
                lead *= x / (2 * l + 1);
            }
            double term = 1.0;
            double sum = 1.0;
            for (int k = 1; k < 60; k++) {
                term *= x2 / (k * (2 * l + 2 * k + 1));
                sum += term;
                if (Math.abs(term) < 1e-18 * Math.abs(sum)) {
                    break;
                }
            }
            out[l] = lead * sum;
        }
    }

    /**
     * Scaled modified spherical Bessel functions e^{-x} i_l(x), l = 0..lmax, and (for l &ge; 1)
     * e^{-x} i_l(x) / x, which stays finite as x -&gt; 0 (1/3 for l = 1, 0 for l &gt; 1).
     *
     * @param x        argument, &ge; 0
     * @param lmax     largest order, &ge; 0
     * @param scaled   out, length &ge; lmax + 1
     * @param overX    out, length &ge; lmax + 1 (index 0 is set to NaN: e^{-x} i_0 / x is not bounded)
     */
    public static void scaledI(double x, int lmax, double[] scaled, double[] overX) {
        if (x < 0 || Double.isNaN(x)) {
            throw new IllegalArgumentException("modified spherical Bessel argument " + x + " must be >= 0");
        }
        overX[0] = Double.NaN;
        if (x == 0) {
            scaled[0] = 1;
            for (int l = 1; l <= lmax; l++) {
                scaled[l] = 0;
                overX[l] = l == 1 ? 1.0 / 3.0 : 0.0;
            }
            return;
        }
        double i0 = x < 1e-8 ? 1 - x + 2 * x * x / 3 : -Math.expm1(-2 * x) / (2 * x);
        scaled[0] = i0;
        if (lmax == 0) {
            return;
        }
        double lim = (lmax + 1.0) * (lmax + 1.0) + 20;
        if (x > lim) {
            double e2 = Math.exp(-2 * x);
            double i1 = ((x - 1) + (x + 1) * e2) / (2 * x * x);
            scaled[1] = i1;
            overX[1] = i1 / x;
            for (int l = 1; l < lmax; l++) {
                scaled[l + 1] = scaled[l - 1] - (2 * l + 1) / x * scaled[l];
                overX[l + 1] = scaled[l + 1] / x;
            }
            return;
        }
        // backward continued fraction for r_l = i_l / i_{l-1}, stored in scaled[l] temporarily
        int start = lmax + 24 + (int) Math.ceil(6 * Math.sqrt(x));
        double r = 0;
        for (int l = start; l > lmax; l--) {
            r = x / (2 * l + 1 + x * r);
        }
        // r now is r_{lmax+1}
        for (int l = lmax; l >= 1; l--) {
            if (l == 1) {
                // r_1 / x = 1 / (3 + x r_2)
                overX[1] = 1.0 / (3 + x * r);
            }
            r = x / (2 * l + 1 + x * r);
            scaled[l] = r;
        }
        double q = i0 * overX[1]; // i_1 / x
        overX[1] = q;
        scaled[1] = q * x;
        for (int l = 2; l <= lmax; l++) {
            q *= scaled[l];
            overX[l] = q;
            scaled[l] = q * x;
        }
    }

    /**
     * The first {@code count} positive zeros of j_l for l = 0..lmax, by bisection between the
     * interlacing zeros of j_{l-1} (j_0's are n pi).
     *
     * @return zeros[l][n], n = 0..count-1 (the (n+1)-th zero)
     */
    public static double[][] zeros(int lmax, int count) {
        int total = count + lmax;
        double[][] z = new double[lmax + 1][];
        double[] prev = new double[total];
        for (int n = 0; n < total; n++) {
            prev[n] = (n + 1) * Math.PI;
        }
        z[0] = java.util.Arrays.copyOf(prev, count);
        double[] buf = new double[lmax + 2];
        for (int l = 1; l <= lmax; l++) {
            int have = total - l;
            double[] cur = new double[have];
            for (int n = 0; n < have; n++) {
                double a = prev[n];
                double b = prev[n + 1];
                j(a, l, buf);
                double fa = buf[l];
                for (int it = 0; it < 200 && b - a > 4 * Math.ulp(b); it++) {
                    double mid = 0.5 * (a + b);
                    j(mid, l, buf);
                    double fm = buf[l];
                    if ((fm > 0) == (fa > 0)) {
                        a = mid;
                        fa = fm;
                    } else {
                        b = mid;
                    }
                }
                cur[n] = 0.5 * (a + b);
            }
            z[l] = java.util.Arrays.copyOf(cur, count);
            prev = cur;
        }
        return z;
    }
}

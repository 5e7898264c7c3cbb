package org.helixff.descriptor.math;

/**
 * Orthonormal real spherical harmonics Y_lm, l = 0..lmax, m = -l..l, of a unit vector u = (x, y, z),
 * by recurrences only (no trigonometric or inverse trigonometric calls):
 *
 * <pre>
 *   Y_l0 = Q_l^0(z),   Y_lm = sqrt(2) Q_l^m(z) Re (x + i y)^m,   Y_l,-m = sqrt(2) Q_l^m(z) Im (x + i y)^m   (m &gt; 0)
 * </pre>
 *
 * where Q_l^m = Pbar_l^m / (1 - z^2)^{m/2} is the orthonormalised associated Legendre function
 * (no Condon-Shortley phase) divided by sin^m theta, a polynomial in z obtained from
 * Q_m^m = Q_{m-1}^{m-1} sqrt((2m+1)/(2m)), Q_{m+1}^m = sqrt(2m+3) z Q_m^m and
 * Q_l^m = a_lm z Q_{l-1}^m - b_lm Q_{l-2}^m with a_lm = sqrt((4l^2-1)/(l^2-m^2)),
 * b_lm = sqrt((2l+1)((l-1)^2-m^2)/((2l-3)(l^2-m^2))). (x + i y)^m is built by complex multiplication.
 * The normalisation is the integral over the unit sphere of Y_lm Y_l'm' = delta_ll' delta_mm'.
 *
 * <p>Index of (l, m): {@code l*l + l + m}; (lmax+1)^2 values in all. The gradient variant returns the
 * gradient of the polynomial extension above with respect to (x, y, z); the gradient of Y(d / |d|) with
 * respect to a vector d of length r is then (g - (g.u) u) / r (see {@link #projectToDirection}).
 * Immutable; thread-safe (callers pass the output arrays).
 */
public final class RealSphericalHarmonics {
    private static final double SQRT2 = Math.sqrt(2.0);
    private final int lmax;
    private final double[] diag;
    private final double[] a;
    private final double[] b;

    /**
     * @param lmax largest degree, [0, 40]
     */
    public RealSphericalHarmonics(int lmax) {
        if (lmax < 0 || lmax > 40) {
            throw new IllegalArgumentException("spherical harmonics degree lmax = " + lmax + " outside [0, 40]");
        }
        this.lmax = lmax;
        int n = (lmax + 1) * (lmax + 1);
        diag = new double[lmax + 1];
        a = new double[n];
        b = new double[n];
        double q = 1.0 / Math.sqrt(4 * Math.PI);
        for (int m = 0; m <= lmax; m++) {
            if (m > 0) {
                q *= Math.sqrt((2.0 * m + 1) / (2.0 * m));
            }
            diag[m] = m == 0 ? q : SQRT2 * q;
            for (int l = m + 1; l <= lmax; l++) {
                double l2 = (double) l * l;
                double m2 = (double) m * m;
                a[index(l, m)] = Math.sqrt((4 * l2 - 1) / (l2 - m2));
                b[index(l, m)] = l >= m + 2
                        ? Math.sqrt((2.0 * l + 1) * ((l - 1.0) * (l - 1.0) - m2) / ((2.0 * l - 3) * (l2 - m2)))
                        : 0.0;
            }
        }
    }

    /** Largest degree. */
    public int lmax() {
        return lmax;
    }

    /** Number of harmonics, (lmax+1)^2. */
    public int size() {
        return (lmax + 1) * (lmax + 1);
    }

    /** Flat index of (l, m), |m| &le; l. */
    public static int index(int l, int m) {
        return l * l + l + m;
    }

    /**
     * Y_lm(u) for all (l, m). The input must be a unit vector (not checked in this hot path).
     *
     * @param y out, length &ge; (lmax+1)^2, index {@link #index(int, int)}
     */
    public void evaluate(double x, double yy, double z, double[] y) {
        double c = 1;
        double s = 0;
        for (int m = 0; m <= lmax; m++) {
            double q2 = diag[m];
            store(y, m, m, q2, c, s);
            if (m < lmax) {
                double q1 = a[index(m + 1, m)] * z * q2;
                store(y, m + 1, m, q1, c, s);
                for (int l = m + 2; l <= lmax; l++) {
                    int lm = index(l, m);
                    double q = a[lm] * z * q1 - b[lm] * q2;
                    store(y, l, m, q, c, s);
                    q2 = q1;
                    q1 = q;
                }
            }
            double cn = c * x - s * yy;
            s = c * yy + s * x;
            c = cn;
        }
    }

    private static void store(double[] y, int l, int m, double q, double c, double s) {
        int base = l * l + l;
        if (m == 0) {
            y[base] = q;
        } else {
            y[base + m] = q * c;
            y[base - m] = q * s;
        }
    }

    /**
     * Y_lm(u) and the gradient of the polynomial extension with respect to (x, y, z).
     *
     * @param y  out, Y_lm
     * @param gx out, dY_lm/dx (same index)
     * @param gy out, dY_lm/dy
     * @param gz out, dY_lm/dz
     */
    public void evaluateWithGradient(double x, double yy, double z, double[] y, double[] gx, double[] gy,
            double[] gz) {
        double c = 1;
        double s = 0;
        double cp = 0; // Re (x+iy)^(m-1)
        double sp = 0; // Im (x+iy)^(m-1)
        for (int m = 0; m <= lmax; m++) {
            double q2 = diag[m];
            double d2 = 0;
            storeGrad(y, gx, gy, gz, m, m, q2, d2, c, s, cp, sp);
            if (m < lmax) {
                double am = a[index(m + 1, m)];
                double q1 = am * z * q2;
                double d1 = am * q2;
                storeGrad(y, gx, gy, gz, m + 1, m, q1, d1, c, s, cp, sp);
                for (int l = m + 2; l <= lmax; l++) {
                    int lm = index(l, m);
                    double al = a[lm];
                    double bl = b[lm];
                    double q = al * z * q1 - bl * q2;
                    double d = al * (q1 + z * d1) - bl * d2;
                    storeGrad(y, gx, gy, gz, l, m, q, d, c, s, cp, sp);
                    q2 = q1;
                    q1 = q;
                    d2 = d1;
                    d1 = d;
                }
            }
            cp = c;
            sp = s;
            double cn = c * x - s * yy;
            s = c * yy + s * x;
            c = cn;
        }
    }

    private static void storeGrad(double[] y, double[] gx, double[] gy, double[] gz, int l, int m, double q,
            double dq, double c, double s, double cp, double sp) {
        int base = l * l + l;
        if (m == 0) {
            y[base] = q;
            gx[base] = 0;
            gy[base] = 0;
            gz[base] = dq;
        } else {
            double qm = q * m;
            y[base + m] = q * c;
            gx[base + m] = qm * cp;
            gy[base + m] = -qm * sp;
            gz[base + m] = dq * c;
            y[base - m] = q * s;
            gx[base - m] = qm * sp;
            gy[base - m] = qm * cp;
            gz[base - m] = dq * s;
        }
    }

    /**
     * Y_lm for {@code count} unit vectors at once, pair-contiguous: {@code out[lm * count + p]} (the
     * structure-of-arrays form whose inner loops run over vectors, as SIMD units and GPU threads want).
     * Same recurrences as {@link #evaluate}; results agree with it to round-off order (identical
     * operations per vector).
     *
     * @param count   number of vectors
     * @param x       x components, length &ge; count (likewise y, z)
     * @param out     length &ge; (lmax+1)^2 count
     * @param scratch length &ge; 5 count
     */
    public void evaluateBatch(int count, double[] x, double[] y, double[] z, double[] out, double[] scratch) {
        final int np = count;
        final int oc = 0;
        final int os = np;
        int r0 = 2 * np;
        int r1 = 3 * np;
        int r2 = 4 * np;
        double[] w = scratch;
        for (int p = 0; p < np; p++) {
            w[oc + p] = 1.0;
            w[os + p] = 0.0;
        }
        for (int m = 0; m <= lmax; m++) {
            double dm = diag[m];
            // l = m
            for (int p = 0; p < np; p++) {
                w[r2 + p] = dm;
            }
            storeBatch(out, np, m, m, w, r2, oc, os);
            if (m < lmax) {
                double am = a[index(m + 1, m)];
                for (int p = 0; p < np; p++) {
                    w[r1 + p] = am * z[p] * dm;
                }
                storeBatch(out, np, m + 1, m, w, r1, oc, os);
                for (int l = m + 2; l <= lmax; l++) {
                    int lm = index(l, m);
                    double al = a[lm];
                    double bl = b[lm];
                    for (int p = 0; p < np; p++) {
                        w[r0 + p] = al * z[p] * w[r1 + p] - bl * w[r2 + p];
                    }
                    storeBatch(out, np, l, m, w, r0, oc, os);
                    int t = r2;
                    r2 = r1;
                    r1 = r0;
                    r0 = t;
                }
            }
            for (int p = 0; p < np; p++) {
                double c = w[oc + p];
                double sn = w[os + p];
                w[oc + p] = c * x[p] - sn * y[p];
                w[os + p] = c * y[p] + sn * x[p];
            }
        }
    }

    private static void storeBatch(double[] out, int np, int l, int m, double[] w, int q, int oc, int os) {
        int base = l * l + l;
        if (m == 0) {
            int o = base * np;
            for (int p = 0; p < np; p++) {
                out[o + p] = w[q + p];
            }
        } else {
            int op = (base + m) * np;
            int om = (base - m) * np;
            for (int p = 0; p < np; p++) {
                double v = w[q + p];
                out[op + p] = v * w[oc + p];
                out[om + p] = v * w[os + p];
            }
        }
    }

    /**
     * Y_lm and the gradient of the polynomial extension for {@code count} unit vectors at once,
     * pair-contiguous like {@link #evaluateBatch}.
     *
     * @param scratch length &ge; 10 count
     */
    public void evaluateBatchWithGradient(int count, double[] x, double[] y, double[] z, double[] out, double[] gx,
            double[] gy, double[] gz, double[] scratch) {
        final int np = count;
        final int oc = 0;
        final int os = np;
        final int ocp = 2 * np;
        final int osp = 3 * np;
        int r0 = 4 * np;
        int r1 = 5 * np;
        int r2 = 6 * np;
        int d0 = 7 * np;
        int d1 = 8 * np;
        int d2 = 9 * np;
        double[] w = scratch;
        for (int p = 0; p < np; p++) {
            w[oc + p] = 1.0;
            w[os + p] = 0.0;
            w[ocp + p] = 0.0;
            w[osp + p] = 0.0;
        }
        for (int m = 0; m <= lmax; m++) {
            double dm = diag[m];
            for (int p = 0; p < np; p++) {
                w[r2 + p] = dm;
                w[d2 + p] = 0.0;
            }
            storeBatchGrad(out, gx, gy, gz, np, m, m, w, r2, d2, oc, os, ocp, osp);
            if (m < lmax) {
                double am = a[index(m + 1, m)];
                for (int p = 0; p < np; p++) {
                    w[r1 + p] = am * z[p] * dm;
                    w[d1 + p] = am * dm;
                }
                storeBatchGrad(out, gx, gy, gz, np, m + 1, m, w, r1, d1, oc, os, ocp, osp);
                for (int l = m + 2; l <= lmax; l++) {
                    int lm = index(l, m);
                    double al = a[lm];
                    double bl = b[lm];
                    for (int p = 0; p < np; p++) {
                        double q1 = w[r1 + p];
                        w[r0 + p] = al * z[p] * q1 - bl * w[r2 + p];
                        w[d0 + p] = al * (q1 + z[p] * w[d1 + p]) - bl * w[d2 + p];
                    }
                    storeBatchGrad(out, gx, gy, gz, np, l, m, w, r0, d0, oc, os, ocp, osp);
                    int t = r2;
                    r2 = r1;
                    r1 = r0;
                    r0 = t;
                    t = d2;
                    d2 = d1;
                    d1 = d0;
                    d0 = t;
                }
            }
            for (int p = 0; p < np; p++) {
                double c = w[oc + p];
                double sn = w[os + p];
                w[ocp + p] = c;
                w[osp + p] = sn;
                w[oc + p] = c * x[p] - sn * y[p];
                w[os + p] = c * y[p] + sn * x[p];
            }
        }
    }

    private static void storeBatchGrad(double[] out, double[] gx, double[] gy, double[] gz, int np, int l, int m,
            double[] w, int q, int dq, int oc, int os, int ocp, int osp) {
        int base = l * l + l;
        if (m == 0) {
            int o = base * np;
            for (int p = 0; p < np; p++) {
                out[o + p] = w[q + p];
                gx[o + p] = 0.0;
                gy[o + p] = 0.0;
                gz[o + p] = w[dq + p];
            }
        } else {
            int op = (base + m) * np;
            int om = (base - m) * np;
            for (int p = 0; p < np; p++) {
                double v = w[q + p];
                double vm = v * m;
                double dv = w[dq + p];
                double c = w[oc + p];
                double sn = w[os + p];
                double cp = w[ocp + p];
                double sp = w[osp + p];
                out[op + p] = v * c;
                gx[op + p] = vm * cp;
                gy[op + p] = -vm * sp;
                gz[op + p] = dv * c;
                out[om + p] = v * sn;
                gx[om + p] = vm * sp;
                gy[om + p] = vm * cp;
                gz[om + p] = dv * sn;
            }
        }
    }

    /**
     * {@link #evaluateBatch} with one row per (l, m): out[lm][p] (identical numbers; every loop runs over p with one
     * index for all rows, which the JIT vectorises).
     *
     * @param out     (lmax+1)^2 rows of length &ge; count
     * @param scratch 5 rows of length &ge; count
     */
    public void evaluateBatchRows(int count, double[] x, double[] y, double[] z, double[][] out, double[][] scratch) {
        final int np = count;
        double[] wc = scratch[0];
        double[] ws = scratch[1];
        double[] q0 = scratch[2];
        double[] q1 = scratch[3];
        double[] q2 = scratch[4];
        for (int p = 0; p < np; p++) {
            wc[p] = 1.0;
            ws[p] = 0.0;
        }
        for (int m = 0; m <= lmax; m++) {
            double dm = diag[m];
            for (int p = 0; p < np; p++) {
                q2[p] = dm;
            }
            storeBatchRows(out, np, m, m, q2, wc, ws);
            if (m < lmax) {
                double am = a[index(m + 1, m)];
                for (int p = 0; p < np; p++) {
                    q1[p] = am * z[p] * dm;
                }
                storeBatchRows(out, np, m + 1, m, q1, wc, ws);
                for (int l = m + 2; l <= lmax; l++) {
                    int lm = index(l, m);
                    double al = a[lm];
                    double bl = b[lm];
                    for (int p = 0; p < np; p++) {
                        q0[p] = al * z[p] * q1[p] - bl * q2[p];
                    }
                    storeBatchRows(out, np, l, m, q0, wc, ws);
                    double[] t = q2;
                    q2 = q1;
                    q1 = q0;
                    q0 = t;
                }
            }
            for (int p = 0; p < np; p++) {
                double c = wc[p];
                double sn = ws[p];
                wc[p] = c * x[p] - sn * y[p];
                ws[p] = c * y[p] + sn * x[p];
            }
        }
    }

    private static void storeBatchRows(double[][] out, int np, int l, int m, double[] q, double[] wc, double[] ws) {
        int base = l * l + l;
        if (m == 0) {
            System.arraycopy(q, 0, out[base], 0, np);
        } else {
            double[] op = out[base + m];
            double[] om = out[base - m];
            for (int p = 0; p < np; p++) {
                op[p] = q[p] * wc[p];
            }
            for (int p = 0; p < np; p++) {
                om[p] = q[p] * ws[p];
            }
        }
    }

    /**
     * {@link #evaluateBatchWithGradient} with one row per (l, m) (identical numbers, vectorisable loops).
     *
     * @param scratch 10 rows of length &ge; count
     */
    public void evaluateBatchWithGradientRows(int count, double[] x, double[] y, double[] z, double[][] out,
            double[][] gx, double[][] gy, double[][] gz, double[][] scratch) {
        final int np = count;
        double[] wc = scratch[0];
        double[] ws = scratch[1];
        double[] wcp = scratch[2];
        double[] wsp = scratch[3];
        double[] q0 = scratch[4];
        double[] q1 = scratch[5];
        double[] q2 = scratch[6];
        double[] e0 = scratch[7];
        double[] e1 = scratch[8];
        double[] e2 = scratch[9];
        for (int p = 0; p < np; p++) {
            wc[p] = 1.0;
            ws[p] = 0.0;
            wcp[p] = 0.0;
            wsp[p] = 0.0;
        }
        for (int m = 0; m <= lmax; m++) {
            double dm = diag[m];
            for (int p = 0; p < np; p++) {
                q2[p] = dm;
                e2[p] = 0.0;
            }
            storeBatchGradRows(out, gx, gy, gz, np, m, m, q2, e2, wc, ws, wcp, wsp);
            if (m < lmax) {
                double am = a[index(m + 1, m)];
                for (int p = 0; p < np; p++) {
                    q1[p] = am * z[p] * dm;
                    e1[p] = am * dm;
                }
                storeBatchGradRows(out, gx, gy, gz, np, m + 1, m, q1, e1, wc, ws, wcp, wsp);
                for (int l = m + 2; l <= lmax; l++) {
                    int lm = index(l, m);
                    double al = a[lm];
                    double bl = b[lm];
                    for (int p = 0; p < np; p++) {
                        double v1 = q1[p];
                        q0[p] = al * z[p] * v1 - bl * q2[p];
                        e0[p] = al * (v1 + z[p] * e1[p]) - bl * e2[p];
                    }
                    storeBatchGradRows(out, gx, gy, gz, np, l, m, q0, e0, wc, ws, wcp, wsp);
                    double[] t = q2;
                    q2 = q1;
                    q1 = q0;
                    q0 = t;
                    t = e2;
                    e2 = e1;
                    e1 = e0;
                    e0 = t;
                }
            }
            for (int p = 0; p < np; p++) {
                double c = wc[p];
                double sn = ws[p];
                wcp[p] = c;
                wsp[p] = sn;
                wc[p] = c * x[p] - sn * y[p];
                ws[p] = c * y[p] + sn * x[p];
            }
        }
    }

    private static void storeBatchGradRows(double[][] out, double[][] gx, double[][] gy, double[][] gz, int np, int l,
            int m, double[] q, double[] dq, double[] wc, double[] ws, double[] wcp, double[] wsp) {
        int base = l * l + l;
        if (m == 0) {
            System.arraycopy(q, 0, out[base], 0, np);
            java.util.Arrays.fill(gx[base], 0, np, 0.0);
            java.util.Arrays.fill(gy[base], 0, np, 0.0);
            System.arraycopy(dq, 0, gz[base], 0, np);
        } else {
            int op = base + m;
            int om = base - m;
            double[] yo = out[op];
            double[] xo = gx[op];
            double[] ygo = gy[op];
            double[] zo = gz[op];
            for (int p = 0; p < np; p++) {
                double v = q[p];
                double vm = v * m;
                yo[p] = v * wc[p];
                xo[p] = vm * wcp[p];
                ygo[p] = -vm * wsp[p];
            }
            for (int p = 0; p < np; p++) {
                zo[p] = dq[p] * wc[p];
            }
            double[] ym = out[om];
            double[] xm = gx[om];
            double[] ygm = gy[om];
            double[] zm = gz[om];
            for (int p = 0; p < np; p++) {
                double v = q[p];
                double vm = v * m;
                ym[p] = v * ws[p];
                xm[p] = vm * wsp[p];
                ygm[p] = vm * wcp[p];
            }
            for (int p = 0; p < np; p++) {
                zm[p] = dq[p] * ws[p];
            }
        }
    }

    /**
     * Turns the gradient g of the polynomial extension (as returned by
     * {@link #evaluateWithGradient}) at the unit vector u into the gradient of Y(d / |d|) with respect
     * to d, |d| = r: (g - (g . u) u) / r, in place for indices [0, count).
     */
    public static void projectToDirection(double ux, double uy, double uz, double r, double[] gx, double[] gy,
            double[] gz, int count) {
        double inv = 1.0 / r;
        for (int i = 0; i < count; i++) {
            double dot = gx[i] * ux + gy[i] * uy + gz[i] * uz;
            gx[i] = (gx[i] - dot * ux) * inv;
            gy[i] = (gy[i] - dot * uy) * inv;
            gz[i] = (gz[i] - dot * uz) * inv;
        }
    }
}

// HelixFF CUDA kernels: SOAP helpers shared by the descriptor kernels (per-thread code, host and device).
//
// Every function mirrors the CPU reference operation by operation, so that a host build reproduces
// the Java engine to round-off (and bit for bit where no fused multiply-add is used):
//   soap_constants   <-> RealSphericalHarmonics constructor and SoapLayout.weight
//   ylm_column       <-> RealSphericalHarmonics.evaluate / evaluateWithGradient (one m at a time)
//   spline_value(s)  <-> RadialTable.evaluate
//   power_component  <-> CpuSoapEngine.power (one component)
// Layouts (see SoapLayout): coefficient c_nlm of a centre at n (Lmax+1)^2 + l^2 + l + m; radial
// index n (Lmax+1) + l; descriptor index k(n, n', l) = pair(n, n') (Lmax+1) + l.
#ifndef HELIXFF_SOAP_CUH
#define HELIXFF_SOAP_CUH

#include "helixff_block.cuh"

#define HFF_PI 3.14159265358979323846

/** Sizes derived from (Nmax, Lmax). */
struct SoapShape {
    int nmax;
    int lmax;
    int lp;    // Lmax + 1
    int ll;    // (Lmax + 1)^2, harmonics per direction
    int width; // Nmax (Lmax + 1), radial functions per distance
    int ncoef; // Nmax (Lmax + 1)^2, coefficients per centre
    int dlen;  // D = Nmax (Nmax + 1) / 2 (Lmax + 1)
};

HFF_HD inline SoapShape soap_shape(int nmax, int lmax) {
    SoapShape s;
    s.nmax = nmax;
    s.lmax = lmax;
    s.lp = lmax + 1;
    s.ll = (lmax + 1) * (lmax + 1);
    s.width = nmax * (lmax + 1);
    s.ncoef = nmax * s.ll;
    s.dlen = nmax * (nmax + 1) / 2 * (lmax + 1);
    return s;
}

/** Number of doubles of soap_constants: diag[lp], a[ll], b[ll], weight[lp]. */
HFF_HD inline int soap_constants_size(const SoapShape& s) {
    return 2 * s.lp + 2 * s.ll;
}

/**
 * The recurrence constants of the real harmonics (diag, a, b as in RealSphericalHarmonics) and the
 * power-spectrum weights s_l = sqrt(8 pi^2 / (2l + 1)), into c[0 .. soap_constants_size). Same
 * expressions as the Java constructor (IEEE sqrt and division: identical values).
 */
HFF_HD inline void soap_constants(const SoapShape& s, double* c) {
    double* diag = c;
    double* a = c + s.lp;
    double* b = a + s.ll;
    double* w = b + s.ll;
    const double sqrt2 = sqrt(2.0);
    double q = 1.0 / sqrt(4 * HFF_PI);
    for (int m = 0; m <= s.lmax; ++m) {
        if (m > 0) {
            q *= sqrt((2.0 * m + 1) / (2.0 * m));
        }
        diag[m] = m == 0 ? q : sqrt2 * q;
        a[m * m + m + m] = 0.0;
        b[m * m + m + m] = 0.0;
        for (int l = m + 1; l <= s.lmax; ++l) {
            double l2 = (double) l * l;
            double m2 = (double) m * m;
            int idx = l * l + l + m;
            a[idx] = sqrt((4 * l2 - 1) / (l2 - m2));
            b[idx] = l >= m + 2 ? sqrt((2.0 * l + 1) * ((l - 1.0) * (l - 1.0) - m2) / ((2.0 * l - 3) * (l2 - m2))) : 0.0;
        }
    }
    // indices l*l + l - m (m > 0) are never read; keep them defined
    for (int l = 0; l <= s.lmax; ++l) {
        for (int m = 1; m <= l; ++m) {
            a[l * l + l - m] = 0.0;
            b[l * l + l - m] = 0.0;
        }
    }
    for (int l = 0; l <= s.lmax; ++l) {
        w[l] = sqrt(8 * HFF_PI * HFF_PI / (2 * l + 1));
    }
}

HFF_HD inline const double* soap_weights(const SoapShape& s, const double* c) {
    return c + s.lp + 2 * s.ll;
}

/** l of a harmonic index lm = l^2 + l + m. */
HFF_HD inline int degree_of(int lm) {
    int l = 0;
    while ((l + 1) * (l + 1) <= lm) {
        ++l;
    }
    return l;
}

/**
 * Y_lm(u) for one order m >= 0 and every l in [m, Lmax] (both signs of m), written to
 * y[(l^2 + l +- m) * stride]. (x + i y)^m is built by repeated complex multiplication exactly as the
 * CPU recurrence does, then Q_l^m by the three-term recurrence. When gx != nullptr also the gradient of
 * the polynomial extension (gx, gy, gz, same indexing).
 */
HFF_HD inline void ylm_column(const SoapShape& s, const double* consts, int m, double x, double yy, double z,
        double* y, double* gx, double* gy, double* gz, int stride) {
    const double* diag = consts;
    const double* a = consts + s.lp;
    const double* b = a + s.ll;
    double c = 1;
    double sn = 0;
    double cp = 0;
    double sp = 0;
    for (int k = 0; k < m; ++k) {
        cp = c;
        sp = sn;
        double cn = c * x - sn * yy;
        sn = c * yy + sn * x;
        c = cn;
    }
    const bool grad = gx != nullptr;
    double q2 = diag[m];
    double d2 = 0;
    double q1 = 0;
    double d1 = 0;
    for (int l = m; l <= s.lmax; ++l) {
        double q;
        double d;
        if (l == m) {
            q = q2;
            d = d2;
        } else if (l == m + 1) {
            double am = a[l * l + l + m];
            q1 = am * z * q2;
            d1 = am * q2;
            q = q1;
            d = d1;
        } else {
            int lm = l * l + l + m;
            double al = a[lm];
            double bl = b[lm];
            q = al * z * q1 - bl * q2;
            d = al * (q1 + z * d1) - bl * d2;
            q2 = q1;
            q1 = q;
            d2 = d1;
            d1 = d;
        }
        int base = l * l + l;
        if (m == 0) {
            y[base * stride] = q;
            if (grad) {
                gx[base * stride] = 0;
                gy[base * stride] = 0;
                gz[base * stride] = d;
            }
        } else {
            y[(base + m) * stride] = q * c;
            y[(base - m) * stride] = q * sn;
            if (grad) {
                double qm = q * m;
                gx[(base + m) * stride] = qm * cp;
                gy[(base + m) * stride] = -qm * sp;
                gz[(base + m) * stride] = d * c;
                gx[(base - m) * stride] = qm * sp;
                gy[(base - m) * stride] = qm * cp;
                gz[(base - m) * stride] = d * sn;
            }
        }
    }
}

/** Spline interval and local coordinate of distance r (RadialTable.evaluate). */
HFF_HD inline int spline_interval(double r, double inv_spacing, int intervals, double* t) {
    double x = r * inv_spacing;
    int k = (int) x;
    if (k > intervals - 1) {
        k = intervals - 1;
    }
    *t = x - k;
    return k;
}

/** h_q(r) of radial index q from the table coef[(k * 4 + j) * width + q]. */
HFF_HD inline double spline_value(const double* table, int width, int k, double t, int q) {
    const double* c = table + (long long) k * 4 * width + q;
    return c[0] + t * (c[width] + t * (c[2 * width] + t * c[3 * width]));
}

/** h_q(r) and dh_q/dr (the exact derivative of the interpolant). */
HFF_HD inline void spline_value_derivative(const double* table, int width, int k, double t, double inv_spacing,
        int q, double* h, double* dh) {
    const double* c = table + (long long) k * 4 * width + q;
    double a1 = c[width];
    double a2 = c[2 * width];
    double a3 = c[3 * width];
    *h = c[0] + t * (a1 + t * (a2 + t * a3));
    *dh = (a1 + t * (2 * a2 + 3 * t * a3)) * inv_spacing;
}

/** (n, n', l) of descriptor component k. */
HFF_HD inline void component_indices(const SoapShape& s, int k, int* n, int* n2, int* l) {
    int pk = k / s.lp;
    *l = k - pk * s.lp;
    int a = 0;
    int start = 0;
    while (start + (s.nmax - a) <= pk) {
        start += s.nmax - a;
        ++a;
    }
    *n = a;
    *n2 = a + (pk - start);
}

/** Index of p[n, n', l], n <= n'. */
HFF_HD inline int component_index(const SoapShape& s, int n, int n2, int l) {
    return (n * s.nmax - n * (n - 1) / 2 + (n2 - n)) * s.lp + l;
}

/** Component k of the power spectrum from the coefficients c of one centre (CpuSoapEngine.power). */
HFF_HD inline double power_component(const SoapShape& s, const double* weights, const double* c, int k) {
    int n;
    int n2;
    int l;
    component_indices(s, k, &n, &n2, &l);
    const double* ca = c + n * s.ll;
    const double* cb = c + n2 * s.ll;
    int lo = l * l;
    int hi = lo + 2 * l + 1;
    double acc = 0;
    for (int lm = lo; lm < hi; ++lm) {
        acc += ca[lm] * cb[lm];
    }
    return weights[l] * acc;
}

#endif

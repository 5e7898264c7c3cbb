// HelixFF CUDA kernel: full Jacobian of the SOAP power spectrum with respect to each neighbour
// displacement, dp_{centre(e), k} / dd_{e, c}. Launcher: org.helixff.compute.cuda.SoapJacobianLauncher.
// CPU twin: CpuSoapEngine.jacobian. Double precision throughout.
//
// Grid: one block per compacted pair (entry inside r_c); blockDim.x threads (the launcher uses 128).
//   phase 1  unit vector of the pair
//   phase 2  Y_lm and grad Y_lm for every m; h_nl and h'_nl for every (n, l)
//   phase 3  tangential projection of the harmonic gradients, (g - (g.u) u) / r, per lm
//   phase 4  per (c, k): s_l sum_m (dc_nlm c_n'lm + c_nlm dc_n'lm) with
//            dc_nlm = h'_nl Y_lm u_c + h_nl dY_lm/dd_c (recomputed per use, as the CPU engine's
//            expression), written to grad[(entry * 3 + c) * D + k]
// The centre's coefficients come from helixff_soap_coefficients.
//
// Dynamic shared memory (doubles): soap_jacobian_smem(nmax, lmax).
#include "helixff_soap.cuh"

HFF_HD inline long long soap_jacobian_smem(int nmax, int lmax) {
    SoapShape s = soap_shape(nmax, lmax);
    return soap_constants_size(s) + 4 + 4 * s.ll + 2 * s.width;
}

template <class B>
HFF_HD void soap_jacobian_block(const B& b, int pair, int nmax, int lmax, int intervals, double inv_spacing,
        const double* table, const double* constants, const int* pair_centre, const double* pair_geom, const int* pair_entry,
        const double* coef, double* grad, double* smem) {
    const SoapShape s = soap_shape(nmax, lmax);
    double* consts = smem;
    double* u = consts + soap_constants_size(s); // ux, uy, uz, r
    double* ylm = u + 4;
    double* gxl = ylm + s.ll;
    double* gyl = gxl + s.ll;
    double* gzl = gyl + s.ll;
    double* hq = gzl + s.ll;
    double* dhq = hq + s.width;
    const double* c = coef + (long long) pair_centre[pair] * s.ncoef;
    const long long e = pair_entry[pair];
    const int nt = b.nt;
    const int nc = soap_constants_size(s);

    b.phase([&](int t) {
        for (int i = t; i < nc; i += nt) {
            consts[i] = constants[i];
        }
        if (t == 0) {
            const double* g = pair_geom + 4LL * pair;
            double r = g[0];
            double inv = 1.0 / r;
            u[0] = g[1] * inv;
            u[1] = g[2] * inv;
            u[2] = g[3] * inv;
            u[3] = r;
        }
    });
    b.phase([&](int t) {
        const int total = s.lp + s.width;
        for (int it = t; it < total; it += nt) {
            if (it < s.lp) {
                ylm_column(s, consts, it, u[0], u[1], u[2], ylm, gxl, gyl, gzl, 1);
            } else {
                int q = it - s.lp;
                double tt;
                int k = spline_interval(u[3], inv_spacing, intervals, &tt);
                spline_value_derivative(table, s.width, k, tt, inv_spacing, q, hq + q, dhq + q);
            }
        }
    });
    b.phase([&](int t) {
        double inv = 1.0 / u[3];
        for (int lm = t; lm < s.ll; lm += nt) {
            double dot = gxl[lm] * u[0] + gyl[lm] * u[1] + gzl[lm] * u[2];
            gxl[lm] = (gxl[lm] - dot * u[0]) * inv;
            gyl[lm] = (gyl[lm] - dot * u[1]) * inv;
            gzl[lm] = (gzl[lm] - dot * u[2]) * inv;
        }
    });
    b.phase([&](int t) {
        const double* w = soap_weights(s, consts);
        const int total = 3 * s.dlen;
        for (int it = t; it < total; it += nt) {
            int cc = it / s.dlen;
            int k = it - cc * s.dlen;
            int n;
            int n2;
            int l;
            component_indices(s, k, &n, &n2, &l);
            const double* gl = cc == 0 ? gxl : (cc == 1 ? gyl : gzl);
            double uc = u[cc];
            double hva = hq[n * s.lp + l];
            double dva = dhq[n * s.lp + l];
            double hvb = hq[n2 * s.lp + l];
            double dvb = dhq[n2 * s.lp + l];
            const double* ca = c + n * s.ll;
            const double* cb = c + n2 * s.ll;
            int lo = l * l;
            int hi = lo + 2 * l + 1;
            double acc = 0;
            for (int lm = lo; lm < hi; ++lm) {
                double dca = dva * ylm[lm] * uc + hva * gl[lm];
                double dcb = dvb * ylm[lm] * uc + hvb * gl[lm];
                acc += dca * cb[lm] + ca[lm] * dcb;
            }
            grad[(e * 3 + cc) * s.dlen + k] = w[l] * acc;
        }
    });
}

/**
 * pair_centre, pair_entry: centre and list entry of each compacted pair; coef: centres x
 * Nmax (Lmax+1)^2; grad: entries x 3 x D, zero on entry (rows of entries beyond r_c stay zero).
 */
extern "C" __global__ void helixff_soap_jacobian(int nmax, int lmax, int intervals, double inv_spacing,
        const double* table, const double* constants, const int* pair_centre, const double* pair_geom, const int* pair_entry,
        const double* coef, double* grad) {
    extern __shared__ double helixff_smem[];
    DeviceBlock b{(int) blockDim.x};
    soap_jacobian_block(b, (int) blockIdx.x, nmax, lmax, intervals, inv_spacing, table, constants, pair_centre, pair_geom,
            pair_entry, coef, grad, helixff_smem);
}

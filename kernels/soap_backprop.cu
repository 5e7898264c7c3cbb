// HelixFF CUDA kernel: reverse-mode product of the SOAP power spectrum, dE/dp -> dE/dd per entry.
// Launcher: org.helixff.compute.cuda.SoapBackpropLauncher. CPU twin: CpuSoapEngine.backpropCenter.
// Double precision throughout.
//
// Grid: one block per centre; blockDim.x threads (the launcher uses 128).
//   phase L  lambda_nlm = s_l sum_n' W_l[n, n'] c_n'lm  (W = dE/dp as a symmetric matrix, diagonal
//            doubled), summed over n' in increasing order as the CPU engine does; stored in `lambda`
//            (global scratch, centres x Nmax (Lmax+1)^2).
//   per tile of `tile` pairs:
//   phase 1  unit vectors
//   phase 2  Y_lm and grad Y_lm of every (pair, m); h_nl and h'_nl of every (pair, n l)
//   phase 3  A_lm = sum_n lambda_nlm h_nl, B_lm = sum_n lambda_nlm h'_nl for every (pair, lm), with the
//            CPU's grouping (four n at a time, then the remainder)
//   phase 4  per pair: radial = sum_lm B_lm Y_lm, V = sum_lm A_lm grad Y_lm,
//            dE/dd = radial u + (V - (V.u) u) / r, written to out[3 * entry + c]
//
// Dynamic shared memory (doubles): soap_backprop_smem(nmax, lmax, tile).
#include "helixff_soap.cuh"

HFF_HD inline long long soap_backprop_smem(int nmax, int lmax, int tile) {
    SoapShape s = soap_shape(nmax, lmax);
    return soap_constants_size(s) + (long long) tile * (4 + 6 * s.ll + 2 * s.width);
}

template <class B>
HFF_HD void soap_backprop_block(const B& b, int centre, int nmax, int lmax, int intervals, double inv_spacing,
        const double* table, const double* constants, const int* pair_offsets, const double* pair_geom, const int* pair_entry, int tile,
        const double* coef, const double* dEdp, double* lambda, double* out, double* smem) {
    const SoapShape s = soap_shape(nmax, lmax);
    double* consts = smem;
    double* ux = consts + soap_constants_size(s);
    double* uy = ux + tile;
    double* uz = uy + tile;
    double* rr = uz + tile;
    double* ylm = rr + tile;           // [lm * tile + j]
    double* gxl = ylm + s.ll * tile;
    double* gyl = gxl + s.ll * tile;
    double* gzl = gyl + s.ll * tile;
    double* av = gzl + s.ll * tile;    // A [lm * tile + j]
    double* bv = av + s.ll * tile;     // B
    double* hq = bv + s.ll * tile;     // h [q * tile + j]
    double* dhq = hq + s.width * tile; // h'
    const double* c = coef + (long long) centre * s.ncoef;
    const double* g = dEdp + (long long) centre * s.dlen;
    double* lam = lambda + (long long) centre * s.ncoef;
    const int p0 = pair_offsets[centre];
    const int np = pair_offsets[centre + 1] - p0;
    const int nt = b.nt;
    const int nc = soap_constants_size(s);

    b.phase([&](int t) {
        for (int i = t; i < nc; i += nt) {
            consts[i] = constants[i];
        }
    });
    b.phase([&](int t) {
        const double* w = soap_weights(s, consts);
        for (int q = t; q < s.ncoef; q += nt) {
            int n0 = q / s.ll;
            int lm = q - n0 * s.ll;
            int l = degree_of(lm);
            double acc = 0;
            for (int n = 0; n < s.nmax; ++n) {
                int k = n < n0 ? component_index(s, n, n0, l) : component_index(s, n0, n, l);
                double gk = g[k];
                if (gk == 0.0) {
                    continue;
                }
                double wgt = w[l] * gk;
                if (n == n0) {
                    acc += (2 * wgt) * c[n0 * s.ll + lm];
                } else {
                    acc += wgt * c[n * s.ll + lm];
                }
            }
            lam[q] = acc;
        }
    });
    for (int t0 = 0; t0 < np; t0 += tile) {
        const int cnt = np - t0 < tile ? np - t0 : tile;
        b.phase([&](int t) {
            for (int j = t; j < cnt; j += nt) {
                const double* gg = pair_geom + 4LL * (p0 + t0 + j);
                double r = gg[0];
                double inv = 1.0 / r;
                rr[j] = r;
                ux[j] = gg[1] * inv;
                uy[j] = gg[2] * inv;
                uz[j] = gg[3] * inv;
            }
        });
        b.phase([&](int t) {
            const int nh = cnt * s.lp;
            const int total = nh + cnt * s.width;
            for (int it = t; it < total; it += nt) {
                if (it < nh) {
                    int m = it / cnt;
                    int j = it - m * cnt;
                    ylm_column(s, consts, m, ux[j], uy[j], uz[j], ylm + j, gxl + j, gyl + j, gzl + j, tile);
                } else {
                    int iq = it - nh;
                    int q = iq / cnt;
                    int j = iq - q * cnt;
                    double tt;
                    int k = spline_interval(rr[j], inv_spacing, intervals, &tt);
                    spline_value_derivative(table, s.width, k, tt, inv_spacing, q, hq + q * tile + j,
                            dhq + q * tile + j);
                }
            }
        });
        b.phase([&](int t) {
            const int total = cnt * s.ll;
            for (int it = t; it < total; it += nt) {
                int lm = it / cnt;
                int j = it - lm * cnt;
                int l = degree_of(lm);
                double a = 0;
                double bb = 0;
                int n = 0;
                for (; n + 3 < s.nmax; n += 4) {
                    double l0 = lam[n * s.ll + lm];
                    double l1 = lam[(n + 1) * s.ll + lm];
                    double l2 = lam[(n + 2) * s.ll + lm];
                    double l3 = lam[(n + 3) * s.ll + lm];
                    int h0 = (n * s.lp + l) * tile + j;
                    int h1 = h0 + s.lp * tile;
                    int h2 = h1 + s.lp * tile;
                    int h3 = h2 + s.lp * tile;
                    a += l0 * hq[h0] + l1 * hq[h1] + l2 * hq[h2] + l3 * hq[h3];
                    bb += l0 * dhq[h0] + l1 * dhq[h1] + l2 * dhq[h2] + l3 * dhq[h3];
                }
                for (; n < s.nmax; ++n) {
                    double l0 = lam[n * s.ll + lm];
                    int h0 = (n * s.lp + l) * tile + j;
                    a += l0 * hq[h0];
                    bb += l0 * dhq[h0];
                }
                av[lm * tile + j] = a;
                bv[lm * tile + j] = bb;
            }
        });
        b.phase([&](int t) {
            for (int j = t; j < cnt; j += nt) {
                double radial = 0;
                double vx = 0;
                double vy = 0;
                double vz = 0;
                for (int lm = 0; lm < s.ll; ++lm) {
                    int o = lm * tile + j;
                    double a = av[o];
                    radial += bv[o] * ylm[o];
                    vx += a * gxl[o];
                    vy += a * gyl[o];
                    vz += a * gzl[o];
                }
                double x = ux[j];
                double y = uy[j];
                double z = uz[j];
                double inv = 1.0 / rr[j];
                double dot = vx * x + vy * y + vz * z;
                long long e = pair_entry[p0 + t0 + j];
                out[3 * e] = radial * x + (vx - dot * x) * inv;
                out[3 * e + 1] = radial * y + (vy - dot * y) * inv;
                out[3 * e + 2] = radial * z + (vz - dot * z) * inv;
            }
        });
    }
}

/**
 * coef: centres x Nmax (Lmax+1)^2 (from helixff_soap_coefficients); dEdp: centres x D;
 * lambda: centres x Nmax (Lmax+1)^2 scratch; out: 3 per neighbour entry, zero on entry (entries beyond
 * r_c stay zero); pair_entry: the list entry of each compacted pair.
 */
extern "C" __global__ void helixff_soap_backprop(int nmax, int lmax, int intervals, double inv_spacing,
        const double* table, const double* constants, const int* pair_offsets, const double* pair_geom, const int* pair_entry, int tile,
        const double* coef, const double* dEdp, double* lambda, double* out) {
    extern __shared__ double helixff_smem[];
    DeviceBlock b{(int) blockDim.x};
    soap_backprop_block(b, (int) blockIdx.x, nmax, lmax, intervals, inv_spacing, table, constants, pair_offsets, pair_geom,
            pair_entry, tile, coef, dEdp, lambda, out, helixff_smem);
}

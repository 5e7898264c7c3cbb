// HelixFF CUDA kernel: SOAP expansion coefficients c_nlm and power spectrum p of every centre.
// Launcher: org.helixff.compute.cuda.SoapCoefficientsLauncher. CPU twin: CpuSoapEngine.compute
// (expandInto + power). Double precision throughout.
//
// Grid: one block per centre (gridDim.x = centres); blockDim.x threads (the launcher uses 128).
// Input pairs are the centre's neighbour entries inside r_c (compacted by the launcher), 4 doubles
// each: r, dx, dy, dz (Bohr). Pairs are processed in tiles of `tile` pairs:
//   phase 1  unit vectors of the tile's pairs                       (one item per pair)
//   phase 2  Y_lm of every (pair, m) and h_nl of every (pair, n l)  (items: tile (Lmax+1) + tile width)
//   phase 3  c_nlm += sum over the tile's pairs of h_nl Y_lm        (one item per coefficient)
// and finally p[n, n', l] = s_l sum_m c_nlm c_n'lm (one item per component). Each coefficient is
// summed over pairs in list order by one thread, as the CPU engine does.
//
// The harmonic recurrence constants and power-spectrum weights (soap_constants) are computed once per
// engine by helixff_soap_constants into a device buffer that every SOAP kernel copies into its shared
// memory (all threads, first phase), instead of thread 0 of every block recomputing them.
//
// Dynamic shared memory (doubles): soap_coefficients_smem(nmax, lmax, tile).
#include "helixff_soap.cuh"

HFF_HD inline long long soap_coefficients_smem(int nmax, int lmax, int tile) {
    SoapShape s = soap_shape(nmax, lmax);
    return soap_constants_size(s) + (long long) tile * (4 + s.ll + s.width);
}

template <class B>
HFF_HD void soap_coefficients_block(const B& b, int centre, int nmax, int lmax, int intervals, double inv_spacing,
        const double* table, const double* constants, const int* pair_offsets, const double* pair_geom, int tile, double* coef,
        double* values, double* smem) {
    const SoapShape s = soap_shape(nmax, lmax);
    double* consts = smem;
    double* ux = consts + soap_constants_size(s);
    double* uy = ux + tile;
    double* uz = uy + tile;
    double* rr = uz + tile;
    double* ylm = rr + tile;          // [lm * tile + j]
    double* hq = ylm + s.ll * tile;   // [q * tile + j]
    double* c = coef + (long long) centre * s.ncoef;
    const int p0 = pair_offsets[centre];
    const int np = pair_offsets[centre + 1] - p0;
    const int nt = b.nt;
    const int nc = soap_constants_size(s);

    b.phase([&](int t) {
        for (int i = t; i < nc; i += nt) {
            consts[i] = constants[i];
        }
    });
    for (int t0 = 0; t0 < np; t0 += tile) {
        const int cnt = np - t0 < tile ? np - t0 : tile;
        b.phase([&](int t) {
            for (int j = t; j < cnt; j += nt) {
                const double* g = pair_geom + 4LL * (p0 + t0 + j);
                double r = g[0];
                double inv = 1.0 / r;
                rr[j] = r;
                ux[j] = g[1] * inv;
                uy[j] = g[2] * inv;
                uz[j] = g[3] * inv;
            }
        });
        b.phase([&](int t) {
            const int nh = cnt * s.lp;
            const int total = nh + cnt * s.width;
            for (int it = t; it < total; it += nt) {
                if (it < nh) {
                    int m = it / cnt;
                    int j = it - m * cnt;
                    ylm_column(s, consts, m, ux[j], uy[j], uz[j], ylm + j, nullptr, nullptr, nullptr, tile);
                } else {
                    int iq = it - nh;
                    int q = iq / cnt;
                    int j = iq - q * cnt;
                    double tt;
                    int k = spline_interval(rr[j], inv_spacing, intervals, &tt);
                    hq[q * tile + j] = spline_value(table, s.width, k, tt, q);
                }
            }
        });
        b.phase([&](int t) {
            for (int q = t; q < s.ncoef; q += nt) {
                int n = q / s.ll;
                int lm = q - n * s.ll;
                int l = degree_of(lm);
                const double* h = hq + (n * s.lp + l) * tile;
                const double* y = ylm + lm * tile;
                double acc = c[q];
                for (int j = 0; j < cnt; ++j) {
                    acc += h[j] * y[j];
                }
                c[q] = acc;
            }
        });
    }
    b.phase([&](int t) {
        double* v = values + (long long) centre * s.dlen;
        const double* w = soap_weights(s, consts);
        for (int k = t; k < s.dlen; k += nt) {
            v[k] = power_component(s, w, c, k);
        }
    });
}

/**
 * coef: centres x Nmax (Lmax+1)^2, zero on entry (accumulated); values: centres x D (written).
 * table: RadialTable coefficients; pair_offsets: centres + 1; pair_geom: 4 per pair.
 */
extern "C" __global__ void helixff_soap_coefficients(int nmax, int lmax, int intervals, double inv_spacing,
        const double* table, const double* constants, const int* pair_offsets, const double* pair_geom, int tile, double* coef,
        double* values) {
    extern __shared__ double helixff_smem[];
    DeviceBlock b{(int) blockDim.x};
    soap_coefficients_block(b, (int) blockIdx.x, nmax, lmax, intervals, inv_spacing, table, constants, pair_offsets,
            pair_geom, tile, coef, values, helixff_smem);
}

/** constants: soap_constants_size doubles, written by thread 0 (the same code as the host build's). */
template <class B>
HFF_HD void soap_constants_block(const B& b, int nmax, int lmax, double* constants) {
    const SoapShape s = soap_shape(nmax, lmax);
    b.phase([&](int t) {
        if (t == 0) {
            soap_constants(s, constants);
        }
    });
}

/** Once per engine: one block of one thread. */
extern "C" __global__ void helixff_soap_constants(int nmax, int lmax, double* constants) {
    DeviceBlock b{(int) blockDim.x};
    soap_constants_block(b, nmax, lmax, constants);
}

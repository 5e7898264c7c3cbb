// HelixFF CUDA kernel: polynomial-kernel energies and dE/dp of a kernel model.
// Launcher: org.helixff.compute.cuda.KernelEvalLauncher. CPU twin: CpuKernelEngine.energiesAndGradients
// (formerly the loop of KernelEvaluator). Double precision throughout.
//
// For n centres with descriptors P (n x D), normalised references R (M x D), weights w (M), offset mu
// and exponent zeta (method.md section 3):
//   helixff_kernel_normalise  |p_i| and x^_i = p_i / |p_i| (x^ = 0 when |p_i| = 0)   row tiles
//   helixff_kernel_k0         K0 = X^ R^T (n x M)                                    tiled, 256 threads
//   helixff_kernel_energy     e_i = mu + sum_t w_t K0^zeta, coef_it = zeta w_t K0^(zeta-1)
//                             (both zero terms when |p_i| = 0)                        row tiles
//   helixff_kernel_gradient   G = coef R (n x D)                                     tiled, 256 threads
//   helixff_kernel_project    dE/dp_i = (g_i - x^_i (x^_i . g_i)) / |p_i|             row tiles
// Every sum runs over its index in increasing order, as on the CPU.
//
// Row tiles (normalise, energy, project): a block of ROW_THREADS threads owns ROW_TILE consecutive rows.
// Row-major n x D (or n x M) arrays are read and written through ROW_TILE x ROW_TILE shared tiles, one
// tile per phase, consecutive threads on consecutive columns of a row (coalesced); each row's sum is then
// taken by one thread over the tile's columns in increasing order, tile after tile: the CPU's order, so
// the numbers are the same as with one thread per row reading its row (which strided the loads by a
// whole row between neighbouring threads).
//
// K0 and G come from cuBLAS (cublasDgemm) when it is available, else from the tiled products here.
#include "helixff_gemm.cuh"

/** x^p for a small integer p >= 0 by repeated multiplication (KernelMath.ipow). */
HFF_HD inline double helixff_ipow(double x, int p) {
    double r = 1;
    for (int i = 0; i < p; ++i) {
        r *= x;
    }
    return r;
}

/** Stores K0 (or any A B^T) at c[row * ldc + col]. */
struct StoreEpilogue {
    double* c;
    long long ldc;
    HFF_HD void operator()(int row, int col, double v) const { c[row * ldc + col] = v; }
};

#define ROW_TILE 32
#define ROW_THREADS 256
/** Shared doubles of a row-tile kernel: one padded tile plus one value per row. */
#define ROW_SMEM (ROW_TILE * (ROW_TILE + 1) + ROW_TILE)

/**
 * |p_i| and x^_i for the rows [block ROW_TILE, +ROW_TILE): squares summed per row through the tiles, then
 * x^ written tile by tile (the CPU's expressions: CpuKernelEngine.energiesAndGradients).
 */
template <class B>
HFF_HD void kernel_normalise_rows(const B& b, int block, int n, int d, const double* p, double* xhat, double* norms,
        double* smem) {
    double* tile = smem;                          // [rr * (ROW_TILE + 1) + cc]
    double* nrm = smem + ROW_TILE * (ROW_TILE + 1); // [rr]
    const int r0 = block * ROW_TILE;
    typename B::template Private<double> acc;
    b.phase([&](int t) { acc(t) = 0.0; });
    for (int c0 = 0; c0 < d; c0 += ROW_TILE) {
        b.phase([&](int t) {
            for (int it = t; it < ROW_TILE * ROW_TILE; it += b.nt) {
                int rr = it / ROW_TILE;
                int cc = it - rr * ROW_TILE;
                int row = r0 + rr;
                int col = c0 + cc;
                tile[rr * (ROW_TILE + 1) + cc] = row < n && col < d ? p[(long long) row * d + col] : 0.0;
            }
        });
        b.phase([&](int t) {
            if (t < ROW_TILE) {
                const int cn = d - c0 < ROW_TILE ? d - c0 : ROW_TILE;
                double s = acc(t);
                for (int cc = 0; cc < cn; ++cc) {
                    double v = tile[t * (ROW_TILE + 1) + cc];
                    s += v * v;
                }
                acc(t) = s;
            }
        });
    }
    b.phase([&](int t) {
        if (t < ROW_TILE) {
            double nn = sqrt(acc(t));
            nrm[t] = nn;
            if (r0 + t < n) {
                norms[r0 + t] = nn;
            }
        }
    });
    b.phase([&](int t) {
        for (long long it = t; it < (long long) ROW_TILE * d; it += b.nt) {
            int rr = (int) (it / d);
            int col = (int) (it - (long long) rr * d);
            int row = r0 + rr;
            if (row < n) {
                double nn = nrm[rr];
                long long k = (long long) row * d + col;
                xhat[k] = nn > 0 ? p[k] / nn : 0.0;
            }
        }
    });
}

/**
 * Site energies and coef for the rows [block ROW_TILE, +ROW_TILE): terms w_t K0^(zeta-1) K0 computed
 * element-wise into the tile (coef written at the same time), then summed per row in increasing t (same
 * expressions as the CPU: w_t km1 kk with km1 = K0^(zeta-1), coef = w_t zeta km1).
 */
template <class B>
HFF_HD void kernel_energy_rows(const B& b, int block, int n, int m, int zeta, double mu, const double* w,
        const double* norms, const double* k0, double* energies, double* coef, double* smem) {
    double* tile = smem;
    const int r0 = block * ROW_TILE;
    typename B::template Private<double> acc;
    b.phase([&](int t) { acc(t) = mu; });
    for (int c0 = 0; c0 < m; c0 += ROW_TILE) {
        b.phase([&](int t) {
            for (int it = t; it < ROW_TILE * ROW_TILE; it += b.nt) {
                int rr = it / ROW_TILE;
                int cc = it - rr * ROW_TILE;
                int row = r0 + rr;
                int col = c0 + cc;
                double term = 0.0;
                if (row < n && col < m) {
                    long long k = (long long) row * m + col;
                    if (norms[row] > 0) {
                        double kk = k0[k];
                        double km1 = helixff_ipow(kk, zeta - 1);
                        term = w[col] * km1 * kk;
                        coef[k] = w[col] * zeta * km1;
                    } else {
                        coef[k] = 0.0;
                    }
                }
                tile[rr * (ROW_TILE + 1) + cc] = term;
            }
        });
        b.phase([&](int t) {
            if (t < ROW_TILE && r0 + t < n && norms[r0 + t] > 0) {
                const int cn = m - c0 < ROW_TILE ? m - c0 : ROW_TILE;
                double e = acc(t);
                for (int cc = 0; cc < cn; ++cc) {
                    e += tile[t * (ROW_TILE + 1) + cc];
                }
                acc(t) = e;
            }
        });
    }
    b.phase([&](int t) {
        if (t < ROW_TILE && r0 + t < n) {
            energies[r0 + t] = acc(t);
        }
    });
}

/**
 * dE/dp for the rows [block ROW_TILE, +ROW_TILE): x^ . g summed per row through the tiles (x^ and g
 * multiplied element-wise into the tile), then the projection written element-wise (same expressions as
 * the CPU).
 */
template <class B>
HFF_HD void kernel_project_rows(const B& b, int block, int n, int d, const double* xhat, const double* norms,
        const double* g, double* dEdp, double* smem) {
    double* tile = smem;
    double* dots = smem + ROW_TILE * (ROW_TILE + 1);
    const int r0 = block * ROW_TILE;
    typename B::template Private<double> acc;
    b.phase([&](int t) { acc(t) = 0.0; });
    for (int c0 = 0; c0 < d; c0 += ROW_TILE) {
        b.phase([&](int t) {
            for (int it = t; it < ROW_TILE * ROW_TILE; it += b.nt) {
                int rr = it / ROW_TILE;
                int cc = it - rr * ROW_TILE;
                int row = r0 + rr;
                int col = c0 + cc;
                long long k = (long long) row * d + col;
                tile[rr * (ROW_TILE + 1) + cc] = row < n && col < d ? xhat[k] * g[k] : 0.0;
            }
        });
        b.phase([&](int t) {
            if (t < ROW_TILE) {
                const int cn = d - c0 < ROW_TILE ? d - c0 : ROW_TILE;
                double s = acc(t);
                for (int cc = 0; cc < cn; ++cc) {
                    s += tile[t * (ROW_TILE + 1) + cc];
                }
                acc(t) = s;
            }
        });
    }
    b.phase([&](int t) {
        if (t < ROW_TILE) {
            dots[t] = acc(t);
        }
    });
    b.phase([&](int t) {
        for (long long it = t; it < (long long) ROW_TILE * d; it += b.nt) {
            int rr = (int) (it / d);
            int col = (int) (it - (long long) rr * d);
            int row = r0 + rr;
            if (row < n) {
                long long k = (long long) row * d + col;
                if (!(norms[row] > 0)) {
                    dEdp[k] = 0.0;
                } else {
                    double inv = 1 / norms[row];
                    dEdp[k] = (g[k] - xhat[k] * dots[rr]) * inv;
                }
            }
        }
    });
}

/** grid ceil(n / ROW_TILE), ROW_THREADS threads, static shared memory. */
extern "C" __global__ void helixff_kernel_normalise(int n, int d, const double* p, double* xhat, double* norms) {
    __shared__ double smem[ROW_SMEM];
    DeviceBlock b{(int) blockDim.x};
    kernel_normalise_rows(b, (int) blockIdx.x, n, d, p, xhat, norms, smem);
}

/** K0 = X^ R^T; grid (ceil(n / 16), ceil(M / 16)), GEMM_THREADS threads, static shared memory. */
extern "C" __global__ void helixff_kernel_k0(int n, int m, int d, const double* xhat, const double* ref,
        double* k0) {
    __shared__ double smem[GEMM_SMEM];
    DeviceBlock b{(int) blockDim.x};
    StoreEpilogue epi{k0, m};
    gemm_abt_block(b, (int) blockIdx.x, (int) blockIdx.y, n, m, d, xhat, d, ref, d, epi, smem);
}

/** grid ceil(n / ROW_TILE), ROW_THREADS threads, static shared memory. */
extern "C" __global__ void helixff_kernel_energy(int n, int m, int zeta, double mu, const double* w,
        const double* norms, const double* k0, double* energies, double* coef) {
    __shared__ double smem[ROW_SMEM];
    DeviceBlock b{(int) blockDim.x};
    kernel_energy_rows(b, (int) blockIdx.x, n, m, zeta, mu, w, norms, k0, energies, coef, smem);
}

/** G = coef R; grid (ceil(n / 16), ceil(D / 16)), GEMM_THREADS threads, static shared memory. */
extern "C" __global__ void helixff_kernel_gradient(int n, int m, int d, const double* coef, const double* ref,
        double* g) {
    __shared__ double smem[GEMM_SMEM];
    DeviceBlock b{(int) blockDim.x};
    gemm_ab_block(b, (int) blockIdx.x, (int) blockIdx.y, n, d, m, coef, m, ref, d, g, d, smem);
}

/** grid ceil(n / ROW_TILE), ROW_THREADS threads, static shared memory. */
extern "C" __global__ void helixff_kernel_project(int n, int d, const double* xhat, const double* norms,
        const double* g, double* dEdp) {
    __shared__ double smem[ROW_SMEM];
    DeviceBlock b{(int) blockDim.x};
    kernel_project_rows(b, (int) blockIdx.x, n, d, xhat, norms, g, dEdp, smem);
}

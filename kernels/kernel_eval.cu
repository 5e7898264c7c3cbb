// HelixFF CUDA kernel: polynomial-kernel energies and dE/dp of a kernel model.
// Launcher: org.helixff.compute.cuda.KernelEvalLauncher. CPU twin: CpuKernelEngine.energiesAndGradients
// (formerly the loop of KernelEvaluator). Double precision throughout.
//
// For n centres with descriptors P (n x D), normalised references R (M x D), weights w (M), offset mu
// and exponent zeta (method.md section 3):
//   helixff_kernel_normalise  |p_i| and x^_i = p_i / |p_i| (x^ = 0 when |p_i| = 0)   thread per centre
//   helixff_kernel_k0         K0 = X^ R^T (n x M)                                    tiled, 256 threads
//   helixff_kernel_energy     e_i = mu + sum_t w_t K0^zeta, coef_it = zeta w_t K0^(zeta-1)
//                             (both zero terms when |p_i| = 0)                        thread per centre
//   helixff_kernel_gradient   G = coef R (n x D)                                     tiled, 256 threads
//   helixff_kernel_project    dE/dp_i = (g_i - x^_i (x^_i . g_i)) / |p_i|             thread per centre
// Every sum runs over its index in increasing order, as on the CPU.
#include "helixff_gemm.cuh"

/** x^p for a small integer p >= 0 by repeated multiplication (KernelMath.ipow). */
HFF_HD inline double helixff_ipow(double x, int p) {
    double r = 1;
    for (int i = 0; i < p; ++i) {
        r *= x;
    }
    return r;
}

HFF_HD inline void kernel_normalise_one(int i, int d, const double* p, double* xhat, double* norms) {
    const double* row = p + (long long) i * d;
    double* x = xhat + (long long) i * d;
    double n2 = 0;
    for (int k = 0; k < d; ++k) {
        double v = row[k];
        n2 += v * v;
    }
    double nn = sqrt(n2);
    norms[i] = nn;
    for (int k = 0; k < d; ++k) {
        x[k] = nn > 0 ? row[k] / nn : 0.0;
    }
}

HFF_HD inline void kernel_energy_one(int i, int m, int zeta, double mu, const double* w, const double* norms,
        const double* k0, double* energies, double* coef) {
    const double* kr = k0 + (long long) i * m;
    double* cr = coef + (long long) i * m;
    double e = mu;
    if (norms[i] > 0) {
        for (int t = 0; t < m; ++t) {
            double kk = kr[t];
            double km1 = helixff_ipow(kk, zeta - 1);
            e += w[t] * km1 * kk;
            cr[t] = w[t] * zeta * km1;
        }
    } else {
        for (int t = 0; t < m; ++t) {
            cr[t] = 0.0;
        }
    }
    energies[i] = e;
}

HFF_HD inline void kernel_project_one(int i, int d, const double* xhat, const double* norms, const double* g,
        double* dEdp) {
    const double* x = xhat + (long long) i * d;
    const double* gr = g + (long long) i * d;
    double* out = dEdp + (long long) i * d;
    if (!(norms[i] > 0)) {
        for (int k = 0; k < d; ++k) {
            out[k] = 0.0;
        }
        return;
    }
    double dot = 0;
    for (int k = 0; k < d; ++k) {
        dot += x[k] * gr[k];
    }
    double inv = 1 / norms[i];
    for (int k = 0; k < d; ++k) {
        out[k] = (gr[k] - x[k] * dot) * inv;
    }
}

/** Stores K0 (or any A B^T) at c[row * ldc + col]. */
struct StoreEpilogue {
    double* c;
    long long ldc;
    HFF_HD void operator()(int row, int col, double v) const { c[row * ldc + col] = v; }
};

/** Element-wise launches: one thread per centre, blockDim.x threads per block. */
template <class B>
HFF_HD void kernel_normalise_block(const B& b, int block, int n, int d, const double* p, double* xhat,
        double* norms) {
    b.phase([&](int t) {
        int i = block * b.nt + t;
        if (i < n) {
            kernel_normalise_one(i, d, p, xhat, norms);
        }
    });
}

template <class B>
HFF_HD void kernel_energy_block(const B& b, int block, int n, int m, int zeta, double mu, const double* w,
        const double* norms, const double* k0, double* energies, double* coef) {
    b.phase([&](int t) {
        int i = block * b.nt + t;
        if (i < n) {
            kernel_energy_one(i, m, zeta, mu, w, norms, k0, energies, coef);
        }
    });
}

template <class B>
HFF_HD void kernel_project_block(const B& b, int block, int n, int d, const double* xhat, const double* norms,
        const double* g, double* dEdp) {
    b.phase([&](int t) {
        int i = block * b.nt + t;
        if (i < n) {
            kernel_project_one(i, d, xhat, norms, g, dEdp);
        }
    });
}

extern "C" __global__ void helixff_kernel_normalise(int n, int d, const double* p, double* xhat, double* norms) {
    DeviceBlock b{(int) blockDim.x};
    kernel_normalise_block(b, (int) blockIdx.x, n, d, p, xhat, norms);
}

/** K0 = X^ R^T; grid (ceil(n / 16), ceil(M / 16)), GEMM_THREADS threads, static shared memory. */
extern "C" __global__ void helixff_kernel_k0(int n, int m, int d, const double* xhat, const double* ref,
        double* k0) {
    __shared__ double smem[GEMM_SMEM];
    DeviceBlock b{(int) blockDim.x};
    StoreEpilogue epi{k0, m};
    gemm_abt_block(b, (int) blockIdx.x, (int) blockIdx.y, n, m, d, xhat, d, ref, d, epi, smem);
}

extern "C" __global__ void helixff_kernel_energy(int n, int m, int zeta, double mu, const double* w,
        const double* norms, const double* k0, double* energies, double* coef) {
    DeviceBlock b{(int) blockDim.x};
    kernel_energy_block(b, (int) blockIdx.x, n, m, zeta, mu, w, norms, k0, energies, coef);
}

/** G = coef R; grid (ceil(n / 16), ceil(D / 16)), GEMM_THREADS threads, static shared memory. */
extern "C" __global__ void helixff_kernel_gradient(int n, int m, int d, const double* coef, const double* ref,
        double* g) {
    __shared__ double smem[GEMM_SMEM];
    DeviceBlock b{(int) blockDim.x};
    gemm_ab_block(b, (int) blockIdx.x, (int) blockIdx.y, n, d, m, coef, m, ref, d, g, d, smem);
}

extern "C" __global__ void helixff_kernel_project(int n, int d, const double* xhat, const double* norms,
        const double* g, double* dEdp) {
    DeviceBlock b{(int) blockDim.x};
    kernel_project_block(b, (int) blockIdx.x, n, d, xhat, norms, g, dEdp);
}

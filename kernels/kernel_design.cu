// HelixFF CUDA kernel: design-matrix blocks of a kernel model (training rows, force uncertainties).
// Launcher: org.helixff.compute.cuda.KernelDesignLauncher. CPU twin: CpuKernelEngine.designBlocks
// (formerly DesignRows.siteRows). Double precision throughout.
//
// Given |p_i|, x^_i and K0 = X^ R^T (from helixff_kernel_normalise / helixff_kernel_k0) and the full
// descriptor Jacobian J (3 rows of D per neighbour entry, row 3e + c = dp_{centre(e)} / dd_{e,c}):
//   helixff_design_site  kernel_it = K0_it^zeta, coef_it = zeta K0_it^(zeta-1) / |p_i|
//                        (both zero when |p_i| = 0)                                thread per centre
//   helixff_design_xj    xj_r = x^_{centre(r)} . J_r                                 thread per row
//   helixff_design_rows  out_rt = coef_{c(r) t} ((J R^T)_rt - K0_{c(r) t} xj_r)      tiled, 256 threads
// i.e. out_rt = d k(p_centre, p_t) / dd_{e,c}. Every sum runs over its index in increasing order.
// With cuBLAS (CudaKernelEngine), J R^T comes from cublasDgemm into out and
//   helixff_design_epilogue  out_rt = coef_{c(r) t} (out_rt - K0_{c(r) t} xj_r)     element-wise, coalesced
// applies the same formula in place.
#include "helixff_gemm.cuh"

HFF_HD inline double helixff_design_ipow(double x, int p) {
    double r = 1;
    for (int i = 0; i < p; ++i) {
        r *= x;
    }
    return r;
}

HFF_HD inline void design_site_one(int i, int m, int zeta, const double* norms, const double* k0, double* kernel,
        double* coef) {
    const double* kr = k0 + (long long) i * m;
    double* out = kernel + (long long) i * m;
    double* cr = coef + (long long) i * m;
    double norm = norms[i];
    if (!(norm > 0)) {
        for (int t = 0; t < m; ++t) {
            out[t] = 0.0;
            cr[t] = 0.0;
        }
        return;
    }
    for (int t = 0; t < m; ++t) {
        double km1 = helixff_design_ipow(kr[t], zeta - 1);
        out[t] = km1 * kr[t];
        cr[t] = zeta * km1 / norm;
    }
}

HFF_HD inline void design_xj_one(int r, int d, const int* entry_centre, const double* xhat, const double* jac,
        double* xj) {
    const double* x = xhat + (long long) entry_centre[r / 3] * d;
    const double* row = jac + (long long) r * d;
    double s = 0;
    for (int k = 0; k < d; ++k) {
        s += x[k] * row[k];
    }
    xj[r] = s;
}

/** out[r, t] = coef[c, t] (v - k0[c, t] xj[r]) with c the centre of row r. */
struct DesignEpilogue {
    int m;
    const int* entry_centre;
    const double* k0;
    const double* xj;
    const double* coef;
    double* out;
    HFF_HD void operator()(int r, int t, double v) const {
        long long c = (long long) entry_centre[r / 3] * m + t;
        out[(long long) r * m + t] = coef[c] * (v - k0[c] * xj[r]);
    }
};

template <class B>
HFF_HD void design_site_block(const B& b, int block, int n, int m, int zeta, const double* norms, const double* k0,
        double* kernel, double* coef) {
    b.phase([&](int t) {
        int i = block * b.nt + t;
        if (i < n) {
            design_site_one(i, m, zeta, norms, k0, kernel, coef);
        }
    });
}

template <class B>
HFF_HD void design_xj_block(const B& b, int block, int rows, int d, const int* entry_centre, const double* xhat,
        const double* jac, double* xj) {
    b.phase([&](int t) {
        int r = block * b.nt + t;
        if (r < rows) {
            design_xj_one(r, d, entry_centre, xhat, jac, xj);
        }
    });
}

extern "C" __global__ void helixff_design_site(int n, int m, int zeta, const double* norms, const double* k0,
        double* kernel, double* coef) {
    DeviceBlock b{(int) blockDim.x};
    design_site_block(b, (int) blockIdx.x, n, m, zeta, norms, k0, kernel, coef);
}

extern "C" __global__ void helixff_design_xj(int rows, int d, const int* entry_centre, const double* xhat,
        const double* jac, double* xj) {
    DeviceBlock b{(int) blockDim.x};
    design_xj_block(b, (int) blockIdx.x, rows, d, entry_centre, xhat, jac, xj);
}

/** grid (ceil(rows / 16), ceil(M / 16)), GEMM_THREADS threads, static shared memory. */
extern "C" __global__ void helixff_design_rows(int rows, int m, int d, const int* entry_centre, const double* jac,
        const double* ref, const double* k0, const double* xj, const double* coef, double* out) {
    __shared__ double smem[GEMM_SMEM];
    DeviceBlock b{(int) blockDim.x};
    DesignEpilogue epi{m, entry_centre, k0, xj, coef, out};
    gemm_abt_block(b, (int) blockIdx.x, (int) blockIdx.y, rows, m, d, jac, d, ref, d, epi, smem);
}

/** In place: out[r, t] = coef[c, t] (out[r, t] - k0[c, t] xj[r]) for elements block*nt + t, + grid*nt, ... */
template <class B>
HFF_HD void design_epilogue_block(const B& b, int block, int grid, long long total, int m, const int* entry_centre,
        const double* k0, const double* xj, const double* coef, double* out) {
    DesignEpilogue epi{m, entry_centre, k0, xj, coef, out};
    b.phase([&](int t) {
        for (long long idx = (long long) block * b.nt + t; idx < total; idx += (long long) grid * b.nt) {
            int r = (int) (idx / m);
            int col = (int) (idx - (long long) r * m);
            epi(r, col, out[idx]);
        }
    });
}

/** out = J R^T (rows x M, from cublasDgemm) on entry, d k / d d on exit; grid-stride over rows x M. */
extern "C" __global__ void helixff_design_epilogue(long long total, int m, const int* entry_centre, const double* k0,
        const double* xj, const double* coef, double* out) {
    DeviceBlock b{(int) blockDim.x};
    design_epilogue_block(b, (int) blockIdx.x, (int) gridDim.x, total, m, entry_centre, k0, xj, coef, out);
}

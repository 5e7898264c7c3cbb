package org.helixff.compute.cuda;

import jcuda.Pointer;

/**
 * Launches the entry points of kernels/kernel_eval.cu: normalisation, K0 = X^ R^T, site energies and
 * coefficients, G = coef R and the projection to dE/dp (normalise, energy and project as row tiles: 32 rows
 * per block of 256 threads, coalesced through shared memory). CPU twin:
 * {@code CpuKernelEngine.energiesAndGradients}. Call inside {@link CudaRuntime.Context#run}.
 */
final class KernelEvalLauncher {
    static final String MODULE = "kernel_eval";

    private final CudaRuntime.Context ctx;

    KernelEvalLauncher(CudaRuntime.Context ctx) {
        this.ctx = ctx;
    }

    private static Pointer i(int v) {
        return Pointer.to(new int[] {v});
    }

    /** |p_i| and x^_i for n centres of length d. */
    void normalise(int n, int d, DeviceBuffer p, DeviceBuffer xhat, DeviceBuffer norms) {
        ctx.launch(MODULE, "helixff_kernel_normalise", LaunchPlans.rowBlocks(n), 1, LaunchPlans.ROW_THREADS, 0, i(n), i(d), p.arg(), xhat.arg(), norms.arg());
    }

    /** K0 = X^ R^T (n x m). */
    void k0(int n, int m, int d, DeviceBuffer xhat, DeviceBuffer ref, DeviceBuffer k0) {
        ctx.launch(MODULE, "helixff_kernel_k0", LaunchPlans.gemmTiles(n), LaunchPlans.gemmTiles(m),
                LaunchPlans.GEMM_THREADS, 0, i(n), i(m), i(d), xhat.arg(), ref.arg(), k0.arg());
    }

    /** Site energies and coef = zeta w K0^(zeta-1). */
    void energy(int n, int m, int zeta, double mu, DeviceBuffer w, DeviceBuffer norms, DeviceBuffer k0,
            DeviceBuffer energies, DeviceBuffer coef) {
        ctx.launch(MODULE, "helixff_kernel_energy", LaunchPlans.rowBlocks(n), 1, LaunchPlans.ROW_THREADS, 0, i(n), i(m), i(zeta), Pointer.to(new double[] {mu}), w.arg(),
                norms.arg(), k0.arg(), energies.arg(), coef.arg());
    }

    /** G = coef R (n x d). */
    void gradient(int n, int m, int d, DeviceBuffer coef, DeviceBuffer ref, DeviceBuffer g) {
        ctx.launch(MODULE, "helixff_kernel_gradient", LaunchPlans.gemmTiles(n), LaunchPlans.gemmTiles(d),
                LaunchPlans.GEMM_THREADS, 0, i(n), i(m), i(d), coef.arg(), ref.arg(), g.arg());
    }

    /** dE/dp = (g - x^ (x^ . g)) / |p|. */
    void project(int n, int d, DeviceBuffer xhat, DeviceBuffer norms, DeviceBuffer g, DeviceBuffer dEdp) {
        ctx.launch(MODULE, "helixff_kernel_project", LaunchPlans.rowBlocks(n), 1, LaunchPlans.ROW_THREADS, 0, i(n), i(d), xhat.arg(), norms.arg(), g.arg(), dEdp.arg());
    }
}

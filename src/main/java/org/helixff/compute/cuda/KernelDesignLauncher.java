package org.helixff.compute.cuda;

import jcuda.Pointer;

/**
 * Launches the entry points of kernels/kernel_design.cu: kernel values and coefficients per centre,
 * x^ . J per Jacobian row, and the tiled product giving d k / d d per row. CPU twin:
 * {@code CpuKernelEngine.designBlocks}. Call inside {@link CudaRuntime.Context#run}, after
 * {@link KernelEvalLauncher#normalise} and {@link KernelEvalLauncher#k0}.
 */
final class KernelDesignLauncher {
    static final String MODULE = "kernel_design";

    private final CudaRuntime.Context ctx;

    KernelDesignLauncher(CudaRuntime.Context ctx) {
        this.ctx = ctx;
    }

    private static Pointer i(int v) {
        return Pointer.to(new int[] {v});
    }

    void site(int n, int m, int zeta, DeviceBuffer norms, DeviceBuffer k0, DeviceBuffer kernel, DeviceBuffer coef) {
        ctx.launch(MODULE, "helixff_design_site", LaunchPlans.elementwiseBlocks(n), 1, LaunchPlans.ELEMENTWISE_THREADS,
                0, i(n), i(m), i(zeta), norms.arg(), k0.arg(), kernel.arg(), coef.arg());
    }

    void xj(int rows, int d, DeviceBuffer entryCentre, DeviceBuffer xhat, DeviceBuffer jac, DeviceBuffer xj) {
        ctx.launch(MODULE, "helixff_design_xj", LaunchPlans.elementwiseBlocks(rows), 1,
                LaunchPlans.ELEMENTWISE_THREADS, 0, i(rows), i(d), entryCentre.arg(), xhat.arg(), jac.arg(), xj.arg());
    }

    void rows(int rows, int m, int d, DeviceBuffer entryCentre, DeviceBuffer jac, DeviceBuffer ref, DeviceBuffer k0,
            DeviceBuffer xj, DeviceBuffer coef, DeviceBuffer out) {
        ctx.launch(MODULE, "helixff_design_rows", LaunchPlans.gemmTiles(rows), LaunchPlans.gemmTiles(m),
                LaunchPlans.GEMM_THREADS, 0, i(rows), i(m), i(d), entryCentre.arg(), jac.arg(), ref.arg(), k0.arg(),
                xj.arg(), coef.arg(), out.arg());
    }

    /** out = J R^T on entry (from cuBLAS), d k / d d on exit: the rows formula element-wise, grid-stride. */
    void epilogue(int rows, int m, DeviceBuffer entryCentre, DeviceBuffer k0, DeviceBuffer xj, DeviceBuffer coef,
            DeviceBuffer out) {
        long total = (long) rows * m;
        ctx.launch(MODULE, "helixff_design_epilogue", LaunchPlans.epilogueBlocks(total), 1,
                LaunchPlans.ELEMENTWISE_THREADS, 0, Pointer.to(new long[] {total}), i(m), entryCentre.arg(), k0.arg(),
                xj.arg(), coef.arg(), out.arg());
    }
}

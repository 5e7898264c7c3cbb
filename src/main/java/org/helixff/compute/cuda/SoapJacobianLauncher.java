package org.helixff.compute.cuda;

import jcuda.Pointer;

/**
 * Launches {@code helixff_soap_jacobian} (kernels/soap_jacobian.cu): full descriptor Jacobians, one
 * block per pair inside r_c. CPU twin: {@code CpuSoapEngine.jacobian}. Call inside
 * {@link CudaRuntime.Context#run}.
 */
final class SoapJacobianLauncher {
    static final String MODULE = "soap_jacobian";
    static final String KERNEL = "helixff_soap_jacobian";

    private final CudaRuntime.Context ctx;

    SoapJacobianLauncher(CudaRuntime.Context ctx) {
        this.ctx = ctx;
    }

    /**
     * @param coef centres x Nmax (Lmax+1)^2 from {@link SoapCoefficientsLauncher}
     * @param grad entries x 3 x D, zeroed
     */
    void launch(SoapDims s, DeviceBuffer table, DeviceBuffer constants, PairBatch batch, DeviceBuffer pairCentre, DeviceBuffer geometry,
            DeviceBuffer pairEntry, DeviceBuffer coef, DeviceBuffer grad) {
        LaunchPlans.SoapPlan plan = LaunchPlans.jacobian(s.nmax(), s.lmax());
        ctx.launch(MODULE, KERNEL, batch.pairs, 1, plan.threads(), plan.sharedBytes(),
                Pointer.to(new int[] {s.nmax()}), Pointer.to(new int[] {s.lmax()}),
                Pointer.to(new int[] {s.intervals()}), Pointer.to(new double[] {s.invSpacing()}), table.arg(), constants.arg(),
                pairCentre.arg(), geometry.arg(), pairEntry.arg(), coef.arg(), grad.arg());
    }
}

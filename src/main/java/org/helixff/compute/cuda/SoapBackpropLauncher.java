package org.helixff.compute.cuda;

import jcuda.Pointer;

/**
 * Launches {@code helixff_soap_backprop} (kernels/soap_backprop.cu): the reverse-mode product dE/dp ->
 * dE/dd per entry, one block per centre. CPU twin: {@code CpuSoapEngine.backpropCenter}. Call inside
 * {@link CudaRuntime.Context#run}.
 */
final class SoapBackpropLauncher {
    static final String MODULE = "soap_backprop";
    static final String KERNEL = "helixff_soap_backprop";

    private final CudaRuntime.Context ctx;

    SoapBackpropLauncher(CudaRuntime.Context ctx) {
        this.ctx = ctx;
    }

    /**
     * @param lambda scratch, centres x Nmax (Lmax+1)^2
     * @param out    3 per list entry, zeroed
     */
    void launch(SoapDims s, DeviceBuffer table, DeviceBuffer constants, PairBatch batch, DeviceBuffer offsets, DeviceBuffer geometry,
            DeviceBuffer pairEntry, DeviceBuffer coef, DeviceBuffer dEdp, DeviceBuffer lambda, DeviceBuffer out) {
        LaunchPlans.SoapPlan plan = LaunchPlans.backprop(s.nmax(), s.lmax(), batch.maxPairs);
        ctx.launch(MODULE, KERNEL, batch.centers, 1, plan.threads(), plan.sharedBytes(),
                Pointer.to(new int[] {s.nmax()}), Pointer.to(new int[] {s.lmax()}),
                Pointer.to(new int[] {s.intervals()}), Pointer.to(new double[] {s.invSpacing()}), table.arg(), constants.arg(),
                offsets.arg(), geometry.arg(), pairEntry.arg(), Pointer.to(new int[] {plan.tile()}), coef.arg(),
                dEdp.arg(), lambda.arg(), out.arg());
    }
}

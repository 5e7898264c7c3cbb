package org.helixff.compute.cuda;

import jcuda.Pointer;

/**
 * Launches {@code helixff_soap_coefficients} (kernels/soap_coefficients.cu): expansion coefficients and
 * power spectra, one block per centre. CPU twin: {@code CpuSoapEngine.compute} (expandInto + power).
 * Call inside {@link CudaRuntime.Context#run}.
 */
final class SoapCoefficientsLauncher {
    static final String MODULE = "soap_coefficients";
    static final String KERNEL = "helixff_soap_coefficients";
    static final String CONSTANTS_KERNEL = "helixff_soap_constants";

    private final CudaRuntime.Context ctx;

    SoapCoefficientsLauncher(CudaRuntime.Context ctx) {
        this.ctx = ctx;
    }

    /**
     * @param coef   centres x Nmax (Lmax+1)^2, zeroed (accumulated)
     * @param values centres x D (written)
     */
    void launch(SoapDims s, DeviceBuffer table, DeviceBuffer constants, PairBatch batch, DeviceBuffer offsets, DeviceBuffer geometry,
            DeviceBuffer coef, DeviceBuffer values) {
        LaunchPlans.SoapPlan plan = LaunchPlans.coefficients(s.nmax(), s.lmax(), batch.maxPairs);
        ctx.launch(MODULE, KERNEL, batch.centers, 1, plan.threads(), plan.sharedBytes(),
                Pointer.to(new int[] {s.nmax()}), Pointer.to(new int[] {s.lmax()}),
                Pointer.to(new int[] {s.intervals()}), Pointer.to(new double[] {s.invSpacing()}), table.arg(), constants.arg(),
                offsets.arg(), geometry.arg(), Pointer.to(new int[] {plan.tile()}), coef.arg(), values.arg());
    }

    /** Writes the harmonic recurrence constants and power-spectrum weights (once per engine and context). */
    void constants(SoapDims s, DeviceBuffer out) {
        ctx.launch(MODULE, CONSTANTS_KERNEL, 1, 1, 1, 0, Pointer.to(new int[] {s.nmax()}),
                Pointer.to(new int[] {s.lmax()}), out.arg());
    }

    /** Doubles of the constants buffer (soap_constants_size in helixff_soap.cuh). */
    static int constantsSize(SoapDims s) {
        int lp = s.lmax() + 1;
        return 2 * lp + 2 * lp * lp;
    }
}

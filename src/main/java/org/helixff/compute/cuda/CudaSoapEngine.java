package org.helixff.compute.cuda;

import org.helixff.InvalidInputException;
import org.helixff.compute.Backend;
import org.helixff.compute.BackendUnavailableException;
import org.helixff.descriptor.CpuSoapEngine;
import org.helixff.descriptor.DescriptorEngine;
import org.helixff.descriptor.DescriptorGradients;
import org.helixff.descriptor.DescriptorSet;
import org.helixff.descriptor.RadialTable;
import org.helixff.descriptor.SoapParameters;
import org.helixff.neighbors.NeighborList;

/**
 * The SOAP power spectrum on an NVIDIA GPU: the same definitions, radial table (uploaded as is) and
 * harmonic recurrences as {@link CpuSoapEngine}, run by kernels/soap_coefficients.cu (values),
 * soap_backprop.cu (reverse mode) and soap_jacobian.cu (full Jacobians). Passes the same contract tests
 * as the CPU engine (CudaSoapEngineContractTest, skipped without a GPU); results differ from the CPU's
 * by round-off only (the GPU fuses multiply-adds; sums run in the same order).
 *
 * <p>Every call uploads its inputs (neighbour pairs inside r_c, compacted on the host; the radial table,
 * 595 KiB for the default parameters), launches, downloads and frees its device memory before
 * returning. Descriptor sets keep the coefficients on the host for {@link DescriptorSet#backpropagate}.
 * Calls are serialised on the one device context. Thread-safe.
 */
public final class CudaSoapEngine implements DescriptorEngine {
    private final SoapParameters params;
    private final SoapDims dims;
    private final double[] table;
    private final CudaRuntime.Context ctx;

    /**
     * @throws BackendUnavailableException when the CUDA probe failed (the message says why and how to fix it)
     */
    public CudaSoapEngine(SoapParameters p) {
        if (p == null) {
            throw new InvalidInputException("SOAP parameters must be given");
        }
        this.ctx = CudaRuntime.context();
        this.params = p;
        RadialTable t = RadialTable.of(p);
        this.dims = SoapDims.of(p, t);
        this.table = t.coefficients();
        // fail at construction (not at the first call) when the parameters do not fit the kernels
        LaunchPlans.coefficients(p.nmax(), p.lmax(), 1);
        LaunchPlans.backprop(p.nmax(), p.lmax(), 1);
        LaunchPlans.jacobian(p.nmax(), p.lmax());
    }

    /** Always {@link Backend#CUDA}. */
    public Backend backend() {
        return Backend.CUDA;
    }

    @Override
    public SoapParameters parameters() {
        return params;
    }

    @Override
    public DescriptorSet compute(NeighborList nl) {
        PairBatch b = PairBatch.of(nl, params.cutoff());
        double[] values = new double[b.centers * dims.length()];
        double[] coef = new double[b.centers * dims.coefficientCount()];
        if (b.centers > 0) {
            ctx.run(() -> {
                try (DeviceBuffer tab = DeviceBuffer.of("radial table", table);
                        DeviceBuffer off = DeviceBuffer.of("pair offsets", b.offsets);
                        DeviceBuffer geo = DeviceBuffer.of("pair geometry", b.geometry);
                        DeviceBuffer c = DeviceBuffer.zeros("coefficients", coef.length);
                        DeviceBuffer v = DeviceBuffer.doubles("descriptors", values.length)) {
                    new SoapCoefficientsLauncher(ctx).launch(dims, tab, b, off, geo, c, v);
                    c.download(coef);
                    v.download(values);
                }
                return null;
            });
        }
        return new CudaDescriptorSet(this, b, values, coef);
    }

    @Override
    public DescriptorGradients computeWithGradients(NeighborList nl) {
        PairBatch b = PairBatch.of(nl, params.cutoff());
        int dlen = dims.length();
        long size = 3L * b.entries * dlen;
        if (size > Integer.MAX_VALUE - 8) {
            throw new InvalidInputException("full descriptor Jacobian would hold " + size + " numbers ("
                    + b.entries + " entries x 3 x " + dlen + "); use compute(...).backpropagate instead");
        }
        double[] values = new double[b.centers * dlen];
        double[] grad = new double[(int) size];
        if (b.centers > 0) {
            ctx.run(() -> {
                try (DeviceBuffer tab = DeviceBuffer.of("radial table", table);
                        DeviceBuffer off = DeviceBuffer.of("pair offsets", b.offsets);
                        DeviceBuffer geo = DeviceBuffer.of("pair geometry", b.geometry);
                        DeviceBuffer pc = DeviceBuffer.of("pair centres", b.centre);
                        DeviceBuffer pe = DeviceBuffer.of("pair entries", b.entry);
                        DeviceBuffer c = DeviceBuffer.zeros("coefficients", (long) b.centers * dims.coefficientCount());
                        DeviceBuffer v = DeviceBuffer.doubles("descriptors", values.length);
                        DeviceBuffer g = DeviceBuffer.zeros("Jacobian", grad.length)) {
                    new SoapCoefficientsLauncher(ctx).launch(dims, tab, b, off, geo, c, v);
                    new SoapJacobianLauncher(ctx).launch(dims, tab, b, pc, geo, pe, c, g);
                    v.download(values);
                    g.download(grad);
                }
                return null;
            });
        }
        return new DescriptorGradients(b.centers, dlen, values, grad);
    }

    double[] backpropagate(PairBatch b, double[] coef, double[] dEdp) {
        double[] out = new double[3 * b.entries];
        if (b.centers == 0 || b.pairs == 0) {
            return out;
        }
        ctx.run(() -> {
            try (DeviceBuffer tab = DeviceBuffer.of("radial table", table);
                    DeviceBuffer off = DeviceBuffer.of("pair offsets", b.offsets);
                    DeviceBuffer geo = DeviceBuffer.of("pair geometry", b.geometry);
                    DeviceBuffer pe = DeviceBuffer.of("pair entries", b.entry);
                    DeviceBuffer c = DeviceBuffer.of("coefficients", coef);
                    DeviceBuffer g = DeviceBuffer.of("dE/dp", dEdp);
                    DeviceBuffer lam = DeviceBuffer.doubles("lambda", coef.length);
                    DeviceBuffer o = DeviceBuffer.zeros("entry gradients", out.length)) {
                new SoapBackpropLauncher(ctx).launch(dims, tab, b, off, geo, pe, c, g, lam, o);
                o.download(out);
            }
            return null;
        });
        return out;
    }
}

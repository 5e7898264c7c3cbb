package org.helixff.compute.cuda;

import java.util.function.Supplier;
import org.helixff.InvalidInputException;
import org.helixff.compute.Backend;
import org.helixff.compute.BackendUnavailableException;
import org.helixff.compute.cpu.CpuSoapEngine;
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
 * as the CPU engine (CudaSoapEngineContractTest, skipped without a GPU). The PTX is built without
 * fused multiply-adds and every sum runs in the CPU's order, so the results are meant to equal the CPU's
 * bit for bit (checked on the host build; on hardware by the self-check).
 *
 * <p>Device memory: the radial table and the recurrence constants (computed once by
 * {@code helixff_soap_constants}) stay resident per parameter set and context; pairs, coefficients and
 * outputs use the context's reusable scratch buffers; the coefficients and pairs of the last descriptor set
 * stay on the device, so its {@link DescriptorSet#backpropagate} uploads only dE/dp. Batches are split by
 * centres to fit the free memory, and again on out-of-memory ({@link Chunks}).
 *
 * <p>Faults: an engine made for AUTO ({@code cpuFallback}) continues on the CPU engine after a sticky GPU
 * fault or an unusable context (one log line for the process, {@link CudaRuntime#faultReason()}); an engine
 * made for an explicit CUDA request throws the {@link CudaDriverException}. Thread-safe (calls are
 * serialised on the device context).
 */
public final class CudaSoapEngine implements DescriptorEngine {
    private final SoapParameters params;
    private final SoapDims dims;
    private final double[] table;
    private final String residentKey;
    private final CudaRuntime.Context ctx;
    private final boolean cpuFallback;
    private volatile CpuSoapEngine cpu;

    /**
     * An engine for an explicit CUDA request (faults are thrown).
     *
     * @throws BackendUnavailableException when the CUDA probe failed (the message says why and how to fix it)
     */
    public CudaSoapEngine(SoapParameters p) {
        this(p, false);
    }

    /**
     * @param cpuFallback true for AUTO: continue on the CPU after a sticky GPU fault instead of throwing
     * @throws BackendUnavailableException when the CUDA probe failed (the message says why and how to fix it)
     */
    public CudaSoapEngine(SoapParameters p, boolean cpuFallback) {
        if (p == null) {
            throw new InvalidInputException("SOAP parameters must be given");
        }
        this.ctx = CudaRuntime.context();
        this.params = p;
        this.cpuFallback = cpuFallback;
        RadialTable t = RadialTable.of(p);
        this.dims = SoapDims.of(p, t);
        this.table = t.coefficients();
        this.residentKey = "soap " + p;
        // fail at construction (not at the first call) when the parameters do not fit the kernels
        LaunchPlans.coefficients(p.nmax(), p.lmax(), 1);
        LaunchPlans.backprop(p.nmax(), p.lmax(), 1);
        LaunchPlans.jacobian(p.nmax(), p.lmax());
    }

    /** Always {@link Backend#CUDA}. */
    public Backend backend() {
        return Backend.CUDA;
    }

    /** Whether this engine continues on the CPU after a GPU fault (made for AUTO). */
    public boolean cpuFallback() {
        return cpuFallback;
    }

    @Override
    public SoapParameters parameters() {
        return params;
    }

    private CpuSoapEngine cpu() {
        CpuSoapEngine c = cpu;
        if (c == null) {
            c = new CpuSoapEngine(params);
            cpu = c;
        }
        return c;
    }

    private <T> T guarded(Supplier<T> gpu, Supplier<T> onCpu) {
        return CudaRuntime.guarded(cpuFallback, gpu, onCpu);
    }

    /** The resident radial table (uploaded once per parameter set and context). */
    private DeviceBuffer table(DeviceMemory mem) {
        return mem.resident(residentKey + " table", () -> DeviceBuffer.of("radial table", table));
    }

    /** The resident recurrence constants (computed once on the device per parameter set and context). */
    private DeviceBuffer constants(DeviceMemory mem) {
        return mem.resident(residentKey + " constants", () -> {
            DeviceBuffer b = DeviceBuffer.doubles("SOAP constants", SoapCoefficientsLauncher.constantsSize(dims));
            try {
                new SoapCoefficientsLauncher(ctx).constants(dims, b);
            } catch (CudaDriverException e) {
                b.close();
                throw e;
            }
            return b;
        });
    }

    /** Device bytes per centre of a SOAP call (pairs, coefficients, outputs; Jacobian rows when asked). */
    private long bytesPerCentre(PairBatch b, boolean jacobian) {
        double pairsPerCentre = b.centers == 0 ? 0 : (double) b.pairs / b.centers;
        double entriesPerCentre = b.centers == 0 ? 0 : (double) b.entries / b.centers;
        double bytes = pairsPerCentre * (4 * 8 + 3 * 4) + 8.0 * (2 * dims.coefficientCount() + dims.length())
                + entriesPerCentre * 3 * 8 + 4;
        if (jacobian) {
            bytes += entriesPerCentre * 3 * 8 * dims.length();
        }
        return (long) Math.ceil(bytes);
    }

    private static final String OFFSETS = "soap pair offsets";
    private static final String GEOMETRY = "soap pair geometry";
    private static final String ENTRIES = "soap pair entries";
    private static final String COEFFICIENTS = "soap coefficients";

    @Override
    public DescriptorSet compute(NeighborList nl) {
        PairBatch b = PairBatch.of(nl, params.cutoff());
        return guarded(() -> computeOnGpu(nl, b), () -> cpu().compute(nl));
    }

    private DescriptorSet computeOnGpu(NeighborList nl, PairBatch b) {
        double[] values = new double[org.helixff.compute.KernelEngine.arrayLength("descriptors (centres x D)", b.centers,
                dims.length())];
        double[] coef = new double[org.helixff.compute.KernelEngine.arrayLength("SOAP coefficients (centres x Nmax (Lmax+1)^2)",
                b.centers, dims.coefficientCount())];
        Object token = new Object();
        if (b.centers > 0) {
            ctx.run(() -> {
                DeviceMemory mem = ctx.memory();
                DeviceBuffer tab = table(mem);
                DeviceBuffer con = constants(mem);
                int chunk = Chunks.fit(b.centers, bytesPerCentre(b, false), 0, ctx.freeBytes());
                int ncoef = dims.coefficientCount();
                int dlen = dims.length();
                int[] chunks = {0};
                Chunks.run(b.centers, chunk, "centres", mem::releaseScratch, (from, to) -> {
                    chunks[0]++;
                    PairBatch s = b.slice(from, to);
                    DeviceBuffer off = mem.ints(OFFSETS, s.centers + 1);
                    DeviceBuffer geo = mem.doubles(GEOMETRY, 4L * s.pairs);
                    DeviceBuffer ent = mem.ints(ENTRIES, s.pairs);
                    DeviceBuffer c = mem.doubles(COEFFICIENTS, (long) s.centers * ncoef);
                    DeviceBuffer v = mem.doubles("soap descriptors", (long) s.centers * dlen);
                    off.put(s.offsets, s.centers + 1);
                    geo.put(s.geometry, 4 * s.pairs);
                    ent.put(s.entry, s.pairs);
                    c.clear((long) s.centers * ncoef * Double.BYTES);
                    new SoapCoefficientsLauncher(ctx).launch(dims, tab, con, s, off, geo, c, v);
                    c.download(coef, from * ncoef, s.centers * ncoef);
                    v.download(values, from * dlen, s.centers * dlen);
                });
                if (chunks[0] == 1) { // the whole batch is on the device: the reverse mode reuses it
                    for (String slot : new String[] {OFFSETS, GEOMETRY, ENTRIES, COEFFICIENTS}) {
                        mem.own(slot, token);
                    }
                }
                return null;
            });
        }
        return new CudaDescriptorSet(this, nl, b, values, coef, token);
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
        return guarded(() -> gradientsOnGpu(b, (int) size), () -> cpu().computeWithGradients(nl));
    }

    private DescriptorGradients gradientsOnGpu(PairBatch b, int size) {
        int dlen = dims.length();
        double[] values = new double[b.centers * dlen];
        double[] grad = new double[size];
        if (b.centers > 0) {
            ctx.run(() -> {
                DeviceMemory mem = ctx.memory();
                DeviceBuffer tab = table(mem);
                DeviceBuffer con = constants(mem);
                int ncoef = dims.coefficientCount();
                int chunk = Chunks.fit(b.centers, bytesPerCentre(b, true), 0, ctx.freeBytes());
                Chunks.run(b.centers, chunk, "centres", mem::releaseScratch, (from, to) -> {
                    PairBatch s = b.slice(from, to);
                    DeviceBuffer off = mem.ints(OFFSETS, s.centers + 1);
                    DeviceBuffer geo = mem.doubles(GEOMETRY, 4L * s.pairs);
                    DeviceBuffer pe = mem.ints(ENTRIES, s.pairs);
                    DeviceBuffer pc = mem.ints("soap pair centres", s.pairs);
                    DeviceBuffer c = mem.doubles(COEFFICIENTS, (long) s.centers * ncoef);
                    DeviceBuffer v = mem.doubles("soap descriptors", (long) s.centers * dlen);
                    long rows = 3L * s.entries * dlen;
                    DeviceBuffer g = mem.doubles("soap Jacobian", rows);
                    off.put(s.offsets, s.centers + 1);
                    geo.put(s.geometry, 4 * s.pairs);
                    pe.put(s.entry, s.pairs);
                    pc.put(s.centre, s.pairs);
                    c.clear((long) s.centers * ncoef * Double.BYTES);
                    g.clear(rows * Double.BYTES);
                    new SoapCoefficientsLauncher(ctx).launch(dims, tab, con, s, off, geo, c, v);
                    new SoapJacobianLauncher(ctx).launch(dims, tab, con, s, pc, geo, pe, c, g);
                    v.download(values, from * dlen, s.centers * dlen);
                    g.download(grad, 3 * b.entryStart[from] * dlen, (int) rows);
                });
                return null;
            });
        }
        return new DescriptorGradients(b.centers, dlen, values, grad);
    }

    /** Reverse mode of a set made by this engine (the set's coefficients and pairs; dEdp centres x D). */
    double[] backpropagate(CudaDescriptorSet set, double[] dEdp) {
        return guarded(() -> backpropagateOnGpu(set, dEdp), () -> cpu().compute(set.neighbors()).backpropagate(dEdp));
    }

    private double[] backpropagateOnGpu(CudaDescriptorSet set, double[] dEdp) {
        PairBatch b = set.batch();
        double[] coef = set.coefficients();
        double[] out = new double[3 * b.entries];
        if (b.centers == 0 || b.pairs == 0) {
            return out;
        }
        ctx.run(() -> {
            DeviceMemory mem = ctx.memory();
            DeviceBuffer tab = table(mem);
            DeviceBuffer con = constants(mem);
            int ncoef = dims.coefficientCount();
            int dlen = dims.length();
            Object token = set.token();
            DeviceBuffer off0 = mem.ownedBy(OFFSETS, token);
            DeviceBuffer geo0 = mem.ownedBy(GEOMETRY, token);
            DeviceBuffer ent0 = mem.ownedBy(ENTRIES, token);
            DeviceBuffer c0 = mem.ownedBy(COEFFICIENTS, token);
            if (off0 != null && geo0 != null && ent0 != null && c0 != null) {
                // the set's pairs and coefficients are still on the device: upload dE/dp only
                DeviceBuffer g = mem.doubles("soap dE/dp", (long) b.centers * dlen);
                DeviceBuffer lam = mem.doubles("soap lambda", (long) b.centers * ncoef);
                DeviceBuffer o = mem.doubles("soap entry gradients", 3L * b.entries);
                g.put(dEdp, b.centers * dlen);
                o.clear(3L * b.entries * Double.BYTES);
                new SoapBackpropLauncher(ctx).launch(dims, tab, con, b, off0, geo0, ent0, c0, g, lam, o);
                o.download(out, 0, 3 * b.entries);
                return null;
            }
            long perCentre = bytesPerCentre(b, false) + 8L * (ncoef + dlen);
            int chunk = Chunks.fit(b.centers, perCentre, 0, ctx.freeBytes());
            Chunks.run(b.centers, chunk, "centres", mem::releaseScratch, (from, to) -> {
                PairBatch s = b.slice(from, to);
                DeviceBuffer off = mem.ints(OFFSETS, s.centers + 1);
                DeviceBuffer geo = mem.doubles(GEOMETRY, 4L * s.pairs);
                DeviceBuffer pe = mem.ints(ENTRIES, s.pairs);
                DeviceBuffer c = mem.doubles(COEFFICIENTS, (long) s.centers * ncoef);
                DeviceBuffer g = mem.doubles("soap dE/dp", (long) s.centers * dlen);
                DeviceBuffer lam = mem.doubles("soap lambda", (long) s.centers * ncoef);
                DeviceBuffer o = mem.doubles("soap entry gradients", 3L * s.entries);
                off.put(s.offsets, s.centers + 1);
                geo.put(s.geometry, 4 * s.pairs);
                pe.put(s.entry, s.pairs);
                putRange(c, coef, from * ncoef, s.centers * ncoef);
                putRange(g, dEdp, from * dlen, s.centers * dlen);
                o.clear(3L * s.entries * Double.BYTES);
                new SoapBackpropLauncher(ctx).launch(dims, tab, con, s, off, geo, pe, c, g, lam, o);
                o.download(out, 3 * b.entryStart[from], 3 * s.entries);
            });
            return null;
        });
        return out;
    }

    /** Uploads src[from, from + count) to the start of the buffer. */
    private static void putRange(DeviceBuffer dst, double[] src, int from, int count) {
        if (from == 0) {
            dst.put(src, count);
        } else {
            dst.put(java.util.Arrays.copyOfRange(src, from, from + count), count);
        }
    }
}

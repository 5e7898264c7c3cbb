package org.helixff.compute.cuda;

import java.util.function.Supplier;
import org.helixff.InvalidInputException;
import org.helixff.compute.ArraySizes;
import org.helixff.compute.Backend;
import org.helixff.compute.BackendUnavailableException;
import org.helixff.compute.DesignBlocks;
import org.helixff.compute.KernelEngine;
import org.helixff.compute.KernelSpec;
import org.helixff.compute.cpu.CpuKernelEngine;
import org.helixff.descriptor.DescriptorGradients;
import org.helixff.neighbors.NeighborList;

/**
 * Kernel products on an NVIDIA GPU (kernels/kernel_eval.cu, kernel_design.cu): normalisation, site energies,
 * projection and the design-row formula as small element-wise kernels; the three dense products
 * K0 = X^ R^T, G = coef R and J R^T through cuBLAS ({@code cublasDgemm}, {@link Cublas}) when its natives
 * load, else through the built-in tiled GEMM kernels, which sum in the CPU's order (bit-identical to
 * {@code compute.cpu.CpuKernelEngine} on the host build; cuBLAS differs by round-off).
 *
 * <p>References and weights stay on the device per {@link KernelSpec} ({@link KernelSpec#id()}) and context;
 * everything else uses the context's reusable scratch buffers. Batches are split by centres to fit the free
 * memory and again on out-of-memory ({@link Chunks}). An engine made for AUTO ({@code cpuFallback})
 * continues on the CPU engine after a sticky GPU fault; one for an explicit CUDA request throws. Thread-safe
 * (calls are serialised on the device context).
 */
public final class CudaKernelEngine implements KernelEngine {
    private final CudaRuntime.Context ctx;
    private final boolean cpuFallback;

    /**
     * An engine for an explicit CUDA request (faults are thrown).
     *
     * @throws BackendUnavailableException when the CUDA probe failed
     */
    public CudaKernelEngine() {
        this(false);
    }

    /**
     * @param cpuFallback true for AUTO: continue on the CPU after a sticky GPU fault instead of throwing
     * @throws BackendUnavailableException when the CUDA probe failed
     */
    public CudaKernelEngine(boolean cpuFallback) {
        this.ctx = CudaRuntime.context();
        this.cpuFallback = cpuFallback;
    }

    @Override
    public Backend backend() {
        return Backend.CUDA;
    }

    private <T> T guarded(Supplier<T> gpu, Supplier<T> onCpu) {
        return CudaRuntime.guarded(cpuFallback, gpu, onCpu);
    }

    private static DeviceBuffer references(DeviceMemory mem, KernelSpec spec) {
        return mem.resident("kernel references " + spec.id(), () -> DeviceBuffer.of("references", spec.referenceView()));
    }

    private static DeviceBuffer weights(DeviceMemory mem, KernelSpec spec) {
        return mem.resident("kernel weights " + spec.id(), () -> DeviceBuffer.of("weights", spec.weightsView()));
    }

    @Override
    public double[] energiesAndGradients(KernelSpec spec, double[] p, int n, double[] siteEnergies) {
        int d = spec.descriptorLength();
        if (p == null || p.length < (long) n * d || siteEnergies == null || siteEnergies.length < n) {
            throw new InvalidInputException("kernel evaluation: " + n + " centres of descriptor length " + d
                    + " do not fit the given arrays");
        }
        if (n == 0) {
            return new double[0];
        }
        return guarded(() -> energiesOnGpu(spec, p, n, siteEnergies),
                () -> CpuKernelEngine.INSTANCE.energiesAndGradients(spec, p, n, siteEnergies));
    }

    private double[] energiesOnGpu(KernelSpec spec, double[] p, int n, double[] siteEnergies) {
        int d = spec.descriptorLength();
        int m = spec.referenceCount();
        double[] dEdp = new double[KernelEngine.arrayLength("kernel dE/dp (centres x D)", n, d)];
        double[] energies = new double[n];
        ctx.run(() -> {
            DeviceMemory mem = ctx.memory();
            DeviceBuffer ref = references(mem, spec);
            DeviceBuffer w = weights(mem, spec);
            KernelEvalLauncher k = new KernelEvalLauncher(ctx);
            Cublas blas = ctx.blas();
            long perCentre = 8L * (4L * d + 2L * m + 2);
            int chunk = Chunks.fit(n, perCentre, 0, ctx.freeBytes());
            Chunks.run(n, chunk, "centres", mem::releaseScratch, (from, to) -> {
                int c = to - from;
                DeviceBuffer dp = mem.doubles("kernel descriptors", (long) c * d);
                DeviceBuffer xhat = mem.doubles("kernel normalised descriptors", (long) c * d);
                DeviceBuffer norms = mem.doubles("kernel norms", c);
                DeviceBuffer k0 = mem.doubles("kernel K0", (long) c * m);
                DeviceBuffer e = mem.doubles("kernel site energies", c);
                DeviceBuffer coef = mem.doubles("kernel coefficients", (long) c * m);
                DeviceBuffer g = mem.doubles("kernel dE/dx^", (long) c * d);
                DeviceBuffer out = mem.doubles("kernel dE/dp", (long) c * d);
                dp.put(from == 0 ? p : java.util.Arrays.copyOfRange(p, from * d, to * d), c * d);
                k.normalise(c, d, dp, xhat, norms);
                if (blas != null) {
                    blas.abt(c, m, d, xhat, ref, k0);
                } else {
                    k.k0(c, m, d, xhat, ref, k0);
                }
                k.energy(c, m, spec.zeta(), spec.energyOffset(), w, norms, k0, e, coef);
                if (blas != null) {
                    blas.ab(c, d, m, coef, ref, g);
                } else {
                    k.gradient(c, m, d, coef, ref, g);
                }
                k.project(c, d, xhat, norms, g, out);
                e.download(energies, from, c);
                out.download(dEdp, from * d, c * d);
            });
            return null;
        });
        System.arraycopy(energies, 0, siteEnergies, 0, n);
        return dEdp;
    }

    @Override
    public DesignBlocks designBlocks(KernelSpec spec, DescriptorGradients dg, NeighborList nl) {
        KernelEngine.checkDesignInputs(spec, dg, nl);
        int n = nl.centers();
        if (n == 0) {
            return new DesignBlocks(new double[0], new double[KernelEngine.arrayLength("design blocks (3 entries x M)",
                    3L * nl.entries(), spec.referenceCount())]);
        }
        return guarded(() -> designOnGpu(spec, dg, nl), () -> CpuKernelEngine.INSTANCE.designBlocks(spec, dg, nl));
    }

    private DesignBlocks designOnGpu(KernelSpec spec, DescriptorGradients dg, NeighborList nl) {
        int n = nl.centers();
        int m = spec.referenceCount();
        int d = spec.descriptorLength();
        int entries = nl.entries();
        long rowsAll = 3L * entries;
        double[] kernel = new double[KernelEngine.arrayLength("design kernel values (centres x M)", n, m)];
        double[] entryGrad = new double[KernelEngine.arrayLength("design blocks (3 entries x M)", rowsAll, m)];
        double[] values = dg.rawValues();
        double[] jacobian = dg.rawGradients();
        ctx.run(() -> {
            DeviceMemory mem = ctx.memory();
            DeviceBuffer ref = references(mem, spec);
            KernelEvalLauncher k = new KernelEvalLauncher(ctx);
            KernelDesignLauncher ds = new KernelDesignLauncher(ctx);
            Cublas blas = ctx.blas();
            double rowsPerCentre = (double) rowsAll / n;
            long perCentre = (long) Math.ceil(8.0 * (2L * d + 3L * m + 1) + rowsPerCentre * 8.0 * (d + m + 1) + 4);
            int chunk = Chunks.fit(n, perCentre, 0, ctx.freeBytes());
            Chunks.run(n, chunk, "centres", mem::releaseScratch, (from, to) -> {
                int c = to - from;
                int e0 = nl.start(from);
                int e1 = nl.end(to - 1);
                int rows = 3 * (e1 - e0);
                int[] entryCentre = new int[Math.max(e1 - e0, 1)];
                for (int i = from; i < to; i++) {
                    for (int e = nl.start(i); e < nl.end(i); e++) {
                        entryCentre[e - e0] = i - from;
                    }
                }
                DeviceBuffer dp = mem.doubles("design descriptors", (long) c * d);
                DeviceBuffer jac = mem.doubles("design Jacobian", (long) rows * d);
                DeviceBuffer ec = mem.ints("design entry centres", entryCentre.length);
                DeviceBuffer xhat = mem.doubles("design normalised descriptors", (long) c * d);
                DeviceBuffer norms = mem.doubles("design norms", c);
                DeviceBuffer k0 = mem.doubles("design K0", (long) c * m);
                DeviceBuffer kv = mem.doubles("design kernel values", (long) c * m);
                DeviceBuffer coef = mem.doubles("design coefficients", (long) c * m);
                DeviceBuffer xj = mem.doubles("design x^ . J", Math.max(rows, 1));
                DeviceBuffer out = mem.doubles("design entry gradients", (long) Math.max(rows, 1) * m);
                dp.put(from == 0 ? values : java.util.Arrays.copyOfRange(values, from * d, to * d), c * d);
                if (rows > 0) {
                    int j0 = 3 * e0 * d; // < the Jacobian's length, an int
                    jac.put(e0 == 0 ? jacobian : java.util.Arrays.copyOfRange(jacobian, j0, j0 + rows * d), rows * d);
                }
                ec.put(entryCentre, entryCentre.length);
                k.normalise(c, d, dp, xhat, norms);
                if (blas != null) {
                    blas.abt(c, m, d, xhat, ref, k0);
                } else {
                    k.k0(c, m, d, xhat, ref, k0);
                }
                ds.site(c, m, spec.zeta(), norms, k0, kv, coef);
                if (rows > 0) {
                    ds.xj(rows, d, ec, xhat, jac, xj);
                    if (blas != null) {
                        blas.abt(rows, m, d, jac, ref, out);
                        ds.epilogue(rows, m, ec, k0, xj, coef, out);
                    } else {
                        ds.rows(rows, m, d, ec, jac, ref, k0, xj, coef, out);
                    }
                    out.download(entryGrad, 3 * e0 * m, rows * m);
                }
                kv.download(kernel, from * m, c * m);
            });
            return null;
        });
        return new DesignBlocks(kernel, entryGrad);
    }
}

package org.helixff.compute.cuda;

import org.helixff.InvalidInputException;
import org.helixff.compute.ArraySizes;
import org.helixff.compute.Backend;
import org.helixff.compute.BackendUnavailableException;
import org.helixff.compute.DesignBlocks;
import org.helixff.compute.KernelEngine;
import org.helixff.compute.KernelSpec;
import org.helixff.descriptor.DescriptorGradients;
import org.helixff.neighbors.NeighborList;

/**
 * Kernel products on an NVIDIA GPU (kernels/kernel_eval.cu, kernel_design.cu): the same operations in
 * the same summation order as {@code compute.cpu.CpuKernelEngine}, tiled dense products for X^ R^T,
 * coef R and J R^T. Every call uploads descriptors and references, launches, downloads and frees.
 * Thread-safe (calls are serialised on the device context).
 */
public final class CudaKernelEngine implements KernelEngine {
    private final CudaRuntime.Context ctx;

    /**
     * @throws BackendUnavailableException when the CUDA probe failed
     */
    public CudaKernelEngine() {
        this.ctx = CudaRuntime.context();
    }

    @Override
    public Backend backend() {
        return Backend.CUDA;
    }

    @Override
    public double[] energiesAndGradients(KernelSpec spec, double[] p, int n, double[] siteEnergies) {
        int d = spec.descriptorLength();
        int m = spec.referenceCount();
        if (p == null || p.length < (long) n * d || siteEnergies == null || siteEnergies.length < n) {
            throw new InvalidInputException("kernel evaluation: " + n + " centres of descriptor length " + d
                    + " do not fit the given arrays");
        }
        double[] dEdp = new double[ArraySizes.product("descriptor gradients", n, d)];
        if (n == 0) {
            return dEdp;
        }
        double[] energies = new double[n];
        double[] pn = p.length == dEdp.length ? p : java.util.Arrays.copyOf(p, dEdp.length);
        ctx.run(() -> {
            KernelEvalLauncher k = new KernelEvalLauncher(ctx);
            try (DeviceBuffer dp = DeviceBuffer.of("descriptors", pn);
                    DeviceBuffer ref = DeviceBuffer.of("references", spec.referenceView());
                    DeviceBuffer w = DeviceBuffer.of("weights", spec.weightsView());
                    DeviceBuffer xhat = DeviceBuffer.doubles("normalised descriptors", (long) n * d);
                    DeviceBuffer norms = DeviceBuffer.doubles("norms", n);
                    DeviceBuffer k0 = DeviceBuffer.doubles("K0", (long) n * m);
                    DeviceBuffer e = DeviceBuffer.doubles("site energies", n);
                    DeviceBuffer coef = DeviceBuffer.doubles("kernel coefficients", (long) n * m);
                    DeviceBuffer g = DeviceBuffer.doubles("dE/dx^", (long) n * d);
                    DeviceBuffer out = DeviceBuffer.doubles("dE/dp", (long) n * d)) {
                k.normalise(n, d, dp, xhat, norms);
                k.k0(n, m, d, xhat, ref, k0);
                k.energy(n, m, spec.zeta(), spec.energyOffset(), w, norms, k0, e, coef);
                k.gradient(n, m, d, coef, ref, g);
                k.project(n, d, xhat, norms, g, out);
                e.download(energies);
                out.download(dEdp);
            }
            return null;
        });
        System.arraycopy(energies, 0, siteEnergies, 0, n);
        return dEdp;
    }

    @Override
    public DesignBlocks designBlocks(KernelSpec spec, DescriptorGradients dg, NeighborList nl) {
        int n = nl.centers();
        int m = spec.referenceCount();
        int d = spec.descriptorLength();
        KernelEngine.checkDesignInputs(spec, dg, nl);
        int entries = nl.entries();
        int rows = ArraySizes.product("design rows", 3, entries);
        double[] kernel = new double[ArraySizes.product("kernel block", n, m)];
        double[] entryGrad = new double[ArraySizes.product("kernel gradient block", rows, m)];
        if (n == 0) {
            return new DesignBlocks(kernel, entryGrad);
        }
        int[] entryCentre = new int[Math.max(entries, 1)];
        for (int i = 0; i < n; i++) {
            for (int e = nl.start(i); e < nl.end(i); e++) {
                entryCentre[e] = i;
            }
        }
        ctx.run(() -> {
            KernelEvalLauncher k = new KernelEvalLauncher(ctx);
            KernelDesignLauncher ds = new KernelDesignLauncher(ctx);
            try (DeviceBuffer dp = DeviceBuffer.of("descriptors", dg.rawValues());
                    DeviceBuffer jac = DeviceBuffer.of("Jacobian", dg.rawGradients());
                    DeviceBuffer ec = DeviceBuffer.of("entry centres", entryCentre);
                    DeviceBuffer ref = DeviceBuffer.of("references", spec.referenceView());
                    DeviceBuffer xhat = DeviceBuffer.doubles("normalised descriptors", (long) n * d);
                    DeviceBuffer norms = DeviceBuffer.doubles("norms", n);
                    DeviceBuffer k0 = DeviceBuffer.doubles("K0", (long) n * m);
                    DeviceBuffer kv = DeviceBuffer.doubles("kernel values", (long) n * m);
                    DeviceBuffer coef = DeviceBuffer.doubles("kernel coefficients", (long) n * m);
                    DeviceBuffer xj = DeviceBuffer.doubles("x^ . J", rows);
                    DeviceBuffer out = DeviceBuffer.doubles("entry kernel gradients", (long) rows * m)) {
                k.normalise(n, d, dp, xhat, norms);
                k.k0(n, m, d, xhat, ref, k0);
                ds.site(n, m, spec.zeta(), norms, k0, kv, coef);
                if (rows > 0) {
                    ds.xj(rows, d, ec, xhat, jac, xj);
                    ds.rows(rows, m, d, ec, jac, ref, k0, xj, coef, out);
                    out.download(entryGrad);
                }
                kv.download(kernel);
            }
            return null;
        });
        return new DesignBlocks(kernel, entryGrad);
    }
}

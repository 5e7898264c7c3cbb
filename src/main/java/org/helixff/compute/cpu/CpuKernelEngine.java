package org.helixff.compute.cpu;

import java.util.stream.IntStream;
import org.helixff.InvalidInputException;
import org.helixff.compute.Backend;
import org.helixff.compute.DesignBlocks;
import org.helixff.compute.KernelEngine;
import org.helixff.compute.KernelSpec;
import org.helixff.descriptor.DescriptorGradients;
import org.helixff.neighbors.NeighborList;

/**
 * The reference {@link KernelEngine}: plain Java loops over flat arrays ({@link CpuGemm}), parallel over
 * fixed blocks of centres, so results do not depend on the thread count. This is the arithmetic
 * {@code model.KernelEvaluator} and {@code model.DesignRows} always used (moved here unchanged, bit for
 * bit). CUDA twin: {@code compute.cuda.CudaKernelEngine} (kernels/kernel_eval.cu, kernel_design.cu).
 * Stateless and thread-safe.
 */
public final class CpuKernelEngine implements KernelEngine {
    /** The engine (stateless). */
    public static final CpuKernelEngine INSTANCE = new CpuKernelEngine();

    /** Centres per parallel block (fixed: results do not depend on the thread count). */
    private static final int BLOCK = 32;

    private CpuKernelEngine() {
    }

    @Override
    public Backend backend() {
        return Backend.CPU;
    }

    @Override
    public double[] energiesAndGradients(KernelSpec spec, double[] p, int n, double[] siteEnergies) {
        int d = spec.descriptorLength();
        int m = spec.referenceCount();
        if (p == null || p.length < (long) n * d || siteEnergies == null || siteEnergies.length < n) {
            throw new InvalidInputException("kernel evaluation: " + n + " centres of descriptor length " + d
                    + " do not fit the given arrays");
        }
        double[] dEdp = new double[n * d];
        double[] ref = spec.referenceView();
        double[] w = spec.weightsView();
        double mu = spec.energyOffset();
        int zeta = spec.zeta();
        int blocks = (n + BLOCK - 1) / BLOCK;
        IntStream range = IntStream.range(0, blocks);
        if (blocks > 1) {
            range = range.parallel();
        }
        range.forEach(b -> {
            int lo = b * BLOCK;
            int cnt = Math.min(BLOCK, n - lo);
            double[] xhat = new double[cnt * d];
            double[] norms = new double[cnt];
            for (int i = 0; i < cnt; i++) {
                double n2 = 0;
                for (int k = 0; k < d; k++) {
                    double v = p[(lo + i) * d + k];
                    n2 += v * v;
                }
                double nn = Math.sqrt(n2);
                norms[i] = nn;
                if (nn > 0) {
                    for (int k = 0; k < d; k++) {
                        xhat[i * d + k] = p[(lo + i) * d + k] / nn;
                    }
                }
            }
            double[] k0 = new double[cnt * m];
            CpuGemm.multTransB(xhat, 0, cnt, ref, m, d, k0, 0);
            double[] coef = new double[cnt * m];
            for (int i = 0; i < cnt; i++) {
                double e = mu;
                if (norms[i] > 0) {
                    for (int t = 0; t < m; t++) {
                        double kk = k0[i * m + t];
                        double km1 = CpuGemm.ipow(kk, zeta - 1);
                        e += w[t] * km1 * kk;
                        coef[i * m + t] = w[t] * zeta * km1;
                    }
                }
                siteEnergies[lo + i] = e;
            }
            double[] g = new double[cnt * d];
            CpuGemm.mult(coef, 0, cnt, ref, m, d, g, 0);
            for (int i = 0; i < cnt; i++) {
                if (!(norms[i] > 0)) {
                    continue;
                }
                double dot = 0;
                for (int k = 0; k < d; k++) {
                    dot += xhat[i * d + k] * g[i * d + k];
                }
                double inv = 1 / norms[i];
                for (int k = 0; k < d; k++) {
                    dEdp[(lo + i) * d + k] = (g[i * d + k] - xhat[i * d + k] * dot) * inv;
                }
            }
        });
        return dEdp;
    }

    @Override
    public DesignBlocks designBlocks(KernelSpec spec, DescriptorGradients dg, NeighborList nl) {
        int n = nl.centers();
        int m = spec.referenceCount();
        int d = spec.descriptorLength();
        if (dg.centers() != n || dg.length() != d || dg.entries() != nl.entries()) {
            throw new InvalidInputException("design blocks: gradients of " + dg.centers() + " centres x D = "
                    + dg.length() + " (" + dg.entries() + " entries) do not match the list (" + n + " centres, "
                    + nl.entries() + " entries) and D = " + d);
        }
        int zeta = spec.zeta();
        double[] ref = spec.referenceView();
        double[] p = dg.rawValues();
        double[] jac = dg.rawGradients();
        double[] kernel = new double[n * m];
        double[] entryGrad = new double[3 * nl.entries() * m];
        IntStream range = IntStream.range(0, n);
        if (n > 1) {
            range = range.parallel();
        }
        range.forEach(i -> {
            double n2 = 0;
            for (int k = 0; k < d; k++) {
                n2 += p[i * d + k] * p[i * d + k];
            }
            double norm = Math.sqrt(n2);
            if (!(norm > 0)) {
                return; // all-zero descriptor: k = 0 and no gradient
            }
            double[] xhat = new double[d];
            for (int k = 0; k < d; k++) {
                xhat[k] = p[i * d + k] / norm;
            }
            double[] k0 = new double[m];
            CpuGemm.multTransB(xhat, 0, 1, ref, m, d, k0, 0);
            double[] coef = new double[m];
            for (int t = 0; t < m; t++) {
                double km1 = CpuGemm.ipow(k0[t], zeta - 1);
                kernel[i * m + t] = km1 * k0[t];
                coef[t] = zeta * km1 / norm;
            }
            int e0 = nl.start(i);
            int rowsHere = 3 * nl.count(i);
            if (rowsHere == 0) {
                return;
            }
            // C = J R^T: (3 n_e) x M, J rows are dp/dd_ec (D each)
            double[] cm = new double[rowsHere * m];
            CpuGemm.multTransB(jac, dg.gradientOffset(e0, 0), rowsHere, ref, m, d, cm, 0);
            for (int r = 0; r < rowsHere; r++) {
                int jo = dg.gradientOffset(e0, 0) + r * d;
                double xj = 0;
                for (int k = 0; k < d; k++) {
                    xj += xhat[k] * jac[jo + k];
                }
                int out = (3 * e0 + r) * m;
                for (int t = 0; t < m; t++) {
                    entryGrad[out + t] = coef[t] * (cm[r * m + t] - k0[t] * xj);
                }
            }
        });
        return new DesignBlocks(kernel, entryGrad);
    }
}

package org.helixff.compute.cpu;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.stream.IntStream;
import org.helixff.InvalidInputException;
import org.helixff.compute.ArraySizes;
import org.helixff.compute.Backend;
import org.helixff.compute.DesignBlocks;
import org.helixff.compute.KernelEngine;
import org.helixff.compute.KernelSpec;
import org.helixff.descriptor.DescriptorGradients;
import org.helixff.neighbors.NeighborList;

/**
 * The reference {@link KernelEngine}: plain Java loops ({@link CpuGemm}), parallel over fixed blocks of
 * centres, so results do not depend on the thread count. The products are blocked and vectorisable but keep
 * every sum in the order of the plain loops {@code model.KernelEvaluator} and {@code model.DesignRows} always
 * used, so the numbers are those of the original code, bit for bit. CUDA twin: {@code compute.cuda.CudaKernelEngine} (kernels/kernel_eval.cu, kernel_design.cu).
 * Thread-safe; the reference layouts of each spec are built once and cached weakly.
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

    /**
     * The references of a spec in the two layouts of the blocked products: rows (M x D, for g = coef R) and
     * transposed rows (D x M, for K0 = X^ R^T). Built once per spec (2 M D doubles) and cached weakly: a spec that
     * is no longer used releases its layout.
     */
    private record Layout(double[][] rows, double[][] cols) {
    }

    private static final Map<KernelSpec, Layout> LAYOUTS = Collections.synchronizedMap(new WeakHashMap<>());

    private static Layout layout(KernelSpec spec) {
        Layout l = LAYOUTS.get(spec);
        if (l == null) {
            int m = spec.referenceCount();
            int d = spec.descriptorLength();
            double[] ref = spec.referenceView();
            l = new Layout(CpuGemm.rows(ref, m, d), CpuGemm.transposedRows(ref, m, d));
            LAYOUTS.put(spec, l);
        }
        return l;
    }

    /** Work arrays of one thread (no allocation per block after the first call with given sizes). */
    private static final class Scratch {
        int m = -1;
        int d = -1;
        double[] xhat;
        double[] norms;
        double[][] k0;
        double[][] coef;
        double[][] g;
        double[][] cm = new double[0][];

        void ensure(int mm, int dd) {
            if (mm != m || dd != d) {
                m = mm;
                d = dd;
                xhat = new double[BLOCK * dd];
                norms = new double[BLOCK];
                k0 = new double[BLOCK][mm];
                coef = new double[BLOCK][mm];
                g = new double[BLOCK][dd];
                cm = new double[0][];
            }
        }

        double[][] cm(int rows) {
            if (cm.length < rows) {
                double[][] c = new double[Math.max(rows, cm.length + cm.length / 2)][];
                for (int r = 0; r < c.length; r++) {
                    c[r] = r < cm.length ? cm[r] : new double[m];
                }
                cm = c;
            }
            return cm;
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /**
     * {@inheritDoc}
     *
     * <p>Blocks of {@value #BLOCK} centres: K0 = X^ R^T and g = coef R by the blocked, vectorisable products of
     * {@link CpuGemm#multTransBRows} and {@link CpuGemm#multRows}; every number is the same sum in the same order as
     * the plain loops of {@link CpuGemm#multTransB} / {@link CpuGemm#mult}, so the results are bit-identical to them
     * (and to the CUDA kernels' summation order).
     */
    @Override
    public double[] energiesAndGradients(KernelSpec spec, double[] p, int n, double[] siteEnergies) {
        int d = spec.descriptorLength();
        int m = spec.referenceCount();
        if (p == null || p.length < (long) n * d || siteEnergies == null || siteEnergies.length < n) {
            throw new InvalidInputException("kernel evaluation: " + n + " centres of descriptor length " + d
                    + " do not fit the given arrays");
        }
        double[] dEdp = new double[KernelEngine.arrayLength("kernel dE/dp (centres x D)", n, d)];
        Layout lay = layout(spec);
        double[] w = spec.weightsView();
        double mu = spec.energyOffset();
        int zeta = spec.zeta();
        int blocks = (n + BLOCK - 1) / BLOCK;
        IntStream range = IntStream.range(0, blocks);
        if (blocks > 1) {
            range = range.parallel();
        }
        range.forEach(b -> {
            Scratch sc = SCRATCH.get();
            sc.ensure(m, d);
            int lo = b * BLOCK;
            int cnt = Math.min(BLOCK, n - lo);
            double[] xhat = sc.xhat;
            double[] norms = sc.norms;
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
                } else {
                    java.util.Arrays.fill(xhat, i * d, (i + 1) * d, 0.0);
                }
            }
            double[][] k0 = sc.k0;
            CpuGemm.multTransBRows(xhat, 0, cnt, d, lay.cols(), m, k0);
            double[][] coef = sc.coef;
            for (int i = 0; i < cnt; i++) {
                double e = mu;
                double[] ki = k0[i];
                double[] ci = coef[i];
                if (norms[i] > 0) {
                    for (int t = 0; t < m; t++) {
                        double kk = ki[t];
                        double km1 = CpuGemm.ipow(kk, zeta - 1);
                        e += w[t] * km1 * kk;
                        ci[t] = w[t] * zeta * km1;
                    }
                } else {
                    java.util.Arrays.fill(ci, 0, m, 0.0);
                }
                siteEnergies[lo + i] = e;
            }
            double[][] g = sc.g;
            CpuGemm.multRows(coef, cnt, lay.rows(), m, d, g);
            for (int i = 0; i < cnt; i++) {
                if (!(norms[i] > 0)) {
                    continue;
                }
                double[] gi = g[i];
                double dot = 0;
                for (int k = 0; k < d; k++) {
                    dot += xhat[i * d + k] * gi[k];
                }
                double inv = 1 / norms[i];
                for (int k = 0; k < d; k++) {
                    dEdp[(lo + i) * d + k] = (gi[k] - xhat[i * d + k] * dot) * inv;
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
        KernelEngine.checkDesignInputs(spec, dg, nl);
        int zeta = spec.zeta();
        Layout lay = layout(spec);
        double[] p = dg.rawValues();
        double[] jac = dg.rawGradients();
        double[] kernel = new double[KernelEngine.arrayLength("design kernel values (centres x M)", n, m)];
        double[] entryGrad = new double[KernelEngine.arrayLength("design blocks (3 entries x M)", 3L * nl.entries(), m)];
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
            Scratch sc = SCRATCH.get();
            sc.ensure(m, d);
            double[] xhat = new double[d];
            for (int k = 0; k < d; k++) {
                xhat[k] = p[i * d + k] / norm;
            }
            double[][] k0rows = sc.k0;
            CpuGemm.multTransBRows(xhat, 0, 1, d, lay.cols(), m, k0rows);
            double[] k0 = k0rows[0];
            double[] coef = sc.coef[0];
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
            double[][] cm = sc.cm(rowsHere);
            CpuGemm.multTransBRows(jac, dg.gradientOffset(e0, 0), rowsHere, d, lay.cols(), m, cm);
            for (int r = 0; r < rowsHere; r++) {
                int jo = dg.gradientOffset(e0, 0) + r * d;
                double xj = 0;
                for (int k = 0; k < d; k++) {
                    xj += xhat[k] * jac[jo + k];
                }
                int out = (3 * e0 + r) * m;
                double[] cr = cm[r];
                for (int t = 0; t < m; t++) {
                    entryGrad[out + t] = coef[t] * (cr[t] - k0[t] * xj);
                }
            }
        });
        return new DesignBlocks(kernel, entryGrad);
    }
}

package org.helixff.model;

import java.util.stream.IntStream;
import org.helixff.InvalidInputException;
import org.helixff.calculator.SiteModel;
import org.helixff.descriptor.DescriptorEngine;
import org.helixff.descriptor.DescriptorSet;
import org.helixff.neighbors.NeighborList;

/**
 * Evaluates a {@link KernelModel} on a neighbour list: descriptors, the kernel products and the
 * reverse-mode forces. For n centres: K0 = X^ R^T (n x M, X^ the normalised descriptors), site energy
 * mu + sum_t w_t K0^zeta, dE/dx^ = (zeta w K0^(zeta-1)) R (n x D), dE/dp = (dE/dx^ - x^ (x^ . dE/dx^))/|p|,
 * then the descriptor engine turns dE/dp into per-entry gradients. Cost per atom ~ 2 M D + the
 * descriptor cost; nothing scales with D x neighbours.
 */
public final class KernelEvaluator implements SiteModel {
    /** Centres per parallel block (fixed: results do not depend on the thread count). */
    private static final int BLOCK = 32;

    private final KernelModel model;
    private final DescriptorEngine engine;

    /**
     * @throws InvalidInputException when the engine's parameters differ from the model's
     */
    public KernelEvaluator(KernelModel model, DescriptorEngine engine) {
        if (!engine.parameters().equals(model.soap())) {
            throw new InvalidInputException("descriptor engine parameters " + engine.parameters().hash()
                    + " differ from the model's " + model.soap().hash());
        }
        this.model = model;
        this.engine = engine;
    }

    public KernelModel model() {
        return model;
    }

    public DescriptorEngine engine() {
        return engine;
    }

    @Override
    public double cutoff() {
        return model.soap().cutoff();
    }

    @Override
    public String name() {
        Object name = model.metadata().get("name");
        return name == null ? "kernel-model" : name.toString();
    }

    @Override
    public void evaluate(NeighborList nl, double[] siteEnergies, double[] entryGradient) {
        DescriptorSet set = engine.compute(nl);
        int n = set.centers();
        int d = model.descriptorLength();
        int m = model.referenceCount();
        double[] p = set.values();
        double[] dEdp = new double[n * d];
        double[] ref = model.referenceView();
        double[] w = model.weightsView();
        double mu = model.energyOffset();
        int zeta = model.zeta();
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
            KernelMath.multTransB(xhat, 0, cnt, ref, m, d, k0, 0);
            double[] coef = new double[cnt * m];
            for (int i = 0; i < cnt; i++) {
                double e = mu;
                if (norms[i] > 0) {
                    for (int t = 0; t < m; t++) {
                        double kk = k0[i * m + t];
                        double km1 = KernelMath.ipow(kk, zeta - 1);
                        e += w[t] * km1 * kk;
                        coef[i * m + t] = w[t] * zeta * km1;
                    }
                }
                siteEnergies[lo + i] = e;
            }
            double[] g = new double[cnt * d];
            KernelMath.mult(coef, 0, cnt, ref, m, d, g, 0);
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
        double[] grad = set.backpropagate(dEdp);
        System.arraycopy(grad, 0, entryGradient, 0, grad.length);
    }
}

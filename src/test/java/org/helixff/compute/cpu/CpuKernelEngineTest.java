package org.helixff.compute.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import org.helixff.Tolerances;
import org.helixff.compute.DesignBlocks;
import org.helixff.compute.KernelSpec;
import org.helixff.descriptor.DescriptorGradients;
import org.helixff.descriptor.DescriptorSet;
import org.helixff.descriptor.SoapParameters;
import org.helixff.model.KernelEvaluator;
import org.helixff.model.KernelModel;
import org.helixff.neighbors.CellNeighbors;
import org.helixff.neighbors.NeighborList;
import org.helixff.structure.Nanotube;
import org.helixff.structure.Structure;
import org.helixff.symmetry.SymmetricStructure;
import org.junit.jupiter.api.Test;

/**
 * The CPU kernel engine reproduces, bit for bit, the arithmetic KernelEvaluator and DesignRows had
 * before it was moved here (the oracles below are verbatim copies of that code: saved models must keep
 * predicting the same numbers), and KernelEvaluator wired through it gives the same bits.
 */
class CpuKernelEngineTest {
    private static final SoapParameters P = new SoapParameters(6.0, 0.9, 5, 3, SoapParameters.SPHERICAL_BESSEL);

    private static Structure cell(long seed) {
        SymmetricStructure s = SymmetricStructure.fromTube(Nanotube.of(5, 3), 0.0, 0.0);
        Random r = new Random(seed);
        double[] x = s.motif();
        for (int i = 0; i < x.length; i++) {
            x[i] += 0.1 * (2 * r.nextDouble() - 1);
        }
        return s.withMotif(x).expand(1);
    }

    private static double[] references(double[] p, int rows, int d, int m, long seed) {
        Random r = new Random(seed);
        double[] ref = new double[m * d];
        for (int t = 0; t < m; t++) {
            int row = r.nextInt(rows);
            double n2 = 0;
            for (int k = 0; k < d; k++) {
                ref[t * d + k] = p[row * d + k] * (1 + 0.1 * r.nextGaussian());
                n2 += ref[t * d + k] * ref[t * d + k];
            }
            for (int k = 0; k < d; k++) {
                ref[t * d + k] /= Math.sqrt(n2);
            }
        }
        return ref;
    }

    /** Verbatim copy of KernelEvaluator.evaluate's kernel part before the move (the oracle). */
    private static double[] oracleEnergies(double[] p, int n, int d, int m, double[] ref, double[] w, double mu,
            int zeta, double[] siteEnergies) {
        double[] dEdp = new double[n * d];
        final int block = 32;
        int blocks = (n + block - 1) / block;
        for (int b = 0; b < blocks; b++) {
            int lo = b * block;
            int cnt = Math.min(block, n - lo);
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
            for (int i = 0; i < cnt; i++) {
                for (int t = 0; t < m; t++) {
                    double s = 0;
                    for (int k = 0; k < d; k++) {
                        s += xhat[i * d + k] * ref[t * d + k];
                    }
                    k0[i * m + t] = s;
                }
            }
            double[] coef = new double[cnt * m];
            for (int i = 0; i < cnt; i++) {
                double e = mu;
                if (norms[i] > 0) {
                    for (int t = 0; t < m; t++) {
                        double kk = k0[i * m + t];
                        double km1 = 1;
                        for (int q = 0; q < zeta - 1; q++) {
                            km1 *= kk;
                        }
                        e += w[t] * km1 * kk;
                        coef[i * m + t] = w[t] * zeta * km1;
                    }
                }
                siteEnergies[lo + i] = e;
            }
            double[] g = new double[cnt * d];
            for (int i = 0; i < cnt; i++) {
                for (int t = 0; t < m; t++) {
                    double x = coef[i * m + t];
                    if (x == 0.0) {
                        continue;
                    }
                    for (int k = 0; k < d; k++) {
                        g[i * d + k] += x * ref[t * d + k];
                    }
                }
            }
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
        }
        return dEdp;
    }

    @Test
    void energiesAndGradientsAreTheOldBits() {
        int d = P.descriptorLength();
        double[] desc = new CpuSoapEngine(P).compute(CellNeighbors.build(cell(1), P.cutoff())).values();
        int n = desc.length / d + 2; // two isolated atoms (all-zero descriptors); > 32 centres: several blocks
        assertTrue(n > 64, "several parallel blocks: " + n);
        double[] p = Arrays.copyOf(desc, n * d);
        int m = 23;
        double[] ref = references(desc, desc.length / d, d, m, 2);
        double[] w = new double[m];
        Random r = new Random(3);
        for (int t = 0; t < m; t++) {
            w[t] = r.nextGaussian();
        }
        ForkJoinPool pool = new ForkJoinPool(3);
        try {
            for (int zeta : new int[] {1, 2, 4}) {
                double[] e0 = new double[n];
                double[] g0 = oracleEnergies(p, n, d, m, ref, w, -0.2, zeta, e0);
                double[] e1 = new double[n];
                double[] g1 = pool.submit(() -> CpuKernelEngine.INSTANCE.energiesAndGradients(
                        new KernelSpec(ref, w, d, -0.2, zeta), p, n, e1)).join();
                assertArrayEquals(e0, e1, "site energies, zeta " + zeta);
                assertArrayEquals(g0, g1, "dE/dp, zeta " + zeta);
                assertEquals(-0.2, e1[n - 1], Tolerances.EXACT, "isolated atom: mu");
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void kernelEvaluatorGivesTheOldBits() {
        int d = P.descriptorLength();
        NeighborList nl = CellNeighbors.build(cell(4), P.cutoff());
        CpuSoapEngine engine = new CpuSoapEngine(P);
        DescriptorSet set = engine.compute(nl);
        int n = set.centers();
        int m = 17;
        double[] ref = references(set.values(), n, d, m, 5);
        double[] w = new Random(6).doubles(m).map(x -> x - 0.5).toArray();
        KernelModel model = new KernelModel(P, 3, ref, w, -0.15, null, null);
        KernelEvaluator ev = new KernelEvaluator(model, engine);
        assertEquals(CpuKernelEngine.INSTANCE, ev.kernelEngine());
        double[] e1 = new double[n];
        double[] g1 = new double[3 * nl.entries()];
        ev.evaluate(nl, e1, g1);
        double[] e0 = new double[n];
        double[] dEdp = oracleEnergies(set.values(), n, d, m, model.reference(), model.weights(), -0.15, 3, e0);
        assertArrayEquals(e0, e1, "site energies");
        assertArrayEquals(set.backpropagate(dEdp), g1, "entry gradients");
    }

    /** Verbatim copy of DesignRows.siteRows before the move (the oracle), sequential. */
    private static double[][] oracleDesign(DescriptorGradients dg, NeighborList nl, double[] ref, int m, int d, int zeta) {
        int n = nl.centers();
        double[] p = dg.rawValues();
        double[] jac = dg.rawGradients();
        double[] kernel = new double[n * m];
        double[] entryGrad = new double[3 * nl.entries() * m];
        for (int i = 0; i < n; i++) {
            double n2 = 0;
            for (int k = 0; k < d; k++) {
                n2 += p[i * d + k] * p[i * d + k];
            }
            double norm = Math.sqrt(n2);
            if (!(norm > 0)) {
                continue;
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
        }
        return new double[][] {kernel, entryGrad};
    }

    @Test
    void designBlocksAreTheOldBits() {
        int d = P.descriptorLength();
        NeighborList nl = CellNeighbors.build(cell(7), P.cutoff());
        DescriptorGradients dg = new CpuSoapEngine(P).computeWithGradients(nl);
        int m = 11;
        double[] ref = references(dg.rawValues(), nl.centers(), d, m, 8);
        double[][] oracle = oracleDesign(dg, nl, ref, m, d, 2);
        DesignBlocks b = CpuKernelEngine.INSTANCE.designBlocks(new KernelSpec(ref, new double[m], d, 0, 2), dg, nl);
        assertArrayEquals(oracle[0], b.kernel(), "kernel values");
        assertArrayEquals(oracle[1], b.entryGradient(), "kernel derivatives");
        assertTrue(Arrays.stream(b.entryGradient()).anyMatch(x -> x != 0), "non-trivial derivatives");
    }
}

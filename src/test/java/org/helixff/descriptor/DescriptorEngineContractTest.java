package org.helixff.descriptor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.helixff.InvalidInputException;
import org.helixff.Tolerances;
import org.helixff.calculator.CellResult;
import org.helixff.calculator.SiteCalculator;
import org.helixff.calculator.SymmetricResult;
import org.helixff.neighbors.CellNeighbors;
import org.helixff.neighbors.ImageNeighbors;
import org.helixff.neighbors.NeighborList;
import org.helixff.structure.Structure;
import org.helixff.symmetry.GroupElement;
import org.helixff.symmetry.SymmetricStructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The contract every {@link DescriptorEngine} passes (the CPU reference engine here, the CUDA engine
 * later): invariances, exact derivatives against finite differences, smoothness at the cutoff, edge
 * cases, and the symmetry-adapted view against the full cell (descriptors of the motif atoms from image
 * neighbours equal those of the same atoms and all their images in the expanded cell; symmetric
 * derivative products E = sum_i v_i . p_i, reverse mode, gathered with
 * {@link SiteCalculator#gatherSymmetric}, equal the full-cell forces) for perturbed, strained and
 * twisted tubes. Subclasses supply the engine.
 */
abstract class DescriptorEngineContractTest {
    /** Descriptor derivatives and forces of the test environments are of order 1: larger than this. */
    private static final double NON_TRIVIAL_GRADIENT = 1e-2;
    /** Relative jump of the descriptor when a neighbour crosses r_c at the smallest step: f_c makes it quadratic in the distance to r_c. */
    private static final double CONTINUITY_AT_CUTOFF = 1e-4;
    /** The gradient of the crossing neighbour 0.3 Bohr inside r_c is larger than this. */
    private static final double NON_TRIVIAL_FAR_GRADIENT = 1e-6;
    /** The gradient 1e-3 Bohr inside r_c relative to the one 0.3 Bohr inside: it goes to zero linearly. */
    private static final double GRADIENT_NEAR_CUTOFF = 2e-2;
    /** The two motif atoms of the perturbed tube have descriptors differing by more than this, relative. */
    private static final double MOTIF_ATOMS_DIFFER = 1e-4;
    /** Rotations, translations and permutations change only the order of round-off. */
    private static final double INVARIANCE_TOL = 1e-12;
    /**
     * Central differences with step 1e-5 Bohr of a C^1 piecewise-cubic-in-r function: truncation
     * ~step^2 p''' ~ 1e-9 relative, round-off ~1e-16 |p| / step ~ 1e-11 relative.
     */
    private static final double FD_STEP = 1e-5;
    private static final double FD_TOL = 1e-6;
    /** Absolute floor of the FD comparison, relative to the largest derivative of the test. */
    private static final double FD_FLOOR = 1e-7;
    /** Two exact evaluations of the same contraction in a different summation order. */
    private static final double ROUNDING_TOL = 1e-12;

    /** Both symmetric and full-cell paths sum the same pairs in different orders. */
    private static final double ORACLE_TOL = 1e-10;

    static final SoapParameters P = SoapParameters.defaults();

    /** The engine under test for the given parameters. */
    protected abstract DescriptorEngine engine(SoapParameters p);

    private DescriptorEngine engine;

    @org.junit.jupiter.api.BeforeEach
    void createEngine() {
        engine = engine(P);
    }

    @Test
    void layoutAndLength() {
        SoapLayout lay = SoapLayout.of(engine.parameters());
        assertEquals(252, lay.length());
        assertEquals(252, engine.length());
        boolean[] seen = new boolean[lay.length()];
        for (int n = 0; n < P.nmax(); n++) {
            for (int n2 = n; n2 < P.nmax(); n2++) {
                for (int l = 0; l <= P.lmax(); l++) {
                    int k = lay.index(n, n2, l);
                    assertTrue(!seen[k], "index used once");
                    seen[k] = true;
                    assertEquals(k, lay.index(n2, n, l));
                    assertEquals(n, lay.n(k));
                    assertEquals(n2, lay.n2(k));
                    assertEquals(l, lay.l(k));
                }
            }
        }
        assertEquals(0, lay.index(0, 0, 0));
        assertEquals(P.lmax() + 1, lay.index(0, 1, 0));
        assertEquals(385, new SoapLayout(10, 6).length());
    }

    @Test
    void rotationTranslationAndPermutationInvariance() {
        // a random cluster rotated about several axes
        NeighborList nl = SoapTestSupport.cluster(5, 30, 1.2, 11.0, 11.0);
        double[] p0 = engine.compute(nl).values();
        double scale = SoapTestSupport.maxAbs(p0);
        assertTrue(scale > Tolerances.NON_TRIVIAL, "non-trivial descriptor");
        Random r = new Random(9);
        double[] d = nl.allDisplacements();
        double[] dr = new double[d.length];
        for (int t = 0; t < 5; t++) {
            double[] rot = SoapTestSupport.rotation(SoapTestSupport.unit(r), 2 * Math.PI * r.nextDouble());
            for (int j = 0; j < d.length; j += 3) {
                SoapTestSupport.rotate(rot, d, j, dr);
            }
            double[] p1 = engine.compute(SoapTestSupport.single(dr, 11.0)).values();
            for (int k = 0; k < p0.length; k++) {
                assertEquals(p0[k], p1[k], INVARIANCE_TOL * scale, "component " + k);
            }
        }
        // a periodic tube cell: rotated (positions and lattice), translated and permuted
        Structure c = SoapTestSupport.perturbedTube(6, 3, 2, 0.01, false, 0.1).expand(1);
        double[] q0 = engine.compute(CellNeighbors.build(c, P.cutoff())).values();
        double qs = SoapTestSupport.maxAbs(q0);
        int n = c.size();
        double[] rot = SoapTestSupport.rotation(SoapTestSupport.unit(r), 1.234);
        double[] x = c.positions();
        double[] cell = c.cell();
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int tmp = perm[i];
            perm[i] = perm[j];
            perm[j] = tmp;
        }
        double[] shift = {3.7, -12.1, 5.3};
        double[] x2 = new double[3 * n];
        double[] tmp = new double[3];
        for (int i = 0; i < n; i++) {
            double[] v = {x[3 * perm[i]] + shift[0], x[3 * perm[i] + 1] + shift[1], x[3 * perm[i] + 2] + shift[2]};
            SoapTestSupport.rotate(rot, v, 0, tmp);
            System.arraycopy(tmp, 0, x2, 3 * i, 3);
        }
        double[] cell2 = new double[9];
        for (int v = 0; v < 3; v++) {
            SoapTestSupport.rotate(rot, cell, 3 * v, cell2);
        }
        Structure c2 = new Structure(c.species(), x2, cell2, c.pbc());
        double[] q1 = engine.compute(CellNeighbors.build(c2, P.cutoff())).values();
        int dl = P.descriptorLength();
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < dl; k++) {
                assertEquals(q0[perm[i] * dl + k], q1[i * dl + k], INVARIANCE_TOL * qs, "atom " + i + " component " + k);
            }
        }
    }

    @Test
    void jacobianMatchesFiniteDifferences() {
        SoapParameters p = new SoapParameters(6.0, 0.8, 5, 4, SoapParameters.SPHERICAL_BESSEL);
        DescriptorEngine eng = engine(p);
        // some neighbours close to the cutoff too
        NeighborList nl = SoapTestSupport.cluster(17, 14, 1.0, 5.95, 6.0);
        DescriptorGradients g = eng.computeWithGradients(nl);
        double[] v0 = eng.compute(nl).values();
        assertArrayEquals(v0, g.values(), "values of both entry points are identical");
        double maxG = SoapTestSupport.maxAbs(g.rawGradients());
        assertTrue(maxG > NON_TRIVIAL_GRADIENT, "non-trivial derivative " + maxG);
        double[] d = nl.allDisplacements();
        int dl = p.descriptorLength();
        for (int e = 0; e < nl.entries(); e++) {
            for (int c = 0; c < 3; c++) {
                double[] dp = d.clone();
                double[] dm = d.clone();
                dp[3 * e + c] += FD_STEP;
                dm[3 * e + c] -= FD_STEP;
                double[] pp = eng.compute(SoapTestSupport.single(dp, 6.0)).values();
                double[] pm = eng.compute(SoapTestSupport.single(dm, 6.0)).values();
                for (int k = 0; k < dl; k++) {
                    double fd = (pp[k] - pm[k]) / (2 * FD_STEP);
                    assertEquals(fd, g.gradient(e, c, k), FD_TOL * Math.abs(fd) + FD_FLOOR * maxG,
                            "dp_" + k + "/dd_" + e + "," + c);
                }
            }
        }
    }

    @Test
    void reverseModeMatchesJacobianAndFiniteDifferences() {
        NeighborList nl = SoapTestSupport.cluster(23, 25, 1.3, 9.99, 10.0);
        DescriptorSet set = engine.compute(nl);
        Random r = new Random(4);
        double[] v = new double[set.length()];
        for (int k = 0; k < v.length; k++) {
            v[k] = r.nextGaussian();
        }
        double[] grad = set.backpropagate(v);
        DescriptorGradients full = engine.computeWithGradients(nl);
        double maxG = SoapTestSupport.maxAbs(grad);
        assertTrue(maxG > NON_TRIVIAL_GRADIENT, "non-trivial reverse-mode gradient " + maxG);
        for (int e = 0; e < nl.entries(); e++) {
            for (int c = 0; c < 3; c++) {
                double s = 0;
                for (int k = 0; k < v.length; k++) {
                    s += v[k] * full.gradient(e, c, k);
                }
                assertEquals(s, grad[3 * e + c], ROUNDING_TOL * maxG * 10, "J^T v vs reverse mode");
            }
        }
        double[] d = nl.allDisplacements();
        for (int e = 0; e < nl.entries(); e += 3) {
            for (int c = 0; c < 3; c++) {
                double[] dp = d.clone();
                double[] dm = d.clone();
                dp[3 * e + c] += FD_STEP;
                dm[3 * e + c] -= FD_STEP;
                double ep = dot(v, engine.compute(SoapTestSupport.single(dp, 10.0)).values());
                double em = dot(v, engine.compute(SoapTestSupport.single(dm, 10.0)).values());
                double fd = (ep - em) / (2 * FD_STEP);
                assertEquals(fd, grad[3 * e + c], FD_TOL * Math.abs(fd) + FD_FLOOR * maxG, "entry " + e + " comp " + c);
            }
        }
    }

    @Test
    void cellForcesFromReverseModeMatchFiniteDifferences() {
        SoapParameters p = new SoapParameters(7.0, 1.0, 6, 5, SoapParameters.SPHERICAL_BESSEL);
        DescriptorEngine eng = engine(p);
        Structure c = SoapTestSupport.perturbedTube(5, 5, 8, 0.0, false, 0.15).expand(2);
        int n = c.size();
        Random r = new Random(12);
        double[] v = new double[n * p.descriptorLength()];
        for (int k = 0; k < v.length; k++) {
            v[k] = r.nextGaussian();
        }
        NeighborList nl = CellNeighbors.build(c, p.cutoff());
        CellResult res = energyAndForces(eng, nl, v, n);
        double maxF = SoapTestSupport.maxAbs(res.forces());
        assertTrue(maxF > NON_TRIVIAL_GRADIENT, "non-trivial forces " + maxF);
        double[] x = c.positions();
        for (int i : new int[] {0, 5, 17, 3 * n - 1}) {
            double[] xp = x.clone();
            double[] xm = x.clone();
            xp[i] += FD_STEP;
            xm[i] -= FD_STEP;
            double ep = energyAndForces(eng, CellNeighbors.build(c.withPositions(xp), p.cutoff()), v, n).energy();
            double em = energyAndForces(eng, CellNeighbors.build(c.withPositions(xm), p.cutoff()), v, n).energy();
            double fd = -(ep - em) / (2 * FD_STEP);
            assertEquals(fd, res.forces()[i], FD_TOL * Math.abs(fd) + FD_FLOOR * maxF, "force component " + i);
        }
    }

    /** E = sum_i v_i . p_i with forces gathered like any site model. */
    static CellResult energyAndForces(DescriptorEngine eng, NeighborList nl, double[] v, int n) {
        DescriptorSet set = eng.compute(nl);
        double[] p = set.values();
        int dl = set.length();
        double[] eps = new double[n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < dl; k++) {
                eps[i] += v[i * dl + k] * p[i * dl + k];
            }
        }
        return SiteCalculator.gatherCell(n, nl, eps, set.backpropagate(v));
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void neighbourCrossingTheCutoffIsSmooth() {
        NeighborList base = SoapTestSupport.cluster(31, 10, 1.5, 8.0, 12.0);
        double[] d0 = base.allDisplacements();
        double[] dir = SoapTestSupport.unit(new Random(77));
        double rc = P.cutoff();
        double[] without = engine.compute(SoapTestSupport.single(d0, 12.0)).values();
        double scale = SoapTestSupport.maxAbs(without);
        // value: p(rc - delta) - p(beyond) must vanish like delta^2 (value and first derivative continuous)
        double[] diff = new double[3];
        double[] deltas = {4e-2, 2e-2, 1e-2};
        for (int t = 0; t < deltas.length; t++) {
            double[] inside = engine.compute(withExtra(d0, dir, rc - deltas[t])).values();
            double[] beyond = engine.compute(withExtra(d0, dir, rc + deltas[t])).values();
            double m = 0;
            for (int k = 0; k < inside.length; k++) {
                m = Math.max(m, Math.abs(inside[k] - without[k]));
                assertEquals(without[k], beyond[k], Tolerances.EXACT, "a neighbour beyond r_c is ignored exactly");
            }
            diff[t] = m;
        }
        assertTrue(diff[0] > 0, "the extra neighbour contributes inside r_c");
        assertTrue(diff[2] < CONTINUITY_AT_CUTOFF * scale, "continuous at r_c: " + diff[2] / scale);
        // quadratic approach: halving delta divides the jump by ~4 (3 to 5 allows the cubic term)
        for (int t = 1; t < deltas.length; t++) {
            double ratio = diff[t - 1] / diff[t];
            assertTrue(ratio > 3 && ratio < 5, "ratio " + ratio + " at delta " + deltas[t]);
        }
        // first derivative: the gradient of the crossing entry goes to zero linearly
        double[] gNear = lastEntryGradient(withExtra(d0, dir, rc - 1e-3));
        double[] gFar = lastEntryGradient(withExtra(d0, dir, rc - 0.3));
        double nearMax = SoapTestSupport.maxAbs(gNear);
        double farMax = SoapTestSupport.maxAbs(gFar);
        assertTrue(farMax > NON_TRIVIAL_FAR_GRADIENT, "non-trivial gradient away from r_c");
        assertTrue(nearMax < GRADIENT_NEAR_CUTOFF * farMax, "derivative continuous (-> 0) at r_c: " + nearMax + " vs " + farMax);
        double[] gAt = lastEntryGradient(withExtra(d0, dir, Math.nextDown(rc)));
        assertTrue(SoapTestSupport.maxAbs(gAt) < Tolerances.ROUND_OFF * farMax, "zero derivative at r_c");
    }

    private double[] lastEntryGradient(NeighborList nl) {
        DescriptorGradients g = engine.computeWithGradients(nl);
        int e = nl.entries() - 1;
        double[] out = new double[3 * g.length()];
        System.arraycopy(g.rawGradients(), g.gradientOffset(e, 0), out, 0, out.length);
        return out;
    }

    private static NeighborList withExtra(double[] d0, double[] dir, double r) {
        double[] d = java.util.Arrays.copyOf(d0, d0.length + 3);
        for (int c = 0; c < 3; c++) {
            d[d0.length + c] = r * dir[c];
        }
        return SoapTestSupport.single(d, 12.0);
    }

    @Test
    void isolatedAtomsAndBadInputs() {
        // centre 0: no entries at all; centre 1: one neighbour beyond r_c; centre 2: a real neighbour
        double[] d = {0, 0, 10.5, 0, 2.5, 0};
        NeighborList nl = NeighborList.of(11.0, new int[] {0, 0, 1, 2}, new int[] {0, 0}, d);
        DescriptorSet set = engine.compute(nl);
        DescriptorGradients g = engine.computeWithGradients(nl);
        int dl = set.length();
        for (int k = 0; k < dl; k++) {
            assertEquals(0.0, set.value(0, k), Tolerances.EXACT, "no neighbour: zero descriptor");
            assertEquals(0.0, set.value(1, k), Tolerances.EXACT, "neighbour beyond r_c: zero descriptor");
            assertEquals(0.0, g.gradient(0, 2, k), Tolerances.EXACT);
        }
        assertTrue(SoapTestSupport.maxAbs(set.values()) > 0, "the third centre has a descriptor");
        double[] ones = new double[3 * dl];
        java.util.Arrays.fill(ones, 1.0);
        double[] back = set.backpropagate(ones);
        for (double b : back) {
            assertTrue(Double.isFinite(b));
        }
        assertEquals(0.0, back[0], Tolerances.EXACT);
        InvalidInputException e1 = assertThrows(InvalidInputException.class,
                () -> engine.compute(NeighborList.of(9.0, new int[] {0, 1}, new int[] {1}, new double[] {1, 0, 0})));
        assertTrue(e1.getMessage().contains("below the SOAP cutoff"), e1.getMessage());
        InvalidInputException e2 = assertThrows(InvalidInputException.class,
                () -> engine.compute(NeighborList.of(10.0, new int[] {0, 1}, new int[] {1}, new double[] {0, 0, 0})));
        assertTrue(e2.getMessage().contains("no direction"), e2.getMessage());
        assertThrows(InvalidInputException.class, () -> set.backpropagate(new double[5]));
    }

    @ParameterizedTest
    @CsvSource({"7,7,0.0,false", "10,5,0.01,false", "12,0,-0.02,false", "7,7,0.015,true", "10,5,0.0,true",
        "12,0,0.01,true"})
    void symmetricEqualsFullCell(int n, int m, double strain, boolean twist) {
        SymmetricStructure s = SoapTestSupport.perturbedTube(n, m, 100 + n, strain, twist, 0.12);
        int cells = (int) Math.max(1, Math.ceil(2.5 * P.cutoff() / (s.periodSteps() * s.group().screwShift())));
        Structure full = s.expand(cells);
        NeighborList sym = ImageNeighbors.build(s, P.cutoff());
        NeighborList cell = CellNeighbors.build(full, P.cutoff());
        DescriptorSet ps = engine.compute(sym);
        DescriptorSet pc = engine.compute(cell);
        int dl = P.descriptorLength();
        int nm = s.motifSize();
        int steps = (int) (s.periodSteps() * cells);
        int cyc = s.group().cyclicOrder();
        // descriptors: motif atom a equals every one of its images in the full cell
        double scale = SoapTestSupport.maxAbs(ps.values());
        assertTrue(scale > Tolerances.NON_TRIVIAL, "non-trivial descriptors");
        for (int a = 0; a < nm; a++) {
            for (int j = 0; j < steps; j += Math.max(1, steps / 4)) {
                for (int k = 0; k < cyc; k += Math.max(1, cyc / 3)) {
                    int idx = s.expandedIndex(a, k, j);
                    for (int q = 0; q < dl; q++) {
                        assertEquals(ps.value(a, q), pc.value(idx, q), ORACLE_TOL * scale,
                                "motif atom " + a + " image (" + k + "," + j + ") component " + q);
                    }
                }
            }
        }
        // the two motif atoms of a perturbed tube are not equivalent: the comparison above is not trivial
        double dmax = 0;
        for (int q = 0; q < dl; q++) {
            dmax = Math.max(dmax, Math.abs(ps.value(0, q) - ps.value(1, q)));
        }
        assertTrue(dmax > MOTIF_ATOMS_DIFFER * scale, "motif atoms differ");

        // derivative products: v_a per motif atom, the same v on every image in the full cell
        Random r = new Random(n * 31L + m);
        double[] vm = new double[nm * dl];
        for (int i = 0; i < vm.length; i++) {
            vm[i] = r.nextGaussian();
        }
        double[] eps = new double[nm];
        for (int a = 0; a < nm; a++) {
            for (int q = 0; q < dl; q++) {
                eps[a] += vm[a * dl + q] * ps.value(a, q);
            }
        }
        SymmetricResult sr = SiteCalculator.gatherSymmetric(s, sym, eps, ps.backpropagate(vm));
        int atoms = full.size();
        double[] vc = new double[atoms * dl];
        for (int j = 0; j < steps; j++) {
            for (int k = 0; k < cyc; k++) {
                for (int a = 0; a < nm; a++) {
                    System.arraycopy(vm, a * dl, vc, s.expandedIndex(a, k, j) * dl, dl);
                }
            }
        }
        CellResult cr = energyAndForces(engine, cell, vc, atoms);
        assertEquals(sr.energyPerAtom(), cr.energy() / atoms, ORACLE_TOL * Math.abs(sr.energyPerAtom()));
        double fscale = sr.maxForce();
        assertTrue(fscale > Tolerances.NON_TRIVIAL, "non-trivial symmetric forces " + fscale);
        for (int j = 0; j < steps; j += Math.max(1, steps / 5)) {
            for (int k = 0; k < cyc; k++) {
                for (int a = 0; a < nm; a++) {
                    double[] rot = s.group().rotate(new GroupElement(k, j),
                            new double[] {sr.force(a, 0), sr.force(a, 1), sr.force(a, 2)});
                    int idx = s.expandedIndex(a, k, j);
                    for (int d = 0; d < 3; d++) {
                        assertEquals(rot[d], cr.force(idx, d), ORACLE_TOL * fscale, "atom " + idx + " component " + d);
                    }
                }
            }
        }
    }
}

package org.helixff.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.helixff.calculator.CellResult;
import org.helixff.calculator.SiteCalculator;
import org.helixff.calculator.SymmetricResult;
import org.helixff.neighbors.CellNeighbors;
import org.helixff.neighbors.ImageNeighbors;
import org.helixff.neighbors.NeighborList;
import org.helixff.structure.Structure;
import org.helixff.symmetry.GroupElement;
import org.helixff.symmetry.SymmetricStructure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The symmetry-adapted view against the full cell (the oracle): descriptors of the motif atoms (from
 * image neighbours) equal those of the same atoms and of all their images in the expanded periodic
 * cell, and symmetric derivative products (E = sum_i v_i . p_i, reverse mode, gathered with
 * {@link SiteCalculator#gatherSymmetric}) equal the full-cell forces, for perturbed, strained and
 * twisted tubes.
 */
class SymmetricSoapTest {
    /** Both paths sum the same pairs in different orders and positions differ by rotation round-off. */
    private static final double ORACLE_TOL = 1e-10;

    private static final SoapParameters P = SoapParameters.defaults();
    private static final CpuSoapEngine ENGINE = new CpuSoapEngine(P);

    @ParameterizedTest
    @CsvSource({"7,7,0.0,false", "10,5,0.01,false", "12,0,-0.02,false", "7,7,0.015,true", "10,5,0.0,true",
        "12,0,0.01,true"})
    void symmetricEqualsFullCell(int n, int m, double strain, boolean twist) {
        SymmetricStructure s = SoapTestSupport.perturbedTube(n, m, 100 + n, strain, twist, 0.12);
        int cells = (int) Math.max(1, Math.ceil(2.5 * P.cutoff() / (s.periodSteps() * s.group().screwShift())));
        Structure full = s.expand(cells);
        NeighborList sym = ImageNeighbors.build(s, P.cutoff());
        NeighborList cell = CellNeighbors.build(full, P.cutoff());
        SoapDescriptorSet ps = ENGINE.compute(sym);
        SoapDescriptorSet pc = ENGINE.compute(cell);
        int dl = P.descriptorLength();
        int nm = s.motifSize();
        int steps = (int) (s.periodSteps() * cells);
        int cyc = s.group().cyclicOrder();
        // descriptors: motif atom a equals every one of its images in the full cell
        double scale = SoapTestSupport.maxAbs(ps.values());
        assertTrue(scale > 1e-3, "non-trivial descriptors");
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
        assertTrue(dmax > 1e-4 * scale, "motif atoms differ");

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
        CellResult cr = CpuSoapEngineTest.energyAndForces(ENGINE, cell, vc, atoms);
        assertEquals(sr.energyPerAtom(), cr.energy() / atoms, ORACLE_TOL * Math.abs(sr.energyPerAtom()));
        double fscale = sr.maxForce();
        assertTrue(fscale > 1e-3, "non-trivial symmetric forces " + fscale);
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

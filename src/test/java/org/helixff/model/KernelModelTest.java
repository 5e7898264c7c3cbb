package org.helixff.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.helixff.calculator.CellResult;
import org.helixff.calculator.SymmetricResult;
import org.helixff.calculator.UncertaintyCalculator;
import org.helixff.structure.Nanotube;
import org.helixff.structure.Structure;
import org.helixff.symmetry.GroupElement;
import org.helixff.symmetry.SymmetricStructure;
import org.helixff.training.Trainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Model machinery on the toy descriptor: oracles that hold for any descriptor engine. */
class KernelModelTest {
    /** Forces below this (Ha/Bohr) are compared absolutely: FD_TOL times this. */
    private static final double FD_FLOOR = 1e-3;
    /** Round-off of the energy differences (relative to the summed site energies) divided by the step. */
    private static final double FD_ROUND_OFF = 1e-16;
    /** Energies and forces of the small test model are larger than this (Ha, Ha/Bohr). */
    private static final double NON_TRIVIAL = 1e-4;
    /** Symmetric and full-cell sums differ only by summation order. */
    private static final double ORACLE_TOL = 1e-10;
    /** Step 1e-4 Bohr: truncation ~1e-8 relative, round-off ~1e-16 sumScale / 1e-4. */
    private static final double FD_STEP = 1e-4;
    private static final double FD_TOL = 1e-6;
    /** Row products vs the evaluator: same numbers, different summation order. */
    private static final double ROW_TOL = 1e-10;

    private static ModelCalculator calc;
    /**
     * Round-off scale of the model's sums: sum_t |w_t| (every k <= 1). Evidence maximisation on
     * noise-free data gives large cancelling weights, so absolute round-off is ~1e-16 of this, not of E.
     */
    private static double sumScale;

    @BeforeAll
    static void train() {
        Trainer.Result r = ModelFixtures.trainToy(20, 40);
        calc = new ModelCalculator(r.model(), ModelFixtures.toyEngine());
        for (double w : r.model().weights()) {
            sumScale += Math.abs(w);
        }
    }

    static SymmetricStructure perturbed(int n, int m, long seed) {
        SymmetricStructure s = SymmetricStructure.fromTube(Nanotube.of(n, m), 0.01, 0.0);
        Random r = new Random(seed);
        double[] x = s.motif();
        for (int i = 0; i < 6; i++) {
            x[i] += 0.1 * (2 * r.nextDouble() - 1);
        }
        return s.withMotif(x);
    }

    @Test
    void symmetricEqualsFullCell() {
        for (int[] t : new int[][] {{7, 7}, {10, 5}, {12, 0}}) {
            SymmetricStructure s = perturbed(t[0], t[1], 9);
            SymmetricResult sym = calc.compute(s);
            int cells = (int) Math.ceil(2.2 * calc.cutoff() / (s.periodSteps() * s.group().screwShift()));
            Structure full = s.expand(cells);
            CellResult cr = calc.compute(full);
            assertEquals(sym.energyPerAtom(), cr.energyPerAtom(), ORACLE_TOL * sumScale);
            double scale = sym.maxForce();
            assertTrue(scale > NON_TRIVIAL);
            for (int k = 0; k < s.group().cyclicOrder(); k++) {
                for (int a = 0; a < 2; a++) {
                    double[] rot = s.group().rotate(new GroupElement(k, 1),
                            new double[] {sym.force(a, 0), sym.force(a, 1), sym.force(a, 2)});
                    int idx = s.expandedIndex(a, k, 1);
                    for (int d = 0; d < 3; d++) {
                        assertEquals(rot[d], cr.force(idx, d), ORACLE_TOL * sumScale);
                    }
                }
            }
        }
    }

    @Test
    void forcesAreMinusTheEnergyGradient() {
        SymmetricStructure s = perturbed(10, 5, 4);
        SymmetricResult r = calc.compute(s);
        double[] x = s.motif();
        double maxF = 0;
        for (int i = 0; i < 6; i++) {
            double[] xp = x.clone();
            double[] xm = x.clone();
            xp[i] += FD_STEP;
            xm[i] -= FD_STEP;
            double fd = -(calc.compute(s.withMotif(xp)).energyPerMotif() - calc.compute(s.withMotif(xm)).energyPerMotif())
                    / (2 * FD_STEP);
            assertEquals(fd, r.forces()[i], FD_TOL * Math.max(FD_FLOOR, Math.abs(fd)) + FD_ROUND_OFF * sumScale / FD_STEP);
            maxF = Math.max(maxF, Math.abs(fd));
        }
        assertTrue(maxF > NON_TRIVIAL, "forces non-trivial");
    }

    @Test
    void designRowsReproduceTheEvaluator() {
        KernelModel model = calc.model();
        double[] w = model.weights();
        SymmetricStructure s = perturbed(8, 8, 1);
        DesignRows rows = DesignRows.symmetric(model, calc.engine(), s);
        SymmetricResult r = calc.compute(s);
        assertEquals(r.energyPerAtom(), model.energyOffset() + dot(rows.energyRow(), 0, w), ROW_TOL * sumScale);
        double[] fr = rows.forceRows();
        for (int q = 0; q < 6; q++) {
            assertEquals(r.forces()[q], dot(fr, q * w.length, w), ROW_TOL * sumScale);
        }
        // dE/dh row
        assertEquals(r.dEdh(), dot(rows.dEdhRow(), 0, w), ROW_TOL * sumScale);
        Structure cell = perturbed(6, 6, 2).expand(3);
        DesignRows cr = DesignRows.cell(model, calc.engine(), cell);
        CellResult c = calc.compute(cell);
        assertEquals(c.energyPerAtom(), model.energyOffset() + dot(cr.energyRow(), 0, w), ROW_TOL * sumScale);
        double[] cf = cr.forceRows();
        for (int q = 0; q < 3 * cell.size(); q += 7) {
            assertEquals(c.forces()[q], dot(cf, q * w.length, w), ROW_TOL * sumScale);
        }
    }

    @Test
    void uncertaintyGrowsAwayFromTrainingData() {
        SymmetricStructure near = perturbed(7, 7, 3);
        UncertaintyCalculator.Uncertainty un = calc.uncertainty(near);
        // strongly distorted: large displacement and strain, and an unseen tube
        SymmetricStructure far = SymmetricStructure.fromTube(Nanotube.of(5, 5), 0.08, 0.0);
        double[] x = far.motif();
        x[0] += 0.5;
        x[4] -= 0.4;
        UncertaintyCalculator.Uncertainty uf = calc.uncertainty(far.withMotif(x));
        assertTrue(uf.maxForceEpistemic() > 3 * un.maxForceEpistemic(),
                "force sigma far " + uf.maxForceEpistemic() + " vs near " + un.maxForceEpistemic());
        assertTrue(uf.energyPerAtomEpistemic() > 3 * un.energyPerAtomEpistemic(),
                "energy sigma far " + uf.energyPerAtomEpistemic() + " vs near " + un.energyPerAtomEpistemic());
    }

    static double dot(double[] a, int off, double[] w) {
        double s = 0;
        for (int t = 0; t < w.length; t++) {
            s += a[off + t] * w[t];
        }
        return s;
    }
}

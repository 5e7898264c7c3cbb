package org.helixff.calculator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.helixff.InvalidInputException;
import org.helixff.structure.Nanotube;
import org.helixff.structure.Structure;
import org.helixff.symmetry.HelicalGroup;
import org.helixff.symmetry.SymmetricStructure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The gathering of site gradients: symmetric vs full cell, and finite differences, on a toy 3-body model. */
class SiteCalculatorTest {
    /** Symmetric and full-cell sums differ only by summation order. */
    private static final double ORACLE_TOL = 1e-10;
    /** Central differences with step 1e-5 Bohr: truncation ~1e-10 relative for this smooth model. */
    private static final double FD_STEP = 1e-5;
    private static final double FD_TOL = 1e-7;
    /** The energy depends on alpha through lever arms j R (j up to r_c/h): a smaller step keeps truncation below 1e-9. */
    private static final double FD_STEP_ALPHA = 1e-6;

    static SymmetricStructure perturbed(int n, int m, long seed, boolean twist) {
        Nanotube t = Nanotube.of(n, m);
        SymmetricStructure s0 = SymmetricStructure.fromTube(t, 0.01, 0.0);
        SymmetricStructure s = s0;
        if (twist) {
            int steps = (int) t.periodSteps() * 6;
            double tw = s0.group().commensurateTwist(0.002, steps);
            s = SymmetricStructure.fromTube(t, 0.01, tw);
        }
        Random r = new Random(seed);
        double[] x = s.motif();
        for (int i = 0; i < x.length; i++) {
            x[i] += 0.1 * (2 * r.nextDouble() - 1);
        }
        return s.withMotif(x);
    }

    @ParameterizedTest
    @CsvSource({"7,7", "10,5", "12,0"})
    void symmetricEqualsFullCell(int n, int m) {
        SiteCalculator calc = new SiteCalculator(new ToySiteModel(7.0));
        for (boolean twist : new boolean[] {false, true}) {
            SymmetricStructure s = perturbed(n, m, 42, twist);
            SymmetricResult sym = calc.compute(s);
            int cells = (int) Math.max(1, Math.ceil(3 * 7.0 / (s.periodSteps() * s.group().screwShift())));
            Structure full = s.expand(cells);
            CellResult cr = calc.compute(full);
            long atoms = s.expandedSize(cells);
            assertEquals(sym.energyPerAtom(), cr.energy() / atoms, ORACLE_TOL * Math.abs(sym.energyPerAtom()));
            double scale = sym.maxForce();
            assertTrue(scale > 1e-3, "non-trivial forces");
            int steps = (int) (s.periodSteps() * cells);
            for (int j = 0; j < steps; j += Math.max(1, steps / 5)) {
                for (int k = 0; k < s.group().cyclicOrder(); k++) {
                    for (int a = 0; a < 2; a++) {
                        double[] rot = s.group().rotate(new org.helixff.symmetry.GroupElement(k, j),
                                new double[] {sym.force(a, 0), sym.force(a, 1), sym.force(a, 2)});
                        int idx = s.expandedIndex(a, k, j);
                        for (int d = 0; d < 3; d++) {
                            assertEquals(rot[d], cr.force(idx, d), ORACLE_TOL * scale);
                        }
                    }
                }
            }
        }
    }

    @Test
    void symmetricDerivativesMatchFiniteDifferences() {
        SiteCalculator calc = new SiteCalculator(new ToySiteModel(7.0));
        SymmetricStructure s = perturbed(10, 5, 7, false);
        SymmetricResult r = calc.compute(s);
        double[] x = s.motif();
        for (int i = 0; i < x.length; i++) {
            double[] xp = x.clone();
            double[] xm = x.clone();
            xp[i] += FD_STEP;
            xm[i] -= FD_STEP;
            double fd = -(calc.compute(s.withMotif(xp)).energyPerMotif() - calc.compute(s.withMotif(xm)).energyPerMotif())
                    / (2 * FD_STEP);
            assertEquals(fd, r.forces()[i], FD_TOL * Math.max(1e-3, Math.abs(fd)), "force component " + i);
        }
        HelicalGroup g = s.group();
        double hp = calc.compute(s.withGroup(g.withScrew(g.screwAngle(), g.screwShift() + FD_STEP))).energyPerMotif();
        double hm = calc.compute(s.withGroup(g.withScrew(g.screwAngle(), g.screwShift() - FD_STEP))).energyPerMotif();
        double fdh = (hp - hm) / (2 * FD_STEP);
        assertTrue(Math.abs(fdh) > 1e-4, "dE/dh non-trivial: " + fdh);
        assertEquals(fdh, r.dEdh(), FD_TOL * Math.abs(fdh));
        double ap = calc.compute(s.withGroup(g.withScrew(g.screwAngle() + FD_STEP_ALPHA, g.screwShift()))).energyPerMotif();
        double am = calc.compute(s.withGroup(g.withScrew(g.screwAngle() - FD_STEP_ALPHA, g.screwShift()))).energyPerMotif();
        double fda = (ap - am) / (2 * FD_STEP_ALPHA);
        assertTrue(Math.abs(fda) > 1e-4, "dE/dalpha non-trivial: " + fda);
        assertEquals(fda, r.dEdalpha(), FD_TOL * Math.abs(fda));
    }

    @Test
    void cellForcesAndVirialMatchFiniteDifferences() {
        SiteCalculator calc = new SiteCalculator(new ToySiteModel(6.0));
        Structure c = perturbed(6, 6, 3, false).expand(3);
        CellResult r = calc.compute(c);
        double[] x = c.positions();
        for (int i : new int[] {0, 7, 20, 3 * c.size() - 1}) {
            double[] xp = x.clone();
            double[] xm = x.clone();
            xp[i] += FD_STEP;
            xm[i] -= FD_STEP;
            double fd = -(calc.compute(c.withPositions(xp)).energy() - calc.compute(c.withPositions(xm)).energy())
                    / (2 * FD_STEP);
            assertEquals(fd, r.forces()[i], FD_TOL * Math.max(1e-3, Math.abs(fd)));
        }
        double[] w = r.virial();
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                double ep = strained(calc, c, a, b, FD_STEP);
                double em = strained(calc, c, a, b, -FD_STEP);
                double fd = -(ep - em) / (2 * FD_STEP);
                assertEquals(fd, w[3 * a + b], FD_TOL * Math.max(1e-2, Math.abs(fd)), "virial " + a + b);
            }
        }
        assertTrue(Math.abs(w[8]) > 1e-3, "W_zz non-trivial");
    }

    private static double strained(SiteCalculator calc, Structure c, int a, int b, double eps) {
        double[] x = c.positions();
        double[] cell = c.cell();
        for (int i = 0; i < c.size(); i++) {
            x[3 * i + a] += eps * c.position(i, b);
        }
        for (int v = 0; v < 3; v++) {
            cell[3 * v + a] += eps * c.cell(v, b);
        }
        return calc.compute(c.withPositionsAndCell(x, cell)).energy();
    }

    @Test
    void closeAtomsAndOtherElementsAreRejected() {
        SiteCalculator calc = new SiteCalculator(new ToySiteModel(6.0));
        SymmetricStructure s = SymmetricStructure.fromTube(Nanotube.of(8, 8));
        double[] x = s.motif();
        x[3] = x[0] + 0.3;
        x[4] = x[1];
        x[5] = x[2];
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> calc.compute(s.withMotif(x)));
        assertTrue(e.getMessage().contains("Bohr apart"), e.getMessage());
        Structure c = s.expand(1);
        String[] sp = c.species();
        sp[3] = "Si";
        Structure bad = new Structure(sp, c.positions(), c.cell(), c.pbc());
        assertThrows(InvalidInputException.class, () -> calc.compute(bad));
    }
}

package org.helixff.calculator;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.helixff.InvalidInputException;
import org.helixff.Tolerances;
import org.helixff.structure.Nanotube;
import org.helixff.structure.Structure;
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
    /** Force components (Ha/Bohr) and virial components (Ha) below these floors are compared absolutely. */
    private static final double FD_FORCE_FLOOR = 1e-3;
    private static final double FD_VIRIAL_FLOOR = 1e-2;

    @ParameterizedTest
    @CsvSource({"7,7", "10,5", "12,0"})
    void symmetricEqualsFullCell(int n, int m) {
        SiteCalculator calc = new SiteCalculator(new ToySiteModel(7.0));
        for (boolean twist : new boolean[] {false, true}) {
            CalculatorContract.assertSymmetricEqualsFullCell(calc, CalculatorContract.perturbed(n, m, 42, twist),
                    ORACLE_TOL);
        }
    }

    @Test
    void symmetricDerivativesMatchFiniteDifferences() {
        SiteCalculator calc = new SiteCalculator(new ToySiteModel(7.0));
        CalculatorContract.assertSymmetricDerivatives(calc, CalculatorContract.perturbed(10, 5, 7, false), FD_STEP,
                FD_STEP_ALPHA, FD_TOL, FD_FORCE_FLOOR);
    }

    @Test
    void cellForcesAndVirialMatchFiniteDifferences() {
        SiteCalculator calc = new SiteCalculator(new ToySiteModel(6.0));
        Structure c = CalculatorContract.perturbed(6, 6, 3, false).expand(3);
        CalculatorContract.assertCellDerivatives(calc, c, new int[] {0, 7, 20, 3 * c.size() - 1}, FD_STEP, FD_TOL,
                FD_FORCE_FLOOR, FD_VIRIAL_FLOOR);
        assertTrue(Math.abs(calc.compute(c).virial()[8]) > Tolerances.NON_TRIVIAL, "W_zz non-trivial");
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

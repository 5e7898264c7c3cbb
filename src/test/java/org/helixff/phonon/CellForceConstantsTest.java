package org.helixff.phonon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.helixff.Tolerances;
import org.helixff.calculator.Calculator;
import org.helixff.relax.Relaxer;
import org.helixff.structure.Nanotube;
import org.helixff.symmetry.SymmetricStructure;
import org.helixff.teacher.Teachers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Symmetric force constants -> translational cell (phonopy layout) -> recognition and projection -> the same. */
class CellForceConstantsTest {
    /** The expanded cell is recognised as the tube it came from: positions agree to round-off of the roll-up, Bohr. */
    private static final double RECOGNITION_MISMATCH = 1e-9;
    /** Frequencies after expanding to a cell and projecting back, cm^-1: round-off of the projection. */
    private static final double EXPAND_PROJECT_FREQUENCIES = 1e-6;
    private final Calculator calc = Teachers.byName("tersoff-lb");

    static double maxDiff(HelicalPhonons a, HelicalPhonons b, int kappas) {
        double worst = 0;
        int n = a.cyclicOrder();
        for (int nu = 0; nu < n; nu++) {
            for (int t = 0; t < kappas; t++) {
                double kappa = -Math.PI + 2 * Math.PI * t / kappas;
                double[] fa = a.frequencies(kappa, nu);
                double[] fb = b.frequencies(kappa, nu);
                for (int i = 0; i < fa.length; i++) {
                    worst = Math.max(worst, Math.abs(fa[i] - fb[i]));
                }
            }
        }
        return worst;
    }

    @ParameterizedTest
    @CsvSource({"10,5", "12,0", "8,8"})
    void expandThenProjectGivesBackTheSymmetricConstants(int n, int m) {
        SymmetricStructure s = new Relaxer(calc, Relaxer.Options.builder().forceTolerance(1e-8).build())
                .relax(SymmetricStructure.fromTube(Nanotube.of(n, m))).structure();
        ForceConstants fc = SumRules.impose(new FiniteDifferenceForceConstants(calc, DisplacementScheme.defaults())
                .compute(s)).forceConstants();
        CellForceConstants cell = CellForceConstants.fromSymmetric(fc, 0);
        CellForceConstants.Projection pr = cell.project(1e-6);
        assertEquals(Nanotube.of(n, m).toString(), pr.recognition().tube().orElseThrow().toString());
        assertTrue(pr.recognition().mismatch() < RECOGNITION_MISMATCH, "mismatch " + pr.recognition().mismatch());
        assertTrue(pr.residualRms() < Tolerances.ROUND_OFF, "residual " + pr.residualRms());
        double d = maxDiff(new HelicalPhonons(fc), new HelicalPhonons(pr.forceConstants().symmetrized()), 17);
        System.err.println("(" + n + "," + m + ") expand/project max frequency difference " + d + " cm^-1");
        assertTrue(d < EXPAND_PROJECT_FREQUENCIES, "max difference " + d);
    }
}

package org.helixff.phonon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.helixff.Progress;
import org.helixff.calculator.Calculator;
import org.helixff.relax.Relaxer;
import org.helixff.structure.Nanotube;
import org.helixff.symmetry.SymmetricStructure;
import org.helixff.teacher.Teachers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The projected DOS: its parts add up to the independently computed total DOS, each polarisation holds a third of
 * the states and each nu its 6 branches (1/N of them), the split is not trivial, and the van Hove labels point at
 * flat bands at the peak.
 */
class ProjectedDosTest {
    /** The projected DOS sums to 3 x motif size: Gaussian tails cut at the grid ends. */
    private static final double NORMALISATION = 1e-6;
    /** The G band is tangential: its radial share is below this. */
    private static final double G_RADIAL_SHARE = 0.02;
    /** The bar: parts sum to the total within 1e-10 relative (round-off of the sums). */
    private static final double SUM_REL = 1e-10;
    private static final int KAPPA = 256;
    private static final double SIGMA = 4.0;

    @ParameterizedTest
    @CsvSource({"8,8", "10,5"})
    void partsSumToTheTotalAndIntegrateToTheirShares(int n, int m) {
        Calculator c = Teachers.byName("tersoff-lb");
        SymmetricStructure s = new Relaxer(c, Relaxer.Options.builder().forceTolerance(1e-7).build())
                .relax(SymmetricStructure.fromTube(Nanotube.of(n, m))).structure();
        HelicalPhonons ph = new HelicalPhonons(SumRules.impose(new FiniteDifferenceForceConstants(c,
                DisplacementScheme.defaults()).compute(s)).forceConstants());
        ProjectedDos p = ProjectedDos.compute(ph, KAPPA, SIGMA, SIGMA / 4, 0.05, Progress.NONE);
        // the total of the existing DOS code on its own sampling (no eigenvectors)
        DensityOfStates ref = HelicalPhonons.densityOfStates(ph.dispersion(KAPPA, Progress.NONE), SIGMA, SIGMA / 4);
        assertEquals(ref.size(), p.total().size());
        double max = 0;
        for (int i = 0; i < ref.size(); i++) {
            max = Math.max(max, ref.density(i));
        }
        int nn = ph.cyclicOrder();
        for (int i = 0; i < ref.size(); i++) {
            double pol = p.polarisation(0, i) + p.polarisation(1, i) + p.polarisation(2, i);
            double nus = 0;
            for (int nu = 0; nu < nn; nu++) {
                nus += p.angularMomentum(nu, i);
            }
            assertEquals(ref.density(i), pol, SUM_REL * max, "polarisations at " + ref.frequency(i));
            assertEquals(ref.density(i), nus, SUM_REL * max, "nu parts at " + ref.frequency(i));
        }
        double total = ref.integral();
        assertEquals(6, total, NORMALISATION, "6 states per motif");
        for (int q = 0; q < 3; q++) {
            assertEquals(total / 3, p.polarisationIntegral(q), SUM_REL * total, ProjectedDos.POLARISATIONS.get(q));
        }
        for (int nu = 0; nu < nn; nu++) {
            assertEquals(total / nn, p.angularMomentumIntegral(nu), SUM_REL * total, "nu = " + nu + ": its 6 branches");
        }
        // not a uniform split: the G band (top 5 % of the spectrum) has almost no radial weight; the RBM region does
        double top = ref.frequency(ref.size() - 1) - 6 * SIGMA;
        double radialG = 0;
        double allG = 0;
        for (int i = 0; i < ref.size(); i++) {
            if (ref.frequency(i) > 0.95 * top) {
                radialG += p.polarisation(0, i);
                allG += ref.density(i);
            }
        }
        assertTrue(radialG < G_RADIAL_SHARE * allG, "G band radial share " + radialG / allG);
        // van Hove labels: a sampled band within 2 sigma of the peak, much flatter than the typical band
        assertFalse(p.peaks().isEmpty());
        for (ProjectedDos.Peak pk : p.peaks()) {
            double f = ph.frequencies(pk.kappa(), pk.nu())[pk.branch()];
            assertEquals(pk.frequencyCm1(), f, 2 * SIGMA, pk.toString());
            assertTrue(pk.slope() < 100, "flat band at a van Hove peak: " + pk);
        }
    }
}

package org.helixff.phonon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.helixff.InvalidInputException;
import org.helixff.Tolerances;
import org.helixff.calculator.Calculator;
import org.helixff.relax.Relaxer;
import org.helixff.structure.Nanotube;
import org.helixff.structure.Structure;
import org.helixff.symmetry.SymmetricStructure;
import org.helixff.teacher.Teachers;
import org.junit.jupiter.api.Test;

class FiniteDifferenceForceConstantsTest {
    /** The largest force-constant entry of a tube is of order 1 Ha/Bohr^2. */
    private static final double NON_TRIVIAL_ENTRY = 0.1;
    /** Asymmetry of raw finite-difference force constants, Ha/Bohr^2: the difference error of the 4-point stencil at 0.005 Bohr. */
    private static final double FD_ASYMMETRY = 1e-5;
    /** Raw finite differences break the sum rules by more than this (else the test could not see the correction). */
    private static final double BROKEN_SUM_RULES = 1e-8;
    /** The sum-rule correction relative to the largest entry: of the order of the difference error. */
    private static final double SMALL_CORRECTION = 1e-6;
    /** Anti-Hermitian part of D after symmetrization: exactly zero up to the last bits of entries ~1e-5. */
    private static final double HERMITIAN = 1e-18;
    /** Sum-rule residual of raw constants of an unrelaxed tube once the force term is included. */
    private static final double RAW_RESIDUAL_WITH_FORCES = 1e-5;
    private static final Calculator TERSOFF = Teachers.byName("tersoff");
    /**
     * Two 4-point difference formulas of the same forces differ by their O(step^4) errors: original Tersoff's
     * angular term has a length scale of ~0.2 Bohr, so at the default step 0.005 Bohr the error is ~1.5e-7 of the
     * largest entry (measured; see DisplacementScheme).
     */
    private static final double FD4_TOL = 1e-6;
    /** Round-off of the symmetrization and sum-rule projection, relative to the largest entry. */
    private static final double ROUND_OFF = 1e-13;

    private static SymmetricStructure relaxed(int n, int m) {
        return new Relaxer(TERSOFF, Relaxer.Options.builder().forceTolerance(1e-8).build())
                .relax(SymmetricStructure.fromTube(Nanotube.of(n, m))).structure();
    }

    /** Largest entry difference of two force-constant sets, matching blocks by their (a; b, k, j). */
    private static double maxDiff(ForceConstants x, ForceConstants y) {
        double m = 0;
        for (int i = 0; i < x.blockCount(); i++) {
            int j = y.indexOf(x.firstAtom(i), x.secondAtom(i), x.element(i).k(), x.element(i).j());
            for (int e = 0; e < 9; e++) {
                m = Math.max(m, Math.abs(x.entry(i, e / 3, e % 3) - (j < 0 ? 0 : y.entry(j, e / 3, e % 3))));
            }
        }
        return m;
    }

    private static double maxDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    @Test
    void clusterHoldsEveryAtomWithinItsRadiusAndDoesNotGrowWithTheCell() {
        SymmetricStructure s = SymmetricStructure.fromTube(Nanotube.of(10, 5));
        FiniteDifferenceForceConstants fd = new FiniteDifferenceForceConstants(TERSOFF, DisplacementScheme.defaults());
        double radius = fd.clusterRadius();
        long q = s.periodSteps();
        Structure cell = s.expand(3); // the centre image sits in the middle cell, > radius from both ends
        for (int a = 0; a < 2; a++) {
            FiniteDifferenceForceConstants.Cluster c = fd.cluster(s, a);
            int centre = s.expandedIndex(a, 0, (int) q);
            int count = 0;
            for (int i = 0; i < cell.size(); i++) {
                double dx = cell.position(i, 0) - cell.position(centre, 0);
                double dy = cell.position(i, 1) - cell.position(centre, 1);
                double dz = cell.position(i, 2) - cell.position(centre, 2);
                if (dx * dx + dy * dy + dz * dz < radius * radius) {
                    count++;
                }
            }
            assertEquals(count, c.size(), "cluster of motif atom " + a);
            assertEquals(0, c.structure().position(c.center(), 0) - s.motifPosition(a, 0), 0);
        }
        // (40,39): 18,724 atoms per translational cell, a cluster of the same size as any tube's
        SymmetricStructure big = SymmetricStructure.fromTube(Nanotube.of(40, 39));
        assertEquals(18724, big.expandedSize(1));
        int size = fd.cluster(big, 0).size();
        assertTrue(size > 20 && size < 60, "cluster of (40,39) has " + size + " atoms");
    }

    /**
     * The (kappa, nu) = (0, 0) block is the Hessian of the energy per motif under symmetric displacements:
     * sqrt(m_a m_b) D_ab(0, 0) = -dF^sym_a / dX_b, which the symmetric path gives independently of the cluster.
     */
    @Test
    void gammaBlockEqualsDerivativeOfSymmetricForces() {
        SymmetricStructure s = relaxed(10, 5);
        ForceConstants fc = new FiniteDifferenceForceConstants(TERSOFF, DisplacementScheme.defaults()).compute(s);
        HermitianMatrix d = fc.dynamicalMatrix(0, 0);
        double m = fc.masses()[0];
        double step = 0.0025; // half the cluster's step: its own difference error is 16 times smaller
        double big = 0;
        double worst = 0;
        for (int b = 0; b < 2; b++) {
            for (int beta = 0; beta < 3; beta++) {
                double[][] f = new double[4][];
                int[] off = {-2, -1, 1, 2};
                for (int i = 0; i < 4; i++) {
                    double[] x = s.motif();
                    x[3 * b + beta] += off[i] * step;
                    f[i] = TERSOFF.compute(s.withMotif(x)).forces();
                }
                for (int a = 0; a < 2; a++) {
                    for (int al = 0; al < 3; al++) {
                        int c = 3 * a + al;
                        double dfdx = (f[0][c] - 8 * f[1][c] + 8 * f[2][c] - f[3][c]) / (12 * step);
                        double mine = m * d.re(3 * a + al, 3 * b + beta);
                        worst = Math.max(worst, Math.abs(-dfdx - mine));
                        big = Math.max(big, Math.abs(mine));
                        assertEquals(0, d.im(3 * a + al, 3 * b + beta), Tolerances.ROUND_OFF * big + Tolerances.ULP, "D(0,0) is real");
                    }
                }
            }
        }
        assertTrue(big > NON_TRIVIAL_ENTRY, "non-trivial force constants: " + big + " Ha/Bohr^2");
        assertTrue(worst < FD4_TOL * big, "D(0,0) vs symmetric forces: " + worst + " of " + big);
    }

    @Test
    void stepConvergenceFourPointFollowsStepToTheFourthAndTwoPointStepSquared() {
        SymmetricStructure s = relaxed(8, 8);
        DisplacementScheme base = DisplacementScheme.defaults();
        ForceConstants ref = new FiniteDifferenceForceConstants(TERSOFF, base.withStep(0.00125)).compute(s);
        double big = ref.maxEntry();
        double e5 = maxDiff(ref, new FiniteDifferenceForceConstants(TERSOFF, base.withStep(0.005)).compute(s));
        double e10 = maxDiff(ref, new FiniteDifferenceForceConstants(TERSOFF, base.withStep(0.01)).compute(s));
        assertTrue(e5 < FD4_TOL * big, "4-point at the default step: " + e5 / big);
        double r4 = e10 / e5;
        assertTrue(r4 > 12 && r4 < 20, "4-point error ratio for a doubled step (16 expected): " + r4);
        DisplacementScheme two = base.withStencil(DisplacementScheme.Stencil.CENTRAL_2);
        double t1 = maxDiff(ref, new FiniteDifferenceForceConstants(TERSOFF, two.withStep(0.005)).compute(s));
        double t2 = maxDiff(ref, new FiniteDifferenceForceConstants(TERSOFF, two.withStep(0.01)).compute(s));
        double r2 = t2 / t1;
        assertTrue(r2 > 3.5 && r2 < 4.5, "2-point error ratio for a doubled step (4 expected): " + r2);
        assertTrue(t1 > 100 * e5, "the 4-point stencil is the more accurate one");
    }

    @Test
    void symmetrizationAndSumRulesAreExactAndSmall() {
        SymmetricStructure s = relaxed(12, 0);
        ForceConstants raw = new FiniteDifferenceForceConstants(TERSOFF, DisplacementScheme.defaults()).compute(s);
        double big = raw.maxEntry();
        double asym = raw.asymmetry();
        assertTrue(asym > 0 && asym < FD_ASYMMETRY, "raw asymmetry (finite-difference error) " + asym);
        ForceConstants sym = raw.symmetrized();
        assertTrue(sym.asymmetry() < ROUND_OFF, "symmetrized " + sym.asymmetry());
        assertTrue(SumRules.maxResidual(raw) > BROKEN_SUM_RULES, "raw sum rules are broken at the difference-error level");
        SumRules.Outcome o = SumRules.impose(raw);
        assertTrue(o.residualAfter() < ROUND_OFF * big * 100, "residual after " + o.residualAfter());
        assertTrue(o.maxCorrection() < SMALL_CORRECTION * big, "correction " + o.maxCorrection() + " vs " + big);
        assertTrue(o.forceConstants().asymmetry() < ROUND_OFF, "still symmetric");
        for (int nu = 0; nu < 12; nu += 5) {
            assertEquals(0, o.forceConstants().dynamicalMatrix(0.7, nu).antiHermitianNorm(), HERMITIAN);
        }
    }

    /** On an unrelaxed tube the rotational rule carries the force term: it is still met exactly. */
    @Test
    void sumRulesHoldWithForcesOnAnUnrelaxedTube() {
        SymmetricStructure s = SymmetricStructure.fromTube(Nanotube.of(6, 3));
        ForceConstants raw = new FiniteDifferenceForceConstants(TERSOFF, DisplacementScheme.defaults()).compute(s);
        double f = 0;
        for (double v : raw.motifForces()) {
            f = Math.max(f, Math.abs(v));
        }
        assertTrue(f > Tolerances.NON_TRIVIAL, "the ideal roll-up is not relaxed: " + f);
        // without the force term the rule would be off by |n x F| ~ f
        assertTrue(SumRules.maxResidual(raw) < RAW_RESIDUAL_WITH_FORCES, "raw residual with the force term " + SumRules.maxResidual(raw));
        assertTrue(SumRules.impose(raw).residualAfter() < Tolerances.ROUND_OFF);
    }

    @Test
    void badSchemesAreRejected() {
        assertThrows(InvalidInputException.class, () -> DisplacementScheme.defaults().withStep(0));
        assertThrows(InvalidInputException.class, () -> DisplacementScheme.defaults().withStep(0.5));
        assertThrows(InvalidInputException.class,
                () -> new FiniteDifferenceForceConstants(TERSOFF, DisplacementScheme.defaults())
                        .cluster(SymmetricStructure.fromTube(Nanotube.of(8, 8)), 2));
    }
}

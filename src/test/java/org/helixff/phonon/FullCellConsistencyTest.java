package org.helixff.phonon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.helixff.Progress;
import org.helixff.Tolerances;
import org.helixff.calculator.Calculator;
import org.helixff.relax.Relaxer;
import org.helixff.structure.Nanotube;
import org.helixff.structure.Structure;
import org.helixff.symmetry.HelicalGroup;
import org.helixff.symmetry.SymmetricStructure;
import org.helixff.teacher.Teachers;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The symmetry-adapted phonons against the full translational cell (the oracle), original Tersoff, relaxed tubes.
 *
 * <p>How frequencies are compared: both paths are sorted and paired; the tolerance is relative to the largest
 * frequency of the cell (1e-6 x f_max, ~2e-3 cm^-1). A relative test per mode would be meaningless for the
 * acoustic modes at Gamma, which are zero up to the finite-difference error (|f| ~ 1e-2 cm^-1): there a
 * difference d(omega^2) ~ 1e-13 f_max^2 of the eigenvalues moves omega by ~1e-8 f_max, but relative to omega
 * itself it is large. Both paths displace atoms along the same local cylindrical axes with the same stencil, so
 * their force constants agree to round-off and the test checks the symmetry reduction, not the difference error.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FullCellConsistencyTest {
    /** A block phase q kappa - 2 pi nu s / N - k T, wrapped: round-off of sums of up to q N angles. */
    private static final double PHASE = 1e-8;
    /** A bending mode also tilts the cross-section, so its overlap with the rigid transverse pattern is below 1 but above this. */
    private static final double OVERLAP = 0.5;
    /** An acoustic mode at finite k has a frequency above this, cm^-1. */
    private static final double FINITE_FREQUENCY = 0.5;
    /** The demand: all frequencies within 1e-6 of the largest. */
    private static final double REL_TOL = 1e-6;
    /** The pattern identity D_full P = P D_sym holds to round-off of the force constants (relative). */
    private static final double PATTERN_TOL = 1e-9;

    private final Calculator calc = Teachers.byName("tersoff");
    private final Map<String, Object[]> cache = new HashMap<>();

    /** {relaxed structure, full-cell phonons, helical phonons (symmetrized, no sum rules)}. */
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

    private static double maxAbs(double[] f) {
        double m = 0;
        for (double v : f) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    @ParameterizedTest
    @CsvSource({"8,8", "10,5", "12,0"})
    void cellSpectrumEqualsUnionOfSymmetryBlocksAtGammaAndInsideTheZone(int n, int m) {
        Object[] o = setup(n, m);
        SymmetricStructure s = (SymmetricStructure) o[0];
        FullCellPhonons full = (FullCellPhonons) o[1];
        HelicalPhonons ph = (HelicalPhonons) o[2];
        HelicalGroup g = s.group();
        long q = s.periodSteps();
        double t = full.period();
        assertEquals(q * g.screwShift(), t, Tolerances.ROUND_OFF * t);
        for (double k : new double[] {0, Math.PI / (2 * t)}) {
            double[] ff = full.frequenciesCm1(k);
            CellSpectrum cs = ph.cellSpectrum(k);
            double[] fs = cs.sortedFrequencies();
            assertEquals(3 * s.expandedSize(1), ff.length);
            assertEquals(ff.length, fs.length);
            double fmax = maxAbs(ff);
            assertTrue(fmax > 1000, "non-trivial spectrum");
            for (int i = 0; i < ff.length; i++) {
                assertEquals(ff[i], fs[i], REL_TOL * fmax, "mode " + i + " at k = " + k);
            }
            // the blocks are those of docs/method.md eq. (5.10): q kappa - 2 pi nu s / N = k T (mod 2 pi)
            long sRot = g.period().orElseThrow().rotation();
            for (int b = 0; b < cs.blocks(); b++) {
                double phase = q * cs.kappa(b) - 2 * Math.PI * cs.nu(b) * sRot / g.cyclicOrder() - k * t;
                assertEquals(0, HelicalPhonons.wrap(phase + 1e-9) - 1e-9, PHASE, "block " + b);
            }
            if (k != 0) {
                // control: the same comparison with the Gamma blocks (the k h term of the mapping left out) fails.
                // (Flipping the sign of k h would not: omega(k) = omega(-k) by time reversal.)
                double[] wrong = ph.gamma().sortedFrequencies();
                double worst = 0;
                for (int i = 0; i < ff.length; i++) {
                    worst = Math.max(worst, Math.abs(ff[i] - wrong[i]));
                }
                assertTrue(worst > 1.0, "a wrong mapping must fail the comparison: " + worst);
            }
        }
    }

    /**
     * docs/method.md's general rule (eq. (5.9)) on the full cell: the pattern exp(i (m phi + kz z)) (any local cylindrical
     * components c_b on the two motif atoms) lives in block (m mod N, m alpha + kz h): the full-cell dynamical
     * matrix at k = kz maps it to the pattern of D(kappa, nu) applied to its motif part.
     */
    @ParameterizedTest
    @CsvSource({"10,5,0,0.0", "10,5,1,0.5", "10,5,2,0.25", "10,5,-3,0.9", "10,5,7,0.5", "12,0,5,0.5"})
    void patternWithAngularMomentumMAndWaveVectorKzLivesInItsBlock(int n, int m, int mm, double kFraction) {
        Object[] o = setup(n, m);
        SymmetricStructure s = (SymmetricStructure) o[0];
        FullCellPhonons full = (FullCellPhonons) o[1];
        HelicalPhonons ph = (HelicalPhonons) o[2];
        HelicalGroup g = s.group();
        double kz = kFraction * Math.PI / full.period();
        Random r = new Random(mm * 31L + n);
        double[][] c = new double[2][6]; // per motif atom: re/im of (c_r, c_phi, c_z)
        for (double[] row : c) {
            for (int i = 0; i < 6; i++) {
                row[i] = r.nextGaussian();
            }
        }
        Structure cell = full.cell();
        int atoms = cell.size();
        double[] pr = new double[3 * atoms];
        double[] pi = new double[3 * atoms];
        int steps = (int) s.periodSteps();
        int nn = g.cyclicOrder();
        for (int j = 0; j < steps; j++) {
            for (int k = 0; k < nn; k++) {
                for (int b = 0; b < 2; b++) {
                    int idx = s.expandedIndex(b, k, j);
                    double x = cell.position(idx, 0);
                    double y = cell.position(idx, 1);
                    double phi = Math.atan2(y, x);
                    double th = mm * phi + kz * cell.position(idx, 2);
                    double[] rh = {Math.cos(phi), Math.sin(phi), 0};
                    double[] ph2 = {-Math.sin(phi), Math.cos(phi), 0};
                    for (int d = 0; d < 3; d++) {
                        double vr = c[b][0] * rh[d] + c[b][2] * ph2[d] + (d == 2 ? c[b][4] : 0);
                        double vi = c[b][1] * rh[d] + c[b][3] * ph2[d] + (d == 2 ? c[b][5] : 0);
                        pr[3 * idx + d] = vr * Math.cos(th) - vi * Math.sin(th);
                        pi[3 * idx + d] = vr * Math.sin(th) + vi * Math.cos(th);
                    }
                }
            }
        }
        double[][] dp = full.dynamicalMatrix(kz).multiply(pr, pi);
        // the block, and D(kappa, nu) applied to the motif part of the pattern
        double[] blk = ph.blockOf(mm, kz);
        int nu = (int) blk[0];
        double kappa = blk[1];
        double[] ur = new double[6];
        double[] ui = new double[6];
        for (int b = 0; b < 2; b++) {
            int idx = s.expandedIndex(b, 0, 0);
            for (int d = 0; d < 3; d++) {
                ur[3 * b + d] = pr[3 * idx + d];
                ui[3 * b + d] = pi[3 * idx + d];
            }
        }
        double[][] w = ph.dynamicalMatrix(kappa, nu).multiply(ur, ui);
        double worst = 0;
        double big = 0;
        for (int j = 0; j < steps; j++) {
            for (int k = 0; k < nn; k++) {
                double ang = g.angle(k, j);
                double th = kappa * j + 2 * Math.PI * nu * k / nn;
                for (int b = 0; b < 2; b++) {
                    int idx = s.expandedIndex(b, k, j);
                    double[] rwr = rotate(ang, w[0], 3 * b);
                    double[] rwi = rotate(ang, w[1], 3 * b);
                    for (int d = 0; d < 3; d++) {
                        double er = rwr[d] * Math.cos(th) - rwi[d] * Math.sin(th);
                        double ei = rwr[d] * Math.sin(th) + rwi[d] * Math.cos(th);
                        worst = Math.max(worst, Math.hypot(er - dp[0][3 * idx + d], ei - dp[1][3 * idx + d]));
                        big = Math.max(big, Math.hypot(dp[0][3 * idx + d], dp[1][3 * idx + d]));
                    }
                }
            }
        }
        assertTrue(big > 0, "non-trivial");
        assertTrue(worst < PATTERN_TOL * big, "D_full P vs block pattern: " + worst + " of " + big);
    }

    private static double[] rotate(double ang, double[] v, int o) {
        double c = Math.cos(ang);
        double sn = Math.sin(ang);
        return new double[] {c * v[o] - sn * v[o + 1], sn * v[o] + c * v[o + 1], v[o + 2]};
    }

    /**
     * The transverse acoustic (flexural) modes: the full-cell eigenvector at small k most like a uniform
     * translation (x +- i y) exp(i k z) has the frequency of the lowest mode of block (+-1 mod N, +-alpha + k h).
     * (Both paths are raw here, without the rotational sum rules, so this soft branch may come out slightly
     * imaginary at small k; it is the same number on both paths. {@code ZeroModeTest} checks it with the rules.)
     */
    @ParameterizedTest
    @CsvSource({"10,5", "12,0"})
    void transverseAcousticModesLiveInBlocksPlusMinusOne(int n, int m) {
        Object[] o = setup(n, m);
        SymmetricStructure s = (SymmetricStructure) o[0];
        FullCellPhonons full = (FullCellPhonons) o[1];
        HelicalPhonons ph = (HelicalPhonons) o[2];
        double kz = 0.1 * Math.PI / full.period();
        HermitianEigen.Result e = full.modes(kz);
        Structure cell = full.cell();
        int dim = 3 * cell.size();
        double fmax = maxAbs(full.frequenciesCm1(kz));
        for (int sign : new int[] {1, -1}) {
            double[] pr = new double[dim];
            double[] pim = new double[dim];
            for (int i = 0; i < cell.size(); i++) {
                double th = kz * cell.position(i, 2);
                // (1, sign i, 0) exp(i th)
                pr[3 * i] = Math.cos(th);
                pim[3 * i] = Math.sin(th);
                pr[3 * i + 1] = -sign * Math.sin(th);
                pim[3 * i + 1] = sign * Math.cos(th);
            }
            int best = -1;
            double bo = -1;
            for (int v = 0; v < dim; v++) {
                double cr = 0;
                double ci = 0;
                for (int i = 0; i < dim; i++) {
                    cr += pr[i] * e.re(v, i) + pim[i] * e.im(v, i);
                    ci += pr[i] * e.im(v, i) - pim[i] * e.re(v, i);
                }
                double ov = (cr * cr + ci * ci) / (2.0 * cell.size());
                if (ov > bo) {
                    bo = ov;
                    best = v;
                }
            }
            // a bending mode also tilts the cross-section (u_z ~ k R cos phi), so the overlap is below 1
            assertTrue(bo > OVERLAP, "a transverse acoustic mode exists: overlap " + bo);
            double fFull = org.helixff.Units.eigenvalueToWavenumber(e.value(best));
            double[] blk = ph.blockOf(sign, kz);
            double fSym = ph.frequencies(blk[1], (int) blk[0])[0];
            assertTrue(Math.abs(fFull) > FINITE_FREQUENCY, "an acoustic mode at finite k has a finite frequency: " + fFull);
            assertEquals(fFull, fSym, REL_TOL * fmax, "sign " + sign);
            assertEquals(HelicalPhonons.wrap(sign * s.group().screwAngle() + kz * s.group().screwShift()), blk[1], Tolerances.ROUND_OFF);
        }
    }
}

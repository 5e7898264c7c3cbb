package org.helixff.phonon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.helixff.Progress;
import org.helixff.Tolerances;
import org.helixff.calculator.Calculator;
import org.helixff.relax.Relaxer;
import org.helixff.report.PhonopyFiles;
import org.helixff.structure.Nanotube;
import org.helixff.symmetry.SymmetricStructure;
import org.helixff.symmetry.TubeRecognition;
import org.helixff.teacher.Teachers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * phonopy in: force constants computed on the full translational cell without any symmetry (finite displacements of
 * every atom, {@link FullCellPhonons}), written as phonopy files, read back, recognised and projected, must give the
 * same labelled spectrum as the symmetry-adapted {@code phonons} workflow on the same tube; and force constants with
 * 1 % noise must be reported as asymmetric while the RBM, twist and ring modes are still found.
 */
class PhonopyRoundTripTest {
    /** RBM through phonopy files against the direct one, relative: the files carry a coarser cell. */
    private static final double RBM_REL = 0.02;
    /** A named band through phonopy files against the direct one, relative. */
    private static final double BAND_REL = 0.05;
    /** Full-cell finite differences have the tube symmetry up to the difference round-off. */
    private static final double FULL_CELL_SYMMETRY = 1e-10;
    /** The asymmetry injected into the file is reported: it lies between these bounds. */
    private static final double REPORTED_ASYMMETRY_LOW = 5e-3;
    /** Upper bound of the injected asymmetry. */
    private static final double REPORTED_ASYMMETRY_HIGH = 2e-2;
    /** The twist is the rigid rotation to this fraction. */
    private static final double ZERO_MODE_OVERLAP = 0.99;
    /** The RBM from phonopy force constants is the breathing pattern to this fraction. */
    private static final double RBM_OVERLAP = 0.95;
    /** A named band is its pattern to this fraction. */
    private static final double BAND_OVERLAP = 0.9;
    /** The acceptance: 1e-6 cm^-1 (full-cell and cluster finite differences agree to round-off, see below). */
    private static final double CM1 = 1e-6;
    /**
     * Zero modes: the two finite-difference paths differ by round-off (measured <= 5e-12 of the largest eigenvalue
     * near omega = 0); allowing 1e-10 makes |omega| < 1e-5 omega_max (~0.02 cm^-1) noise, in both results.
     */
    private static final double EIGEN_ROUND = 1e-10;

    private final Calculator calc = Teachers.byName("tersoff-lb");

    private static TubePhonons.Options options(boolean sumRules) {
        return TubePhonons.Options.builder().sumRules(sumRules).kappaPoints(33).kPoints(5).dosKappaPoints(64).build();
    }

    private SymmetricStructure relaxed(int n, int m) {
        return new Relaxer(calc, Relaxer.Options.builder().forceTolerance(1e-8).build())
                .relax(SymmetricStructure.fromTube(Nanotube.of(n, m))).structure();
    }

    private static void same(double a, double b, double fmax, String what) {
        double noise = Math.sqrt(EIGEN_ROUND) * fmax;
        if (Math.abs(a) < noise && Math.abs(b) < noise) {
            return;
        }
        assertEquals(a, b, CM1, what);
    }

    private static double compare(TubePhononResult ref, TubePhononResult got) {
        HelicalDispersion a = ref.dispersion();
        HelicalDispersion b = got.dispersion();
        double fmax = a.maximum();
        double worst = 0;
        for (int nu = 0; nu < a.cyclicOrder(); nu++) {
            for (int t = 0; t < a.kappaPoints(); t++) {
                for (int br = 0; br < a.branches(); br++) {
                    double fa = a.frequency(nu, t, br);
                    double fb = b.frequency(nu, t, br);
                    same(fa, fb, fmax, "nu " + nu + " kappa " + a.kappa(t) + " branch " + br);
                    if (Math.abs(fa) > Math.sqrt(EIGEN_ROUND) * fmax) {
                        worst = Math.max(worst, Math.abs(fa - fb));
                    }
                }
            }
        }
        double[] ga = ref.gamma().sortedFrequencies();
        double[] gb = got.gamma().sortedFrequencies();
        for (int i = 0; i < ga.length; i++) {
            same(ga[i], gb[i], fmax, "Gamma mode " + i);
        }
        List<List<IdentifiedMode>> named = List.of(ref.zeroModes(), List.of(ref.rbm()), ref.ringModes(), ref.gModes());
        List<List<IdentifiedMode>> namedGot = List.of(got.zeroModes(), List.of(got.rbm()), got.ringModes(),
                got.gModes());
        for (int l = 0; l < named.size(); l++) {
            assertEquals(named.get(l).size(), namedGot.get(l).size());
            for (int i = 0; i < named.get(l).size(); i++) {
                IdentifiedMode x = named.get(l).get(i);
                IdentifiedMode y = namedGot.get(l).get(i);
                assertEquals(x.name(), y.name());
                assertEquals(x.nu(), y.nu(), x.name());
                assertEquals(x.kappa(), y.kappa(), Tolerances.ROUND_OFF, x.name());
                same(x.frequencyCm1(), y.frequencyCm1(), fmax, x.name());
            }
        }
        return worst;
    }

    @ParameterizedTest
    @CsvSource({"8,8", "12,0", "10,5"})
    void fullCellForceConstantsThroughPhonopyFilesReproducePhonons(int n, int m, @TempDir Path dir) {
        SymmetricStructure s = relaxed(n, m);
        FullCellPhonons full = FullCellPhonons.compute(calc, s.expand(1), DisplacementScheme.defaults(), Progress.NONE);
        PhonopyFiles.write(dir, CellForceConstants.fromFullCell(full, 0), "full-cell test " + n + "," + m);
        CellForceConstants back = PhonopyFiles.read(dir.resolve("phonopy_disp.yaml"), dir.resolve("FORCE_CONSTANTS"));
        CellForceConstants.Projection pr = back.project(TubeRecognition.DEFAULT_TOLERANCE);
        assertEquals(Nanotube.of(n, m).toString(), pr.recognition().tube().orElseThrow().toString());
        assertTrue(pr.residualRms() < FULL_CELL_SYMMETRY, "full-cell finite differences have the symmetry: " + pr.residualRms());
        StringBuilder msg = new StringBuilder("(" + n + "," + m + ") full cell -> phonopy files -> analyze vs phonons:");
        for (boolean sr : new boolean[] {false, true}) {
            TubePhononResult ref = TubePhonons.run(calc, s, options(sr), Progress.NONE);
            TubePhononResult got = TubePhonons.analyze(TubePhonons.prepareExternal(pr.forceConstants(), options(sr),
                    List.of()), options(sr), Progress.NONE, "phonopy");
            msg.append(String.format(java.util.Locale.ROOT, " %s %.2e cm^-1;", sr ? "sum rules" : "raw",
                    compare(ref, got)));
        }
        System.err.println(msg + " projection residual " + pr.residualRms());
    }

    @Test
    void onePercentNoiseIsReportedAndTheNamedModesSurvive() {
        SymmetricStructure s = relaxed(8, 8);
        FullCellPhonons full = FullCellPhonons.compute(calc, s.expand(1), DisplacementScheme.defaults(), Progress.NONE);
        CellForceConstants clean = CellForceConstants.fromFullCell(full, 0);
        double[] phi = clean.blocks();
        Random r = new Random(3);
        for (int i = 0; i < phi.length; i++) {
            phi[i] *= 1 + 0.01 * r.nextGaussian();
        }
        CellForceConstants noisy = new CellForceConstants(clean.cell(), clean.supercell(), clean.masses(), phi);
        CellForceConstants.Projection pr = noisy.project(TubeRecognition.DEFAULT_TOLERANCE);
        assertTrue(pr.residualRms() > REPORTED_ASYMMETRY_LOW && pr.residualRms() < REPORTED_ASYMMETRY_HIGH, "reported asymmetry " + pr.residualRms());
        TubePhononResult ref = TubePhonons.run(calc, s, options(true), Progress.NONE);
        TubePhononResult got = TubePhonons.analyze(TubePhonons.prepareExternal(pr.forceConstants(), options(true),
                List.of()), options(true), Progress.NONE, "noisy");
        StringBuilder msg = new StringBuilder(String.format(java.util.Locale.ROOT,
                "(8,8) with 1%% noise: projection residual %.3e;", pr.residualRms()));
        IdentifiedMode twist = got.zeroModes().stream().filter(z -> z.name().equals("twist")).findFirst().orElseThrow();
        assertTrue(Math.abs(twist.frequencyCm1()) < 1 && twist.overlap() > ZERO_MODE_OVERLAP, twist.toString());
        msg.append(String.format(java.util.Locale.ROOT, " twist %.3f cm^-1 (overlap %.4f);", twist.frequencyCm1(),
                twist.overlap()));
        assertTrue(got.rbm().overlap() > RBM_OVERLAP, "RBM found: " + got.rbm());
        assertEquals(ref.rbm().frequencyCm1(), got.rbm().frequencyCm1(), RBM_REL * ref.rbm().frequencyCm1());
        msg.append(String.format(java.util.Locale.ROOT, " RBM %.3f vs %.3f cm^-1;", got.rbm().frequencyCm1(),
                ref.rbm().frequencyCm1()));
        for (int i = 0; i < ref.ringModes().size(); i++) {
            IdentifiedMode a = ref.ringModes().get(i);
            IdentifiedMode b = got.ringModes().get(i);
            assertEquals(a.name(), b.name());
            assertTrue(b.overlap() > BAND_OVERLAP, b.toString());
            assertEquals(a.frequencyCm1(), b.frequencyCm1(), BAND_REL * a.frequencyCm1(), a.name());
            msg.append(String.format(java.util.Locale.ROOT, " %s %.2f vs %.2f;", a.name(), b.frequencyCm1(),
                    a.frequencyCm1()));
        }
        System.err.println(msg);
    }

    @Test
    void aTubeWrappedAcrossTheLateralCellBoundaryIsRecognised(@TempDir Path dir) {
        SymmetricStructure s = relaxed(12, 0);
        ForceConstants fc = SumRules.impose(new FiniteDifferenceForceConstants(calc, DisplacementScheme.defaults())
                .compute(s)).forceConstants();
        CellForceConstants centred = CellForceConstants.fromSymmetric(fc, 0);
        org.helixff.structure.Structure c = centred.cell();
        double[] p = c.positions();
        double lat = c.cell(0, 0);
        for (int i = 0; i < c.size(); i++) {
            // axis moved to the cell corner and every atom wrapped into the cell, as DFT codes and phonopy may do
            for (int d = 0; d < 2; d++) {
                p[3 * i + d] = (p[3 * i + d] + lat / 2) - lat * Math.floor((p[3 * i + d]
                        + lat / 2) / lat);
            }
        }
        CellForceConstants wrapped = new CellForceConstants(new org.helixff.structure.Structure(c.species(), p,
                c.cell(), c.pbc()), centred.supercell(), centred.masses(), centred.blocks());
        PhonopyFiles.write(dir, wrapped, "wrapped (12,0)");
        CellForceConstants.Projection pr = PhonopyFiles.read(dir.resolve("phonopy_disp.yaml"),
                dir.resolve("FORCE_CONSTANTS")).project(TubeRecognition.DEFAULT_TOLERANCE);
        assertEquals("(12,0)", pr.recognition().tube().orElseThrow().toString());
        assertTrue(pr.residualRms() < Tolerances.ROUND_OFF, "residual " + pr.residualRms());
        assertTrue(CellForceConstantsTest.maxDiff(new HelicalPhonons(fc), new HelicalPhonons(
                pr.forceConstants().symmetrized()), 9) < CM1);
    }
}

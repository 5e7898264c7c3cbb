package org.helixff.teacher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.helixff.Tolerances;
import org.helixff.calculator.CalculatorContract;
import org.helixff.calculator.SiteCalculator;
import org.helixff.calculator.SymmetricResult;
import org.helixff.symmetry.SymmetricStructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generic external teacher with a real external program: {@code examples/ase_teacher.py} run by a
 * Python with ASE ({@code /usr/bin/python3} on this machine: ASE 3.22.1; skipped when no ASE is found).
 */
class AseTeacherTest {
    /** ASE Morse through extxyz against the same potential on the symmetric path (file rounding ~1e-10). */
    private static final double FORCE_TOL = 1e-8;
    private static final double ENERGY_TOL = 1e-9;
    /**
     * dE/dh from ASE's stress by central differences (strain step 1e-5: error ~1e-10 relative of the energy
     * curvature) and the virial-to-fixed-motif conversion; measured agreement ~1e-9 Ha/Bohr.
     */
    private static final double DEDH_TOL = 1e-6;
    /** EMT respects the tube's symmetry: images carry the same folded force to round-off. */
    private static final double SPREAD_TOL = 1e-8;
    /**
     * Central difference of the EMT energy per motif (step 1e-3 Bohr) against the folded force: O(step^2)
     * error with third derivatives ~1 Ha/Bohr^3 gives ~1e-6.
     */
    private static final double FD_TOL = 2e-5;
    private static final double FD_STEP = 1e-3;

    /** Morse parameters of the test (eV, A): nearest neighbours at the minimum, second neighbours switched off. */
    private static final String MORSE = "--calculator morse --epsilon 0.6 --r0 1.42 --rho0 3.5 --rcut1 1.5 --rcut2 1.9";

    private static String python;

    @BeforeAll
    static void findAse() {
        for (String p : List.of("/usr/bin/python3", "python3", "python")) {
            try {
                Process pr = new ProcessBuilder(p, "-c", "import ase, numpy").redirectErrorStream(true).start();
                pr.getInputStream().readAllBytes();
                if (pr.waitFor(60, TimeUnit.SECONDS) && pr.exitValue() == 0) {
                    python = p;
                    return;
                }
            } catch (Exception ignored) {
                // try the next one
            }
        }
    }

    private static Path script() {
        Path p = Path.of("examples", "ase_teacher.py").toAbsolutePath();
        assertTrue(Files.isRegularFile(p), "example script at " + p);
        return p;
    }

    private static ExternalTeacher ase(Path dir, String options) {
        return new ExternalTeacher(ExternalTeacher.Options.of("'" + python + "' '" + script() + "' {in} {out} "
                + options, dir.resolve("work")));
    }

    @Test
    void aseMorseEqualsTheSamePotentialOnTheSymmetricPath(@TempDir Path dir) {
        assumeTrue(python != null, "no Python with ASE found");
        SiteCalculator morse = new SiteCalculator(new MorseSiteModel(0.6, 1.42, 3.5, 1.5, 1.9));
        ExternalTeacher t = ase(dir, MORSE + " --fd-stress");
        for (SymmetricStructure s : List.of(CalculatorContract.perturbed(10, 10, 11, false),
                CalculatorContract.perturbed(8, 4, 12, false))) {
            SymmetricResult ref = morse.compute(s);
            TeacherLabel label = t.label(s);
            assertTrue(ref.maxForce() > Tolerances.NON_TRIVIAL, "non-trivial forces");
            assertEquals(ref.energyPerMotif(), label.energyPerMotif(), ENERGY_TOL, "energy per motif");
            assertArrayEquals(ref.forces(), label.forces(), FORCE_TOL, "forces");
            assertTrue(Math.abs(ref.dEdh()) > Tolerances.NON_TRIVIAL, "non-trivial dE/dh");
            assertEquals(ref.dEdh(), label.dEdh(), DEDH_TOL, "dE/dh from ASE's finite-difference stress");
            assertTrue((double) label.details().get("fold_spread_max_ha_per_bohr") < SPREAD_TOL);
        }
    }

    @Test
    void aseEmtForcesAreTheDerivativeOfTheLabelledEnergy(@TempDir Path dir) {
        assumeTrue(python != null, "no Python with ASE found");
        ExternalTeacher t = ase(dir, "--calculator emt");
        SymmetricStructure s = CalculatorContract.perturbed(10, 10, 13, false);
        TeacherLabel label = t.label(s);
        assertTrue((double) label.details().get("fold_spread_max_ha_per_bohr") < SPREAD_TOL, "EMT keeps the symmetry");
        assertTrue(label.hasDEdh(), "EMT has an analytic stress");
        double[] f = label.forces();
        int q = 0;
        for (int i = 1; i < f.length; i++) {
            if (Math.abs(f[i]) > Math.abs(f[q])) {
                q = i;
            }
        }
        assertTrue(Math.abs(f[q]) > Tolerances.NON_TRIVIAL, "non-trivial force " + f[q]);
        double[] x = s.motif();
        x[q] += FD_STEP;
        double ep = t.label(s.withMotif(x)).energyPerMotif();
        x[q] -= 2 * FD_STEP;
        double em = t.label(s.withMotif(x)).energyPerMotif();
        assertEquals(-(ep - em) / (2 * FD_STEP), f[q], FD_TOL, "F = -dE/dx of the energy per motif");
    }
}

package org.helixff.phonon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.helixff.Tolerances;
import org.helixff.calculator.Calculator;
import org.helixff.relax.Relaxer;
import org.helixff.report.PhonopyFiles;
import org.helixff.structure.Nanotube;
import org.helixff.symmetry.SymmetricStructure;
import org.helixff.symmetry.TubeRecognition;
import org.helixff.teacher.Teachers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * phonopy out: phonopy itself (Python, {@code import phonopy}; Debian python3-phonopy 2.17.1) reads the exported
 * phonopy_disp.yaml + FORCE_CONSTANTS of Lindsay-Broido Tersoff (10,10) and (10,5) and computes the Gamma point and
 * a Gamma-centred 1 x 1 x M mesh (M = the supercell length, so every mesh point is commensurate and phonopy's
 * minimum-image sum is exact). Its frequencies must equal HelixFF's cell spectrum at the same k. Skipped without
 * phonopy.
 */
class PhonopyInteropTest {
    /** Absolute part of the comparison for frequencies near zero, cm^-1. */
    private static final double DEFAULT_ABS = 1e-3;
    /** The acceptance: 1e-6 cm^-1 plus 1e-8 of the frequency (text round trip is exact: shortest repr doubles). */
    private static final double ABS_CM1 = 1e-6;
    private static final double REL = 1e-8;
    /**
     * Zero modes: an eigenvalue near 0 carries round-off ~1e4 eps of the largest (dense eigenproblem of 3 x cell
     * atoms); its square root, sqrt(1e-12) x omega_max ~ 2e-3 cm^-1, is noise in any two codes. Below that both
     * frequencies only have to be zero to that noise.
     */
    private static final double EIGEN_ROUND = 1e-12;
    /**
     * phonopy's defaults: its own unit constants (amu 1.6605402e-27 kg, eV 1.60217733e-19 J in 2.17) differ from
     * CODATA 2018 by ~7e-7, so frequencies by ~3.5e-7 relative; and it re-symmetrizes the force constants.
     */
    private static final double DEFAULT_REL = 1e-6;

    private static String python;

    @BeforeAll
    static void findPython() {
        for (String p : List.of("/usr/bin/python3", "python3")) {
            try {
                Process pr = new ProcessBuilder(p, "-c", "import phonopy").redirectErrorStream(true).start();
                pr.getInputStream().readAllBytes();
                if (pr.waitFor(60, TimeUnit.SECONDS) && pr.exitValue() == 0) {
                    python = p;
                    return;
                }
            } catch (IOException | InterruptedException e) {
                // not this one
            }
        }
        System.err.println("PhonopyInteropTest skipped: no python3 with phonopy (apt-get install python3-phonopy)");
    }

    /** Both frequencies below the round-off level of a zero eigenvalue (then they are asserted to be that small). */
    static boolean zeroMode(double a, double b, double fmax) {
        double noise = Math.sqrt(EIGEN_ROUND) * fmax;
        if (Math.abs(a) < noise) {
            assertTrue(Math.abs(b) < noise, "zero mode " + a + " vs " + b);
            return true;
        }
        return false;
    }

    static JsonNode runPhonopy(Path dir, int mesh, boolean full) throws Exception {
        Path script = dir.resolve("phonopy_check.py");
        try (InputStream in = PhonopyInteropTest.class.getResourceAsStream("phonopy_check.py")) {
            Files.write(script, in.readAllBytes());
        }
        Process pr = new ProcessBuilder(python, script.toString(), dir.toString(),
                Double.toString(PhonopyFiles.FACTOR_CM1), String.valueOf(mesh), full ? "full" : "compact")
                .redirectError(dir.resolve("stderr.txt").toFile()).start();
        byte[] out = pr.getInputStream().readAllBytes();
        assertTrue(pr.waitFor(300, TimeUnit.SECONDS), "phonopy timed out");
        assertEquals(0, pr.exitValue(), "phonopy failed: " + Files.readString(dir.resolve("stderr.txt")));
        return new ObjectMapper().readTree(new String(out, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource({"10,10", "10,5"})
    void phonopyReproducesHelixffFromTheExportedFiles(int n, int m, @TempDir Path dir) throws Exception {
        assumeTrue(python != null, "no python3 with phonopy (apt-get install python3-phonopy)");
        Calculator calc = Teachers.byName("tersoff-lb");
        SymmetricStructure s = new Relaxer(calc, Relaxer.Options.builder().forceTolerance(1e-8).build())
                .relax(SymmetricStructure.fromTube(Nanotube.of(n, m))).structure();
        ForceConstants fc = SumRules.impose(new FiniteDifferenceForceConstants(calc, DisplacementScheme.defaults())
                .compute(s)).forceConstants();
        HelicalPhonons ph = new HelicalPhonons(fc);
        // at least 3 cells, so that the mesh has points other than Gamma ((10,5) needs 1 for Tersoff's range)
        int msc = Math.max(3, CellForceConstants.supercellFor(fc.range(), ph.translationalPeriod()));
        CellForceConstants cell = CellForceConstants.fromSymmetric(fc, msc);
        PhonopyFiles.write(dir, cell, "test (" + n + "," + m + ")");
        boolean full = n == m; // phonopy's full-format file once (its YAML is large and slow to write and read)
        JsonNode res = runPhonopy(dir, cell.supercell(), full);
        assertEquals(cell.atoms() * cell.supercell(), res.get("supercell_atoms").asInt());
        double t = ph.translationalPeriod();
        double worst = 0;
        double worstDefault = 0;
        double[] gamma = ph.gamma().sortedFrequencies();
        assertEquals(gamma.length, res.get("gamma").size());
        for (int i = 0; i < gamma.length; i++) {
            double f = res.get("gamma").get(i).asDouble();
            if (!zeroMode(gamma[i], f, gamma[gamma.length - 1])) {
                worst = Math.max(worst, Math.abs(f - gamma[i]));
                assertEquals(gamma[i], f, ABS_CM1 + REL * Math.abs(gamma[i]), "Gamma mode " + i);
            }
            double fd = res.get("gamma_default_cm1").get(i).asDouble();
            if (Math.abs(gamma[i]) > 1) {
                worstDefault = Math.max(worstDefault, Math.abs(fd / gamma[i] - 1));
                assertEquals(gamma[i], fd, DEFAULT_REL * Math.abs(gamma[i]) + DEFAULT_ABS, "default phonopy, mode " + i);
            }
        }
        assertTrue(gamma[gamma.length - 1] > 1000, "non-trivial spectrum");
        assertEquals(cell.supercell(), res.get("mesh").size());
        for (JsonNode q : res.get("mesh")) {
            double k = 2 * Math.PI * q.get("qz").asDouble() / t;
            double[] mine = ph.cellSpectrum(k).sortedFrequencies();
            for (int i = 0; i < mine.length; i++) {
                double f = q.get("frequencies").get(i).asDouble();
                if (!zeroMode(mine[i], f, mine[mine.length - 1])) {
                    worst = Math.max(worst, Math.abs(f - mine[i]));
                    assertEquals(mine[i], f, ABS_CM1 + REL * Math.abs(mine[i]), "mesh qz " + q.get("qz") + " mode "
                            + i);
                }
            }
        }
        // phonopy's own phonopy_params.yaml (its writer, its cell section, force constants inside; compact, and for
        // (10,10) also full)
        // read back by HelixFF: the same tube, group and spectrum
        double worstBack = 0;
        for (String name : full ? List.of("params_compact.yaml", "params_full.yaml") : List.of("params_compact.yaml")) {
            CellForceConstants.Projection pr = PhonopyFiles.read(dir.resolve(name), null)
                    .project(TubeRecognition.DEFAULT_TOLERANCE);
            assertEquals("(" + n + "," + m + ")", pr.recognition().tube().orElseThrow().toString(), name);
            assertTrue(pr.residualRms() < Tolerances.ROUND_OFF, name + " residual " + pr.residualRms());
            double d = CellForceConstantsTest.maxDiff(ph, new HelicalPhonons(pr.forceConstants().symmetrized()), 9);
            worstBack = Math.max(worstBack, d);
            assertTrue(d < ABS_CM1 + REL * gamma[gamma.length - 1], name + ": " + d + " cm^-1");
        }
        System.err.printf(java.util.Locale.ROOT, "phonopy-written phonopy_params.yaml (compact, full) analysed: %.2e"
                + " cm^-1%n", worstBack);
        System.err.printf(java.util.Locale.ROOT, "phonopy %s (%d,%d): supercell %d cells; largest |phonopy - HelixFF|"
                + " %.2e cm^-1 (Gamma + %d mesh points); phonopy defaults: %.2e relative%n", res.get("version").asText(),
                n, m, cell.supercell(), worst, cell.supercell(), worstDefault);
    }

    /** Issue 18: phonopy's thermal properties from the exported files agree with HelixFF's within this. */
    private static final double THERMAL_REL = 0.005;

    @Test
    void phonopyThermalPropertiesAgreeWithPhononsThermal(@TempDir Path dir) throws Exception {
        assumeTrue(python != null, "no python3 with phonopy (apt-get install python3-phonopy)");
        Calculator calc = Teachers.byName("tersoff-lb");
        SymmetricStructure s = new Relaxer(calc, Relaxer.Options.builder().forceTolerance(1e-8).build())
                .relax(SymmetricStructure.fromTube(Nanotube.of(10, 10))).structure();
        ForceConstants fc = SumRules.impose(new FiniteDifferenceForceConstants(calc, DisplacementScheme.defaults())
                .compute(s)).forceConstants();
        HelicalPhonons ph = new HelicalPhonons(fc);
        CellForceConstants cell = CellForceConstants.fromSymmetric(fc,
                Math.max(3, CellForceConstants.supercellFor(fc.range(), ph.translationalPeriod())));
        PhonopyFiles.write(dir, cell, "thermal check (10,10)");
        double[] temps = {300, 1000};
        Path script = dir.resolve("phonopy_thermal.py");
        try (InputStream in = PhonopyInteropTest.class.getResourceAsStream("phonopy_thermal.py")) {
            Files.write(script, in.readAllBytes());
        }
        Process pr = new ProcessBuilder(python, script.toString(), dir.toString(), "400", "300,1000")
                .redirectError(dir.resolve("stderr.txt").toFile()).start();
        byte[] out = pr.getInputStream().readAllBytes();
        assertTrue(pr.waitFor(300, TimeUnit.SECONDS), "phonopy timed out");
        assertEquals(0, pr.exitValue(), "phonopy failed: " + Files.readString(dir.resolve("stderr.txt")));
        JsonNode res = new ObjectMapper().readTree(new String(out, StandardCharsets.UTF_8));
        ThermalProperties mine = ThermalProperties.converged(ph, temps, 1e-4, 256, 16384, org.helixff.Progress.NONE);
        for (int i = 0; i < temps.length; i++) {
            ThermalProperties.Point p = mine.points().get(i);
            JsonNode q = res.get("points").get(i);
            double cv = p.heatCapacity() / s.motifSize();
            double sk = p.entropy() / s.motifSize();
            double f = ThermalProperties.kjPerMol(p.freeEnergy()) / s.motifSize();
            System.out.printf("phonopy vs HelixFF thermal (10,10) at %.0f K: Cv %.6f / %.6f, S %.6f / %.6f k_B per atom,"
                    + " F %.5f / %.5f kJ/mol%n", temps[i], q.get("cv_kb").asDouble(), cv, q.get("s_kb").asDouble(), sk,
                    q.get("f_kj_mol").asDouble(), f);
            assertEquals(q.get("cv_kb").asDouble(), cv, THERMAL_REL * cv, "Cv at " + temps[i] + " K");
            assertEquals(q.get("s_kb").asDouble(), sk, THERMAL_REL * sk, "S at " + temps[i] + " K");
            assertEquals(q.get("f_kj_mol").asDouble(), f, THERMAL_REL * Math.abs(f), "F at " + temps[i] + " K");
        }
    }
}

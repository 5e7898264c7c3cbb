package org.helixff.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.helixff.io.Datasets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The error bars of HelixFF's own DFT phonon reference ({@code dataset:gpaw-helixff/phonons_8_8/noise.json}, made by
 * {@code teachers/phonon_noise.py}): the SCF force noise sigma estimated from the asymmetry of the expanded force
 * constants, propagated to the Gamma frequencies by seeded Monte Carlo through the same expansion and phonopy.
 *
 * <p>Oracles: the script's unperturbed spectrum, rebuilt from the shipped displaced cells alone, equals the
 * reference's Gamma list (so the shipped files are the whole reference); rerunning the shipped command reproduces
 * the shipped numbers (needs python3 with ASE and phonopy, skipped otherwise). The pinned numbers are the facts the
 * README quotes: a perfect model would show 5.05 cm^-1 RMSE against this reference, the RBM is known to +-6.1
 * cm^-1 (2.7 %), ring m = 2 to +-23 cm^-1, the G band to ~1 cm^-1.
 */
class DftReferenceNoiseTest {
    /** The reference spectrum and the script's noiseless rebuild differ by phonopy round-off only (5e-5 measured). */
    private static final double REBUILD_CM1 = 1e-3;
    /** Seeded Monte Carlo and identical inputs: the rerun matches to print precision of the JSON. */
    private static final double RERUN_REL = 1e-9;

    private static JsonNode noise;
    private static JsonNode reference;
    private static String python;

    @BeforeAll
    static void load() throws IOException {
        ObjectMapper om = new ObjectMapper();
        noise = om.readTree(Datasets.readText("gpaw-helixff", "phonons_8_8/noise.json"));
        reference = om.readTree(Datasets.readText("gpaw-helixff", "phonons_8_8/reference.json"));
        python = Python3.withModules("import ase, spglib, phonopy");
    }

    private static double[] array(JsonNode a) {
        double[] x = new double[a.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = a.get(i).asDouble();
        }
        return x;
    }

    private static double stdAt(double frequency) {
        double[] f = array(noise.get("gamma_cm-1"));
        double[] s = array(noise.get("gamma_std_cm-1"));
        int best = 0;
        for (int i = 1; i < f.length; i++) {
            if (Math.abs(f[i] - frequency) < Math.abs(f[best] - frequency)) {
                best = i;
            }
        }
        return s[best];
    }

    @Test
    void theShippedDisplacementsRebuildTheReference() {
        double[] ref = array(reference.get("gamma_cm-1"));
        Arrays.sort(ref);
        double[] rebuilt = array(noise.get("gamma_cm-1"));
        assertEquals(ref.length, rebuilt.length);
        for (int i = 0; i < ref.length; i++) {
            assertEquals(ref[i], rebuilt[i], REBUILD_CM1, "mode " + i);
        }
    }

    @Test
    void errorBarsOfTheReference() {
        double sigma = noise.get("sigma_eV_A").asDouble();
        assertTrue(sigma > 1e-4 && sigma < 1e-3, "SCF force noise " + sigma + " eV/A (criterion 1e-3)");
        assertEquals(400, noise.get("samples").asInt());
        assertEquals(5.05, noise.get("perfect_model_rmse_cm-1").asDouble(), 0.01, "the RMSE floor a perfect model meets");
        assertEquals(6.06, stdAt(222.45), 0.01, "RBM");
        assertEquals(22.8, stdAt(29.90), 0.1, "ring m = 2");
        assertTrue(stdAt(1591.79) < 1.0 && stdAt(1502.13) < 1.5 && stdAt(1482.36) < 1.5, "G band");
    }

    @Test
    void rerunningTheShippedCommandReproducesIt(@TempDir Path dir) throws Exception {
        assumeTrue(python != null, "no python3 with ASE, spglib and phonopy");
        Path ref = dir.resolve("phonons_8_8");
        Files.createDirectories(ref);
        for (String f : List.of("relaxed.extxyz", "displacements.extxyz", "reference.json")) {
            Files.writeString(ref.resolve(f), Datasets.readText("gpaw-helixff", "phonons_8_8/" + f));
        }
        for (String f : List.of("phonon_noise.py", "dft_phonons.py", "gpaw_teacher.py")) {
            try (InputStream in = DftReferenceNoiseTest.class.getResourceAsStream("/teachers/" + f)) {
                Files.write(dir.resolve(f), in.readAllBytes());
            }
        }
        Process pr = new ProcessBuilder(python, dir.resolve("phonon_noise.py").toString(), ref.toString(),
                "--samples", noise.get("samples").asText(), "--seed", noise.get("seed").asText())
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(pr.getInputStream().readAllBytes());
        assertTrue(pr.waitFor(600, TimeUnit.SECONDS), "timed out");
        assertEquals(0, pr.exitValue(), out);
        JsonNode again = new ObjectMapper().readTree(ref.resolve("noise.json").toFile());
        for (String k : List.of("sigma_eV_A", "perfect_model_rmse_cm-1")) {
            assertEquals(noise.get(k).asDouble(), again.get(k).asDouble(), RERUN_REL * noise.get(k).asDouble(), k);
        }
        assertTrue(Files.notExists(ref.resolve(".noise-scratch")), "no scratch left behind");
    }

    /**
     * The noise model against an independent measurement: the same cell's displacements rerun at an SCF force
     * criterion of 1e-4 eV/A ({@code phonons_8_8_scf1e-4}). Its own floor is 0.82 cm^-1, so the RMSE between the two
     * references is the old one's noise: measured 4.55 cm^-1 against the predicted 5.05; the RBM moved by 11.5 cm^-1
     * against a predicted +-6.1 (1.9 sigma).
     */
    @Test
    void theTightReferenceConfirmsTheNoiseModel() throws IOException {
        ObjectMapper om = new ObjectMapper();
        JsonNode tight = om.readTree(Datasets.readText("gpaw-helixff", "phonons_8_8_scf1e-4/noise.json"));
        double floorTight = tight.get("perfect_model_rmse_cm-1").asDouble();
        double floorOld = noise.get("perfect_model_rmse_cm-1").asDouble();
        assertEquals(0.82, floorTight, 0.01, "floor of the tight reference");
        assertTrue(tight.get("sigma_eV_A").asDouble() < noise.get("sigma_eV_A").asDouble() / 5, "tighter SCF, less noise");
        double[] a = array(noise.get("gamma_cm-1"));
        double[] b = array(tight.get("gamma_cm-1"));
        double sum = 0;
        for (int i = 4; i < a.length; i++) {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        }
        double rmse = Math.sqrt(sum / (a.length - 4));
        System.err.printf("DftReferenceNoiseTest: old vs tight reference RMSE %.2f cm^-1, predicted %.2f%n", rmse,
                Math.hypot(floorOld, floorTight));
        assertEquals(Math.hypot(floorOld, floorTight), rmse, 0.3 * floorOld, "the predicted noise is the measured one");
    }
}

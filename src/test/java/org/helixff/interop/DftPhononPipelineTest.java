package org.helixff.interop;

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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DFT phonon pipeline ({@code teachers/dft_phonons.py}: ASE roll-up, BFGS relaxation of positions and axial
 * period under FixSymmetry, one atom displaced +-0.01 A along x, y, z, force constants of the whole cell from the
 * tube's line-group operations, phonopy's Gamma frequencies) run with a HelixFF model in place of GPAW (over the
 * i-PI socket, {@code --calculator helixff:tersoff-lb}), against HelixFF's own symmetry-adapted phonons of the
 * same model ({@code helixff phonons 8 8 --model tersoff-lb --relax --free-axial}). The two share no code path
 * for the phonons: a full cell relaxed by ASE and finite displacements expanded by operations found from the
 * atoms, against the 2-atom motif, helical force constants and D(kappa, nu). This is the check that makes the
 * GPAW reference of (8,8) trustworthy as a pipeline.
 *
 * <p>Needs {@code /usr/bin/python3} with ASE, spglib and phonopy (Debian: python3-ase, python3-phonopy);
 * skipped otherwise.
 */
public class DftPhononPipelineTest {
    /** Measured 0.14 cm^-1: the +-0.01 A displacement's anharmonicity and the 0.003 eV/A relaxation tolerance. */
    private static final double RMSE_CM1 = 0.5;
    /** Largest single-mode difference, measured 0.27 cm^-1. */
    private static final double MAX_CM1 = 1.0;
    /**
     * The four zero modes of the tube: translations are exact after phonopy's translational sum rule; the
     * rotation about the axis is not imposed by phonopy and comes out at -2.9 cm^-1 (finite-displacement error).
     */
    private static final double ZERO_MODE_CM1 = 5.0;

    private static String python;

    @BeforeAll
    static void findPython() {
        python = Python3.withModules("import ase.calculators.socketio, ase.spacegroup.symmetrize, spglib, phonopy");
        if (python != null) {
            return;
        }
        System.err.println("DftPhononPipelineTest skipped: no python3 with ASE, spglib and phonopy");
    }

    private static void extract(String name, Path dir) throws IOException {
        try (InputStream in = DftPhononPipelineTest.class.getResourceAsStream("/teachers/" + name)) {
            Files.write(dir.resolve(name), in.readAllBytes());
        }
    }

    private static String run(List<String> cmd, Path dir, Path err, Map<String, String> env)
            throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(err.toFile());
        pb.environment().putAll(env);
        Process pr = pb.start();
        byte[] out = pr.getInputStream().readAllBytes();
        assertTrue(pr.waitFor(600, TimeUnit.SECONDS), "timed out: " + cmd);
        assertEquals(0, pr.exitValue(), cmd + " failed: " + Files.readString(err));
        return new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void pipelineWithTersoffReproducesHelixffPhonons(@TempDir Path dir) throws Exception {
        assumeTrue(python != null, "no python3 with ASE, spglib and phonopy");
        extract("dft_phonons.py", dir);
        extract("gpaw_teacher.py", dir);
        List<String> javaCmd = AseSocketTest.javaCommand();
        String quoted = String.join(" ", javaCmd.stream().map(w -> "'" + w.replace("'", "'\\''") + "'").toList());
        run(List.of(python, "dft_phonons.py", "8", "8", "--out", "out", "--cache", "cache",
                "--calculator", "helixff:tersoff-lb", "--fmax", "0.003"), dir, dir.resolve("pipeline.err"),
                Map.of("HELIXFF_COMMAND", quoted, "HELIXFF_ASE_DIR",
                        Path.of("python").toAbsolutePath().toString(), "OMP_NUM_THREADS", "1"));
        JsonNode ref = new ObjectMapper().readTree(dir.resolve("out/reference.json").toFile());
        assertTrue(ref.get("relaxation").get("max_residual_force_eV_A").asDouble() < 0.003);
        assertEquals(List.of(0), List.of(ref.get("force_constants").get("representatives").get(0).asInt()));
        double[] pipeline = new double[ref.get("gamma_cm-1").size()];
        for (int i = 0; i < pipeline.length; i++) {
            pipeline[i] = ref.get("gamma_cm-1").get(i).asDouble();
        }

        List<String> cmd = new ArrayList<>(javaCmd);
        cmd.addAll(List.of("phonons", "8", "8", "--model", "tersoff-lb", "--relax", "--free-axial", "--quiet",
                "--out", dir.resolve("hx").toString()));
        run(cmd, dir, dir.resolve("phonons.err"), Map.of());
        List<String> rows = Files.readAllLines(dir.resolve("hx/gamma.csv"));
        int col = Arrays.asList(rows.get(0).split(",")).indexOf("frequency_cm1");
        double[] helixff = rows.stream().skip(1).mapToDouble(r -> Double.parseDouble(r.split(",")[col])).sorted()
                .toArray();
        assertEquals(96, pipeline.length);
        assertEquals(helixff.length, pipeline.length);
        double sum = 0;
        double worst = 0;
        for (int i = 0; i < 4; i++) {
            assertTrue(Math.abs(pipeline[i]) < ZERO_MODE_CM1, "zero mode " + i + ": " + pipeline[i]);
        }
        for (int i = 4; i < pipeline.length; i++) {
            double d = pipeline[i] - helixff[i];
            sum += d * d;
            worst = Math.max(worst, Math.abs(d));
        }
        double rmse = Math.sqrt(sum / (pipeline.length - 4));
        System.err.printf("DftPhononPipelineTest: (8,8) Tersoff-LB, pipeline vs helixff phonons: RMSE %.3f, max %.3f"
                + " cm^-1%n", rmse, worst);
        assertTrue(rmse < RMSE_CM1, "RMSE " + rmse);
        assertTrue(worst < MAX_CM1, "max " + worst);
    }
}

package org.helixff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.helixff.Tolerances;
import org.helixff.Units;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

class PhononsCommandTest {
    /** Log-log slope of the RBM against the diameter: -1 for A/d, B/d bends it by a few percent over the series. */
    private static final double RBM_SLOPE = 0.03;
    /** band.yaml stores THz with 10 decimals: the cm^-1 values come back to this (cm^-1). */
    private static final double YAML_TOL = 1e-6;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(args, new PrintWriter(o), new PrintWriter(e));
        return new Run(code, o.toString(), e.toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void writesPhonopyBandYamlCsvJsonAndPlots(@TempDir Path dir) throws Exception {
        Run r = run("phonons", "8", "8", "--model", "tersoff-lb", "--relax", "--free-axial", "--kappa-points", "24", "--k-points", "7",
                "--dos-kappa-points", "256", "--out", dir.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("tersoff-lb", j.get("model").asText());
        assertTrue(j.get("relaxation").get("converged").asBoolean());
        assertEquals(4, j.get("zero_modes").size());
        for (JsonNode z : j.get("zero_modes")) {
            assertTrue(Math.abs(z.get("frequency_cm1").asDouble()) < 1.0, z.toString());
        }
        double rbm = j.get("rbm").get("frequency_cm1").asDouble();
        assertTrue(rbm > 150 && rbm < 260, "RBM of (8,8) " + rbm);
        assertEquals(0, j.get("imaginary").get("count").asInt());
        assertEquals(96, j.get("gamma").get("frequencies_cm1").size());
        JsonNode file = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertEquals(j, file, "stdout and summary.json carry the same summary");

        // band.yaml: phonopy's keys, loads as YAML
        Map<String, Object> y;
        try (Reader in = Files.newBufferedReader(dir.resolve("band.yaml"))) {
            y = new Yaml().load(in);
        }
        for (String key : List.of("nqpoint", "npath", "segment_nqpoint", "reciprocal_lattice", "natom", "lattice",
                "points", "phonon")) {
            assertTrue(y.containsKey(key), "band.yaml has " + key);
        }
        assertEquals(7, y.get("nqpoint"));
        assertEquals(1, y.get("npath"));
        assertEquals(32, y.get("natom"));
        assertEquals(32, ((List<?>) y.get("points")).size());
        List<Map<String, Object>> ph = (List<Map<String, Object>>) y.get("phonon");
        assertEquals(7, ph.size());
        Map<String, Object> gamma = ph.get(0);
        assertEquals(List.of(0.0, 0.0, 0.0), gamma.get("q-position"));
        assertEquals(0.5, ((List<Double>) ph.get(6).get("q-position")).get(2), Tolerances.ROUND_OFF);
        List<Map<String, Object>> bands = (List<Map<String, Object>>) gamma.get("band");
        assertEquals(96, bands.size());
        JsonNode gf = j.get("gamma").get("frequencies_cm1");
        for (int b = 0; b < 96; b++) {
            double thz = ((Number) bands.get(b).get("frequency")).doubleValue();
            assertEquals(gf.get(b).asDouble(), thz / Units.THZ_PER_CM1, YAML_TOL);
        }
        // CSVs
        List<String> disp = Files.readAllLines(dir.resolve("dispersion.csv"));
        assertEquals("nu,kappa,branch,frequency_cm1", disp.get(0));
        assertEquals(1 + 8 * 24 * 6, disp.size());
        assertEquals("frequency_cm1,dos_states_per_cm1_per_motif", Files.readAllLines(dir.resolve("dos.csv")).get(0));
        assertEquals(1 + 96, Files.readAllLines(dir.resolve("gamma.csv")).size());
        // plots: decodable, full size, not blank
        for (String png : List.of("dispersion_helical.png", "dispersion_linear.png", "dos.png")) {
            BufferedImage img = ImageIO.read(dir.resolve(png).toFile());
            assertEquals(1200, img.getWidth(), png);
            assertEquals(800, img.getHeight(), png);
            int first = img.getRGB(0, 0);
            boolean varied = false;
            for (int x = 0; x < img.getWidth() && !varied; x += 7) {
                for (int yy = 0; yy < img.getHeight() && !varied; yy += 7) {
                    varied = img.getRGB(x, yy) != first;
                }
            }
            assertTrue(varied, png + " is not blank");
        }
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }
    }

    @Test
    void seriesFitsTheLaws(@TempDir Path dir) throws Exception {
        Run r = run("phonons", "--series", "8,8 10,10 12,12", "--model", "tersoff-lb", "--free-axial", "--json", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(3, j.get("tubes").size());
        assertEquals(-1.0, j.get("rbm_fit").get("loglog_slope").asDouble(), RBM_SLOPE);
        assertTrue(Files.size(dir.resolve("laws.png")) > 0);
        assertEquals(4, Files.readAllLines(dir.resolve("laws.csv")).size());
        Run text = run("phonons", "--series", "8,8 10,10 12,12");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("log-log slope"), text.out());
    }

    @Test
    void unrelaxedTubeIsWarnedAbout(@TempDir Path dir) {
        Run r = run("phonons", "8", "8", "--kappa-points", "8", "--k-points", "3", "--dos-kappa-points", "64",
                "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("helixff: warning: structure is not relaxed"), r.err());
        assertTrue(r.err().contains("imaginary frequencies"), r.err());
        assertTrue(r.out().contains("RBM"), r.out());
    }

    @Test
    void badInputExitsWithCodeTwoAndOneLine(@TempDir Path dir) {
        String out = dir.toString();
        for (String[] args : new String[][] {
            {"phonons", "8", "8", "--kappa-points", "1", "--out", out},
            {"phonons", "8", "8", "--model", "nope", "--out", out},
            {"phonons", "8", "8"},
            {"phonons", "0", "0", "--out", out},
            {"phonons", "8", "8", "--free-axial", "--out", out},
            {"phonons", "8", "8", "--relax", "--max-iter", "1", "--out", out},
            {"phonons", "--series", "8,8 10,10"},
            {"phonons", "--series", "8,8 x 10,10 12,12"},
            {"phonons", "8", "8", "--series", "8,8 10,10 12,12"}}) {
            Run r = run(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().startsWith("helixff: error: "), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
        try (var files = Files.list(dir)) {
            assertFalse(files.findAny().isPresent(), "nothing written on failure");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

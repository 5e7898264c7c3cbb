package org.helixff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.helixff.Units;
import org.helixff.io.ExtXyz;
import org.helixff.io.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** {@code helixff modes} and {@code phonons --thermal}: files, JSON, bad input. */
class ModesThermalCommandTest {
    /** A named mode is a pure pattern (radial or circumferential) to this fraction. */
    private static final double PURE_PATTERN = 0.99;
    /** Every atom of the RBM picture moves radially to within 5 % of the amplitude. */
    private static final double RADIAL_SHARE = 0.95;
    /** Amplitudes, heat capacities and polarisation integrals read back from printed files. */
    private static final double PRINTED = 1e-6;
    /** Twice the amplitude read back from the trajectory in Angstrom (the breathing is not exactly harmonic over half a period). */
    private static final double AMPLITUDE_ANGSTROM = 0.01;
    /** An angle printed in JSON and read back, rad. */
    private static final double PRINTED_ANGLE = 1e-9;
    /** Cv(300 K) of a carbon nanotube in k_B per atom lies above this (Debye temperature ~2000 K: far from classical 3). */
    private static final double CV_LOWER = 0.5;
    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(args, new PrintWriter(o), new PrintWriter(e));
        return new Run(code, o.toString(), e.toString());
    }

    private static void assertPicture(Path p) throws Exception {
        BufferedImage img = ImageIO.read(p.toFile());
        assertTrue(img.getWidth() >= 800, p.toString());
        int red = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int c = img.getRGB(x, y);
                if (((c >> 16) & 255) > 150 && ((c >> 8) & 255) < 80) {
                    red++;
                }
            }
        }
        assertTrue(red > 50, "arrows are drawn in " + p + ": " + red);
    }

    @Test
    void modesWritesAnimationPictureAndJson(@TempDir Path dir) throws Exception {
        Run r = run("modes", "8", "8", "--model", "tersoff-lb", "--relax", "--mode", "rbm", "--frames", "12",
                "--amplitude", "0.25", "--out", dir.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("RBM", j.get("name").asText());
        assertTrue(j.get("radial_fraction").asDouble() > PURE_PATTERN);
        assertEquals(0, j.get("angular_momentum").asInt());
        assertEquals(j, new ObjectMapper().readTree(dir.resolve("mode_rbm.json").toFile()));
        List<Frame> frames = ExtXyz.read(dir.resolve("mode_rbm.extxyz"));
        assertEquals(12, frames.size());
        int cells = j.get("cells").asInt();
        assertEquals(32L * cells, frames.get(0).atoms());
        // frame 0 is the largest snapshot: the largest displacement is the amplitude, radial and outward-or-inward
        double[] x0 = frames.get(0).positions();
        double[] d = frames.get(0).columns().stream().filter(c -> c.name().equals("displacement")).findFirst()
                .orElseThrow().realValues();
        double max = 0;
        for (int i = 0; i < d.length / 3; i++) {
            max = Math.max(max, Math.sqrt(d[3 * i] * d[3 * i] + d[3 * i + 1] * d[3 * i + 1] + d[3 * i + 2] * d[3 * i + 2]));
            double rad = (d[3 * i] * x0[3 * i] + d[3 * i + 1] * x0[3 * i + 1]) / Math.hypot(x0[3 * i], x0[3 * i + 1]);
            assertTrue(Math.abs(rad) > RADIAL_SHARE * 0.25, "breathing: every atom moves radially, atom " + i);
        }
        assertEquals(0.25, max, PRINTED);
        // half a period later the tube has breathed the other way
        double[] x6 = frames.get(6).positions();
        double r0 = Math.hypot(x0[0], x0[1]);
        double r6 = Math.hypot(x6[0], x6[1]);
        assertEquals(2 * 0.25, Units.bohrToAngstrom(Math.abs(r0 - r6)), AMPLITUDE_ANGSTROM, "positions read back in Bohr");
        assertPicture(dir.resolve("mode_rbm.png"));
    }

    @Test
    void complexModeAndBadInput(@TempDir Path dir) throws Exception {
        // (8,8): alpha = pi/8, q = 2; block (1, pi/4) has m = 1 and k T = pi/4: periodic over 8 cells
        Run ok = run("modes", "8", "8", "--model", "tersoff-lb", "--mode", "1,pi/4,0", "--out", dir.toString(),
                "--json", "--frames", "4");
        assertEquals(0, ok.code(), ok.err());
        JsonNode j = new ObjectMapper().readTree(ok.out());
        assertEquals(1, j.get("angular_momentum").asInt());
        assertEquals(Math.PI / 4, j.get("kT_rad").asDouble(), PRINTED_ANGLE);
        assertEquals(0, j.get("cells").asInt() % 8);
        assertTrue(Files.exists(dir.resolve("mode_nu1_kappa0.7854_b0.extxyz")));

        Path bad = dir.resolve("bad");
        for (String[] args : List.of(
                new String[] {"modes", "8", "8", "--model", "tersoff-lb", "--mode", "1,pi/4,0", "--cells", "3", "--out",
                    bad.toString()},
                new String[] {"modes", "8", "8", "--model", "tersoff-lb", "--mode", "wobble", "--out", bad.toString()},
                new String[] {"modes", "8", "8", "--model", "tersoff-lb", "--mode", "9,0,0", "--out", bad.toString()},
                new String[] {"modes", "8", "8", "--model", "tersoff-lb", "--mode", "0,x,0", "--out", bad.toString()},
                new String[] {"modes", "8", "8", "--model", "tersoff-lb", "--mode", "0,0,7", "--out", bad.toString()},
                new String[] {"modes", "8", "8", "--model", "tersoff-lb", "--mode", "rbm", "--amplitude", "-1", "--out",
                    bad.toString()},
                new String[] {"phonons", "8", "8", "--model", "tersoff-lb", "--out", bad.toString(), "--thermal", "0",
                    "100"},
                new String[] {"phonons", "8", "8", "--model", "tersoff-lb", "--out", bad.toString(), "--thermal", "100",
                    "0", "10"})) {
            Run r = run(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().startsWith("helixff: error: "), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertFalse(Files.exists(bad) && Files.list(bad).findAny().isPresent(), "nothing written: " + args[6]);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void phononsThermalAndModePictures(@TempDir Path dir) throws Exception {
        Run r = run("phonons", "8", "8", "--model", "tersoff-lb", "--relax", "--free-axial", "--kappa-points", "24",
                "--k-points", "5", "--dos-kappa-points", "256", "--ring-max", "3", "--out", dir.toString(), "--json",
                "--thermal-tol", "1e-3", "--thermal", "0", "600", "100");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        JsonNode th = j.get("thermal");
        assertTrue(th.get("convergence").get("converged").asBoolean());
        assertEquals(7, th.get("points").size());
        JsonNode p300 = th.get("points").get(3);
        assertEquals(300, p300.get("temperature_k").asDouble());
        double cv = p300.get("heat_capacity_kb_per_atom").asDouble();
        assertTrue(cv > CV_LOWER && cv < 1.2, "Cv(300 K) of a nanotube, k_B per atom: " + cv);
        assertEquals(cv * 8.314462618, p300.get("heat_capacity_j_per_k_mol_atoms").asDouble(), PRINTED * cv * 8.3);
        Map<String, Object> y = new Yaml().load(Files.readString(dir.resolve("thermal_properties.yaml")));
        assertEquals(2, ((Number) y.get("natom")).intValue());
        List<Map<String, Object>> pts = (List<Map<String, Object>>) y.get("thermal_properties");
        assertEquals(2 * p300.get("heat_capacity_j_per_k_mol_atoms").asDouble(),
                ((Number) pts.get(3).get("heat_capacity")).doubleValue(), PRINTED);
        assertPicture(dir.resolve("modes/mode_rbm.png"));
        for (String m : List.of("rbm", "twist", "g", "ring2", "ring3")) {
            String pic = j.get("mode_pictures").get(m).get("picture").asText();
            assertTrue(Files.exists(dir.resolve(pic)), pic);
        }
        assertTrue(j.get("mode_pictures").get("twist").get("circumferential_fraction").asDouble() > PURE_PATTERN);
        assertTrue(Files.exists(dir.resolve("thermal.png")));
        // projected DOS: CSV columns, integrals in the summary, labelled peaks
        List<String> csv = Files.readAllLines(dir.resolve("dos_projected.csv"));
        assertEquals("frequency_cm1,total,radial,circumferential,axial,nu0,nu1,nu2,nu3,nu4,nu5,nu6,nu7", csv.get(0));
        JsonNode pd = j.get("projected_dos");
        for (String q : List.of("radial", "circumferential", "axial")) {
            assertEquals(2.0, pd.get("polarisation_integrals").get(q).asDouble(), PRINTED);
        }
        assertEquals(8, pd.get("nu_integrals").size());
        assertTrue(pd.get("van_hove_peaks").size() > 0);
        assertTrue(Files.exists(dir.resolve("dos_projected.png")));
    }
}

package org.helixff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.helixff.Tolerances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code phonons --phonopy} and {@code analyze --phonopy} through the CLI, their bad-input behaviour, and the two
 * README sections ("Using HelixFF from ASE / i-PI", "phonopy in and out"), whose examples are run as printed.
 */
class InteropCommandTest {
    /** The analysis of exported constants repeats the same numbers (text round trip of shortest-repr doubles). */
    private static final double SAME_CM1 = 1e-6;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(args, new PrintWriter(o), new PrintWriter(e));
        return new Run(code, o.toString(), e.toString());
    }

    private static void assertOneLine(Run r, String fragment) {
        assertEquals(2, r.code(), r.err());
        String[] lines = r.err().strip().split("\n");
        assertEquals(1, lines.length, r.err());
        assertTrue(lines[0].startsWith("helixff: error: ") && lines[0].contains(fragment), r.err());
    }

    @Test
    void exportThenAnalyzeGivesTheSameNamedModes(@TempDir Path dir) throws Exception {
        Path ph = dir.resolve("ph");
        Run a = run("phonons", "10", "10", "--model", "tersoff-lb", "--relax", "--out", ph.toString(), "--phonopy",
                "--kappa-points", "21", "--dos-kappa-points", "64");
        assertEquals(0, a.code(), a.err());
        assertTrue(Files.exists(ph.resolve("phonopy_disp.yaml")) && Files.exists(ph.resolve("FORCE_CONSTANTS")));
        Path an = dir.resolve("an");
        Run b = run("analyze", "--phonopy", ph.resolve("phonopy_disp.yaml").toString(), "--force-constants",
                ph.resolve("FORCE_CONSTANTS").toString(), "--out", an.toString(), "--kappa-points", "21", "--json");
        assertEquals(0, b.code(), b.err());
        JsonNode x = new ObjectMapper().readTree(ph.resolve("summary.json").toFile());
        JsonNode y = new ObjectMapper().readTree(b.out());
        assertEquals(10, y.get("tube").get("n").asInt());
        assertEquals(10, y.get("tube").get("m").asInt());
        assertTrue(y.get("input").get("projection_residual_relative").asDouble() < Tolerances.ROUND_OFF);
        for (String key : List.of("rbm", "ring_modes", "g_modes")) {
            JsonNode px = x.get(key);
            JsonNode py = y.get(key);
            List<JsonNode> lx = new ArrayList<>();
            List<JsonNode> ly = new ArrayList<>();
            if (px.isArray()) {
                px.forEach(lx::add);
                py.forEach(ly::add);
            } else {
                lx.add(px);
                ly.add(py);
            }
            assertEquals(lx.size(), ly.size(), key);
            for (int i = 0; i < lx.size(); i++) {
                assertEquals(lx.get(i).get("name").asText(), ly.get(i).get("name").asText());
                assertEquals(lx.get(i).get("frequency_cm1").asDouble(), ly.get(i).get("frequency_cm1").asDouble(),
                        SAME_CM1, key);
            }
        }
        assertTrue(Files.exists(an.resolve("band.yaml")) && Files.exists(an.resolve("dispersion_helical.png")));
    }

    @Test
    void badPhonopyInputIsOneLineExitTwoAndWritesNothing(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        Path g = dir.resolve("garbage.yaml");
        Files.writeString(g, "unit_cell: [\n");
        assertOneLine(run("analyze", "--phonopy", g.toString(), "--out", out.toString()), "malformed YAML");
        Files.writeString(g, "just text\n");
        assertOneLine(run("analyze", "--phonopy", g.toString(), "--out", out.toString()), "not a phonopy YAML");
        Path ph = dir.resolve("ph");
        assertEquals(0, run("phonons", "12", "0", "--model", "tersoff", "--out", ph.toString(), "--phonopy",
                "--kappa-points", "5", "--dos-kappa-points", "16").code());
        Path yaml = ph.resolve("phonopy_disp.yaml");
        assertOneLine(run("analyze", "--phonopy", yaml.toString(), "--out", out.toString()), "no force_constants");
        Path fc = dir.resolve("FC");
        List<String> lines = Files.readAllLines(ph.resolve("FORCE_CONSTANTS"));
        Files.write(fc, lines.subList(0, lines.size() / 2));
        assertOneLine(run("analyze", "--phonopy", yaml.toString(), "--force-constants", fc.toString(), "--out",
                out.toString()), "truncated");
        Files.writeString(fc, "3 7\n");
        assertOneLine(run("analyze", "--phonopy", yaml.toString(), "--force-constants", fc.toString(), "--out",
                out.toString()), "do not fit");
        // a cell that is no tube: one atom moved far off its place
        String text = Files.readString(yaml);
        int at = text.indexOf("coordinates: [ ") + "coordinates: [ ".length();
        Path bent = dir.resolve("bent.yaml");
        Files.writeString(bent, text.substring(0, at) + "0.123, 0.2, " + text.substring(text.indexOf(",",
                text.indexOf(",", at) + 1) + 1));
        Run r = run("analyze", "--phonopy", bent.toString(), "--force-constants", ph.resolve("FORCE_CONSTANTS")
                .toString(), "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("helixff: error: "), r.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    private static String readmeBlock(String heading) throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int h = readme.indexOf(heading);
        assertTrue(h >= 0, "README section " + heading);
        int start = readme.indexOf("```", h);
        int body = readme.indexOf('\n', start) + 1;
        return readme.substring(body, readme.indexOf("```", body));
    }

    private static String python(String module) {
        for (String p : List.of("/usr/bin/python3", "python3")) {
            try {
                Process pr = new ProcessBuilder(p, "-c", "import " + module).redirectErrorStream(true).start();
                pr.getInputStream().readAllBytes();
                if (pr.waitFor(60, TimeUnit.SECONDS) && pr.exitValue() == 0) {
                    return p;
                }
            } catch (IOException | InterruptedException e) {
                // next
            }
        }
        return null;
    }

    private static String runPython(String py, Path cwd, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(py));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectError(cwd.resolve("py-err.txt")
                .toFile());
        pb.environment().putAll(env);
        Process pr = pb.start();
        String out = new String(pr.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(pr.waitFor(300, TimeUnit.SECONDS), "python timed out");
        assertEquals(0, pr.exitValue(), Files.readString(cwd.resolve("py-err.txt")));
        return out;
    }

    /** "java -jar target/helixff-0.1.0-all.jar ARGS" lines of a README block, run in-process with paths under dir. */
    private static void runJavaLines(String block, Path dir) {
        for (String line : block.split("\n")) {
            String prefix = "java -jar target/helixff-0.1.0-all.jar ";
            if (!line.startsWith(prefix)) {
                continue;
            }
            List<String> args = new ArrayList<>();
            for (String w : line.substring(prefix.length()).trim().split("\\s+")) {
                args.add(w.contains("/") || w.endsWith(".extxyz") || w.startsWith("tube-") ? dir.resolve(w).toString()
                        : w);
            }
            Run r = run(args.toArray(new String[0]));
            assertEquals(0, r.code(), line + ": " + r.err());
        }
    }

    @Test
    void readmeAseExampleRuns(@TempDir Path dir) throws Exception {
        String block = readmeBlock("## Using HelixFF from ASE / i-PI");
        String example = Files.readString(Path.of("examples/ase_md.py"));
        assertTrue(Files.readString(Path.of("README.md")).contains(example.strip()), "README shows examples/ase_md.py");
        runJavaLines(block, dir);
        String py = python("ase.calculators.socketio");
        assumeTrue(py != null, "no python3 with ASE (apt-get install python3-ase)");
        Files.writeString(dir.resolve("ase_md.py"), example);
        String cmd = String.join(" ", org.helixff.interop.AseSocketTest.javaCommand());
        String out = runPython(py, dir, Map.of("HELIXFF_COMMAND", cmd, "PYTHONPATH",
                Path.of("python").toAbsolutePath().toString()), "ase_md.py");
        assertTrue(out.startsWith("E = -"), out);
    }

    @Test
    void readmePhonopyExampleRuns(@TempDir Path dir) throws Exception {
        String block = readmeBlock("## phonopy in and out");
        runJavaLines(block, dir);
        assertTrue(Files.exists(dir.resolve("tube-analysis/summary.json")));
        String py = python("phonopy");
        assumeTrue(py != null, "no python3 with phonopy (apt-get install python3-phonopy)");
        for (String line : block.split("\n")) {
            if (line.startsWith("python3 -c ")) {
                String code = line.substring("python3 -c ".length()).trim();
                code = code.substring(1, code.length() - 1); // the quotes around the program
                String out = runPython(py, dir, Map.of(), "-c", code);
                assertTrue(out.contains("cm^-1"), out);
            }
        }
    }
}

package org.helixff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@code helixff bench}: the output format (JSON keys, ratios with their goals, timings, machine, commit, the GPU
 * note) of a tiny configuration ((4,4), no warm-up, one batch). Timings are never asserted: only that they are
 * there, positive, and that the reported ratios are the quotients of the reported times.
 */
class BenchCommandTest {
    /** The ratio of two reported medians is recomputed from the JSON; only printing round-off may differ. */
    private static final double RATIO_TOL = 1e-12;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(args, new PrintWriter(o), new PrintWriter(e));
        return new Run(code, o.toString(), e.toString());
    }

    private static final String[] TINY = {"bench", "--quick", "--tube", "4,4", "--warmup", "0", "--batches", "1"};

    private static String[] with(String... extra) {
        String[] a = new String[TINY.length + extra.length];
        System.arraycopy(TINY, 0, a, 0, TINY.length);
        System.arraycopy(extra, 0, a, TINY.length, extra.length);
        return a;
    }

    @Test
    void jsonReportHasRatiosTimesMachineAndCommit() throws Exception {
        Run r = run(with("--json"));
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        for (String k : new String[] {"run", "environment", "model", "ratios", "timings", "notes"}) {
            assertTrue(j.has(k), "key " + k + " in " + r.out());
        }
        assertTrue(j.get("run").get("quick").asBoolean());
        assertEquals("single", j.get("run").get("modes").get(0).get("parallelism").asText());
        assertEquals(1, j.get("run").get("modes").get(0).get("threads").asInt());
        JsonNode env = j.get("environment");
        assertTrue(env.get("cores").asInt() >= 1);
        assertFalse(env.get("cpu").asText().isBlank());
        String commit = env.get("commit").asText();
        assertTrue(commit.matches("[0-9a-f]{40}(-dirty)?") || commit.equals("unknown"), commit);
        assertEquals(commit.equals("unknown"), env.get("commit_source").asText().equals("none"));
        assertEquals(252, j.get("model").get("descriptor_length").asInt());
        assertTrue(j.get("model").get("references").asInt() > 0);

        Map<String, JsonNode> times = new HashMap<>();
        for (JsonNode t : j.get("timings")) {
            assertTrue(t.get("median_s").asDouble() > 0, t.toString());
            assertTrue(t.get("min_s").asDouble() <= t.get("median_s").asDouble());
            assertTrue(t.get("median_s").asDouble() <= t.get("max_s").asDouble());
            assertEquals(1, t.get("batches").asInt(), "one batch requested");
            assertEquals("thread-cpu", t.get("clock").asText());
            times.put(t.get("name").asText(), t);
        }
        Set<String> names = new TreeSet<>();
        for (JsonNode q : j.get("ratios")) {
            names.add(q.get("name").asText());
            double num = times.get(q.get("numerator").asText()).get("median_s").asDouble();
            double den = times.get(q.get("denominator").asText()).get("median_s").asDouble();
            double v = q.get("value").asDouble();
            assertEquals(num / den, v, RATIO_TOL * v, q.toString());
            String target = q.get("target").asText();
            double goal = Double.parseDouble(target.substring(3));
            boolean met = target.startsWith(">=") ? v >= goal : v <= goal;
            assertEquals(met, q.get("met").asBoolean(), q.toString());
        }
        assertEquals(Set.of("ef_full_over_symmetric.tersoff.4_4.single", "ef_full_over_symmetric.model.4_4.single",
                "model_over_tersoff_per_atom.4_4x1.single",
                "phonons_full_gamma_over_symmetric_dispersion.tersoff.4_4.single"), names);
        for (JsonNode q : j.get("ratios")) {
            if (q.get("name").asText().startsWith("ef_full")) {
                assertEquals(">= 4.00", q.get("target").asText(), "half the ideal 16 atoms / 2");
            }
        }
        // the symmetric timings are of the 2-atom motif, the full cell of the 16-atom translational cell
        assertEquals(2, times.get("E+F symmetric (4,4) tersoff-lb single").get("items").asInt());
        assertEquals(16, times.get("E+F full cell (4,4) tersoff-lb single").get("items").asInt());
        boolean gpu = !env.get("gpu").asText().equals("none");
        boolean note = false;
        for (JsonNode n : j.get("notes")) {
            note |= n.asText().startsWith("GPU / CPU not measured: no usable GPU (");
        }
        assertEquals(!gpu, note, "without a GPU the report says why GPU / CPU is unmeasured");
    }

    @Test
    void textReportListsRatiosAndTimes() {
        Run r = run(TINY);
        assertEquals(0, r.code(), r.err());
        String o = r.out();
        assertTrue(o.startsWith("helixff bench --quick: one process, one run"), o);
        for (String s : new String[] {"  machine  ", "  commit   ", "  gpu      ", "  model    ", "  clocks   single ="
            + " thread CPU time of 1 thread", "\nratios\n", "E+F full cell / symmetric, tersoff-lb, (4,4) 16 atoms,"
            + " 1 thread", "phonons: full-cell Gamma point / symmetric dispersion", "\ntimes (median per call",
            "E+F symmetric (4,4) tersoff-lb single"}) {
            assertTrue(o.contains(s), "'" + s + "' in\n" + o);
        }
        assertTrue(o.contains(" met") || o.contains(" MISSED"), o);
        assertTrue(r.err().contains("1/"), "progress on stderr: " + r.err());
    }

    @Test
    void badOptionsPrintOneLineAndExitTwo() {
        for (String[] a : new String[][] {{"bench", "--tube", "4"}, {"bench", "--tube", "2,x"},
            {"bench", "--model", "tersoff-lb"}, {"bench", "--threads", "many"}, {"bench", "--batches", "0"},
            {"bench", "--warmup", "-1"}}) {
            Run r = run(a);
            assertEquals(2, r.code(), String.join(" ", a) + ": " + r.err());
            assertTrue(r.err().startsWith("helixff: error: "), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertEquals("", r.out());
        }
    }
}

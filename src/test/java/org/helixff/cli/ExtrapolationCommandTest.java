package org.helixff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.helixff.Tolerances;
import org.helixff.model.Extrapolation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "outside the training data" warning of the CLI: one line, JSON fields, --strict exit 2, no output file. */
class ExtrapolationCommandTest {
    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(args, new PrintWriter(o), new PrintWriter(e));
        return new Run(code, o.toString(), e.toString());
    }

    private static long warnings(String err) {
        return err.lines().filter(l -> l.startsWith("helixff: warning:") && l.contains("outside the training data"))
                .count();
    }

    @Test
    void energyWarnsOnceAndJsonCarriesTheScore() throws Exception {
        Run inside = run("energy", "8", "8", "--json");
        assertEquals(0, inside.code(), inside.err());
        assertEquals(0, warnings(inside.err()), inside.err());
        JsonNode j = new ObjectMapper().readTree(inside.out()).get("extrapolation");
        assertTrue(j != null, inside.out());
        for (String k : new String[] {"score", "warning_score", "outside_training_data", "max_distance",
            "mean_distance", "radius", "worst_atom", "atoms"}) {
            assertTrue(j.has(k), "field " + k + " in " + j);
        }
        assertFalse(j.get("outside_training_data").asBoolean());
        assertEquals(Extrapolation.WARNING_SCORE, j.get("warning_score").asDouble(), Tolerances.EXACT);

        // the default model's data reach from the thinnest stable tubes ((5,5), (8,0)) to the flat limit: a (3,3)
        // (d = 0.41 nm) lies outside (score ~5), large tubes no longer do
        Run outside = run("energy", "3", "3", "--json");
        assertEquals(0, outside.code(), outside.err());
        assertEquals(1, warnings(outside.err()), outside.err());
        JsonNode k = new ObjectMapper().readTree(outside.out()).get("extrapolation");
        assertTrue(k.get("outside_training_data").asBoolean());
        assertTrue(k.get("score").asDouble() > Extrapolation.WARNING_SCORE);
    }

    @Test
    void strictIsAnErrorAndWritesNothing(@TempDir Path dir) {
        Path out = dir.resolve("ph");
        Run r = run("phonons", "3", "3", "--strict", "--out", out.toString());
        assertEquals(Main.EXIT_USAGE, r.code(), r.err());
        assertEquals(1, r.err().lines().filter(l -> l.startsWith("helixff: error:")).count(), r.err());
        assertTrue(r.err().contains("(3,3)") && r.err().contains("--strict"), r.err());
        assertFalse(Files.exists(out.resolve("summary.json")), "no output under --strict");
        Run s = run("energy", "3", "3", "--strict");
        assertEquals(Main.EXIT_USAGE, s.code(), s.err());
        Run big = run("energy", "40", "39", "--strict");
        assertEquals(0, big.code(), "the flat limit is in the default model's data: " + big.err());
    }

    @Test
    void analyticForceFieldsAreNeverOutside() {
        Run r = run("energy", "3", "3", "--model", "tersoff", "--strict", "--json");
        assertEquals(0, r.code(), r.err());
        assertFalse(r.out().contains("extrapolation"), r.out());
    }
}

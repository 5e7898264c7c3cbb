package org.helixff.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.helixff.Tolerances;
import org.helixff.Units;
import org.helixff.io.Datasets;
import org.helixff.io.ExtXyz;
import org.helixff.io.Frame;
import org.helixff.neighbors.CellNeighbors;
import org.helixff.neighbors.NeighborList;
import org.helixff.structure.Nanotube;
import org.helixff.structure.Structure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code helixff expand} and {@code helixff read} through {@code Main.run}: results and every bad-input path. */
class ExpandReadCommandTest {
    /** A length or energy in Angstrom/eV printed in JSON (shortest round trip) after one unit conversion. */
    private static final double PRINTED = 1e-9;
    /** The largest force from the components as the data file prints them (10 significant digits) against the CLI's, Ha/Bohr. */
    private static final double PRINTED_FORCE = 1e-6;
    /** The same force converted to eV/A (x 51.4): the printed decimals scaled by the conversion. */
    private static final double PRINTED_FORCE_EV = 1e-4;
    /** Written with 10 decimals in Angstrom: bonds come back to 1e-9 Bohr. */
    private static final double FILE_ROUND = 1e-9;

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    /** Exit code 2, one error line naming the problem, nothing on stdout, no stack trace. */
    private static void assertUsageError(Result r, String mustContain) {
        assertEquals(2, r.code(), r.err());
        String[] lines = r.err().strip().split("\n");
        assertEquals(1, lines.length, "one line: " + r.err());
        assertTrue(lines[0].startsWith("helixff: error: "), lines[0]);
        assertTrue(lines[0].contains(mustContain), "'" + mustContain + "' in: " + lines[0]);
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace: " + r.err());
        assertEquals("", r.out());
    }

    private static void assertEmptyDir(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(), s.toList(), "no output and no temporary file left behind");
        }
    }

    @Test
    void expandWritesTheFullCell(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("cnt.extxyz");
        Result r = run("expand", "10", "5", "--cells", "2", "--out", out.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(280, j.get("atoms").asInt(), "2 N q per cell: 140 for (10,5)");
        List<Frame> frames = ExtXyz.read(out);
        assertEquals(1, frames.size());
        Frame f = frames.get(0);
        assertFalse(f.isSymmetric());
        Structure s = f.cell().orElseThrow();
        assertEquals(280, s.size());
        assertArrayEquals(new boolean[] {false, false, true}, s.pbc());
        Nanotube t = Nanotube.of(10, 5);
        assertEquals(2 * t.period(), s.cell(2, 2), FILE_ROUND, "two translational periods along z");
        assertEquals(2 * t.period() * Units.ANGSTROM_PER_BOHR, j.get("length_angstrom").asDouble(), PRINTED);
        // physics after the eV/Angstrom round trip: every atom has its three rolled bonds
        NeighborList nl = CellNeighbors.build(s, 3.2);
        double[] bonds = t.rolledBondLengths();
        java.util.Arrays.sort(bonds);
        for (int i = 0; i < s.size(); i++) {
            double[] d = nl.sortedDistances(i);
            assertEquals(3, d.length, "atom " + i);
            assertArrayEquals(bonds, d, FILE_ROUND, "atom " + i);
        }
        assertEquals(10, f.infoLong("n").orElseThrow());
        assertEquals(5, f.infoLong("m").orElseThrow());
    }

    @Test
    void expandWithStrainAndTwist(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("tw.extxyz");
        Result r = run("expand", "7", "7", "--cells", "10", "--strain", "0.01", "--twist", "0.003", "--out", out.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        double applied = j.get("twist_applied_rad_per_bohr").asDouble();
        // 20 screw steps of the strained (7,7): twists come in steps of 2 pi / (N 20 h'), 0.0193 rad/Bohr
        double h = Nanotube.of(7, 7).screwShift() * 1.01;
        double quantum = 2 * Math.PI / (7 * 20 * h);
        assertEquals(Math.round(0.003 / quantum) * quantum, applied, Tolerances.ROUND_OFF);
        Frame f = ExtXyz.read(out).get(0);
        Structure s = f.cell().orElseThrow();
        assertEquals(20 * h, s.cell(2, 2), FILE_ROUND);
        assertEquals(20 * 14, s.size());
        // a text summary without --json
        Result txt = run("expand", "7", "7", "--out", dir.resolve("b.extxyz").toString());
        assertEquals(0, txt.code());
        assertTrue(txt.out().startsWith("wrote "), txt.out());
        assertTrue(txt.out().contains("28 atoms"), txt.out());
    }

    @Test
    void expandRejectsBadInputWithoutWritingAnything(@TempDir Path dir) throws Exception {
        String out = dir.resolve("x.extxyz").toString();
        assertUsageError(run("expand", "0", "0", "--out", out), "(0,0)");
        assertUsageError(run("expand", "-3", "4", "--out", out), "(-3,4)");
        assertUsageError(run("expand", "1.5", "0", "--out", out), "'1.5' is not an int");
        assertUsageError(run("expand", "10", "ten", "--out", out), "'ten'");
        assertUsageError(run("expand", "10", "10", "--cells", "0", "--out", out), "--cells 0");
        assertUsageError(run("expand", "10", "10", "--cells", "-2", "--out", out), "--cells -2");
        assertUsageError(run("expand", "10", "10", "--strain", "NaN", "--out", out), "NaN");
        assertUsageError(run("expand", "10", "10", "--strain", "-0.7", "--out", out), "strain -0.7");
        assertUsageError(run("expand", "10", "10", "--units", "furlongs", "--out", out), "furlongs");
        assertUsageError(run("expand", "2", "1", "--out", out), "too thin");
        assertUsageError(run("expand", "10", "10"), "--out");
        assertUsageError(run("expand", "10", "10", "--cells", "200000", "--out", out), "5,000,000");
        assertEmptyDir(dir);
        // the output's directory is a file: cannot write, still one line
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "x");
        assertUsageError(run("expand", "10", "10", "--out", blocker.resolve("y.extxyz").toString()), "cannot write");
        assertEquals("x", Files.readString(blocker));
    }

    @Test
    void readSummarisesFrames(@TempDir Path dir) throws Exception {
        Path sparc = dir.resolve("cnt_7_7.extxyz");
        Files.writeString(sparc, Datasets.readText("sparc-cnt", "cnt_7_7.extxyz"));
        Result r = run("read", sparc.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode frames = new ObjectMapper().readTree(r.out()).get("frames");
        assertEquals(7, frames.size());
        JsonNode f0 = frames.get(0);
        assertEquals("symmetric", f0.get("kind").asText());
        assertEquals(2, f0.get("atoms").asInt());
        assertEquals(7, f0.get("n").asInt());
        assertEquals(7, f0.get("m").asInt());
        assertEquals(-6.0186274739, f0.get("energy_per_atom_ha").asDouble(), Tolerances.ROUND_OFF);
        assertEquals(-6.0186274739 * Units.EV_PER_HARTREE, f0.get("energy_per_atom_ev").asDouble(), PRINTED);
        double fmax = Math.sqrt(4.1361746730e-03 * 4.1361746730e-03 + 5.2112185200e-03 * 5.2112185200e-03
                + 1.5427383781e-02 * 1.5427383781e-02);
        assertEquals(fmax, f0.get("max_force_ha_per_bohr").asDouble(), PRINTED_FORCE, "atom 1 of frame 0 has the larger force");
        assertEquals(fmax * Units.EV_PER_A_PER_HA_PER_BOHR, f0.get("max_force_ev_per_angstrom").asDouble(), PRINTED_FORCE_EV);

        Path gpaw = dir.resolve("g.extxyz");
        Files.writeString(gpaw, Datasets.readText("gpaw-cnt", "cnt_8_0_train.extxyz"));
        Result g = run("read", gpaw.toString());
        assertEquals(0, g.code(), g.err());
        assertTrue(g.out().contains("full cell"), g.out());
        assertTrue(g.out().contains("(8,0)"), g.out());
        assertEquals(2 + 6, g.out().strip().split("\n").length, "header, column titles and one line per frame");
    }

    @Test
    void readRejectsMissingAndMalformedFiles(@TempDir Path dir) throws Exception {
        assertUsageError(run("read", dir.resolve("none.extxyz").toString()), "no such file");
        Path bad = dir.resolve("bad.extxyz");
        Files.writeString(bad, "2\nProperties=species:S:1:pos:R:3:forces:R:3 energy=1\nC 0 0 0 0 0 0\nC 1 2 3\n");
        assertUsageError(run("read", bad.toString()), "bad.extxyz:4: expected 7 columns, found 4");
        Files.writeString(bad, "2\nProperties=species:S:1:pos:R:3 energy=1\nC 0 0 0\nC 1 nan 3\n");
        assertUsageError(run("read", bad.toString()), "bad.extxyz:4: pos y of atom 2 is not finite");
        Files.writeString(bad, "2\nProperties=species:S:1:pos:R:3\nC 0 0 0\n");
        assertUsageError(run("read", bad.toString()), "bad.extxyz:4: unexpected end of file");
        assertUsageError(run("read", dir.toString()), "is a directory");
    }
}

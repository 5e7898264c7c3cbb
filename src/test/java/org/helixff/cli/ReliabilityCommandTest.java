package org.helixff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.helixff.HelixException;
import org.helixff.InvalidInputException;
import org.helixff.Messages;
import org.helixff.Tolerances;
import org.helixff.compute.ArraySizes;
import org.helixff.dynamics.ForceSample;
import org.helixff.dynamics.MdOptions;
import org.helixff.dynamics.MolecularDynamics;
import org.helixff.dynamics.SymmetricMd;
import org.helixff.dynamics.Thermostat;
import org.helixff.io.AtomicFiles;
import org.helixff.structure.Nanotube;
import org.helixff.symmetry.SymmetricStructure;
import org.helixff.teacher.TeacherLabel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The minor items of the reliability review, each with the command or call that showed it. */
class ReliabilityCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(args, new PrintWriter(o), new PrintWriter(e));
        return new Run(code, o.toString(), e.toString());
    }

    private static void oneErrorLine(Run r, String contains) {
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().startsWith("helixff: error: ") && r.err().strip().lines().count() == 1, r.err());
        assertTrue(r.err().contains(contains), r.err());
        assertFalse(r.out().contains("NaN") || r.out().contains("Infinity"), r.out());
    }

    @Test
    void testWithoutFramesOrLabelsIsAnError(@TempDir Path dir) throws Exception {
        Path empty = dir.resolve("empty.extxyz");
        Files.writeString(empty, "");
        oneErrorLine(run("test", "--model", "tersoff-lb", "--data", empty.toString()), "no frames in");
        Path unlabelled = dir.resolve("nolab.extxyz");
        assertEquals(0, run("expand", "8", "8", "--cells", "1", "--out", unlabelled.toString()).code());
        oneErrorLine(run("test", "--model", "tersoff-lb", "--data", unlabelled.toString()), "has an energy or forces");
    }

    @Test
    void jsonWritesNonFiniteNumbersAsNullWithAWarning() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("energy", Double.NaN);
        m.put("nested", Map.of("f", Double.POSITIVE_INFINITY));
        m.put("list", List.of(1.0, Double.NEGATIVE_INFINITY));
        m.put("ok", 2.5);
        StringWriter s = new StringWriter();
        Json.print(new PrintWriter(s), m);
        assertFalse(s.toString().contains("NaN") || s.toString().contains("Infinity"), s.toString());
        JsonNode j = JSON.readTree(s.toString());
        assertTrue(j.get("energy").isNull());
        assertTrue(j.get("nested").get("f").isNull());
        assertTrue(j.get("list").get(1).isNull());
        assertEquals(2.5, j.get("ok").asDouble());
        assertEquals(3, j.get("warnings").size(), j.toString());
        assertTrue(j.get("warnings").get(0).asText().contains("energy"));
    }

    @Test
    void anEmptyModelNameIsRefused() {
        oneErrorLine(run("energy", "8", "8", "--model", ""), "empty model name");
        oneErrorLine(run("energy", "8", "8", "--model", " "), "empty model name");
    }

    @Test
    void outputsGetNormalModes(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("x.extxyz");
        assertEquals(0, run("expand", "8", "8", "--cells", "1", "--out", f.toString()).code());
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    }

    @Test
    void messagesEscapeNonPrintableCharacters(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("esc.extxyz");
        Files.writeString(f, "\u001b[31mred\u0007\n");
        Run r = run("read", f.toString());
        oneErrorLine(r, "\\e[31mred\\x07");
        assertTrue(r.err().chars().noneMatch(c -> c == 0x1b || c == 0x07), r.err());
        assertEquals("a\\u202eb\\x00", Messages.printable("a\u202eb\u0000"));
        assertEquals("caf\u00e9 \u03ba", Messages.printable("caf\u00e9 \u03ba"), "printable text untouched");
    }

    @Test
    void writeFailuresNameTheReason(@TempDir Path dir) throws Exception {
        Path afile = dir.resolve("afile");
        Files.writeString(afile, "x");
        oneErrorLine(run("phonons", "8", "8", "--model", "tersoff-lb", "--out", afile.toString()), "not a directory");
        HelixException e = assertThrows(HelixException.class,
                () -> AtomicFiles.writeString(afile.resolve("x.txt"), "y"));
        assertTrue(e.getMessage().contains("not a directory"), e.getMessage());
        if (!"root".equals(System.getProperty("user.name"))) {
            Path ro = dir.resolve("ro");
            Files.createDirectory(ro);
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
            HelixException p = assertThrows(HelixException.class, () -> AtomicFiles.writeString(ro.resolve("x"), "y"));
            assertTrue(p.getMessage().contains("permission denied"), p.getMessage());
        }
    }

    @Test
    void mainHelpShowsWholeFirstSentences() {
        CommandLine cl = new CommandLine(new Main());
        for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
            String[] d = e.getValue().getCommandSpec().usageMessage().description();
            if (e.getKey().equals("help") || d.length == 0) {
                continue;
            }
            String first = d[0].strip();
            assertTrue(first.endsWith("."), e.getKey() + ": first description line is not a sentence: " + first);
        }
    }

    @Test
    void notesAreOnePlainLineAndQuietSilencesThem() {
        PrintStream saved = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
            Main.configureLogging();
            System.getLogger("org.helixff.test").log(System.Logger.Level.INFO, "a note\nwith two lines");
            Main.quietLogging(true);
            System.getLogger("org.helixff.test").log(System.Logger.Level.INFO, "silenced");
            System.getLogger("org.helixff.test").log(System.Logger.Level.WARNING, "a warning");
        } finally {
            Main.quietLogging(false);
            System.setErr(saved);
        }
        List<String> lines = buf.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(List.of("helixff: note: a note with two lines", "helixff: warning: a warning"), lines);
    }

    @Test
    void relaxHeaderSaysWhenItDidNotConverge() {
        Run r = run("relax", "8", "8", "--model", "tersoff-lb", "--max-iter", "1");
        assertEquals(2, r.code());
        assertTrue(r.out().contains("relaxation NOT converged") && !r.out().contains("(relaxed"), r.out());
    }

    @Test
    void nonCarbonFramesFollowOneRuleAndErrorsNameFileAndLine(@TempDir Path dir) throws Exception {
        Path si = dir.resolve("si.extxyz");
        Files.writeString(si, "2\ncyclic_order=6 screw_angle_rad=0.5 screw_translation_bohr=2.3 n=6 m=6 energy=-1.0"
                + " units=hartree_bohr Properties=species:S:1:pos:R:3:forces:R:3\n"
                + "Si 8 0 0 0 0 0\nSi 7 3 1 0 0 0\n");
        Run read = run("read", si.toString());
        assertEquals(0, read.code(), read.err());
        assertFalse(read.out().contains("(6,6)"), "a silicon frame is no (6,6) tube: " + read.out());
        assertTrue(read.out().contains("models carbon only"), read.out());
        oneErrorLine(run("test", "--model", "tersoff-lb", "--data", si.toString()), si + ":1: frame 1: atom 1 is 'Si'");
    }

    @Test
    void mirrorTubesWithNZeroAreAccepted() {
        Run a = run("energy", "0", "8", "--model", "tersoff-lb", "--json");
        Run b = run("energy", "8", "0", "--model", "tersoff-lb", "--json");
        assertEquals(0, a.code(), a.err());
        assertEquals(0, b.code(), b.err());
        assertTrue(run("tube", "0", "5").out().contains("mirror image of (5,0)"));
        try {
            assertEquals(JSON.readTree(b.out()).get("energy_per_atom_ha").asDouble(),
                    JSON.readTree(a.out()).get("energy_per_atom_ha").asDouble(), Tolerances.ROUND_OFF, "mirror: same energy");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertEquals(2, run("tube", "0", "0").code());
    }

    @Test
    void arraySizeProductsNeverWrap() {
        assertEquals(6_000, ArraySizes.product("x", 3, 2_000));
        // 9,000 atoms x 30 neighbours x 3 rows x 5,000 references: 4e9 would wrap to a small int
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ArraySizes.product("kernel gradient block", 3, 9_000L * 30, 5_000));
        assertTrue(e.getMessage().contains("kernel gradient block"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> ArraySizes.product("x", -1, 2));
    }

    @Test
    void progressWithoutATerminalIsPlainLines() {
        StringWriter s = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(s), false);
        for (int i = 0; i < 1000; i++) {
            bar.update("md", i, 1000);
        }
        bar.finish();
        assertFalse(s.toString().contains("\r"), "no carriage returns in a log");
    }

    @Test
    void absurdInputsAreRefused(@TempDir Path dir) throws Exception {
        Path huge = dir.resolve("huge.extxyz");
        Files.writeString(huge, "1\nLattice=\"5 0 0 0 5 0 0 0 5\" pbc=\"T T T\"\nC 1e300 0 0\n");
        oneErrorLine(run("read", huge.toString()), "huge.extxyz:3: pos x of atom 1");
        oneErrorLine(run("md", "8", "8", "--model", "tersoff-lb", "--temperature", "1e9", "--steps", "10"),
                "temperature");
        assertThrows(InvalidInputException.class, () -> new TeacherLabel(1e300, new double[6], Double.NaN, null));
        assertThrows(InvalidInputException.class,
                () -> new TeacherLabel(-1.0, new double[] {1e7, 0, 0, 0, 0, 0}, Double.NaN, null));
    }

    @Test
    void mdStopsWhenTheTubeComesApart() {
        // a force field that pushes every atom outwards with 0.02 Ha/Bohr: the tube flies apart within a few
        // hundred steps; the run must stop with an error, not finish with numbers
        SymmetricStructure s = SymmetricStructure.fromTube(Nanotube.of(8, 8));
        SymmetricMd md = new SymmetricMd(s, null, (x, step) -> {
            double[] f = new double[3 * x.motifSize()];
            for (int a = 0; a < x.motifSize(); a++) {
                double r = Math.hypot(x.motifPosition(a, 0), x.motifPosition(a, 1));
                f[3 * a] = 0.02 * x.motifPosition(a, 0) / r;
                f[3 * a + 1] = 0.02 * x.motifPosition(a, 1) / r;
            }
            return new ForceSample(0.0, f, 0.0, null, "outward");
        }, MdOptions.builder().temperatureK(300).thermostat(Thermostat.NONE).build());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> MolecularDynamics.run(md, 100_000, 10, null, null, org.helixff.Progress.NONE));
        assertTrue(e.getMessage().contains("came apart"), e.getMessage());
    }
}

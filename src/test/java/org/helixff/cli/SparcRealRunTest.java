package org.helixff.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.helixff.io.ExtXyz;
import org.helixff.io.Frame;
import org.helixff.symmetry.HelicalGroup;
import org.helixff.symmetry.SymmetricStructure;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SPARC teacher against real SPARC runs, kept as fixtures in {@code src/test/resources/sparc-real}
 * (README there: SPARC commit, build, commands, settings, wall times). {@code helixff learn --teacher sparc}
 * ran a real SPARC on (7,7) (5 calls) and on (10,5) (3 calls; alpha < 0, so SPARC computed the mirror image);
 * each call directory's input ({@code cnt.inpt}, {@code cnt.ion}, written by HelixFF) and output
 * ({@code cnt.out}, {@code cnt.static}, SPARC's standard output) are kept, with the run's training set and
 * teacher log.
 *
 * <p>Oracles: (1) replaying the same {@code learn} command with a stand-in SPARC that hands back the
 * fixture outputs, HelixFF writes the same inputs today (so SPARC accepted exactly what HelixFF writes)
 * and makes the same training set; (2) the energies, forces and positions in the fixture's training set
 * agree with SPARC's own {@code .out}/{@code .static}, parsed here independently of HelixFF's readers,
 * and the forces are SPARC's forces rotated (and mirrored) by the group element that maps each motif atom
 * onto the SPARC atom, found here by brute-force search over the group.
 */
class SparcRealRunTest {
    /** CELL of the .inpt against the .out: both printed by SPARC with finite decimals, Bohr. */
    private static final double CELL_DECIMALS = 1e-9;
    /**
     * One recorded run: its fixture directory, the {@code learn} arguments it ran with (README; the SPARC
     * command, pseudopotential directory and timeout left out), its number of calls and whether SPARC saw the
     * mirror image (alpha < 0).
     */
    record Run(String directory, List<String> args, int calls, boolean mirrored) {
        @Override
        public String toString() {
            return directory;
        }
    }

    static List<Run> runs() {
        return List.of(
                // (7,7): 3 initial frames + 2 calls during the MD
                new Run("armchair-7-7", List.of("learn", "7", "7", "--sparc-mesh", "0.4", "--threshold", "1e-6",
                        "--steps", "20", "--initial-frames", "3", "--max-teacher-calls", "2", "--diameter-ladder", "0"),
                        5, false),
                // (10,5): alpha < 0, SPARC computes the mirror image; 2 initial frames + 1 call during the MD (at
                // step 1). The recorded run had --steps 10, but its mesh-0.4 forces are grid artefacts (0.75 Ha/Bohr)
                // that heat the MD: the MD safety stop (50,000 K) now ends it at step 4, so the replay runs 3 steps
                new Run("mirrored-10-5", List.of("learn", "10", "5", "--sparc-mesh", "0.4", "--threshold", "1e-6",
                        "--steps", "3", "--initial-frames", "2", "--max-teacher-calls", "1", "--diameter-ladder", "0"),
                        3, true));
    }
    /** The .inpt CELL and the .ion coordinates carry 12 decimals; replayed MD positions agree to round-off. */
    private static final double INPUT_TOL = 1e-11;
    /** extxyz energies carry 10 decimals (Ha). */
    private static final double ENERGY_TOL = 1e-9;
    /** .out prints the total free energy with 11 significant digits (|E| ~ 12 Ha). */
    private static final double OUT_ENERGY_TOL = 2e-9;
    /** extxyz forces carry 10 significant digits (|F| < 1 Ha/Bohr); .static 11. */
    private static final double FORCE_TOL = 1e-9;
    /** .static fractional coordinates carry 10 decimals: r = f L1 with L1 ~ 15 Bohr. */
    private static final double SPARC_POSITION_TOL = 1e-8;
    /** Matching a motif atom to a SPARC atom: extxyz positions carry 10 decimals; bonds are 2.7 Bohr. */
    private static final double MATCH_TOL = 1e-6;
    /** Group parameters: extxyz prints them in full (Double.toString); .inpt with 12-15 decimals. */
    private static final double GROUP_TOL = 1e-11;

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path fixture(Run run) throws URISyntaxException {
        return Path.of(SparcRealRunTest.class.getResource("/sparc-real/" + run.directory()).toURI());
    }

    private static Path call(Path fix, int i) {
        return fix.resolve(String.format("sparc-%06d", i));
    }

    // ---------------------------------------------------------------- (1) replay: same inputs today

    @ParameterizedTest
    @MethodSource("runs")
    void replayedLearnWritesTheSameSparcInputsAndTrainingSet(Run run, @TempDir Path dir) throws Exception {
        Path fix = fixture(run);
        String src = "'" + fix + "'/\"$(basename {dir})\"";
        String replay = "cp " + src + "/cnt.static {name}.static && cp " + src + "/cnt.out {name}.out && cat " + src
                + "/teacher.stdout";
        Path out = dir.resolve("replay.hxf");
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        // the fixture run's command line (README), with the stand-in SPARC
        List<String> args = new ArrayList<>(run.args());
        args.addAll(List.of("--teacher", "sparc", "--sparc-command", replay, "--keep-files", "--out", out.toString()));
        int code = Main.run(args.toArray(new String[0]), new PrintWriter(o), new PrintWriter(e));
        assertEquals(0, code, e.toString());

        Path work = dir.resolve("replay.hxf.teacher-work");
        try (Stream<Path> s = Files.list(work)) {
            assertEquals(run.calls(), s.count(), "one SPARC call per fixture call");
        }
        for (int i = 1; i <= run.calls(); i++) {
            assertInputsEqual(call(fix, i), call(work, i));
        }

        List<Frame> replayed = ExtXyz.read(dir.resolve("replay.hxf.training.extxyz"));
        List<Frame> real = ExtXyz.read(fix.resolve("learn.training.extxyz"));
        assertEquals(real.size(), replayed.size());
        for (int i = 0; i < real.size(); i++) {
            assertEquals(real.get(i).energy().getAsDouble(), replayed.get(i).energy().getAsDouble(), ENERGY_TOL);
            assertArrayEquals(real.get(i).positions(), replayed.get(i).positions(), INPUT_TOL);
            assertArrayEquals(real.get(i).forces().get(), replayed.get(i).forces().get(), FORCE_TOL);
        }
    }

    /**
     * The .inpt and .ion of a fixture call equal those written in the replay: every line as text, except
     * the numbers of CELL and of the coordinate rows (compared to {@link #INPUT_TOL}; they depend on MD
     * positions that a replay reproduces to round-off, which could move the last printed digit).
     */
    private static void assertInputsEqual(Path real, Path replay) throws IOException {
        for (String f : new String[] {"cnt.inpt", "cnt.ion"}) {
            List<String> a = Files.readAllLines(real.resolve(f));
            List<String> b = Files.readAllLines(replay.resolve(f));
            assertEquals(a.size(), b.size(), real.resolve(f) + ": line count");
            for (int l = 0; l < a.size(); l++) {
                String x = a.get(l);
                String y = b.get(l);
                boolean numeric = x.startsWith("CELL:") || x.matches("[-0-9. ]+");
                if (numeric && !x.equals(y)) {
                    assertArrayEquals(numbers(x), numbers(y), INPUT_TOL, real.resolve(f) + ":" + (l + 1));
                } else {
                    assertEquals(x, y, real.resolve(f) + ":" + (l + 1));
                }
            }
        }
    }

    private static double[] numbers(String line) {
        String t = line.contains(":") ? line.substring(line.indexOf(':') + 1) : line;
        String[] f = t.trim().split("\\s+");
        double[] v = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            v[i] = Double.parseDouble(f[i]);
        }
        return v;
    }

    // ---------------------------------------------------------------- (2) results map back

    @ParameterizedTest
    @MethodSource("runs")
    void sparcsEnergiesAndForcesMapBackOntoTheMotif(Run run) throws Exception {
        Path fix = fixture(run);
        List<Frame> frames = ExtXyz.read(fix.resolve("learn.training.extxyz"));
        List<JsonNode> log = new ArrayList<>();
        for (String line : Files.readAllLines(fix.resolve("learn.teacher.jsonl"))) {
            log.add(JSON.readTree(line));
        }
        assertEquals(run.calls(), frames.size());
        assertEquals(run.calls(), log.size());
        for (int i = 1; i <= run.calls(); i++) {
            Path c = call(fix, i);
            Frame frame = frames.get(i - 1);
            JsonNode entry = log.get(i - 1);
            assertEquals(i, entry.get("call").asInt());
            assertTrue(entry.get("teacher").get("directory").asText().endsWith(c.getFileName().toString()));
            assertEquals(run.mirrored(), entry.get("teacher").get("mirrored").asBoolean(), "mirror image used");
            // P: the mirror z -> -z when SPARC computed the mirror image (alpha < 0), else the identity
            double p = run.mirrored() ? -1 : 1;

            String inpt = Files.readString(c.resolve("cnt.inpt"));
            String out = Files.readString(c.resolve("cnt.out"));
            String stat = Files.readString(c.resolve("cnt.static"));

            // SPARC accepted the input as written: it echoes the same grid, k-points and boundary conditions,
            // ran one SCF to convergence and finished
            for (String key : new String[] {"FD_GRID", "KPOINT_GRID", "BC", "EXCHANGE_CORRELATION", "KPOINT_SHIFT"}) {
                assertEquals(value(inpt, key), value(out, key), c + ": echoed " + key);
            }
            assertArrayEquals(numbers("CELL: " + value(inpt, "CELL")), numbers("CELL: " + value(out, "CELL")), CELL_DECIMALS);
            assertTrue(out.contains("Total walltime"), c + ": SPARC finished");
            assertFalse(out.contains("did not converge"), c + ": SCF converged");
            assertEquals(entry.get("teacher").get("scf_iterations").asInt(),
                    (int) number(out, "Total number of SCF\\s*:\\s*(\\S+)"));

            // the group of the frame is the one written into the .inpt (alpha -> -alpha for the mirror image)
            double[] cell = numbers("CELL: " + value(inpt, "CELL"));
            double tau = Double.parseDouble(value(inpt, "TWIST_ANGLE"));
            HelicalGroup g = frame.symmetric().orElseThrow().group();
            assertEquals(2 * Math.PI / g.cyclicOrder(), cell[1], GROUP_TOL);
            assertEquals(g.screwShift(), cell[2], GROUP_TOL);
            assertEquals(p * g.screwAngle() / g.screwShift(), tau, GROUP_TOL);
            assertTrue(tau > 0, "SPARC gets a positive twist");

            // energy per motif (2-atom domain) = SPARC's total free energy of the domain
            double eStatic = number(stat, "Total free energy \\(Ha\\):\\s*(\\S+)");
            double eOut = number(out, "Total free energy\\s*:\\s*(\\S+)");
            double perAtom = number(out, "Free energy per atom\\s*:\\s*(\\S+)");
            assertEquals(eStatic, frame.energy().getAsDouble(), ENERGY_TOL);
            assertEquals(eOut, frame.energy().getAsDouble(), OUT_ENERGY_TOL);
            assertEquals(2 * perAtom, frame.energy().getAsDouble(), OUT_ENERGY_TOL);
            assertEquals(perAtom, entry.get("teacher_energy_per_atom_ha").asDouble(), OUT_ENERGY_TOL);

            // SPARC's atoms (from its fractional coordinates, converted here) are the atoms written to the .ion
            double[] written = ionCoordinates(Files.readString(c.resolve("cnt.ion")));
            double[] sparc = sparcCartesian(stat, cell, tau);
            assertArrayEquals(written, sparc, SPARC_POSITION_TOL, c + ": SPARC's positions are the written ones");

            // each motif atom is one group image of one SPARC atom (of its mirror image P X); its force, rotated
            // by that image (and mirrored), is SPARC's
            double[] fs = rows(stat, "Atomic forces (Ha/Bohr):", 2);
            SymmetricStructure s = frame.symmetric().orElseThrow();
            double[] fm = frame.forces().orElseThrow();
            double netZ = 0;
            for (int a = 0; a < s.motifSize(); a++) {
                int[] m = match(s, a, sparc, p);
                double phi = 2 * Math.PI * m[1] / g.cyclicOrder() + m[2] * g.screwAngle();
                double[] f = {fm[3 * a], fm[3 * a + 1], fm[3 * a + 2]};
                double[] rotated = {Math.cos(phi) * f[0] - Math.sin(phi) * f[1],
                    Math.sin(phi) * f[0] + Math.cos(phi) * f[1], p * f[2]};
                assertArrayEquals(new double[] {fs[3 * m[0]], fs[3 * m[0] + 1], fs[3 * m[0] + 2]}, rotated, FORCE_TOL,
                        c + ": force on motif atom " + a);
                netZ += f[2];
            }
            // SPARC removes the net force along the periodic helical axis; rotations keep F_z, so the
            // motif's net axial force is zero too
            assertEquals(0.0, netZ, FORCE_TOL, c + ": net axial force");
            assertEquals(0.0, fs[2] + fs[5], FORCE_TOL, c + ": SPARC's net axial force");
        }
    }

    /**
     * (SPARC atom index, k, j) with P (R(2 pi k / N + j alpha) x_a + j h z) = X_sparc, P = diag(1, 1, p);
     * exactly one must exist.
     */
    private static int[] match(SymmetricStructure s, int a, double[] sparc, double p) {
        int[] found = null;
        for (int i = 0; i < sparc.length / 3; i++) {
            for (int k = 0; k < s.group().cyclicOrder(); k++) {
                for (int j = -3; j <= 3; j++) {
                    double[] x = s.image(a, k, j);
                    double d = Math.hypot(Math.hypot(x[0] - sparc[3 * i], x[1] - sparc[3 * i + 1]),
                            p * x[2] - sparc[3 * i + 2]);
                    if (d < MATCH_TOL) {
                        assertEquals(null, found, "motif atom " + a + " matches two SPARC atoms");
                        found = new int[] {i, k, j};
                    }
                }
            }
        }
        assertTrue(found != null, "motif atom " + a + " is no image of a SPARC atom");
        return found;
    }

    private static String value(String text, String key) {
        Matcher m = Pattern.compile("(?m)^" + key + ":\\s*(.*?)\\s*$").matcher(text);
        assertTrue(m.find(), "no " + key);
        return m.group(1).replaceAll("\\s+", " ");
    }

    private static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "no match for " + regex);
        return Double.parseDouble(m.group(1));
    }

    /** The {@code n} rows of 3 numbers after a header line (n = 2: the 2-atom domain). */
    private static double[] rows(String text, String header, int n) {
        String[] lines = text.split("\n");
        for (int l = 0; l < lines.length; l++) {
            if (lines[l].strip().equals(header)) {
                double[] v = new double[3 * n];
                for (int r = 0; r < n; r++) {
                    System.arraycopy(numbers(lines[l + 1 + r]), 0, v, 3 * r, 3);
                }
                return v;
            }
        }
        throw new AssertionError("no " + header);
    }

    private static double[] ionCoordinates(String ion) {
        return rows(ion, "COORD:", 2);
    }

    /** SPARC's cyclix fractional coordinates (r / L1, theta / L2, z / L3) -> Cartesian, x = r cos(theta + tau z). */
    private static double[] sparcCartesian(String stat, double[] cell, double tau) {
        double[] f = rows(stat, "Fractional coordinates of C:", 2);
        double[] x = new double[f.length];
        for (int i = 0; i < f.length; i += 3) {
            double r = f[i] * cell[0];
            double theta = f[i + 1] * cell[1];
            double z = f[i + 2] * cell[2];
            x[i] = r * Math.cos(theta + tau * z);
            x[i + 1] = r * Math.sin(theta + tau * z);
            x[i + 2] = z;
        }
        return x;
    }
}

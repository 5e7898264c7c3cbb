package org.helixff.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.helixff.Tolerances;
import org.helixff.app.Models;
import org.helixff.calculator.Calculator;
import org.helixff.calculator.CellResult;
import org.helixff.io.ExtXyz;
import org.helixff.io.Frame;
import org.helixff.structure.Nanotube;
import org.helixff.structure.Structure;
import org.helixff.symmetry.SymmetricStructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance test of {@code helixff ipi}: a real ASE {@code SocketIOCalculator} (through the shipped
 * {@code python/helixff_ase.py}, which launches {@code helixff ipi} as a separate JVM) drives 20 velocity-Verlet
 * steps of a 2-cell (10,10) tube and of a cell with a vacancy and random displacements over a UNIX socket, and of
 * the defected cell over TCP, with the default learned model. Every energy and force ASE received must equal HelixFF's in-process
 * full-cell result for the positions ASE sent. Killing HelixFF makes ASE's next calculation fail promptly.
 *
 * <p>Needs {@code /usr/bin/python3} (or {@code python3}) with ASE (Debian: {@code apt-get install python3-ase};
 * tested with ASE 3.22.1); skipped with that reason otherwise.
 */
public class AseSocketTest {
    /**
     * ASE converts with its own constants (x / Bohr_ase on the way out, E_ha * Ha_ase on the way back); undoing
     * that with the same constants leaves a few ulps. Relative to the energy and to the largest force.
     */
    private static final double ROUND_TRIP = 1e-10;
    private static final int STEPS = 20;
    /** A killed HelixFF must make the driver fail within this time (seconds), not hang. */
    private static final double KILL_SECONDS = 30;

    private static String python;

    @BeforeAll
    static void findPython() {
        python = Python3.withModules("import ase.calculators.socketio, ase.md.verlet");
        if (python != null) {
            return;
        }
        System.err.println("AseSocketTest skipped: no python3 with ASE (apt-get install python3-ase)");
    }

    /**
     * Two periods of (10,10), every coordinate moved by seeded Gaussian noise of 0.02 Bohr: the ideal roll-up alone
     * sits so close to the default model's minimum (largest force ~9e-4 Ha/Bohr) that force comparisons on it
     * would be trivial.
     */
    static Structure rattled() {
        Structure s = SymmetricStructure.fromTube(Nanotube.of(10, 10)).expand(2);
        double[] p = s.positions().clone();
        Random r = new Random(5);
        for (int i = 0; i < p.length; i++) {
            p[i] += 0.02 * r.nextGaussian();
        }
        return new Structure(s.species(), p, s.cell(), s.pbc());
    }

    static Structure defected() {
        Structure s = SymmetricStructure.fromTube(Nanotube.of(10, 10)).expand(2);
        int n = s.size() - 1;
        String[] sp = new String[n];
        double[] p = new double[3 * n];
        double[] p0 = s.positions();
        Random r = new Random(11);
        for (int i = 0; i < n; i++) {
            sp[i] = "C";
            for (int d = 0; d < 3; d++) {
                p[3 * i + d] = p0[3 * (i >= 5 ? i + 1 : i) + d] + 0.03 * r.nextGaussian();
            }
        }
        return new Structure(sp, p, s.cell(), s.pbc());
    }

    public static List<String> javaCommand() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return List.of(java, "-Xmx1g", "-cp", cp, "org.helixff.cli.Main");
    }

    private JsonNode drive(Path dir, String transport, boolean kill, List<Structure> cells) throws Exception {
        Path script = dir.resolve("ase_ipi_md.py");
        try (InputStream in = AseSocketTest.class.getResourceAsStream("ase_ipi_md.py")) {
            Files.write(script, in.readAllBytes());
        }
        List<String> cmd = new ArrayList<>(List.of(python, script.toString(), Path.of("python").toAbsolutePath()
                .toString(), new ObjectMapper().writeValueAsString(javaCommand()), "default", transport,
                String.valueOf(STEPS), kill ? "1" : "0"));
        for (int i = 0; i < cells.size(); i++) {
            Path f = dir.resolve("cell" + i + ".extxyz");
            ExtXyz.write(f, List.of(Frame.of(cells.get(i))));
            cmd.add(f.toString());
        }
        Process pr = new ProcessBuilder(cmd).redirectError(dir.resolve("stderr.txt").toFile()).start();
        byte[] out = pr.getInputStream().readAllBytes();
        assertTrue(pr.waitFor(600, TimeUnit.SECONDS), "python timed out");
        String err = Files.readString(dir.resolve("stderr.txt"));
        assertEquals(0, pr.exitValue(), "python failed: " + err);
        return new ObjectMapper().readTree(new String(out, StandardCharsets.UTF_8));
    }

    private void check(JsonNode res, List<Structure> cells, boolean kill) {
        double bohr = res.get("bohr").asDouble();
        double ha = res.get("hartree").asDouble();
        Calculator calc = Models.resolve("default");
        double worstE = 0;
        double worstF = 0;
        assertEquals(cells.size(), res.get("runs").size());
        for (int c = 0; c < cells.size(); c++) {
            JsonNode run = res.get("runs").get(c);
            Structure tpl = cells.get(c);
            JsonNode frames = run.get("frames");
            assertEquals(STEPS + 1, frames.size(), "one force call per MD step plus the start");
            assertTrue(run.get("alive_before_close").asBoolean(), "one persistent process for all steps");
            assertEquals(0, run.get("exit_code").asInt(), "clean exit when ASE closes the socket");
            double firstX = frames.get(0).get("positions").get(0).get(0).asDouble();
            double lastX = frames.get(STEPS).get("positions").get(0).get(0).asDouble();
            assertNotEquals(firstX, lastX, "the atoms moved");
            for (JsonNode fr : frames) {
                double[] pos = new double[3 * tpl.size()];
                double[] f = new double[3 * tpl.size()];
                double[] cell = new double[9];
                for (int i = 0; i < tpl.size(); i++) {
                    for (int d = 0; d < 3; d++) {
                        pos[3 * i + d] = fr.get("positions").get(i).get(d).asDouble() / bohr;
                        f[3 * i + d] = fr.get("forces").get(i).get(d).asDouble() * bohr / ha;
                    }
                }
                for (int v = 0; v < 9; v++) {
                    cell[v] = fr.get("cell").get(v / 3).get(v % 3).asDouble() / bohr;
                }
                CellResult ref = calc.compute(new Structure(tpl.species(), pos, cell, tpl.pbc()));
                double e = fr.get("energy").asDouble() / ha;
                worstE = Math.max(worstE, Math.abs(ref.energy() - e) / Math.abs(ref.energy()));
                assertEquals(ref.energy(), e, ROUND_TRIP * Math.abs(ref.energy()), "energy, cell " + c);
                double fmax = ref.maxForce();
                assertTrue(fmax > Tolerances.NON_TRIVIAL, "forces are not trivially zero: " + fmax);
                double[] rf = ref.forces();
                for (int i = 0; i < f.length; i++) {
                    worstF = Math.max(worstF, Math.abs(rf[i] - f[i]) / fmax);
                    assertEquals(rf[i], f[i], ROUND_TRIP * fmax, "force component " + i + ", cell " + c);
                }
            }
        }
        System.err.printf(java.util.Locale.ROOT, "AseSocketTest (ASE %s): largest deviation from the in-process"
                + " result: energy %.2e relative, forces %.2e of the largest force%n", res.get("ase").asText(), worstE,
                worstF);
        if (!kill) {
            return;
        }
        JsonNode killed = res.get("killed");
        assertNotEquals("no error", killed.get("outcome").asText(), "ASE noticed the killed HelixFF");
        assertTrue(killed.get("seconds").asDouble() < KILL_SECONDS, killed.toString());
    }

    @Test
    void aseMdOverUnixSocketMatchesInProcessFullCell(@TempDir Path dir) throws Exception {
        assumeTrue(python != null, "no python3 with ASE (apt-get install python3-ase)");
        List<Structure> cells = List.of(rattled(), defected());
        check(drive(dir, "unix", true, cells), cells, true);
    }

    private static final String KILL_DRIVER = String.join("\n",
            "import json, os, signal, sys",
            "sys.path.insert(0, sys.argv[1])",
            "from helixff_ase import HelixFF",
            "import ase.io",
            "atoms = ase.io.read(sys.argv[3], format='extxyz')",
            "calc = HelixFF(model='tersoff-lb', command=json.loads(sys.argv[2]), timeout=120)",
            "atoms.calc = calc",
            "atoms.get_potential_energy()",
            "print(calc.helixff_process.pid, flush=True)",
            "os.kill(os.getpid(), signal.SIGKILL)");

    /** Killing the driver (ASE) in the middle of a session ends the HelixFF process on its own. */
    @Test
    void killingTheDriverEndsHelixff(@TempDir Path dir) throws Exception {
        assumeTrue(python != null, "no python3 with ASE (apt-get install python3-ase)");
        Path f = dir.resolve("cell.extxyz");
        ExtXyz.write(f, List.of(Frame.of(defected())));
        Process pr = new ProcessBuilder(python, "-c", KILL_DRIVER, Path.of("python").toAbsolutePath().toString(),
                new ObjectMapper().writeValueAsString(javaCommand()), f.toString())
                .redirectError(dir.resolve("stderr.txt").toFile()).start();
        String out = new String(pr.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(pr.waitFor(300, TimeUnit.SECONDS), "driver did not die");
        assertNotEquals(0, pr.exitValue(), "the driver was killed");
        long pid = Long.parseLong(out);
        java.util.Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isPresent()) {
            h.get().onExit().get((long) KILL_SECONDS, TimeUnit.SECONDS);
        }
        assertTrue(ProcessHandle.of(pid).map(x -> !x.isAlive()).orElse(true), "helixff ipi still running");
        String err = Files.readString(dir.resolve("stderr.txt"));
        assertTrue(err.contains("1 configuration served"), err);
        // the killed driver could not remove its socket file (helixff_ase names it after the Python pid)
        try (var stale = Files.newDirectoryStream(Path.of("/tmp"), "ipi_helixff-" + pr.pid() + "-*")) {
            for (Path p : stale) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Heavy profile: the default suite covers TCP with the Java driver of {@link IpiClientTest}. */
    @Test
    @Tag("heavy")
    void aseMdOverTcpMatchesInProcessFullCell(@TempDir Path dir) throws Exception {
        assumeTrue(python != null, "no python3 with ASE (apt-get install python3-ase)");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<Structure> cells = List.of(defected());
        check(drive(dir, String.valueOf(port), false, cells), cells, false);
    }
}

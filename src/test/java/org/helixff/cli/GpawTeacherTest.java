package org.helixff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.helixff.io.Datasets;
import org.helixff.io.ExtXyz;
import org.helixff.io.Frame;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GPAW teacher preset: a missing GPAW is one line and exit 2; with GPAW, it reproduces the shipped data. */
class GpawTeacherTest {
    /**
     * Same code, settings and geometry as the shipped frame; the SCF stops at 1e-6 eV/electron, so the energies
     * agree to ~1e-5 eV per cell (measured 4e-7 eV on the development machine).
     */
    private static final double ENERGY_TOL_EV = 1e-4;
    /** SCF force criterion 1e-3 eV/A; measured 2.4e-3 eV/A largest component difference. */
    private static final double FORCE_TOL_EV_A = 1e-2;

    @Test
    void anInterpreterWithoutGpawIsOneLineAndExit2(@TempDir Path dir) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(new String[] {"learn", "5", "5", "--teacher", "gpaw", "--python", "/bin/false",
            "--threshold", "1e-3", "--steps", "1", "--out", dir.resolve("m.hxf").toString()},
            new PrintWriter(o), new PrintWriter(e));
        assertEquals(Main.EXIT_USAGE, code, e.toString());
        List<String> lines = e.toString().lines().filter(l -> l.startsWith("helixff: error:")).toList();
        assertEquals(1, lines.size(), e.toString());
        assertTrue(lines.get(0).contains("cannot import gpaw"), lines.get(0));
        assertFalse(Files.exists(dir.resolve("m.hxf")));
    }

    @Test
    void commandQuotesPathsWithBlanks() {
        String c = GpawTeacherScript.command("/usr/bin/python3", Path.of("/tmp/a b/gpaw_teacher.py"), Path.of("/c d"));
        assertEquals("'/usr/bin/python3' '/tmp/a b/gpaw_teacher.py' {in} {out} --cache '/c d'", c);
    }

    /** A real GPAW single point (about 3 min on one idle core): the shipped (5,5) frame 0, recomputed. */
    @Test
    @Tag("heavy")
    void reproducesTheShippedGpawFrame(@TempDir Path dir) throws Exception {
        Path py = Path.of("/usr/bin/python3");
        assumeTrue(Files.isExecutable(py), "no /usr/bin/python3");
        Process probe = new ProcessBuilder(py.toString(), "-c", "import gpaw, ase").start();
        assumeTrue(probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0,
                "no GPAW (native-setup/install-dft.sh)");
        Frame shipped = Datasets.load("gpaw-cnt", "cnt_5_5_train.extxyz").get(0);
        // as the external teacher writes a tube: periodic along the axis only (the script adds the 10 A vacuum box and
        // samples k along periodic directions only; the shipped file says pbc T T T but used k = 1x1x12)
        org.helixff.structure.Structure c = shipped.cell().orElseThrow();
        Path in = dir.resolve("in.extxyz");
        ExtXyz.write(in, List.of(Frame.of(new org.helixff.structure.Structure(c.species(), c.positions(), c.cell(),
                new boolean[] {false, false, true}))));
        Path script = GpawTeacherScript.extract(dir);
        ProcessBuilder pb = new ProcessBuilder(py.toString(), script.toString(), in.toString(),
                dir.resolve("out.extxyz").toString(), "--cache", dir.resolve("cache").toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("log.txt").toFile());
        pb.environment().put("OMP_NUM_THREADS", "1"); // one core, as the shipped data were made
        pb.environment().put("OPENBLAS_NUM_THREADS", "1");
        Process p = pb.start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(1800, TimeUnit.SECONDS), "GPAW took over 30 min");
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("log.txt")));
        Frame got = ExtXyz.read(dir.resolve("out.extxyz")).get(0);
        assertEquals(shipped.freeEnergy().getAsDouble(), got.freeEnergy().getAsDouble(),
                org.helixff.Units.evToHartree(ENERGY_TOL_EV));
        double[] a = shipped.forces().orElseThrow();
        double[] b = got.forces().orElseThrow();
        double tol = FORCE_TOL_EV_A / org.helixff.Units.EV_PER_A_PER_HA_PER_BOHR;
        for (int q = 0; q < a.length; q++) {
            assertEquals(a[q], b[q], tol, "force component " + q);
        }
        // the cache answers a repeated call at once
        long t0 = System.nanoTime();
        Process again = new ProcessBuilder(py.toString(), script.toString(), in.toString(),
                dir.resolve("out2.extxyz").toString(), "--cache", dir.resolve("cache").toString()).start();
        assertTrue(again.waitFor(120, TimeUnit.SECONDS) && again.exitValue() == 0);
        assertTrue((System.nanoTime() - t0) * 1e-9 < 60, "a cached call must not rerun GPAW");
    }
}

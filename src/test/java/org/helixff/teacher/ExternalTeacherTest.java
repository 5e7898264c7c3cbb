package org.helixff.teacher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.helixff.Tolerances;
import org.helixff.calculator.Calculator;
import org.helixff.calculator.CalculatorContract;
import org.helixff.calculator.CellResult;
import org.helixff.calculator.SymmetricResult;
import org.helixff.io.ExtXyz;
import org.helixff.io.FileUnits;
import org.helixff.io.Frame;
import org.helixff.structure.Structure;
import org.helixff.symmetry.SymmetricStructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExternalTeacherTest {
    /** Round-off of cells x q x h against the 20 Bohr asked for, Bohr. */
    private static final double LENGTH_ROUND_OFF = 1e-9;
    /** Positions written for the external code in Angstrom and read back, Bohr. */
    private static final double WRITTEN_POSITIONS = 1e-9;
    /** Spread of the folded forces: the kick times (1 - 1/copies), printed decimals. */
    private static final double FOLD_SPREAD = 1e-8;
    /**
     * Labels through a file agree with the in-process calculator to the file's precision: positions 1e-10 A,
     * forces 11 significant digits, energies 1e-10 eV (measured ~1e-11 Ha/Bohr).
     */
    private static final double FORCE_TOL = 1e-8;
    /** Energy per motif through the file (Hartree): the cell energy has 10 decimals in eV. */
    private static final double ENERGY_TOL = 1e-9;
    /** dE/dh from the virial (Ha/Bohr): the virial is written in its shortest exact form, positions to 1e-10 A. */
    private static final double DEDH_TOL = 1e-7;
    /** The fold of an exact periodic code's forces has no spread beyond the file's rounding. */
    private static final double SPREAD_TOL = 1e-8;

    private static final Calculator LB = Teachers.byName("tersoff-lb");

    private static ExternalTeacher fake(Path dir, String options) {
        return new ExternalTeacher(ExternalTeacher.Options.of(FakeExternalCode.command(options), dir.resolve("work")));
    }

    private static void assertLabelEqualsCalculator(SymmetricStructure s, TeacherLabel label, boolean withDEdh) {
        SymmetricResult ref = LB.compute(s);
        assertTrue(ref.maxForce() > Tolerances.NON_TRIVIAL, "non-trivial forces");
        assertEquals(ref.energyPerMotif(), label.energyPerMotif(), ENERGY_TOL, "energy per motif");
        assertArrayEquals(ref.forces(), label.forces(), FORCE_TOL, "folded motif forces");
        assertTrue((double) label.details().get("fold_spread_max_ha_per_bohr") < SPREAD_TOL);
        if (withDEdh) {
            assertTrue(Math.abs(ref.dEdh()) > Tolerances.NON_TRIVIAL, "non-trivial dE/dh " + ref.dEdh());
            assertEquals(ref.dEdh(), label.dEdh(), DEDH_TOL, "dE/dh from the cell's virial");
        } else {
            assertFalse(label.hasDEdh());
        }
    }

    @Test
    void anExternalProcessLabelsLikeTheInProcessCalculator(@TempDir Path dir) {
        ExternalTeacher t = fake(dir, "");
        // strained and displaced armchair; chiral (6,4) (N = 2, 76 screw steps per period); a twisted armchair
        for (SymmetricStructure s : List.of(CalculatorContract.perturbed(10, 10, 1, false),
                CalculatorContract.perturbed(6, 4, 2, false), CalculatorContract.perturbed(5, 5, 3, true))) {
            TeacherLabel label = t.label(s);
            assertLabelEqualsCalculator(s, label, true);
            int cells = t.cellsFor(s);
            assertTrue(cells * s.periodSteps() * s.group().screwShift() >= 20.0 - LENGTH_ROUND_OFF, "at least 20 Bohr");
            assertEquals(s.expandedSize(cells), ((Number) label.details().get("atoms")).longValue());
        }
        try (Stream<Path> left = Files.list(dir.resolve("work"))) {
            assertEquals(0, left.count(), "successful call directories are removed");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aShellScriptCopyingAPrecomputedLabelIsATeacher(@TempDir Path dir) throws IOException {
        SymmetricStructure s = CalculatorContract.perturbed(8, 0, 4, false);
        ExternalTeacher.Options opt = ExternalTeacher.Options.builder("sh '" + dir.resolve("fake.sh") + "' {in} {out}",
                dir.resolve("work")).cells(3).keepFiles(true).build();
        Structure cell = s.expand(3);
        CellResult r = LB.compute(cell);
        Path pre = dir.resolve("precomputed.extxyz");
        ExtXyz.write(pre, List.of(Frame.of(cell).withEnergy(r.energy()).withForces(r.forces())), FileUnits.EV_ANGSTROM);
        Path script = dir.resolve("fake.sh");
        Files.writeString(script, "#!/bin/sh\n# fakes a code: ignores its input $1, writes the precomputed label to $2\n"
                + "test -f \"$1\" || { echo \"no input $1\" >&2; exit 2; }\ncp '" + pre + "' \"$2\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        TeacherLabel label = new ExternalTeacher(opt).label(s);
        assertLabelEqualsCalculator(s, label, false);
        Path callDir = Path.of((String) label.details().get("directory"));
        assertTrue(Files.exists(callDir.resolve(ExternalTeacher.INPUT_FILE)), "kept with keepFiles");
        Frame written = ExtXyz.read(callDir.resolve(ExternalTeacher.INPUT_FILE)).get(0);
        assertEquals(cell.size(), written.atoms());
        assertArrayEquals(cell.positions(), written.positions(), WRITTEN_POSITIONS, "the input is the expanded cell");
    }

    @Test
    void wrappedPositionsAreAcceptedReorderedAtomsAreNot(@TempDir Path dir) {
        SymmetricStructure s = CalculatorContract.perturbed(10, 10, 5, false);
        assertLabelEqualsCalculator(s, fake(dir, "--wrap").label(s), true);
        TeacherException e = assertThrows(TeacherException.class, () -> fake(dir, "--swap").label(s));
        assertTrue(e.getMessage().contains("do not match"), e.getMessage());
    }

    @Test
    void brokenSymmetryIsAveragedAndReported(@TempDir Path dir) {
        SymmetricStructure s = CalculatorContract.perturbed(10, 10, 6, false);
        double kick = 0.01;
        TeacherLabel label = fake(dir, "--kick " + kick).label(s);
        int copies = (int) (s.expandedSize(new ExternalTeacher(ExternalTeacher.Options.of("x", dir)).cellsFor(s))
                / s.motifSize());
        double spread = (double) label.details().get("fold_spread_max_ha_per_bohr");
        assertEquals(kick * (1 - 1.0 / copies), spread, FOLD_SPREAD, "largest deviation: the kicked image");
        // the kick on image (0,0) of atom 0 enters the mean with weight 1/copies
        assertEquals(LB.compute(s).force(0, 0) + kick / copies, label.forces()[0], FORCE_TOL);
    }

    @Test
    void failuresNameTheCommandItsStatusAndStderr(@TempDir Path dir) {
        ExternalTeacher failing = new ExternalTeacher(ExternalTeacher.Options.of(
                "echo 'SCF diverged at iteration 40' >&2; exit 3", dir.resolve("w1")));
        SymmetricStructure s = CalculatorContract.perturbed(5, 5, 7, false);
        TeacherException e = assertThrows(TeacherException.class, () -> failing.label(s));
        assertTrue(e.getMessage().contains("exit status 3"), e.getMessage());
        assertTrue(e.getMessage().contains("SCF diverged at iteration 40"), e.getMessage());
        assertTrue(e.getMessage().contains("echo 'SCF diverged"), "names the command: " + e.getMessage());
        assertTrue(Files.isDirectory(dir.resolve("w1").resolve("external-000001")), "failed call directory kept");

        ExternalTeacher missing = new ExternalTeacher(ExternalTeacher.Options.of("/nonexistent/dft-code {in} {out}",
                dir.resolve("w2")));
        TeacherException e2 = assertThrows(TeacherException.class, () -> missing.label(s));
        assertTrue(e2.getMessage().contains("/nonexistent/dft-code") && e2.getMessage().contains("127")
                && e2.getMessage().contains("not found"), e2.getMessage());

        ExternalTeacher silent = new ExternalTeacher(ExternalTeacher.Options.of("true", dir.resolve("w3")));
        TeacherException e3 = assertThrows(TeacherException.class, () -> silent.label(s));
        assertTrue(e3.getMessage().contains("wrote no output.extxyz"), e3.getMessage());

        ExternalTeacher garbage = new ExternalTeacher(ExternalTeacher.Options.of("echo 'not extxyz' > {out}",
                dir.resolve("w4")));
        TeacherException e4 = assertThrows(TeacherException.class, () -> garbage.label(s));
        assertTrue(e4.getMessage().contains("output.extxyz:1"), e4.getMessage());

        ExternalTeacher slow = new ExternalTeacher(ExternalTeacher.Options.builder("sleep 20", dir.resolve("w5"))
                .timeoutSeconds(0.5).build());
        long t0 = System.nanoTime();
        TeacherException e5 = assertThrows(TeacherException.class, () -> slow.label(s));
        assertTrue(e5.getMessage().contains("did not finish within"), e5.getMessage());
        assertTrue((System.nanoTime() - t0) * 1e-9 < 15, "the process was killed");
    }

    @Test
    void placeholdersAreShellQuoted() {
        ExternalCommand c = new ExternalCommand("code --in {in} --out {out} | awk '{print $1}'", 0);
        String x = c.expand(java.util.Map.of("in", "/tmp/a b/in.xyz", "out", "it's"));
        assertEquals("code --in '/tmp/a b/in.xyz' --out 'it'\\''s' | awk '{print $1}'", x);
    }
}

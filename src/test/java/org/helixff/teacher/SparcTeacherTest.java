package org.helixff.teacher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.helixff.Tolerances;
import org.helixff.io.Datasets;
import org.helixff.io.sparc.SparcInput;
import org.helixff.io.sparc.SparcRun;
import org.helixff.io.sparc.SparcSettings;
import org.helixff.symmetry.GroupElement;
import org.helixff.symmetry.HelicalGroup;
import org.helixff.symmetry.SymmetricStructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SPARC teacher end to end with a fake SPARC: a shell command that copies a shipped raw {@code .static}
 * and {@code .out} (sparc-cnt data set, run {@code conv_cA_m30_k4}: a displaced (7,7) at the production
 * settings) into the call directory. The labels must be the shipped energy and forces, mapped onto the
 * caller's motif however it is given (images of the atoms, another atom order, the mirror image).
 */
class SparcTeacherTest {
    /** The displaced (7,7) has forces above this, Ha/Bohr. */
    private static final double LARGE_FORCES = 0.05;
    /** L1 comes from radii the .static gives to 10 decimals of r / L1 (~1.5e-9 Bohr). */
    private static final double CELL_FROM_RADII = 1e-8;
    /** The twist angle written and read back. */
    private static final double TWIST_DECIMALS = 1e-14;
    /** Forces through the files: the .static prints 11 significant digits (Ha/Bohr). */
    private static final double FORCE_TOL = 1e-10;
    private static final String RUN = "conv_cA_m30_k4";

    private static Path fakeSparc(Path dir, String run, boolean swapAtoms) throws IOException {
        Path src = Files.createDirectories(dir.resolve("fake-" + run));
        String stat = Datasets.readText("sparc-cnt", "raw/" + run + "/cnt.static");
        if (swapAtoms) {
            stat = swapRows(swapRows(stat, "Fractional coordinates of C:"), "Atomic forces (Ha/Bohr):");
        }
        Files.writeString(src.resolve("cnt.static"), stat);
        Files.writeString(src.resolve("cnt.out"), Datasets.readText("sparc-cnt", "raw/" + run + "/cnt.out"));
        return src;
    }

    /** Swaps the two rows after the header line (a 2-atom file). */
    private static String swapRows(String text, String header) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].strip().equals(header)) {
                String t = lines[i + 1];
                lines[i + 1] = lines[i + 2];
                lines[i + 2] = t;
                return String.join("\n", lines);
            }
        }
        throw new AssertionError("no " + header);
    }

    private static SparcTeacher teacher(Path dir, Path fake) {
        return new SparcTeacher(SparcTeacher.Options.of("cp '" + fake + "/cnt.static' {name}.static && cp '" + fake
                + "/cnt.out' {name}.out", dir.resolve("work")));
    }

    @Test
    void labelsAreTheShippedEnergyAndForcesOnTheCallersMotif(@TempDir Path dir) throws IOException {
        SparcRun.Step shipped = SparcRun.fromDataset(RUN).step(0);
        SymmetricStructure s0 = shipped.structure();
        double[] f0 = shipped.forces();
        SparcTeacher t = teacher(dir, fakeSparc(dir, RUN, false));

        TeacherLabel direct = t.label(s0);
        assertEquals(shipped.energy(), direct.energyPerMotif(), Tolerances.EXACT, "energy per domain = per motif");
        assertArrayEquals(f0, direct.forces(), FORCE_TOL);
        assertTrue(direct.maxForce() > LARGE_FORCES, "the displaced (7,7) has large forces");
        assertEquals(12, direct.details().get("scf_iterations"));
        // the input written is the shipped one (same tube, same production settings)
        Path call = Path.of((String) direct.details().get("directory"));
        SparcInput written = SparcInput.read(call.resolve("cnt.inpt"));
        SparcInput original = SparcInput.parse("shipped", Datasets.readText("sparc-cnt", "raw/" + RUN + "/cnt.inpt"));
        // L1 comes from the atoms' radii, which the .static gives to 10 decimals of r / L1 (~1.5e-9 Bohr)
        assertArrayEquals(original.cell(), written.cell(), CELL_FROM_RADII);
        assertEquals(original.twistAngle(), written.twistAngle(), TWIST_DECIMALS);
        assertArrayEquals(original.fdGrid(), written.fdGrid());
        assertArrayEquals(original.kpointGrid(), written.kpointGrid());

        // the motif given as other images of the same atoms: forces rotate with the image
        HelicalGroup g = s0.group();
        GroupElement g0 = new GroupElement(3, -2);
        GroupElement g1 = new GroupElement(5, 1);
        double[] x = new double[6];
        System.arraycopy(s0.image(0, g0.k(), g0.j()), 0, x, 0, 3);
        System.arraycopy(s0.image(1, g1.k(), g1.j()), 0, x, 3, 3);
        TeacherLabel moved = t.label(s0.withMotif(x));
        double[] expect = new double[6];
        System.arraycopy(g.rotate(g0, new double[] {f0[0], f0[1], f0[2]}), 0, expect, 0, 3);
        System.arraycopy(g.rotate(g1, new double[] {f0[3], f0[4], f0[5]}), 0, expect, 3, 3);
        assertArrayEquals(expect, moved.forces(), FORCE_TOL, "forces rotate with the images");

        // the mirror image z -> -z (negative screw angle): SPARC sees the original, forces mirror back
        double[] xm = s0.motif();
        xm[2] = -xm[2];
        xm[5] = -xm[5];
        SymmetricStructure mirror = new SymmetricStructure(s0.species(), xm,
                new HelicalGroup(g.cyclicOrder(), -g.screwAngle(), g.screwShift()), null);
        TeacherLabel mirrored = t.label(mirror);
        assertEquals(Boolean.TRUE, mirrored.details().get("mirrored"));
        assertArrayEquals(new double[] {f0[0], f0[1], -f0[2], f0[3], f0[4], -f0[5]}, mirrored.forces(), FORCE_TOL);
        assertEquals(shipped.energy(), mirrored.energyPerMotif(), Tolerances.EXACT);
    }

    @Test
    void anotherAtomOrderMapsBack(@TempDir Path dir) throws IOException {
        SparcRun.Step shipped = SparcRun.fromDataset(RUN).step(0);
        SymmetricStructure s0 = shipped.structure();
        double[] f0 = shipped.forces();
        double[] x = s0.motif();
        double[] swapped = {x[3], x[4], x[5], x[0], x[1], x[2]};
        // SPARC writes atoms in the order of its .ion, which follows the caller's motif: fake that order
        TeacherLabel label = teacher(dir, fakeSparc(dir, RUN, true)).label(s0.withMotif(swapped));
        assertArrayEquals(new double[] {f0[3], f0[4], f0[5], f0[0], f0[1], f0[2]}, label.forces(), FORCE_TOL);
    }

    @Test
    void foreignMissingOrFailedOutputIsAnError(@TempDir Path dir) throws IOException {
        SymmetricStructure s0 = SparcRun.fromDataset(RUN).step(0).structure();
        // output of another geometry of the same tube (stale files): refused
        TeacherException stale = assertThrows(TeacherException.class,
                () -> teacher(dir, fakeSparc(dir, "diag_77_k7", false)).label(s0));
        assertTrue(stale.getMessage().contains("does not belong"), stale.getMessage());

        SparcTeacher silent = new SparcTeacher(SparcTeacher.Options.of("true", dir.resolve("w2")));
        TeacherException none = assertThrows(TeacherException.class, () -> silent.label(s0));
        assertTrue(none.getMessage().contains("wrote no cnt.static"), none.getMessage());

        SparcTeacher failing = new SparcTeacher(SparcTeacher.Options.of(
                "echo 'mpirun: sparc: command not found' >&2; exit 134", dir.resolve("w3")));
        TeacherException fail = assertThrows(TeacherException.class, () -> failing.label(s0));
        assertTrue(fail.getMessage().contains("exit status 134") && fail.getMessage().contains("command not found"),
                fail.getMessage());
    }

    @Test
    void pseudopotentialsAreCopiedIntoTheCallDirectory(@TempDir Path dir) throws IOException {
        Path pp = Files.createDirectories(dir.resolve("psps"));
        Files.writeString(pp.resolve(SparcSettings.CARBON_PSEUDOPOTENTIAL), "fake pseudopotential\n");
        Path fake = fakeSparc(dir, RUN, false);
        SparcTeacher t = new SparcTeacher(SparcTeacher.Options.builder("test -f " + SparcSettings.CARBON_PSEUDOPOTENTIAL
                + " && cp '" + fake + "/cnt.static' {name}.static", dir.resolve("work")).pseudopotentials(pp).build());
        TeacherLabel label = t.label(SparcRun.fromDataset(RUN).step(0).structure());
        Path call = Path.of((String) label.details().get("directory"));
        assertTrue(Files.exists(call.resolve(SparcSettings.CARBON_PSEUDOPOTENTIAL)));
        assertTrue(Files.exists(call.resolve("cnt.ion")));
    }

    @Test
    void unconvergedScfIsRefusedAndStdoutWarningsAreKept(@TempDir Path dir) throws IOException {
        SymmetricStructure s0 = SparcRun.fromDataset(RUN).step(0).structure();
        Path fake = fakeSparc(dir, RUN, false);
        // SPARC prints this line into the .out (and stdout) and still writes results and the .static
        Path out = fake.resolve("cnt.out");
        String text = Files.readString(out);
        int at = text.indexOf("Total number of SCF");
        Files.writeString(fake.resolve("unconverged.out"), text.substring(0, at)
                + "WARNING: SCF#1 did not converge to desired accuracy!\n" + text.substring(at));
        SparcTeacher unconverged = new SparcTeacher(SparcTeacher.Options.of("cp '" + fake + "/cnt.static' {name}.static"
                + " && cp '" + fake + "/unconverged.out' {name}.out", dir.resolve("w1")));
        TeacherException e = assertThrows(TeacherException.class, () -> unconverged.label(s0));
        assertTrue(e.getMessage().contains("did not converge"), e.getMessage());

        // a warning SPARC prints to standard output only (seen with the real SPARC at mesh 0.5 Bohr)
        String warning = "WARNING: upperbond for pseudocharge radius (Rbmax_?) is not big enough!";
        SparcTeacher warned = new SparcTeacher(SparcTeacher.Options.of("echo '" + warning + "' && cp '" + fake
                + "/cnt.static' {name}.static && cp '" + fake + "/cnt.out' {name}.out", dir.resolve("w2")));
        TeacherLabel label = warned.label(s0);
        assertEquals(List.of(warning), label.details().get("sparc_warnings"));
        assertEquals(SparcRun.fromDataset(RUN).step(0).energy(), label.energyPerMotif(), Tolerances.EXACT);
        TeacherLabel clean = teacher(dir, fake).label(s0);
        assertFalse(clean.details().containsKey("sparc_warnings"), "no key without warnings");
    }
}

package org.helixff.io.sparc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.helixff.FileFormatException;
import org.helixff.Tolerances;
import org.helixff.io.Datasets;
import org.helixff.io.Frame;
import org.helixff.io.InfoValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SPARC's .inpt, .ion, .out, .static and .aimd readers on the untouched files shipped in sparc-cnt/raw. */
class SparcReadersTest {
    /** Round-off of the unit conversion of an energy of ~10 Ha. */
    private static final double ENERGY_ROUND_OFF = 1e-14;
    /** Round-off for a force component that prints as zero. */
    private static final double FORCE_ROUND_OFF = 1e-18;
    /** SPARC prints the free energy per atom with 10 decimals: half a unit of the last one. */
    private static final double HALF_10_DECIMALS = 0.5e-10;
    /** A screw angle derived from printed cell numbers, rad. */
    private static final double ANGLE_DECIMALS = 1e-13;
    /** SPARC prints each energy term with 10 decimals: a sum of two printed terms. */
    private static final double ENERGY_SUM_DECIMALS = 2e-10;
    /** The extxyz energies carry 10 decimals. */
    private static final double EXTXYZ_ENERGY_PRINT = 0.5e-10;
    /** The .out prints "Total free energy" with 11 significant digits (-1.2037254948E+01): 5e-10 Ha. */
    private static final double OUT_ENERGY_PRINT = 0.5e-9;
    /** Forces carry 11 significant digits in every file: relative half unit of the last digit (mantissa >= 1). */
    private static final double FORCE_REL_PRINT = 0.5e-9;
    /** .aimd positions carry 11 significant digits (>= 1e-10 Bohr for |x| < 10), the extxyz 10 decimals. */
    private static final double AIMD_POSITION_PRINT = 1e-10;
    /** .static positions are fractional with 10 decimals: about L1 x 5e-11 = 8e-10 Bohr after conversion. */
    private static final double STATIC_POSITION_PRINT = 2e-9;
    /** SCF timings have 3 decimals and are summed. */
    private static final double TIMING_SUM = 1e-6;

    /** "The SPARC readers recover every energy and force of the shipped extxyz files from the raw outputs." */
    @Test
    void rawOutputsReproduceEveryShippedFrame() {
        List<Frame> frames = Datasets.load("sparc-cnt");
        Set<String> seen = new HashSet<>();
        for (Frame f : frames) {
            String source = f.infoText("source").orElseThrow();
            int mdStep = (int) f.infoLong("md_step").orElseThrow();
            String where = f.provenance().orElseThrow().file() + "#" + f.provenance().orElseThrow().index();
            SparcRun run = SparcRun.fromDataset(source);
            SparcRun.Step s = run.step(mdStep);
            assertTrue(seen.add(source + "/" + mdStep), "each raw configuration appears once: " + where);

            assertEquals(f.energy().getAsDouble(), s.energy(), EXTXYZ_ENERGY_PRINT + ENERGY_ROUND_OFF, where + " energy");
            double[] fe = f.forces().orElseThrow();
            double[] fr = s.forces();
            for (int i = 0; i < fe.length; i++) {
                assertEquals(fe[i], fr[i], FORCE_REL_PRINT * Math.abs(fe[i]) + FORCE_ROUND_OFF, where + " force " + i);
            }
            double[] xe = f.positions();
            double[] xr = s.structure().motif();
            double tol = run.statics().isPresent() ? STATIC_POSITION_PRINT : AIMD_POSITION_PRINT;
            for (int i = 0; i < xe.length; i++) {
                assertEquals(xe[i], xr[i], tol, where + " position " + i);
            }
            assertEquals(f.symmetric().orElseThrow().group().cyclicOrder(), s.structure().group().cyclicOrder());
            assertEquals(f.symmetric().orElseThrow().group().screwAngle(), s.structure().group().screwAngle(), ANGLE_DECIMALS);
            assertEquals(f.symmetric().orElseThrow().group().screwShift(), s.structure().group().screwShift(), Tolerances.ROUND_OFF);

            // the .out of the same configuration
            SparcOutput.Scf scf = s.scf().orElseThrow();
            assertEquals(f.energy().getAsDouble(), scf.totalFreeEnergy().getAsDouble(), OUT_ENERGY_PRINT + EXTXYZ_ENERGY_PRINT);
            assertEquals(f.energyPerAtom().getAsDouble(), scf.freeEnergyPerAtom().getAsDouble(), HALF_10_DECIMALS + EXTXYZ_ENERGY_PRINT);
            assertEquals(f.infoLong("scf_iterations").orElseThrow(), scf.iterationCount().getAsInt(), where);
            assertEquals(f.infoLong("scf_iterations").orElseThrow(), scf.iterations().size(), where);
            assertEquals(f.infoDouble("scf_wall_s").orElseThrow(), s.scfSeconds().getAsDouble(), TIMING_SUM, where);
        }
        // and every raw configuration is in the data
        int steps = 0;
        for (String run : SparcRun.datasetRuns()) {
            steps += SparcRun.fromDataset(run).steps().size();
        }
        assertEquals(frames.size(), steps);
        assertEquals(27, steps);
    }

    @Test
    void runFramesCarryTheProvenanceKeysOfTheData() {
        Frame data = Datasets.load("sparc-cnt", "cnt_12_0.extxyz").get(9);
        Frame raw = SparcRun.fromDataset("md_12_0_sp1").frames().get(1);
        for (String key : List.of("source", "md_step", "scf_iterations", "scf_wall_s")) {
            assertEquals(data.info().get(key), raw.info().get(key), key);
        }
        assertEquals(new InfoValue.Text("md_12_0_sp1"), raw.info().get("source"));
        assertEquals(data.energy().getAsDouble(), raw.energy().getAsDouble(), EXTXYZ_ENERGY_PRINT);
    }

    @Test
    void outputFileDetails() {
        SparcOutput md = SparcRun.fromDataset("md_7_7").output().orElseThrow();
        assertEquals("December 03, 2025", md.version().orElseThrow());
        assertEquals(8, md.scfs().size(), "the run was stopped during SCF#8");
        assertEquals(7, md.completeScfs().size());
        assertFalse(md.scfs().get(7).complete());
        assertEquals(1, md.scfs().get(7).iterations().size());
        assertFalse(md.finished());
        assertEquals("0.193123", md.parameters().get("TWIST_ANGLE"), "SPARC echoes the twist rounded: use the .inpt");
        assertEquals("1 7 4", md.parameters().get("KPOINT_GRID"));
        assertEquals(566.255, md.scfs().get(0).result("MD step time").getAsDouble(), Tolerances.EXACT);
        assertEquals(-5.4659742018E-06, md.scfs().get(0).result("-Entropy*kb*T").getAsDouble(), Tolerances.EXACT);

        SparcOutput diag = SparcRun.fromDataset("diag_77_k7").output().orElseThrow();
        assertTrue(diag.finished());
        assertEquals(767.378, diag.walltime().getAsDouble(), Tolerances.EXACT);
        assertArrayEquals(new double[] {0.3, 0.0332444, 0.145244}, diag.meshSpacing(), Tolerances.EXACT);
        assertEquals(-1.5605401349E-01, diag.scfs().get(0).result("Fermi level").getAsDouble(), Tolerances.EXACT);
        assertEquals(9.8222525684E-03, diag.scfs().get(0).result("Maximum force").getAsDouble(), Tolerances.EXACT);
        // consistency: the .static forces have that maximum norm
        double[] f = SparcRun.fromDataset("diag_77_k7").steps().get(0).forces();
        double max = 0;
        for (int a = 0; a < 2; a++) {
            max = Math.max(max, Math.sqrt(f[3 * a] * f[3 * a] + f[3 * a + 1] * f[3 * a + 1] + f[3 * a + 2] * f[3 * a + 2]));
        }
        assertEquals(9.8222525684E-03, max, Tolerances.ROUND_OFF);
    }

    @Test
    void aimdRecordsAreConsistent() {
        for (String run : SparcRun.datasetRuns()) {
            SparcRun r = SparcRun.fromDataset(run);
            if (r.aimd().isEmpty()) {
                continue;
            }
            for (SparcAimd.Step s : r.aimd().orElseThrow().steps()) {
                // SPARC's definitions (header of the .aimd): TEN = KEN + FEN, FEN = UEN + TSEN (10 decimals each)
                assertEquals(s.scalar("TEN").getAsDouble(), s.scalar("KEN").getAsDouble() + s.scalar("FEN").getAsDouble(), ENERGY_SUM_DECIMALS);
                assertEquals(s.scalar("FEN").getAsDouble(), s.scalar("UEN").getAsDouble() + s.scalar("TSEN").getAsDouble(), ENERGY_SUM_DECIMALS);
                assertEquals(r.input().twistAngle(), s.scalar("TWIST").getAsDouble(), Tolerances.ULP, run);
                assertEquals(2, s.atoms());
                assertEquals(6, s.velocities().length);
                // the domain has zero total momentum along z (equal masses): v_z of the two atoms opposite
                assertEquals(0.0, s.velocities()[2] + s.velocities()[5], Tolerances.ULP);
            }
        }
    }

    @Test
    void inputAndIonFiles() {
        SparcRun r = SparcRun.fromDataset("md_10_5");
        SparcInput in = r.input();
        assertArrayEquals(new double[] {15.0, 1.256637061435917, 1.521351091699}, in.cell(), Tolerances.EXACT);
        assertEquals(0.295000248766740, in.twistAngle(), Tolerances.EXACT);
        assertTrue(in.isCyclix());
        assertArrayEquals(new int[] {50, 41, 16}, in.fdGrid());
        assertArrayEquals(new int[] {1, 5, 6}, in.kpointGrid());
        assertEquals(5, in.cyclix().cyclicOrder());
        assertEquals("NVE", in.get("MD_METHOD").orElseThrow());
        SparcIon ion = r.ion();
        assertEquals(1, ion.types().size());
        assertEquals("C", ion.types().get(0).type());
        assertEquals(SparcSettings.CARBON_PSEUDOPOTENTIAL, ion.types().get(0).pseudopotential());
        assertArrayEquals(new double[] {2.631538981267, 9.425113530221, 1.026911986897, 9.315654546963, 2.996054543751,
            0.519794956331}, ion.types().get(0).coordinates(), Tolerances.EXACT);
    }

    @Test
    void readsRunDirectoriesFromDisk(@TempDir Path dir) throws Exception {
        for (String f : List.of("cnt.inpt", "cnt.ion", "cnt.out", "cnt.aimd")) {
            Files.writeString(dir.resolve(f), Datasets.readText("sparc-cnt", "raw/md_12_0_sp1/" + f));
        }
        SparcRun r = SparcRun.read(dir);
        assertEquals(2, r.steps().size());
        assertEquals(-12.036614422, r.step(1).energy(), Tolerances.ROUND_OFF);
    }

    @Test
    void malformedFilesNameFileAndLine() {
        assertEquals("x.inpt:2: expected 'KEY: value', found 'TWIST_ANGLE 0.1'",
                assertThrows(FileFormatException.class, () -> SparcInput.parse("x.inpt", "CELL: 1 2 3\nTWIST_ANGLE 0.1\n")).getMessage());
        assertTrue(assertThrows(FileFormatException.class, () -> SparcInput.parse("x.inpt", "CELL: 1 2 3\nCELL: 1 2 3\n"))
                .getMessage().startsWith("x.inpt:2: CELL appears twice"));
        assertTrue(assertThrows(FileFormatException.class, () -> SparcInput.parse("x.inpt", "CELL: 1 nan 3\n").cell())
                .getMessage().startsWith("x.inpt:1: CELL value '1 nan 3' is not a list of finite numbers"));
        assertTrue(assertThrows(FileFormatException.class, () -> SparcIon.parse("x.ion",
                "ATOM_TYPE: C\nN_TYPE_ATOM: 2\nPSEUDO_POT: c.psp8\nCOORD:\n1 2 3\n")).getMessage()
                .startsWith("x.ion:6: unexpected end of file: atom type C has 1 of 2 coordinates"));
        assertTrue(assertThrows(FileFormatException.class, () -> SparcIon.parse("x.ion",
                "ATOM_TYPE: C\nN_TYPE_ATOM: 1\nPSEUDO_POT: c.psp8\nCOORD:\n1 inf 3\n")).getMessage()
                .startsWith("x.ion:5: coordinate y of C atom 1 is not finite"));
        assertTrue(assertThrows(FileFormatException.class, () -> SparcIon.parse("x.ion",
                "ATOM_TYPE: C\nN_TYPE_ATOM: 1\nPSEUDO_POT: c.psp8\nRELAX:\n1 1 1\n")).getMessage()
                .startsWith("x.ion:4: unsupported ion-file key RELAX"));
        String st = Datasets.readText("sparc-cnt", "raw/diag_77_k7/cnt.static");
        assertTrue(assertThrows(FileFormatException.class, () -> SparcStatic.parse("x.static",
                st.replace("2.0327280702E-03", "NaN"))).getMessage().startsWith("x.static:10: force component 1 of atom 2 is not"));
        assertTrue(assertThrows(FileFormatException.class, () -> SparcStatic.parse("x.static",
                st.replace("2.0327280702E-03  -2.9796622628E-03", "2.0327280702E-03"))).getMessage()
                .startsWith("x.static:10: expected 3 columns, found 2"));
        String md = Datasets.readText("sparc-cnt", "raw/md_12_0_sm1/cnt.aimd");
        assertTrue(assertThrows(FileFormatException.class, () -> SparcAimd.parse("x.aimd",
                md.replace(":FEN:  -6.0180809074E+00", ":FEN:  -6.01808O9074E+00"))).getMessage()
                .startsWith("x.aimd:30: :FEN: of MD step 1 is not a number"));
        assertTrue(assertThrows(FileFormatException.class, () -> SparcAimd.parse("x.aimd",
                md.replace("  5.9976477421E-03  -3.9932915366E-03   5.9173806231E-03\n", "  5.9976477421E-03\n")))
                .getMessage().startsWith("x.aimd:41: expected 3 columns in :F: of MD step 1, found 1"));
        String out = Datasets.readText("sparc-cnt", "raw/diag_77_k7/cnt.out");
        assertTrue(assertThrows(FileFormatException.class, () -> SparcOutput.parse("x.out",
                out.replace("-1.2037315156E+01", "-inf"))).getMessage().startsWith("x.out:"));
        assertTrue(assertThrows(FileFormatException.class, () -> SparcOutput.parse("x.out", "hello\n")).getMessage()
                .startsWith("x.out:1: no SPARC header"));
    }
}

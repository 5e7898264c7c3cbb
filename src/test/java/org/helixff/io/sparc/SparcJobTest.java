package org.helixff.io.sparc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.helixff.InvalidInputException;
import org.helixff.Tolerances;
import org.helixff.calculator.SiteCalculator;
import org.helixff.calculator.SymmetricResult;
import org.helixff.calculator.ToySiteModel;
import org.helixff.io.Datasets;
import org.helixff.io.Frame;
import org.helixff.io.LineReader;
import org.helixff.io.TubeMatch;
import org.helixff.structure.Nanotube;
import org.helixff.symmetry.HelicalGroup;
import org.helixff.symmetry.SymmetricStructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SPARC cyclix input writer against the shipped raw inputs, field by field: the same tube and motif
 * as each raw run (the builder's ideal tube moved rigidly onto the run's atoms, or the run's displaced
 * atoms), the production settings, and every key compared numerically.
 */
class SparcJobTest {
    /** Energy per motif of a mirrored and folded tube: round-off of the site sums over the image lists, Ha. */
    private static final double MIRROR_ENERGY = 1e-10;
    /** The raw .ion coordinates carry 12 decimals; the builder agrees with the data generator to round-off. */
    private static final double COORD_TOL = 1e-9;
    /** CELL is printed with 12 (L1, L3) and 15 (L2) decimals. */
    private static final double CELL_TOL = 1e-11;
    /** TWIST_ANGLE is printed with 15 decimals. */
    private static final double TWIST_TOL = 1e-14;
    /** Symmetric forces of the toy model mapped back through mirror and fold: round-off of the sums. */
    private static final double FORCE_MAP_TOL = 1e-10;

    /** The structure and settings that reproduce one raw run. */
    private record Case(String run, SymmetricStructure structure, SparcSettings settings) {
    }

    private static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        for (String run : SparcRun.datasetRuns()) {
            SparcRun raw = SparcRun.fromDataset(run);
            Frame data = dataFrame(run);
            SparcSettings settings = SparcSettings.PRODUCTION;
            if (raw.input().get("MD_NSTEP").isPresent()) {
                settings = settings.withMd(SparcSettings.Md.production(raw.input().integers("MD_NSTEP")[0]));
            }
            if (run.contains("_m25")) {
                settings = settings.withMeshSpacing(0.25);
            }
            if (run.endsWith("_k8")) {
                settings = settings.withHelicalKpoints(8);
            }
            if (run.endsWith("_k7")) {
                settings = settings.withHelicalKpoints(7);
            }
            SymmetricStructure s;
            if (data.infoDouble("max_disp_from_ideal_bohr").orElseThrow() == 0.0) {
                s = builderOnto(data, raw.ion().cartesian(raw.input()));
            } else {
                // displaced convergence geometry: the run's own atoms, in the group of the data
                s = new SymmetricStructure(raw.ion().species(), raw.ion().cartesian(raw.input()),
                        data.symmetric().orElseThrow().group(), null);
            }
            out.add(new Case(run, s, settings));
        }
        assertEquals(9, out.size());
        return out;
    }

    private static Frame dataFrame(String run) {
        for (Frame f : Datasets.load("sparc-cnt")) {
            if (f.infoText("source").orElseThrow().equals(run)) {
                return f;
            }
        }
        throw new AssertionError("no frame of run " + run);
    }

    /**
     * The builder's ideal (n, m) with the frame's strain, rotated about and shifted along z so that its
     * atoms are images of the raw atoms (in the raw order), given in the builder's own handedness: for a
     * mirror-image frame ((10,5)) the result has alpha < 0 and the writer must mirror it.
     */
    private static SymmetricStructure builderOnto(Frame data, double[] raw) {
        int n = (int) data.infoLong("n").orElseThrow();
        int m = (int) data.infoLong("m").orElseThrow();
        boolean mirror = data.infoBoolean("mirror_image").orElseThrow();
        SymmetricStructure built = SymmetricStructure.fromTube(Nanotube.of(n, m),
                data.infoDouble("screw_strain").orElseThrow(), 0.0);
        HelicalGroup g = built.group();
        SymmetricStructure sparcHanded = mirror ? mirror(built) : built;
        SymmetricStructure target = new SymmetricStructure(new String[] {"C", "C"}, raw, sparcHanded.group(), null);
        double[] b = sparcHanded.motif();
        for (int pin = 0; pin < 2; pin++) {
            double phi = Math.atan2(raw[1], raw[0]) - Math.atan2(b[3 * pin + 1], b[3 * pin]);
            double dz = raw[2] - b[3 * pin + 2];
            double c = Math.cos(phi);
            double s = Math.sin(phi);
            double[] moved = new double[6];
            int[] hit = new int[2];
            for (int a = 0; a < 2; a++) {
                moved[3 * a] = c * b[3 * a] - s * b[3 * a + 1];
                moved[3 * a + 1] = s * b[3 * a] + c * b[3 * a + 1];
                moved[3 * a + 2] = b[3 * a + 2] + dz;
                hit[a] = TubeMatch.imageOf(target, new double[] {moved[3 * a], moved[3 * a + 1], moved[3 * a + 2]});
            }
            if (hit[0] >= 0 && hit[1] >= 0 && hit[0] != hit[1]) {
                double[] ordered = new double[6];
                for (int a = 0; a < 2; a++) {
                    System.arraycopy(moved, 3 * a, ordered, 3 * hit[a], 3);
                }
                SymmetricStructure aligned = new SymmetricStructure(new String[] {"C", "C"}, ordered, sparcHanded.group(),
                        built.tube().orElseThrow());
                return mirror ? new SymmetricStructure(aligned.species(), mirror(aligned).motif(), g, built.tube().orElseThrow())
                        : aligned;
            }
        }
        throw new AssertionError("builder (" + n + "," + m + ") does not match run " + data.infoText("source"));
    }

    private static SymmetricStructure mirror(SymmetricStructure s) {
        double[] x = s.motif();
        for (int a = 0; a < s.motifSize(); a++) {
            x[3 * a + 2] = -x[3 * a + 2];
        }
        HelicalGroup g = s.group();
        return new SymmetricStructure(s.species(), x, g.withScrew(-g.screwAngle(), g.screwShift()), null);
    }

    @Test
    void writtenInputsMatchTheShippedOnesFieldByField() {
        int mirrored = 0;
        for (Case c : cases()) {
            SparcRun raw = SparcRun.fromDataset(c.run());
            SparcJob job = SparcJob.prepare(c.structure(), c.settings());
            SparcInput want = raw.input();
            SparcInput got = job.input();
            assertEquals(new ArrayList<>(want.values().keySet()), new ArrayList<>(got.values().keySet()), c.run() + " keys");
            for (String key : want.values().keySet()) {
                String[] w = LineReader.fields(want.get(key).orElseThrow());
                String[] g = LineReader.fields(got.get(key).orElseThrow());
                assertEquals(w.length, g.length, c.run() + " " + key);
                for (int i = 0; i < w.length; i++) {
                    Double wn = LineReader.parseNumber(w[i]);
                    Double gn = LineReader.parseNumber(g[i]);
                    if (wn == null) {
                        assertEquals(w[i], g[i], c.run() + " " + key);
                        continue;
                    }
                    assertNotNull(gn, c.run() + " " + key + ": " + g[i]);
                    double tol = key.equals("CELL") ? CELL_TOL : key.equals("TWIST_ANGLE") ? TWIST_TOL : 0.0;
                    assertEquals(wn, gn, tol, c.run() + " " + key + " field " + (i + 1));
                }
            }
            SparcIon wi = raw.ion();
            SparcIon gi = job.ion();
            assertEquals(wi.types().size(), gi.types().size());
            for (int t = 0; t < wi.types().size(); t++) {
                SparcIon.AtomType a = wi.types().get(t);
                SparcIon.AtomType b = gi.types().get(t);
                assertEquals(a.type(), b.type());
                assertEquals(a.count(), b.count());
                assertEquals(a.pseudopotential(), b.pseudopotential());
                assertFalse(b.fractional());
                assertArrayEquals(a.coordinates(), b.coordinates(), COORD_TOL, c.run() + " .ion coordinates");
            }
            if (job.mirrored()) {
                mirrored++;
                assertTrue(c.structure().group().screwAngle() < 0);
                assertEquals("md_10_5", c.run());
            }
        }
        assertEquals(1, mirrored, "the (10,5) run is the mirror image of the builder's (10,5)");
    }

    @Test
    void writtenFilesReadBack(@TempDir Path dir) {
        Case c = cases().get(0);
        SparcJob job = SparcJob.prepare(c.structure(), c.settings());
        job.write(dir, "cnt");
        SparcInput in = SparcInput.read(dir.resolve("cnt.inpt"));
        assertEquals(job.input().values(), in.values());
        assertEquals(job.input().format(), in.format());
        SparcIon ion = SparcIon.read(dir.resolve("cnt.ion"));
        assertEquals(job.ion().format(), ion.format());
        assertThrows(InvalidInputException.class, () -> job.write(dir, "../x"));
    }

    /**
     * The map back from SPARC's atoms (mirrored, folded into the domain) to the caller's motif is
     * F_a = P R(g_a)^T F_sparc: checked with a mirror- and rotation-invariant toy potential computed on
     * both structures.
     */
    @Test
    void forcesMapBackOntoTheCallersMotif() {
        SiteCalculator calc = new SiteCalculator(new ToySiteModel(6.0));
        for (int[] nm : new int[][] {{10, 5}, {7, 7}, {8, 4}}) {
            Random r = new Random(nm[0] * 31L + nm[1]);
            SymmetricStructure s0 = SymmetricStructure.fromTube(Nanotube.of(nm[0], nm[1]), 0.01, 0.0);
            double[] x = s0.motif();
            for (int i = 0; i < x.length; i++) {
                x[i] += 0.15 * (r.nextDouble() - 0.5);
            }
            // move atom 1 far outside the fundamental domain by a group image: same tube
            double[] far = s0.group().apply(new org.helixff.symmetry.GroupElement(1, -7), new double[] {x[3], x[4], x[5]});
            System.arraycopy(far, 0, x, 3, 3);
            SymmetricStructure s = s0.withMotif(x);
            SparcJob job = SparcJob.prepare(s, SparcSettings.PRODUCTION);
            assertEquals(s.group().screwAngle() < 0, job.mirrored());
            assertFalse(job.fold(1).isIdentity(), "the moved atom is folded back");
            SymmetricStructure sparcSide = new SymmetricStructure(job.ion().species(), job.ion().cartesian(job.input()),
                    job.sparcGroup(), null);
            SymmetricResult want = calc.compute(s);
            SymmetricResult got = calc.compute(sparcSide);
            assertEquals(want.energyPerMotif(), got.energyPerMotif(), MIRROR_ENERGY, "mirror and fold keep the energy");
            double[] mapped = job.motifForces(got.forces());
            double[] f = want.forces();
            double norm = 0;
            for (int i = 0; i < f.length; i++) {
                assertEquals(f[i], mapped[i], FORCE_MAP_TOL, nm[0] + "," + nm[1] + " force " + i);
                norm = Math.max(norm, Math.abs(f[i]));
            }
            assertTrue(norm > Tolerances.NON_TRIVIAL, "the test forces are not trivially zero");
        }
    }

    @Test
    void settingsAndLimits() {
        // the vacuum must stay below the tube radius (data README): (5,5) has R = 6.4 Bohr < 7.5
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> SparcJob.prepare(SymmetricStructure.fromTube(Nanotube.of(5, 5)), SparcSettings.PRODUCTION));
        assertTrue(e.getMessage().contains("inner boundary"), e.getMessage());
        SparcJob ok = SparcJob.prepare(SymmetricStructure.fromTube(Nanotube.of(5, 5)), SparcSettings.PRODUCTION.withVacuum(6.0));
        assertEquals(12.0, ok.input().cell()[0], Tolerances.ROUND_OFF);
        SymmetricStructure si = new SymmetricStructure(new String[] {"Si", "C"},
                SymmetricStructure.fromTube(Nanotube.of(7, 7)).motif(), SymmetricStructure.fromTube(Nanotube.of(7, 7)).group(), null);
        assertThrows(InvalidInputException.class, () -> SparcJob.prepare(si, SparcSettings.PRODUCTION));
        SparcSettings two = new SparcSettings(0.3, 7.5, 9.0, 0, "GGA_PBE", "fd", 0.005, 1e-5, "potential", "none",
                Map.of("C", "c.psp8", "Si", "si.psp8"), null);
        SparcJob job = SparcJob.prepare(si, two);
        assertEquals(2, job.ion().types().size());
        assertArrayEquals(new String[] {"Si", "C"}, job.ion().species());
        assertEquals(4, SparcSettings.PRODUCTION.helicalKpointsFor(2.323902178772), "eta rule: ceil(9 Bohr / h)");
        assertEquals(3, SparcSettings.PRODUCTION.helicalKpointsFor(4.025116645453));
        assertEquals(6, SparcSettings.PRODUCTION.helicalKpointsFor(1.521351091699));
        assertEquals("1e-05", SparcJob.repr(1e-5));
        assertEquals("0.005", SparcJob.repr(0.005));
        assertEquals("1200", SparcJob.repr(1200));
        assertEquals("3.0", SparcJob.repr(3.0));
        assertThrows(InvalidInputException.class, () -> SparcSettings.PRODUCTION.withMeshSpacing(0.0));
        assertThrows(InvalidInputException.class, () -> SparcSettings.Md.production(0));
    }
}

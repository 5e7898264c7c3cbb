package org.helixff.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.helixff.InvalidInputException;
import org.helixff.Tolerances;
import org.helixff.neighbors.CellNeighbors;
import org.helixff.neighbors.NeighborList;
import org.helixff.structure.Nanotube;
import org.helixff.structure.Structure;
import org.helixff.symmetry.HelicalGroup;
import org.helixff.symmetry.SymmetricStructure;
import org.junit.jupiter.api.Test;

/** The shipped DFT data: index, units, counts, and the geometry of the SPARC frames against the builder. */
class DatasetsTest {
    /** The summary quotes energies with 5 decimals: half a unit of the last one. */
    private static final double HALF_5_DECIMALS = 0.5e-5;
    /** The summary quotes forces with 3 decimals: half a unit of the last one. */
    private static final double HALF_3_DECIMALS = 0.5e-3;
    /** The largest force of the shipped SPARC frames in Ha/Bohr; in eV/A it would be ~50 times more. */
    private static final double FORCES_IN_HA_PER_BOHR = 0.15;
    /** The same check for the other data sets (larger displacements). */
    private static final double FORCES_IN_HA_PER_BOHR_LOOSE = 0.5;
    /** An energy of the file converted by hand from eV with the CODATA factor, Ha: round-off of the conversion. */
    private static final double ENERGY_DECIMALS = 1e-13;
    /** A force of order 5e-3 Ha/Bohr converted by hand from eV/A: a few ulp. */
    private static final double FORCE_DECIMALS = 1e-16;
    /** h is printed with 12 decimals in the SPARC files. */
    private static final double SCREW_SHIFT_TOL = 1e-11;
    /** alpha is printed with 15 decimals. */
    private static final double SCREW_ANGLE_TOL = 1e-13;
    /** Bond window of the ideal roll-up (data README: 2.6734-2.6834 Bohr). */
    private static final double BOND_MIN = 2.67;
    private static final double BOND_MAX = 2.69;
    /** README: the 4th neighbour of the ideal geometries is beyond 2.432 A = 4.596 Bohr. */
    private static final double FOURTH_NEIGHBOUR_MIN = 4.59;

    @Test
    void indexMatchesTheResourceTree() throws IOException {
        Path root = Path.of("src/main/resources/" + Datasets.ROOT);
        List<String> onDisk = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(Files::isRegularFile).forEach(p -> onDisk.add(root.relativize(p).toString().replace('\\', '/')));
        }
        onDisk.remove("index.txt");
        onDisk.sort(null);
        List<String> indexed = new ArrayList<>();
        for (String set : Datasets.names()) {
            for (String f : Datasets.allFiles(set)) {
                indexed.add(set + "/" + f);
            }
        }
        indexed.sort(null);
        assertEquals(onDisk, indexed, "index.txt must list exactly the shipped files");
        assertEquals(List.of("gpaw-cnt", "gpaw-helixff", "sparc-cnt"), Datasets.names());
        assertEquals(List.of("cnt_10_5.extxyz", "cnt_12_0.extxyz", "cnt_7_7.extxyz", "cnt_7_7_convergence.extxyz"),
                Datasets.files("sparc-cnt"));
        assertEquals(4, Datasets.files("gpaw-cnt").size());
        assertEquals(List.of("flat_limit.extxyz", "learn_5_5.extxyz", "phonons_6_6.extxyz", "soft_modes.extxyz"),
                Datasets.files("gpaw-helixff"));
        // every GPAW call of the HelixFF set carries its raw record (provenance JSON and GPAW's log): in raw/, or in
        // the raw/ of its phonon run; a call that continued a series of SCFs has the series' log
        List<String> all = Datasets.allFiles("gpaw-helixff");
        List<Frame> helixff = new ArrayList<>(Datasets.load("gpaw-helixff"));
        // extra/: labelled cells outside the default recipe, also reachable as dataset:gpaw-helixff/extra/FILE
        for (String extra : new String[] {"extra/tube_cells.extxyz", "extra/soft_modes_next.extxyz"}) {
            List<Frame> fr = org.helixff.training.TrainingFrames.frames("dataset:gpaw-helixff/" + extra);
            assertTrue(!fr.isEmpty(), extra);
            helixff.addAll(fr);
        }
        assertThrows(InvalidInputException.class,
                () -> org.helixff.training.TrainingFrames.frames("dataset:gpaw-helixff/extra/README.md"));
        for (Frame f : helixff) {
            String key = f.infoText("cache_key").orElseThrow();
            String dir = all.contains("raw/" + key + ".json") ? "raw/"
                    : all.stream().filter(x -> x.endsWith("/raw/" + key + ".json")).findFirst()
                            .map(x -> x.substring(0, x.length() - key.length() - ".json".length())).orElse(null);
            assertTrue(dir != null, "provenance of " + key);
            String log = f.infoText("scf_start").map(s -> s.replaceAll(".*\\(log (\\S+)\\).*", "$1"))
                    .orElse(key + ".gpaw.txt");
            assertTrue(all.contains(dir + log), key + ": " + dir + log);
            assertTrue(f.infoDouble("scf_wall_s").orElseThrow() > 0, key);
            assertEquals("GPAW 22.8.0", f.infoText("code").orElseThrow());
        }
        for (String set : Datasets.names()) {
            for (String f : Datasets.allFiles(set)) {
                try (InputStream in = Datasets.open(set, f)) {
                    assertTrue(in.readAllBytes().length > 0, set + "/" + f);
                }
            }
        }
        // 9 raw runs, each with inpt, ion, out and a static or aimd file
        long inputs = Datasets.allFiles("sparc-cnt").stream().filter(f -> f.endsWith(".inpt")).count();
        assertEquals(9, inputs);
        assertTrue(Datasets.readme("sparc-cnt").contains("cyclix"));
        assertThrows(InvalidInputException.class, () -> Datasets.files("nope"));
        assertThrows(InvalidInputException.class, () -> Datasets.open("sparc-cnt", "../gpaw-cnt/README.md"));
    }

    @Test
    void sparcFramesAreSymmetricInHartreeBohr() {
        List<Frame> frames = Datasets.load("sparc-cnt");
        assertEquals(5 + 11 + 7 + 4, frames.size());
        for (Frame f : frames) {
            String where = f.provenance().orElseThrow().file() + "#" + f.provenance().orElseThrow().index();
            assertTrue(f.isSymmetric(), where);
            assertEquals(2, f.atoms());
            assertTrue(f.hasForces() && f.energy().isPresent(), where);
            // per motif (2-atom domain), Hartree: about -12.03 Ha, i.e. -6.02 .. -6.01 Ha/atom
            assertTrue(f.energyPerAtom().getAsDouble() > -6.02 && f.energyPerAtom().getAsDouble() < -6.01, where);
            assertTrue(f.maxForceNorm().getAsDouble() < FORCES_IN_HA_PER_BOHR, where + ": forces in Ha/Bohr");
            assertTrue(f.provenance().orElseThrow().file().startsWith("sparc-cnt/cnt_"));
        }
        // first frame of cnt_7_7: the numbers of the file, unconverted
        Frame first = Datasets.load("sparc-cnt", "cnt_7_7.extxyz").get(0);
        assertEquals(-12.0372549478, first.energy().getAsDouble(), Tolerances.EXACT);
        assertEquals(-1.5427383781e-02, first.forces().orElseThrow()[2], Tolerances.EXACT);
        assertEquals(7.8977451465, first.positions()[0], Tolerances.EXACT);
        // README table: frames, energy range (Ha/atom, 5 decimals), max force component (Ha/Bohr, 3 decimals)
        checkTable("cnt_7_7.extxyz", 7, -6.01863, -6.01600, 0.074);
        checkTable("cnt_10_5.extxyz", 5, -6.01610, -6.01388, 0.057);
        checkTable("cnt_12_0.extxyz", 11, -6.01831, -6.01485, 0.073);
    }

    private static void checkTable(String file, int count, double emin, double emax, double fmax) {
        List<Frame> frames = Datasets.load("sparc-cnt", file);
        assertEquals(count, frames.size(), file);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double comp = 0;
        for (Frame f : frames) {
            lo = Math.min(lo, f.energyPerAtom().getAsDouble());
            hi = Math.max(hi, f.energyPerAtom().getAsDouble());
            for (double c : f.forces().orElseThrow()) {
                comp = Math.max(comp, Math.abs(c));
            }
        }
        assertEquals(emin, lo, HALF_5_DECIMALS + Tolerances.ROUND_OFF, file + " lowest energy per atom");
        assertEquals(emax, hi, HALF_5_DECIMALS + Tolerances.ROUND_OFF, file + " highest energy per atom");
        assertEquals(fmax, comp, HALF_3_DECIMALS + Tolerances.ROUND_OFF, file + " largest force component");
    }

    @Test
    void gpawFramesAreFullCellsConvertedToHartreeBohr() {
        List<Frame> frames = Datasets.load("gpaw-cnt");
        assertEquals(24, frames.size());
        int[] atoms = {20, 28, 32, 36};
        for (int k = 0; k < frames.size(); k++) {
            Frame f = frames.get(k);
            assertFalse(f.isSymmetric());
            assertEquals(atoms[k / 6], f.atoms());
            Structure s = f.cell().orElseThrow();
            assertArrayEquals(new boolean[] {true, true, true}, s.pbc());
            assertTrue(f.hasForces() && f.energy().isPresent() && f.freeEnergy().isPresent());
            // GPAW PAW total energies: about -9.0 eV/atom = -0.33 Ha/atom
            double e = f.energyPerAtom().getAsDouble();
            assertTrue(e > -0.34 && e < -0.32, "energy per atom " + e + " Ha");
            // largest GPAW force component is 12.11 eV/A = 0.235 Ha/Bohr (frames displaced by up to 0.1 A rms)
            assertTrue(f.maxForceNorm().getAsDouble() < FORCES_IN_HA_PER_BOHR_LOOSE, "forces in Ha/Bohr: " + f.maxForceNorm());
        }
        // spot check, converted by hand with 1 Ha = 27.211386245988 eV, 1 Bohr = 0.529177210903 A:
        // cnt_5_5_train.extxyz frame 0: energy -180.38517059211782 eV, free_energy -180.3855089670207 eV,
        // atom 1 x 11.78000058 A, F_x 0.24231333 eV/A, Lattice a_x 16.78000057571474 A, c_z 2.4595121467478056 A
        Frame f = frames.get(0);
        assertEquals("gpaw-cnt/cnt_5_5_train.extxyz", f.provenance().orElseThrow().file());
        assertEquals(-6.629032749800224, f.energy().getAsDouble(), ENERGY_DECIMALS);
        assertEquals(-6.629045184848547, f.freeEnergy().getAsDouble(), ENERGY_DECIMALS);
        assertEquals(22.260974844132726, f.positions()[0], Tolerances.ROUND_OFF);
        assertEquals(0.004712244020751561, f.forces().orElseThrow()[0], FORCE_DECIMALS);
        assertEquals(31.709605459163612, f.cell().orElseThrow().cell(0, 0), Tolerances.ROUND_OFF);
        assertEquals(4.647804357543739, f.cell().orElseThrow().cell(2, 2), Tolerances.ROUND_OFF);
        assertEquals(new InfoValue.Text("GPAW 22.8.0"), f.info().get("code"));
        assertEquals(new InfoValue.Ints(new long[] {1, 1, 12}), f.info().get("kpts"));
    }

    @Test
    void everySparcFrameExpandsToThreeBondsPerAtom() {
        int ideal = 0;
        for (Frame f : Datasets.load("sparc-cnt")) {
            String where = f.provenance().orElseThrow().file() + "#" + f.provenance().orElseThrow().index();
            Structure cell = f.symmetric().orElseThrow().expand(1);
            NeighborList nl = CellNeighbors.build(cell, 4.7);
            boolean isIdeal = f.infoDouble("max_disp_from_ideal_bohr").orElseThrow() == 0.0;
            // strained frames (h -> h(1+e), z scaled) stretch the bonds by at most |e|
            double e = Math.abs(f.infoDouble("screw_strain").orElseThrow());
            for (int i = 0; i < cell.size(); i++) {
                double[] d = nl.sortedDistances(i);
                assertTrue(d.length >= 3, where);
                if (isIdeal) {
                    for (int b = 0; b < 3; b++) {
                        assertTrue(d[b] >= BOND_MIN * (1 - e) && d[b] <= BOND_MAX * (1 + e),
                                where + " atom " + i + " bond " + d[b]);
                    }
                    assertTrue(d.length == 3 || d[3] >= FOURTH_NEIGHBOUR_MIN, where + " 4th neighbour " + d[3]);
                } else {
                    // MD frames: displacements up to ~0.19 Bohr per atom
                    assertTrue(d[0] > 2.2 && d[2] < 3.1 && (d.length == 3 || d[3] > 4.1), where + " atom " + i);
                }
            }
            if (isIdeal) {
                ideal++;
            }
        }
        // the first frame of each MD run (7,7), (12,0), (10,5), (12,0) +1%, -1%, and the K_eta = 7 diagnostic
        assertEquals(6, ideal);
    }

    /** The builder's ideal tube coincides with each ideal SPARC frame up to a rotation about and shift along z. */
    @Test
    void builderMotifMatchesTheIdealFrames() {
        int checked = 0;
        for (Frame f : Datasets.load("sparc-cnt")) {
            if (f.infoDouble("max_disp_from_ideal_bohr").orElseThrow() != 0.0) {
                continue;
            }
            SymmetricStructure data = f.symmetric().orElseThrow();
            int n = (int) f.infoLong("n").orElseThrow();
            int m = (int) f.infoLong("m").orElseThrow();
            boolean mirror = f.infoBoolean("mirror_image").orElseThrow();
            double strain = f.infoDouble("screw_strain").orElseThrow();
            SymmetricStructure built = SymmetricStructure.fromTube(Nanotube.of(n, m), strain, 0.0);
            assertEquals(mirror, built.group().screwAngle() < 0, "the data mirror exactly the tubes with alpha < 0");
            if (mirror) {
                // a chiral tube and its mirror image are not related by any rotation and shift
                assertFalse(TubeMatch.matchesRigidly(built, data), "the unmirrored builder tube must not match " + n + "," + m);
                built = TubeMatch.mirrored(built);
            }
            HelicalGroup gb = built.group();
            HelicalGroup gd = data.group();
            assertEquals(gb.cyclicOrder(), gd.cyclicOrder());
            assertEquals(gb.screwAngle(), gd.screwAngle(), SCREW_ANGLE_TOL);
            assertEquals(gb.screwShift(), gd.screwShift(), SCREW_SHIFT_TOL);
            assertTrue(TubeMatch.matchesRigidly(built, data), f.provenance().orElseThrow() + ": no rotation/shift maps the builder's ("
                    + n + "," + m + ")" + (mirror ? " mirror image" : "") + " onto the data");
            // the reader attached the same tube (the builder's (m,n) for a mirror image)
            Nanotube t = data.tube().orElseThrow();
            assertEquals(mirror ? m : n, t.n());
            assertEquals(mirror ? n : m, t.m());
            checked++;
        }
        assertEquals(6, checked);
    }

    @Test
    void unknownNamesAreReported() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Datasets.load("sparc"));
        assertTrue(e.getMessage().contains("gpaw-cnt, gpaw-helixff, sparc-cnt"), e.getMessage());
        assertNotNull(Datasets.readme("gpaw-cnt"));
    }
}

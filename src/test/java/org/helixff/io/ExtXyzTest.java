package org.helixff.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.helixff.FileFormatException;
import org.helixff.InvalidInputException;
import org.helixff.Tolerances;
import org.helixff.Units;
import org.helixff.structure.Nanotube;
import org.helixff.structure.Structure;
import org.helixff.symmetry.SymmetricStructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** extxyz parsing, errors with line numbers, unit conversion, round trips and ASE's header conventions. */
class ExtXyzTest {
    /** A cell length of ~11 Bohr converted from Angstrom. */
    private static final double CELL_PRINTED = 1e-13;
    /** A position converted from Angstrom. */
    private static final double POSITION_PRINTED = 1e-14;
    /** A force of order 1e-2 converted from eV/A: a few ulp. */
    private static final double FORCE_CONVERTED = 1e-16;
    /** Lattice and positions written with 10 decimals in Angstrom (absolute); forces with 10 significant digits (relative). */
    private static final double WRITTEN_DECIMALS = 1e-10;
    /** Energies written in eV with 10 decimals. */
    private static final double WRITTEN_ENERGY = 1e-9;
    /** Values that are not converted are read exactly (decimal text to the nearest double). */
    private static final double EXACT = 0.0;
    /** Positions are printed with 10 decimals: a round trip is exact to half a unit of the last digit. */
    private static final double POS_ROUND = 0.5e-10;
    /** Energies are printed with 10 decimals. */
    private static final double ENERGY_ROUND = 0.5e-10;
    /** Forces are printed with 11 significant digits: relative half unit. */
    private static final double FORCE_REL_ROUND = 0.5e-10;
    /** Unit conversion (one multiply and one divide) adds a few ulps on top of the printed rounding. */
    private static final double ULPS = 1e-15;

    private static List<Frame> parse(String text) {
        return ExtXyz.parse("t.extxyz", text);
    }

    private static FileFormatException fails(String text) {
        return assertThrows(FileFormatException.class, () -> parse(text));
    }

    @Test
    void commentLineTypesQuotesBareKeysAndArrays() {
        String text = "1\n"
                + "Properties=species:S:1:pos:R:3 a=1 b=2.5 c=\"x y z\" d='single q' e={1 2 3} f=[4,5,6] g=T h=False"
                + " flag j=\"a \\\"quoted\\\" word\" k=1e-3 l=\"T F T\" word=hello n = 7 big=123456789012345678901234"
                + " mix=\"1 2.5\" t2=True empty=\"\" units=hartree_bohr\n"
                + "C 0 0 0\n";
        Frame f = parse(text).get(0);
        Map<String, InfoValue> info = f.info();
        assertEquals(new InfoValue.Int(1), info.get("a"));
        assertEquals(new InfoValue.Real(2.5), info.get("b"));
        assertEquals(new InfoValue.Text("x y z"), info.get("c"));
        assertEquals(new InfoValue.Text("single q"), info.get("d"));
        assertEquals(new InfoValue.Ints(new long[] {1, 2, 3}), info.get("e"));
        assertEquals(new InfoValue.Ints(new long[] {4, 5, 6}), info.get("f"));
        assertEquals(new InfoValue.Bool(true), info.get("g"));
        assertEquals(new InfoValue.Bool(false), info.get("h"));
        assertEquals(new InfoValue.Bool(true), info.get("flag"), "a bare key is the boolean true");
        assertEquals(new InfoValue.Text("a \"quoted\" word"), info.get("j"));
        assertEquals(new InfoValue.Real(1e-3), info.get("k"));
        assertEquals(new InfoValue.Bools(new boolean[] {true, false, true}), info.get("l"));
        assertEquals(new InfoValue.Text("hello"), info.get("word"));
        assertEquals(new InfoValue.Int(7), info.get("n"), "spaces around '=' are allowed");
        assertEquals(new InfoValue.Real(1.2345678901234568e23), info.get("big"), "integer overflow reads as real, as in ASE");
        assertEquals(new InfoValue.Reals(new double[] {1, 2.5}), info.get("mix"));
        assertEquals(new InfoValue.Bool(true), info.get("t2"));
        assertEquals(new InfoValue.Text(""), info.get("empty"));
        assertFalse(info.containsKey("units"), "units is consumed");
        assertFalse(f.isSymmetric());
        assertEquals(List.of("a", "b", "c", "d", "e", "f", "g", "h", "flag", "j", "k", "l", "word", "n", "big", "mix",
                "t2", "empty"), new ArrayList<>(info.keySet()), "file order is kept");
    }

    @Test
    void multipleFramesExtraColumnsAndAtomicNumbers() {
        String text = "2\n"
                + "Lattice=\"10 0 0 0 10 0 0 0 3\" Properties=pos:R:3:Z:I:1:masses:R:1:tags:I:1:fixed:L:1:label:S:1"
                + " energy=-1.5\n"
                + "0 0 0 6 12.011 1 T a\n"
                + "1 0 0 1 1.008 2 F b\n"
                + "1\n"
                + "Properties=species:S:1:pos:R:3:forces:R:3 energy=2.0 pbc=\"F F F\"\n"
                + "  O   0.5  0.5  0.5   0.1 0.2 0.3  \n";
        List<Frame> frames = parse(text);
        assertEquals(2, frames.size());
        Frame a = frames.get(0);
        assertArrayEquals(new String[] {"C", "H"}, a.species(), "species from Z when species is absent");
        assertEquals(List.of("Z", "masses", "tags", "fixed", "label"), a.columns().stream().map(AtomColumn::name).toList());
        assertArrayEquals(new long[] {6, 1}, a.columns().get(0).intValues());
        assertArrayEquals(new double[] {12.011, 1.008}, a.columns().get(1).realValues(), EXACT);
        assertArrayEquals(new boolean[] {true, false}, a.columns().get(3).logicalValues());
        assertArrayEquals(new String[] {"a", "b"}, a.columns().get(4).stringValues());
        Structure s = a.cell().orElseThrow();
        assertArrayEquals(new boolean[] {true, true, true}, s.pbc(), "a Lattice without pbc is periodic (ASE)");
        assertEquals(3 / Units.ANGSTROM_PER_BOHR, s.cell(2, 2), Tolerances.ROUND_OFF, "Angstrom when units are absent");
        assertEquals(new Frame.Provenance("t.extxyz", 0, 1), a.provenance().orElseThrow());
        assertEquals(new Frame.Provenance("t.extxyz", 1, 5), frames.get(1).provenance().orElseThrow());
        Frame b = frames.get(1);
        assertEquals(2.0 / Units.EV_PER_HARTREE, b.energy().getAsDouble(), Tolerances.ULP);
        assertEquals(0.3 / Units.EV_PER_A_PER_HA_PER_BOHR, b.forces().orElseThrow()[2], Tolerances.ULP);
        assertArrayEquals(new double[9], b.cell().orElseThrow().cell(), EXACT);
        // the extra columns survive a round trip
        String out = ExtXyz.format(frames, FileUnits.EV_ANGSTROM);
        List<Frame> again = ExtXyz.parse("again", out);
        assertEquals(a.columns(), again.get(0).columns());
        assertEquals(out, ExtXyz.format(again, FileUnits.EV_ANGSTROM));
    }

    @Test
    void unitsKeyDecidesTheConversion() {
        String body = "Lattice=\"4 0 0 0 5 0 0 0 6\" Properties=species:S:1:pos:R:3:forces:R:3 energy=-3.0 free_energy=-3.5"
                + " virial=\"1 0 0 0 2 0 0 0 3\"";
        String atom = "C 1.0 2.0 3.0 0.5 -0.5 0.25\n";
        Frame ev = parse("1\n" + body + "\n" + atom).get(0);
        Frame ev2 = parse("1\n" + body + " units=eV_angstrom\n" + atom).get(0);
        Frame ha = parse("1\n" + body + " units=hartree_bohr\n" + atom).get(0);
        assertArrayEquals(ev.positions(), ev2.positions(), EXACT, "absent units mean eV/Angstrom");
        assertArrayEquals(new double[] {1, 2, 3}, ha.positions(), EXACT);
        assertEquals(-3.0, ha.energy().getAsDouble(), EXACT);
        assertEquals(-3.5, ha.freeEnergy().getAsDouble(), EXACT);
        for (int d = 0; d < 3; d++) {
            assertEquals(ha.positions()[d] / Units.ANGSTROM_PER_BOHR, ev.positions()[d], POSITION_PRINTED);
            assertEquals(ha.forces().orElseThrow()[d] / Units.EV_PER_A_PER_HA_PER_BOHR, ev.forces().orElseThrow()[d], FORCE_CONVERTED);
        }
        assertEquals(-3.0 / Units.EV_PER_HARTREE, ev.energy().getAsDouble(), Tolerances.ULP);
        assertEquals(-3.5 / Units.EV_PER_HARTREE, ev.freeEnergy().getAsDouble(), Tolerances.ULP);
        assertEquals(6.0 / Units.ANGSTROM_PER_BOHR, ev.cell().orElseThrow().cell(2, 2), CELL_PRINTED);
        double[] vir = ((InfoValue.Reals) ev.info().get("virial")).values();
        assertEquals(2.0 / Units.EV_PER_HARTREE, vir[4], Tolerances.ULP, "virial (an energy) is held in Hartree");
    }

    @Test
    void symmetricFrameFromSymmetryKeys() {
        String text = "2\nProperties=species:S:1:pos:R:3:forces:R:3 energy=-12.5 units=hartree_bohr n=7 m=7 cyclic_order=7"
                + " screw_angle_rad=0.448798950512839 screw_translation_bohr=2.323902178772"
                + " twist_angle_rad_per_bohr=0.193122995714903 pbc=\"F F F\"\n"
                + "C 7.8977451465 4.2499578907 1.1619510894 0.01 0.02 0.03\n"
                + "C 6.2941734098 6.3890454342 1.1619510894 -0.01 -0.02 -0.03\n";
        Frame f = parse(text).get(0);
        assertTrue(f.isSymmetric());
        SymmetricStructure s = f.symmetric().orElseThrow();
        assertEquals(7, s.group().cyclicOrder());
        assertEquals(0.448798950512839, s.group().screwAngle(), EXACT);
        assertEquals(2.323902178772, s.group().screwShift(), EXACT);
        assertEquals(7, s.tube().orElseThrow().n(), "n, m attach the builder's tube");
        assertEquals(-12.5, f.energy().getAsDouble(), EXACT, "energy per motif");
        assertEquals(-6.25, f.energyPerAtom().getAsDouble(), EXACT);
        assertEquals(2, s.periodSteps(), "the group read from 15 digits is still commensurate (alpha = pi/7)");
        // absent units: the motif is in Angstrom (ASE's default), the symmetry keys stay Bohr/rad by name
        Frame g = parse(text.replace(" units=hartree_bohr", "")).get(0);
        assertEquals(7.8977451465 / Units.ANGSTROM_PER_BOHR, g.positions()[0], Tolerances.ROUND_OFF);
        assertEquals(2.323902178772, g.symmetric().orElseThrow().group().screwShift(), EXACT);
    }

    @Test
    void malformedInputNamesFileAndLine() {
        String head = "2\nProperties=species:S:1:pos:R:3:forces:R:3 energy=1.0\n";
        String good = "C 0 0 0 0 0 0\n";
        assertEquals("t.extxyz:4: expected 7 columns, found 4",
                fails(head + good + "C 1 2 3\n").getMessage());
        assertTrue(fails(head + good).getMessage().startsWith("t.extxyz:4: unexpected end of file: frame 1 has 1 of 2 atoms"));
        assertTrue(fails(head + good + "C nan 0 0 0 0 0\n").getMessage().startsWith("t.extxyz:4: pos x of atom 2 is not finite"));
        assertTrue(fails(head + good + "C 0 0 0 0 inf 0\n").getMessage().startsWith("t.extxyz:4: force y of atom 2 is not finite"));
        assertTrue(fails(head + good + "C 0 0 1e999 0 0 0\n").getMessage().startsWith("t.extxyz:4: pos z of atom 2 is not finite"));
        assertTrue(fails(head + good + "C 0 0 0x1p3 0 0 0\n").getMessage().startsWith("t.extxyz:4: pos z of atom 2 is not a number"));
        assertTrue(fails("2\nProperties=species:S:1:pos:R:3 energy=nan\n" + good).getMessage()
                .startsWith("t.extxyz:2: energy is not finite"));
        assertTrue(fails("1\nProperties=species:S:1:pos:R:3 x=\"1 inf\"\nC 0 0 0\n").getMessage()
                .startsWith("t.extxyz:2: value of x is not finite"));
        assertTrue(fails("abc\n").getMessage().startsWith("t.extxyz:1: expected the atom count of frame 1"));
        assertTrue(fails("-1\nx\n").getMessage().startsWith("t.extxyz:1: expected the atom count"));
        assertTrue(fails("2\n").getMessage().startsWith("t.extxyz:2: unexpected end of file: frame 1 has no comment line"));
        assertTrue(fails("1\nProperties=species:S:1:pos:R:3 a=\"open\nC 0 0 0\n").getMessage()
                .startsWith("t.extxyz:2: unterminated \" in comment line"));
        assertTrue(fails("1\nLattice=\"1 0 0 0 1 0 0 0\" Properties=species:S:1:pos:R:3\nC 0 0 0\n").getMessage()
                .startsWith("t.extxyz:2: Lattice needs 9 numbers, found 8"));
        assertTrue(fails("1\nProperties=species:S:1:pos:R:3 pbc=\"T T T\"\nC 0 0 0\n").getMessage()
                .startsWith("t.extxyz:2: pbc=\"T T T\" is periodic but the frame has no Lattice"));
        assertTrue(fails("1\nProperties=species:S:1:pos:R:3 pbc=\"T X T\" Lattice=\"1 0 0 0 1 0 0 0 1\"\nC 0 0 0\n")
                .getMessage().startsWith("t.extxyz:2: pbc needs 3 booleans"));
        assertTrue(fails("1\nProperties=species:S:1:pos:R:3 units=furlongs\nC 0 0 0\n").getMessage()
                .startsWith("t.extxyz:2: unknown units 'furlongs'"));
        assertTrue(fails("1\nProperties=species:S:1:pos:R:2\nC 0 0\n").getMessage()
                .startsWith("t.extxyz:2: Properties: pos must be pos:R:3"));
        assertTrue(fails("1\nProperties=species:S:1:pos:Q:3\nC 0 0 0\n").getMessage()
                .startsWith("t.extxyz:2: Properties: unknown type 'Q'"));
        assertTrue(fails("1\nProperties=species:S:1\nC\n").getMessage().startsWith("t.extxyz:2: Properties 'species:S:1' has no pos:R:3"));
        assertTrue(fails("1\nProperties=species:S:1:pos:R\nC 0 0 0\n").getMessage().startsWith("t.extxyz:2: Properties"));
        assertTrue(fails("1\nProperties=pos:R:3\n0 0 0\n").getMessage().startsWith("t.extxyz:2: Properties needs species:S:1 or Z:I:1"));
        assertTrue(fails("1\nProperties=species:S:1:pos:R:3 a=1 a=2\nC 0 0 0\n").getMessage()
                .startsWith("t.extxyz:2: key a appears twice"));
        assertTrue(fails("1\nProperties=species:S:1:pos:R:3 cyclic_order=3\nC 1 0 0\n").getMessage()
                .startsWith("t.extxyz:2: a symmetric frame needs cyclic_order, screw_angle_rad and screw_translation_bohr;"
                        + " missing screw_angle_rad screw_translation_bohr"));
        assertTrue(fails("1\nProperties=species:S:1:pos:R:3 cyclic_order=3 screw_angle_rad=0.1 screw_translation_bohr=-2\nC 1 0 0\n")
                .getMessage().startsWith("t.extxyz:2: screw_translation_bohr must be positive"));
        assertTrue(fails("1\nProperties=species:S:1:pos:R:3 cyclic_order=3 screw_angle_rad=0.1 screw_translation_bohr=2"
                + " twist_angle_rad_per_bohr=0.06\nC 1 0 0\n").getMessage()
                .startsWith("t.extxyz:2: twist_angle_rad_per_bohr=0.06 disagrees"));
        assertTrue(fails("1\nProperties=species:S:1:pos:R:3\nC 0 0 0\n\n1\nProperties=species:S:1:pos:R:3\nC 0 0 0\n")
                .getMessage().startsWith("t.extxyz:4: blank line where the atom count of frame 2 was expected"));
        assertTrue(fails("1\nLattice=\"1 0 0 2 0 0 0 0 1\" Properties=species:S:1:pos:R:3\nC 0 0 0\n").getMessage()
                .startsWith("t.extxyz:2: structure: periodic lattice vectors are linearly dependent"));
        assertTrue(fails("1\nProperties=species:S:1:pos:R:3:Z:I:1\nC 0 0 0 1.5\n").getMessage()
                .startsWith("t.extxyz:3: Z of atom 1 is not an integer"));
        // trailing blank lines are fine, an empty file has no frames
        assertEquals(1, parse("1\nProperties=species:S:1:pos:R:3\nC 0 0 0\n\n\n").size());
        assertEquals(0, parse("").size());
    }

    @Test
    void missingFileIsInvalidInputAndBinaryIsAFormatError(@TempDir Path dir) throws Exception {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ExtXyz.read(dir.resolve("none.extxyz")));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
        Path bin = dir.resolve("bin.extxyz");
        Files.write(bin, new byte[] {'1', '\n', 'a', '=', (byte) 0xFF, (byte) 0xFE, '\n'});
        FileFormatException f = assertThrows(FileFormatException.class, () -> ExtXyz.read(bin));
        assertTrue(f.getMessage().startsWith(bin + ":2: not UTF-8 text"), f.getMessage());
        // Windows line ends and non-ASCII text are fine
        Path crlf = dir.resolve("crlf.extxyz");
        Files.writeString(crlf, "1\r\nProperties=species:S:1:pos:R:3 note=\"\u00c5ngstr\u00f6m\"\r\nC 1 2 3\r\n");
        Frame g = ExtXyz.read(crlf).get(0);
        assertEquals(new InfoValue.Text("\u00c5ngstr\u00f6m"), g.info().get("note"));
        assertEquals(3 / Units.ANGSTROM_PER_BOHR, g.positions()[2], Tolerances.ROUND_OFF);
    }

    /** A (5,5) cell with random displacements, energies, forces, typed info and an extra column. */
    static Frame richCell(long seed) {
        Random r = new Random(seed);
        Structure c = SymmetricStructure.fromTube(Nanotube.of(5, 5), 0.01, 0).expand(2);
        double[] x = c.positions();
        double[] f = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] += 0.2 * (r.nextDouble() - 0.5);
            f[i] = 0.05 * r.nextGaussian();
        }
        long[] tags = new long[c.size()];
        for (int i = 0; i < tags.length; i++) {
            tags[i] = i % 3;
        }
        Map<String, InfoValue> info = new LinkedHashMap<>();
        info.put("n", new InfoValue.Int(5));
        info.put("m", new InfoValue.Int(5));
        info.put("code", new InfoValue.Text("helix test \"quoted\" \\ back"));
        info.put("ratio", new InfoValue.Real(r.nextDouble()));
        info.put("flag", new InfoValue.Bool(true));
        info.put("grid", new InfoValue.Ints(new long[] {1, 5, 12}));
        info.put("weights", new InfoValue.Reals(new double[] {r.nextDouble(), -r.nextDouble() * 1e-7, 1e22}));
        info.put("mask", new InfoValue.Bools(new boolean[] {true, false, true}));
        info.put("virial", new InfoValue.Reals(new double[] {0.1, 0, 0, 0, 0.2, 0, 0, 0, -0.3}));
        return Frame.of(c.withPositions(x)).withEnergy(-6.01 * c.size() + r.nextDouble())
                .withFreeEnergy(-6.02 * c.size()).withForces(f).withInfo(info)
                .withColumn(AtomColumn.ints("tags", 1, tags));
    }

    static Frame richSymmetric(int n, int m, long seed) {
        Random r = new Random(seed);
        SymmetricStructure s = SymmetricStructure.fromTube(Nanotube.of(n, m), -0.01, 0);
        double[] x = s.motif();
        double[] f = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] += 0.2 * (r.nextDouble() - 0.5);
            f[i] = 0.05 * r.nextGaussian();
        }
        return Frame.of(s.withMotif(x)).withEnergy(-12.03 + 0.01 * r.nextDouble()).withForces(f)
                .withInfo("split", new InfoValue.Text("train"));
    }

    @Test
    void roundTripIsExactToThePrintedPrecision(@TempDir Path dir) throws Exception {
        List<Frame> frames = List.of(richCell(1), richSymmetric(10, 5, 2), richSymmetric(7, 7, 3), richCell(4));
        for (FileUnits u : FileUnits.values()) {
            Path p = dir.resolve("rt-" + u.key() + ".extxyz");
            ExtXyz.write(p, frames, u);
            String text = Files.readString(p);
            List<Frame> back = ExtXyz.read(p);
            assertEquals(frames.size(), back.size());
            for (int k = 0; k < frames.size(); k++) {
                Frame a = frames.get(k);
                Frame b = back.get(k);
                assertEquals(a.kind(), b.kind());
                assertArrayEquals(a.species(), b.species());
                // symmetric frames are always written in Hartree/Bohr
                FileUnits fu = a.isSymmetric() ? FileUnits.HARTREE_BOHR : u;
                double posTol = POS_ROUND / fu.lengthPerBohr();
                double[] pa = a.positions();
                double[] pb = b.positions();
                for (int i = 0; i < pa.length; i++) {
                    assertEquals(pa[i], pb[i], posTol + ULPS * Math.abs(pa[i]), "position " + i);
                }
                double eTol = ENERGY_ROUND / fu.energyPerHartree() + ULPS * Math.abs(a.energy().getAsDouble());
                assertEquals(a.energy().getAsDouble(), b.energy().getAsDouble(), eTol);
                double[] fa = a.forces().orElseThrow();
                double[] fb = b.forces().orElseThrow();
                for (int i = 0; i < fa.length; i++) {
                    // half a unit of the 10th digit after the point of a mantissa in [1, 10): relative <= 5e-10
                    assertEquals(fa[i], fb[i], Math.abs(fa[i]) * (FORCE_REL_ROUND * 10 + ULPS), "force " + i);
                }
                if (a.isSymmetric()) {
                    assertEquals(a.symmetric().orElseThrow().group().screwAngle(),
                            b.symmetric().orElseThrow().group().screwAngle(), EXACT, "screw angle in shortest exact form");
                    assertEquals(a.symmetric().orElseThrow().group().screwShift(),
                            b.symmetric().orElseThrow().group().screwShift(), EXACT);
                    assertEquals(a.symmetric().orElseThrow().tube().orElseThrow().n(),
                            b.symmetric().orElseThrow().tube().orElseThrow().n(), "n, m written from the tube");
                    assertEquals(a.symmetric().orElseThrow().tube().orElseThrow().m(),
                            b.symmetric().orElseThrow().tube().orElseThrow().m());
                } else {
                    double[] ca = a.cell().orElseThrow().cell();
                    double[] cb = b.cell().orElseThrow().cell();
                    for (int i = 0; i < 9; i++) {
                        assertEquals(ca[i], cb[i], posTol + ULPS * Math.abs(ca[i]));
                    }
                    assertArrayEquals(a.cell().orElseThrow().pbc(), b.cell().orElseThrow().pbc());
                    assertEquals(a.freeEnergy().getAsDouble(), b.freeEnergy().getAsDouble(), eTol);
                    assertEquals(a.columns(), b.columns());
                    for (Map.Entry<String, InfoValue> e : a.info().entrySet()) {
                        if (e.getKey().equals("virial")) {
                            double[] va = ((InfoValue.Reals) e.getValue()).values();
                            double[] vb = ((InfoValue.Reals) b.info().get("virial")).values();
                            for (int i = 0; i < 9; i++) {
                                assertEquals(va[i], vb[i], Math.abs(va[i]) * (FORCE_REL_ROUND * 10 + ULPS));
                            }
                        } else {
                            assertEquals(e.getValue(), b.info().get(e.getKey()), "info " + e.getKey() + " keeps type and value");
                        }
                    }
                }
            }
            Path p2 = dir.resolve("rt2-" + u.key() + ".extxyz");
            ExtXyz.write(p2, back, u);
            assertEquals(text, Files.readString(p2), "write -> read -> write gives the same text (" + u.key() + ")");
        }
    }

    @Test
    void shippedSparcFramesRewriteToTheSameAtomLines() {
        for (String file : List.of("cnt_7_7.extxyz", "cnt_10_5.extxyz", "cnt_12_0.extxyz")) {
            String original = Datasets.readText("sparc-cnt", file);
            String rewritten = ExtXyz.format(Datasets.load("sparc-cnt", file), FileUnits.EV_ANGSTROM);
            String[] a = original.split("\n");
            String[] b = rewritten.split("\n");
            assertEquals(a.length, b.length);
            for (int i = 0; i < a.length; i++) {
                if (a[i].startsWith("C ")) {
                    assertEquals(a[i], b[i], file + " line " + (i + 1) + ": same precision as SPARC's data");
                } else if (a[i].startsWith("Properties")) {
                    assertTrue(b[i].startsWith("Properties=species:S:1:pos:R:3:forces:R:3 energy="
                            + a[i].split(" ")[1].substring("energy=".length())), b[i]);
                    assertTrue(b[i].contains(" units=hartree_bohr") && b[i].endsWith("pbc=\"F F F\""), b[i]);
                }
            }
        }
    }

    /** ASE's documented key=value grammar (its regex fallback parser), written independently of the reader. */
    private static final Pattern ASE_PAIR = Pattern.compile("([A-Za-z_]+[A-Za-z0-9_-]*)=(\"([^\"]*)\"|([^\\s\"]+))");

    @Test
    void writtenHeaderFollowsAseConventions() {
        // plain text info here: the regex grammar has no escapes (ASE's main parser does; see AseInteropTest)
        Frame f = richCell(9).withInfo("code", new InfoValue.Text("HelixFF test"));
        String text = ExtXyz.format(f, FileUnits.EV_ANGSTROM);
        String[] lines = text.split("\n");
        assertEquals(Integer.toString(f.atoms()), lines[0], "line 1: the atom count alone");
        String header = lines[1];
        assertTrue(header.startsWith("Lattice=\""), "Lattice first, as ASE writes it: " + header);
        Map<String, String> kv = new LinkedHashMap<>();
        Matcher m = ASE_PAIR.matcher(header);
        int end = 0;
        while (m.find()) {
            assertEquals(end, m.start(), "pairs are separated by single spaces: " + header);
            kv.put(m.group(1), m.group(3) != null ? m.group(3) : m.group(4));
            end = m.end() + 1;
        }
        assertEquals(header.length() + 1, end, "the whole comment line is key=value pairs: " + header);
        String[] lat = kv.get("Lattice").split(" ");
        assertEquals(9, lat.length, "Lattice holds 9 numbers");
        double[] cell = f.cell().orElseThrow().cell();
        for (int i = 0; i < 9; i++) {
            // ASE: Lattice is a1x a1y a1z a2x ... (rows are lattice vectors), in Angstrom
            assertEquals(cell[i] * Units.ANGSTROM_PER_BOHR, Double.parseDouble(lat[i]), WRITTEN_DECIMALS);
        }
        assertEquals("species:S:1:pos:R:3:forces:R:3:tags:I:1", kv.get("Properties"));
        assertEquals(f.energy().getAsDouble() * Units.EV_PER_HARTREE, Double.parseDouble(kv.get("energy")), WRITTEN_ENERGY);
        assertEquals(f.freeEnergy().getAsDouble() * Units.EV_PER_HARTREE, Double.parseDouble(kv.get("free_energy")), WRITTEN_ENERGY);
        assertEquals("eV_angstrom", kv.get("units"));
        assertEquals("F F T", kv.get("pbc"), "pbc as three quoted letters");
        assertTrue(header.endsWith("pbc=\"F F T\""));
        for (String reserved : List.of("cyclic_order", "screw_angle_rad", "screw_translation_bohr", "energy_per_atom")) {
            assertFalse(kv.containsKey(reserved), "a full cell carries no " + reserved);
        }
        String[] atom = lines[2].split(" ");
        assertEquals(1 + 3 + 3 + 1, atom.length, "species, pos, forces, tags");
        assertEquals("C", atom[0]);
        double[] x = f.positions();
        double[] fo = f.forces().orElseThrow();
        for (int d = 0; d < 3; d++) {
            assertEquals(x[d] * Units.ANGSTROM_PER_BOHR, Double.parseDouble(atom[1 + d]), WRITTEN_DECIMALS);
            assertEquals(fo[d] * Units.EV_PER_A_PER_HA_PER_BOHR, Double.parseDouble(atom[4 + d]),
                    WRITTEN_DECIMALS * Math.abs(fo[d] * Units.EV_PER_A_PER_HA_PER_BOHR));
        }
        assertEquals(2 + f.atoms(), lines.length);
        // a symmetric frame in the SPARC layout
        String sym = ExtXyz.format(richSymmetric(12, 0, 5), FileUnits.EV_ANGSTROM).split("\n")[1];
        assertTrue(sym.startsWith("Properties=species:S:1:pos:R:3:forces:R:3 energy="), sym);
        assertFalse(sym.contains("Lattice"));
        for (String key : List.of(" units=hartree_bohr", " cyclic_order=12 ", " screw_angle_rad=", " screw_translation_bohr=",
                " twist_angle_rad_per_bohr=", " energy_per_atom=", " n=12 m=0 ")) {
            assertTrue(sym.contains(key), key + " in " + sym);
        }
        assertTrue(sym.endsWith("pbc=\"F F F\""));
    }

    @Test
    void writerRejectsWhatTheFormatCannotHold() {
        Structure c = new Structure(new String[] {"C x"}, new double[3], new double[9], new boolean[3]);
        assertThrows(InvalidInputException.class, () -> ExtXyz.format(Frame.of(c), FileUnits.EV_ANGSTROM));
        Frame f = richCell(3);
        assertThrows(InvalidInputException.class, () -> f.withInfo("energy", new InfoValue.Real(1)));
        assertThrows(InvalidInputException.class, () -> f.withInfo("cyclic_order", new InfoValue.Int(3)));
        assertThrows(InvalidInputException.class, () -> f.withInfo("bad key", new InfoValue.Int(3)));
        assertThrows(InvalidInputException.class, () -> f.withForces(new double[3]));
        assertThrows(InvalidInputException.class, () -> f.withEnergy(Double.NaN));
        assertThrows(InvalidInputException.class, () -> new InfoValue.Real(Double.POSITIVE_INFINITY));
        assertInstanceOf(InfoValue.Text.class, InfoValue.parse("GPAW 22.8.0"));
    }
}

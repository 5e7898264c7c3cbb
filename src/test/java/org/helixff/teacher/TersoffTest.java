package org.helixff.teacher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.helixff.InvalidInputException;
import org.helixff.calculator.CellResult;
import org.helixff.calculator.SiteCalculator;
import org.helixff.calculator.SymmetricResult;
import org.helixff.neighbors.CellNeighbors;
import org.helixff.neighbors.ImageNeighbors;
import org.helixff.neighbors.NeighborList;
import org.helixff.structure.Nanotube;
import org.helixff.structure.Structure;
import org.helixff.symmetry.GroupElement;
import org.helixff.symmetry.HelicalGroup;
import org.helixff.symmetry.SymmetricStructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Tersoff: analytic derivatives against central differences, symmetric path against the full cell. */
class TersoffTest {
    /** Symmetric and full-cell sums differ only by summation order and the rotation of image positions. */
    private static final double ORACLE_TOL = 1e-10;
    /** Central-difference step for positions, h and strain (Bohr or dimensionless): truncation ~1e-10 relative. */
    private static final double FD_STEP = 1e-5;
    /** dE/dalpha: lever arms j R make the energy vary fast with alpha; step 1e-6 rad keeps truncation small. */
    private static final double FD_STEP_ALPHA = 1e-6;
    /** Agreement demanded of analytic derivatives and central differences (relative). */
    private static final double FD_TOL = 1e-7;
    /** Components whose difference quotient is smaller than this (Ha/Bohr) are compared absolutely against it. */
    private static final double FD_FLOOR = 1e-3;
    /** Central differences across a kink of fc'' (r = R - D or R + D) are only first-order accurate: keep clear. */
    private static final double KINK_CLEARANCE = 1e-3;

    /** A tube with 1% strain, random motif displacements of up to 0.1 Bohr and (optionally) a commensurate twist. */
    static SymmetricStructure perturbed(int n, int m, long seed, boolean twist) {
        Nanotube t = Nanotube.of(n, m);
        SymmetricStructure s = SymmetricStructure.fromTube(t, 0.01, 0.0);
        if (twist) {
            double tw = s.group().commensurateTwist(0.002, (int) t.periodSteps() * 6);
            s = SymmetricStructure.fromTube(t, 0.01, tw);
        }
        Random r = new Random(seed);
        double[] x = s.motif();
        for (int i = 0; i < x.length; i++) {
            x[i] += 0.1 * (2 * r.nextDouble() - 1);
        }
        return s.withMotif(x);
    }

    /**
     * A dense random periodic carbon cell (cubic, pbc T T T) whose pair distances fill the cutoff shell: random
     * sequential addition with a minimum distance of 2.3 Bohr.
     */
    static Structure denseRandomCell(int atoms, double box, long seed) {
        Random r = new Random(seed);
        double[] pos = new double[3 * atoms];
        String[] sp = new String[atoms];
        int placed = 0;
        while (placed < atoms) {
            double x = box * r.nextDouble();
            double y = box * r.nextDouble();
            double z = box * r.nextDouble();
            boolean ok = true;
            for (int i = 0; i < placed && ok; i++) {
                double dx = x - pos[3 * i];
                double dy = y - pos[3 * i + 1];
                double dz = z - pos[3 * i + 2];
                dx -= box * Math.rint(dx / box);
                dy -= box * Math.rint(dy / box);
                dz -= box * Math.rint(dz / box);
                ok = dx * dx + dy * dy + dz * dz > 2.3 * 2.3;
            }
            if (ok) {
                pos[3 * placed] = x;
                pos[3 * placed + 1] = y;
                pos[3 * placed + 2] = z;
                sp[placed] = "C";
                placed++;
            }
        }
        return new Structure(sp, pos, new double[] {box, 0, 0, 0, box, 0, 0, 0, box}, new boolean[] {true, true, true});
    }

    /** Counts entries in the switching shell R - D < r < R + D and checks none lies on a kink. */
    private static int switchingEntries(Tersoff t, NeighborList nl) {
        double rOuter = t.cutoff();
        double rInner = rOuter - 2 * org.helixff.Units.angstromToBohr(t.parameters().dr());
        int count = 0;
        for (int e = 0; e < nl.entries(); e++) {
            double d = nl.distance(e);
            assertTrue(Math.abs(d - rInner) > KINK_CLEARANCE && Math.abs(d - rOuter) > KINK_CLEARANCE,
                    "distance " + d + " too close to a cutoff kink for central differences");
            if (d > rInner && d < rOuter) {
                count++;
            }
        }
        return count;
    }

    private static void assertDerivative(double fd, double analytic, String what) {
        assertEquals(fd, analytic, FD_TOL * Math.max(FD_FLOOR, Math.abs(fd)), what);
    }

    @ParameterizedTest
    @EnumSource(Tersoff.Variant.class)
    void symmetricDerivativesMatchFiniteDifferences(Tersoff.Variant v) {
        Tersoff model = new Tersoff(v);
        SiteCalculator calc = new SiteCalculator(model);
        for (SymmetricStructure s : new SymmetricStructure[] {perturbed(10, 5, 7, true), stretchedZigzag()}) {
            switchingEntries(model, ImageNeighbors.build(s, model.cutoff()));
            SymmetricResult r = calc.compute(s);
            assertTrue(r.maxForce() > 1e-3, "non-trivial symmetric forces: " + r.maxForce());
            double[] x = s.motif();
            for (int i = 0; i < x.length; i++) {
                double[] xp = x.clone();
                double[] xm = x.clone();
                xp[i] += FD_STEP;
                xm[i] -= FD_STEP;
                double fd = -(calc.compute(s.withMotif(xp)).energyPerMotif()
                        - calc.compute(s.withMotif(xm)).energyPerMotif()) / (2 * FD_STEP);
                assertDerivative(fd, r.forces()[i], v + " force component " + i);
            }
            HelicalGroup g = s.group();
            double hp = calc.compute(s.withGroup(g.withScrew(g.screwAngle(), g.screwShift() + FD_STEP))).energyPerMotif();
            double hm = calc.compute(s.withGroup(g.withScrew(g.screwAngle(), g.screwShift() - FD_STEP))).energyPerMotif();
            double fdh = (hp - hm) / (2 * FD_STEP);
            assertTrue(Math.abs(fdh) > 1e-4, "dE/dh non-trivial: " + fdh);
            assertEquals(fdh, r.dEdh(), FD_TOL * Math.abs(fdh), v + " dE/dh");
            double ap = calc.compute(s.withGroup(g.withScrew(g.screwAngle() + FD_STEP_ALPHA, g.screwShift())))
                    .energyPerMotif();
            double am = calc.compute(s.withGroup(g.withScrew(g.screwAngle() - FD_STEP_ALPHA, g.screwShift())))
                    .energyPerMotif();
            double fda = (ap - am) / (2 * FD_STEP_ALPHA);
            assertTrue(Math.abs(fda) > 1e-4, "dE/dalpha non-trivial: " + fda);
            assertEquals(fda, r.dEdalpha(), FD_TOL * Math.abs(fda), v + " dE/dalpha");
        }
    }

    /** (12,0) stretched by 30% with a displaced motif: the axial bond lies in the switching shell of fc. */
    private static SymmetricStructure stretchedZigzag() {
        SymmetricStructure s = SymmetricStructure.fromTube(Nanotube.of(12, 0), 0.30, 0.0);
        double[] x = s.motif();
        Random r = new Random(3);
        for (int i = 0; i < x.length; i++) {
            x[i] += 0.05 * (2 * r.nextDouble() - 1);
        }
        SymmetricStructure out = s.withMotif(x);
        Tersoff t = new Tersoff(Tersoff.Variant.ORIGINAL);
        assertTrue(switchingEntries(t, ImageNeighbors.build(out, t.cutoff())) > 0,
                "stretched (12,0) must have bonds in the switching shell");
        return out;
    }

    @ParameterizedTest
    @EnumSource(Tersoff.Variant.class)
    void cellForcesAndVirialMatchFiniteDifferences(Tersoff.Variant v) {
        Tersoff model = new Tersoff(v);
        SiteCalculator calc = new SiteCalculator(model);
        Structure c = denseRandomCell(24, 11.0, 5);
        int shell = switchingEntries(model, CellNeighbors.build(c, model.cutoff()));
        assertTrue(shell >= 4, "the random cell must exercise the cutoff switching shell: " + shell + " entries");
        CellResult r = calc.compute(c);
        assertTrue(r.maxForce() > 1e-2, "non-trivial forces: " + r.maxForce());
        double[] x = c.positions();
        for (int i = 0; i < x.length; i++) {
            double[] xp = x.clone();
            double[] xm = x.clone();
            xp[i] += FD_STEP;
            xm[i] -= FD_STEP;
            double fd = -(calc.compute(c.withPositions(xp)).energy() - calc.compute(c.withPositions(xm)).energy())
                    / (2 * FD_STEP);
            assertDerivative(fd, r.forces()[i], v + " force component " + i);
        }
        double[] w = r.virial();
        double wmax = 0;
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                double fd = -(strained(calc, c, a, b, FD_STEP) - strained(calc, c, a, b, -FD_STEP)) / (2 * FD_STEP);
                assertDerivative(fd, w[3 * a + b], v + " virial " + a + b);
                wmax = Math.max(wmax, Math.abs(fd));
            }
        }
        assertTrue(wmax > 1e-2, "non-trivial virial: " + wmax);
    }

    /** Energy after the homogeneous deformation r -> (1 + eps e_a e_b^T) r of positions and cell. */
    static double strained(SiteCalculator calc, Structure c, int a, int b, double eps) {
        double[] x = c.positions();
        double[] cell = c.cell();
        for (int i = 0; i < c.size(); i++) {
            x[3 * i + a] += eps * c.position(i, b);
        }
        for (int v = 0; v < 3; v++) {
            cell[3 * v + a] += eps * c.cell(v, b);
        }
        return calc.compute(c.withPositionsAndCell(x, cell)).energy();
    }

    @ParameterizedTest
    @CsvSource({"7,7,false", "10,5,false", "12,0,false", "7,7,true", "10,5,true", "12,0,true"})
    void symmetricEqualsFullCell(int n, int m, boolean twist) {
        for (Tersoff.Variant v : Tersoff.Variant.values()) {
            SiteCalculator calc = new SiteCalculator(new Tersoff(v));
            SymmetricStructure s = perturbed(n, m, 42 + n, twist);
            SymmetricResult sym = calc.compute(s);
            int cells = (int) Math.max(1, Math.ceil(3 * calc.cutoff() / (s.periodSteps() * s.group().screwShift())));
            Structure full = s.expand(cells);
            CellResult cr = calc.compute(full);
            long atoms = s.expandedSize(cells);
            assertEquals(sym.energyPerAtom(), cr.energy() / atoms, ORACLE_TOL * Math.abs(sym.energyPerAtom()));
            double scale = sym.maxForce();
            assertTrue(scale > 1e-3, "non-trivial forces: " + scale);
            int steps = (int) (s.periodSteps() * cells);
            int nc = s.group().cyclicOrder();
            for (int j = 0; j < steps; j += Math.max(1, steps / 7)) {
                for (int k = 0; k < nc; k++) {
                    for (int a = 0; a < 2; a++) {
                        double[] rot = s.group().rotate(new GroupElement(k, j),
                                new double[] {sym.force(a, 0), sym.force(a, 1), sym.force(a, 2)});
                        int idx = s.expandedIndex(a, k, j);
                        for (int d = 0; d < 3; d++) {
                            assertEquals(rot[d], cr.force(idx, d), ORACLE_TOL * scale,
                                    v + " force on image (" + a + ";" + k + "," + j + ")");
                        }
                    }
                }
            }
        }
    }

    @Test
    void parallelEvaluationIsDeterministicAndEqualsSerial() {
        Tersoff model = new Tersoff(Tersoff.Variant.LINDSAY_BROIDO);
        Structure big = perturbed(10, 10, 9, false).expand(130); // 5200 atoms: above the parallel threshold
        NeighborList nl = CellNeighbors.build(big, model.cutoff());
        assertTrue(nl.centers() >= Tersoff.PARALLEL_THRESHOLD, "list large enough to run in parallel");
        double[] e1 = new double[nl.centers()];
        double[] g1 = new double[3 * nl.entries()];
        model.evaluate(nl, e1, g1);
        double[] e2 = new double[nl.centers()];
        double[] g2 = new double[3 * nl.entries()];
        model.evaluate(nl, e2, g2);
        assertTrue(java.util.Arrays.equals(e1, e2) && java.util.Arrays.equals(g1, g2), "bitwise repeatable");
        // serial oracle: the same centres one block at a time through a sub-list
        int c0 = 2500;
        NeighborList one = subList(nl, c0, c0 + 1);
        double[] e3 = new double[1];
        double[] g3 = new double[3 * one.entries()];
        model.evaluate(one, e3, g3);
        assertEquals(e1[c0], e3[0], 0.0, "site energy of a centre alone equals the parallel result");
        for (int i = 0; i < g3.length; i++) {
            assertEquals(g1[3 * nl.start(c0) + i], g3[i], 0.0);
        }
    }

    private static NeighborList subList(NeighborList nl, int from, int to) {
        int entries = nl.start(to) - nl.start(from);
        int[] offsets = new int[to - from + 1];
        int[] nb = new int[entries];
        double[] disp = new double[3 * entries];
        for (int c = from; c < to; c++) {
            offsets[c - from + 1] = nl.end(c) - nl.start(from);
        }
        for (int e = 0; e < entries; e++) {
            nb[e] = nl.neighbor(nl.start(from) + e);
            for (int d = 0; d < 3; d++) {
                disp[3 * e + d] = nl.disp(nl.start(from) + e, d);
            }
        }
        return NeighborList.of(nl.cutoff(), offsets, nb, disp);
    }

    @Test
    void entriesBeyondTheCutoffContributeNothing() {
        Tersoff model = new Tersoff(Tersoff.Variant.ORIGINAL);
        SymmetricStructure s = perturbed(8, 4, 1, false);
        NeighborList tight = ImageNeighbors.build(s, model.cutoff());
        NeighborList wide = ImageNeighbors.build(s, 3 * model.cutoff());
        assertTrue(wide.entries() > 3 * tight.entries(), "the wide list has many entries beyond R + D");
        SymmetricResult a = SiteCalculator.gatherSymmetric(s, tight, model);
        SymmetricResult b = SiteCalculator.gatherSymmetric(s, wide, model);
        assertEquals(a.energyPerMotif(), b.energyPerMotif(), ORACLE_TOL * Math.abs(a.energyPerMotif()));
        for (int i = 0; i < 6; i++) {
            assertEquals(a.forces()[i], b.forces()[i], ORACLE_TOL * a.maxForce());
        }
        assertEquals(a.dEdh(), b.dEdh(), ORACLE_TOL * Math.abs(a.dEdh()));
    }

    @Test
    void badInputIsRejected() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Teachers.byName("lennard-jones"));
        assertTrue(e.getMessage().contains("lennard-jones") && e.getMessage().contains("tersoff, tersoff-lb"),
                e.getMessage());
        assertEquals("tersoff-lb", Teachers.byName(" Tersoff-LB ").name());
        var calc = Teachers.byName("tersoff");
        SymmetricStructure s = SymmetricStructure.fromTube(Nanotube.of(8, 8));
        double[] nan = s.motif();
        nan[4] = Double.NaN;
        assertThrows(InvalidInputException.class, () -> calc.compute(s.withMotif(nan)));
        double[] close = s.motif();
        close[3] = close[0] + 0.3;
        close[4] = close[1];
        close[5] = close[2];
        InvalidInputException c = assertThrows(InvalidInputException.class, () -> calc.compute(s.withMotif(close)));
        assertTrue(c.getMessage().contains("0.3000 Bohr apart"), c.getMessage());
        Structure cell = s.expand(1);
        double[] p = cell.positions();
        p[9] = p[0] + 0.2;
        p[10] = p[1];
        p[11] = p[2];
        assertThrows(InvalidInputException.class, () -> calc.compute(cell.withPositions(p)));
        double[] inf = cell.positions();
        inf[0] = Double.POSITIVE_INFINITY;
        assertThrows(InvalidInputException.class, () -> calc.compute(cell.withPositions(inf)));
    }
}

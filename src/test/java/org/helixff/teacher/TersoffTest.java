package org.helixff.teacher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.helixff.InvalidInputException;
import org.helixff.Tolerances;
import org.helixff.calculator.CalculatorContract;
import org.helixff.calculator.SiteCalculator;
import org.helixff.calculator.SymmetricResult;
import org.helixff.neighbors.CellNeighbors;
import org.helixff.neighbors.ImageNeighbors;
import org.helixff.neighbors.NeighborList;
import org.helixff.structure.Nanotube;
import org.helixff.structure.Structure;
import org.helixff.symmetry.SymmetricStructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Tersoff: analytic derivatives against central differences, symmetric path against the full cell. */
class TersoffTest {
    /** Forces and virial of the perturbed cell are larger than this (Ha/Bohr, Ha). */
    private static final double NON_TRIVIAL_CELL = 1e-2;
    /** Symmetric and full-cell sums differ only by summation order and the rotation of image positions. */
    private static final double ORACLE_TOL = 1e-10;
    /** Central-difference step for positions, h and strain (Bohr or dimensionless): truncation ~1e-10 relative. */
    private static final double FD_STEP = 1e-5;
    /** dE/dalpha: lever arms j R make the energy vary fast with alpha; step 1e-6 rad keeps truncation small. */
    private static final double FD_STEP_ALPHA = 1e-6;
    /** Agreement demanded of analytic derivatives and central differences (relative). */
    private static final double FD_TOL = 1e-7;
    /** Components whose difference quotient is smaller than this (Ha/Bohr, Ha) are compared absolutely against it. */
    private static final double FD_FLOOR = 1e-3;
    /** Central differences across a kink of fc'' (r = R - D or R + D) are only first-order accurate: keep clear. */
    private static final double KINK_CLEARANCE = 1e-3;

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

    @ParameterizedTest
    @EnumSource(Tersoff.Variant.class)
    void symmetricDerivativesMatchFiniteDifferences(Tersoff.Variant v) {
        Tersoff model = new Tersoff(v);
        SiteCalculator calc = new SiteCalculator(model);
        for (SymmetricStructure s : new SymmetricStructure[] {CalculatorContract.perturbed(10, 5, 7, true),
            stretchedZigzag()}) {
            switchingEntries(model, ImageNeighbors.build(s, model.cutoff()));
            assertTrue(calc.compute(s).maxForce() > Tolerances.NON_TRIVIAL, "non-trivial symmetric forces");
            CalculatorContract.assertSymmetricDerivatives(calc, s, FD_STEP, FD_STEP_ALPHA, FD_TOL, FD_FLOOR);
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
        assertTrue(calc.compute(c).maxForce() > NON_TRIVIAL_CELL, "non-trivial forces");
        int[] all = java.util.stream.IntStream.range(0, 3 * c.size()).toArray();
        double wmax = CalculatorContract.assertCellDerivatives(calc, c, all, FD_STEP, FD_TOL, FD_FLOOR, FD_FLOOR);
        assertTrue(wmax > NON_TRIVIAL_CELL, "non-trivial virial: " + wmax);
    }

    @ParameterizedTest
    @CsvSource({"7,7,false", "10,5,false", "12,0,false", "7,7,true", "10,5,true", "12,0,true"})
    void symmetricEqualsFullCell(int n, int m, boolean twist) {
        for (Tersoff.Variant v : Tersoff.Variant.values()) {
            SiteCalculator calc = new SiteCalculator(new Tersoff(v));
            CalculatorContract.assertSymmetricEqualsFullCell(calc, CalculatorContract.perturbed(n, m, 42 + n, twist),
                    ORACLE_TOL);
        }
    }

    @Test
    void parallelEvaluationIsDeterministicAndEqualsSerial() {
        Tersoff model = new Tersoff(Tersoff.Variant.LINDSAY_BROIDO);
        Structure big = CalculatorContract.perturbed(10, 10, 9, false).expand(130); // 5200 atoms: above the parallel threshold
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
        assertEquals(e1[c0], e3[0], Tolerances.EXACT, "site energy of a centre alone equals the parallel result");
        for (int i = 0; i < g3.length; i++) {
            assertEquals(g1[3 * nl.start(c0) + i], g3[i], Tolerances.EXACT);
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
        SymmetricStructure s = CalculatorContract.perturbed(8, 4, 1, false);
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

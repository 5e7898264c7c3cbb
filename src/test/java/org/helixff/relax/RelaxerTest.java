package org.helixff.relax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.helixff.InvalidInputException;
import org.helixff.Tolerances;
import org.helixff.calculator.Calculator;
import org.helixff.calculator.CellResult;
import org.helixff.calculator.SymmetricResult;
import org.helixff.structure.Nanotube;
import org.helixff.structure.Structure;
import org.helixff.symmetry.SymmetricStructure;
import org.helixff.teacher.Teachers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RelaxerTest {
    /** The relaxation lowers the energy per motif by more than this, Ha. */
    private static final double ENERGY_WENT_DOWN = 1e-4;
    /** The relaxed full-cell length against q h of the relaxed tube, Bohr: both relaxed to 1e-6 Ha/Bohr. */
    private static final double SAME_PERIOD = 1e-5;
    /** The axial period moves by more than this during the relaxation, Bohr. */
    private static final double PERIOD_CHANGED = 1e-2;
    /** The screw angle moves by more than this when it is free, rad. */
    private static final double ALPHA_MOVED = 1e-6;
    /** A rotated and shifted start reaches the same minimum: energy per motif, Ha (quadratic in the force tolerance). */
    private static final double SAME_MINIMUM_ENERGY = 1e-10;
    /** The same minimum: diameter, Bohr (linear in the force tolerance). */
    private static final double SAME_DIAMETER = 1e-5;
    /** An impossible tolerance stops where round-off of the forces allows, Ha/Bohr. */
    private static final double ROUND_OFF_FORCE = 1e-8;
    /** The demand on symmetric vs full-cell relaxed energies per atom (Hartree). */
    private static final double SAME_MINIMUM_TOL = 1e-8;
    /** Force tolerance of the relaxations below (Ha/Bohr): the library default. */
    private static final double FORCE_TOL = 1e-6;
    /** Round-off allowed when a result's numbers are recomputed from its own structure (relative). */
    private static final double RECOMPUTE_TOL = 1e-12;
    /**
     * Armchair tubes are mirror-symmetric, so the relaxed twist is zero: with residual 1e-6 Ha/Bohr and a
     * twist stiffness of order 0.1 Ha/rad per motif per unit R alpha, alpha is fixed to ~1e-5 rad / R.
     */
    private static final double ALPHA_TOL = 1e-6;

    private static SymmetricStructure displaced(SymmetricStructure s, double amplitude, long seed) {
        Random r = new Random(seed);
        double[] x = s.motif();
        for (int i = 0; i < x.length; i++) {
            x[i] += amplitude * (2 * r.nextDouble() - 1);
        }
        return s.withMotif(x);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tersoff", "tersoff-lb"})
    void symmetricAndFullCellRelaxationsReachTheSameEnergy(String model) {
        Calculator calc = Teachers.byName(model);
        Relaxer relaxer = new Relaxer(calc, Relaxer.Options.builder().freeAxial(true).build());
        SymmetricStructure tube = SymmetricStructure.fromTube(Nanotube.of(10, 10));
        RelaxationResult sym = relaxer.relax(displaced(tube, 0.05, 1));
        assertTrue(sym.converged(), sym.status());
        // the full cell starts from the ideal tube with every atom displaced independently (no symmetry left)
        Structure cell = tube.expand(1);
        double[] p = cell.positions();
        Random r = new Random(2);
        for (int i = 0; i < p.length; i++) {
            p[i] += 0.05 * (2 * r.nextDouble() - 1);
        }
        CellRelaxationResult full = relaxer.relax(cell.withPositions(p));
        assertTrue(full.converged(), full.status());
        assertTrue(full.maxForce() <= FORCE_TOL && Math.abs(full.virialZz()) / full.structure().size() <= FORCE_TOL);
        assertEquals(sym.energyPerAtom(), full.energyPerAtom(), SAME_MINIMUM_TOL);
        // the axial period relaxed to the same length: cell length = q h
        double q = tube.periodSteps();
        assertEquals(q * sym.structure().group().screwShift(), full.structure().cell(2, 2), SAME_PERIOD,
                "relaxed period (Bohr)");
        assertTrue(Math.abs(full.structure().cell(2, 2) - cell.cell(2, 2)) > PERIOD_CHANGED, "the period did change");
    }

    @Test
    void freeTwistOfAChiralTubeConvergesWithConsistentResiduals() {
        Calculator calc = Teachers.byName("tersoff-lb");
        Nanotube t = Nanotube.of(10, 5);
        SymmetricStructure s0 = SymmetricStructure.fromTube(t);
        double tw = s0.group().commensurateTwist(0.003, (int) t.periodSteps() * 4);
        SymmetricStructure start = displaced(SymmetricStructure.fromTube(t, 0.02, tw), 0.05, 3);
        SymmetricResult before = calc.compute(start);
        RelaxationResult r = new Relaxer(calc, Relaxer.Options.builder().freeAxial(true).freeTwist(true).build())
                .relax(start);
        assertTrue(r.converged(), r.status());
        assertTrue(r.iterations() > 0 && r.evaluations() > r.iterations());
        assertTrue(r.maxForce() <= FORCE_TOL && Math.abs(r.dEdh()) <= FORCE_TOL && r.twistResidual() <= FORCE_TOL,
                "residuals " + r.maxForce() + " " + r.dEdh() + " " + r.twistResidual());
        assertTrue(r.energyPerMotif() < before.energyPerMotif() - ENERGY_WENT_DOWN, "the energy went down");
        // the reported numbers are those of the reported structure
        SymmetricResult again = calc.compute(r.structure());
        assertEquals(again.energyPerMotif(), r.energyPerMotif(), RECOMPUTE_TOL * Math.abs(r.energyPerMotif()));
        assertEquals(again.maxForce(), r.maxForce(), Tolerances.ROUND_OFF);
        assertEquals(again.dEdalpha(), r.dEdalpha(), Tolerances.ROUND_OFF);
        assertTrue(Math.abs(r.structure().group().screwAngle() - start.group().screwAngle()) > ALPHA_MOVED, "alpha moved");
    }

    @Test
    void armchairRelaxesToZeroTwist() {
        Calculator calc = Teachers.byName("tersoff");
        Nanotube t = Nanotube.of(8, 8);
        SymmetricStructure start = SymmetricStructure.fromTube(t, 0.0, 0.004); // never expanded: any twist will do
        assertTrue(Math.abs(start.group().screwAngle() - Math.PI / 8) > Tolerances.NON_TRIVIAL, "start is twisted");
        RelaxationResult r = new Relaxer(calc, Relaxer.Options.builder().freeTwist(true).build()).relax(start);
        assertTrue(r.converged(), r.status());
        assertEquals(Math.PI / 8, r.structure().group().screwAngle(), ALPHA_TOL, "mirror symmetry: no twist");
        assertEquals(start.group().screwShift(), r.structure().group().screwShift(), Tolerances.EXACT, "h was fixed");
    }

    @Test
    void fixedScrewKeepsTheGroupAndZeroModesStayHarmless() {
        Calculator calc = Teachers.byName("tersoff-lb");
        SymmetricStructure start = displaced(SymmetricStructure.fromTube(Nanotube.of(12, 0)), 0.1, 4);
        RelaxationResult r = new Relaxer(calc, Relaxer.Options.defaults()).relax(start);
        assertTrue(r.converged(), r.status());
        assertTrue(r.structure().group() == start.group(), "h and alpha untouched");
        assertTrue(Math.abs(r.dEdh()) > 10 * FORCE_TOL, "dE/dh is not a residual here and stays non-zero");
        // rigidly rotating and shifting the start (zero modes) changes nothing but the final orientation
        double c = Math.cos(0.3);
        double sn = Math.sin(0.3);
        double[] x = start.motif();
        for (int a = 0; a < 2; a++) {
            double px = x[3 * a];
            double py = x[3 * a + 1];
            x[3 * a] = c * px - sn * py;
            x[3 * a + 1] = sn * px + c * py;
            x[3 * a + 2] += 0.7;
        }
        RelaxationResult moved = new Relaxer(calc, Relaxer.Options.defaults()).relax(start.withMotif(x));
        assertTrue(moved.converged(), moved.status());
        assertEquals(r.energyPerMotif(), moved.energyPerMotif(), SAME_MINIMUM_ENERGY);
        assertEquals(r.diameter(), moved.diameter(), SAME_DIAMETER);
    }

    @Test
    void nonConvergenceIsFlaggedNotThrown() {
        Calculator calc = Teachers.byName("tersoff");
        SymmetricStructure start = SymmetricStructure.fromTube(Nanotube.of(10, 10));
        RelaxationResult capped = new Relaxer(calc, Relaxer.Options.builder().freeAxial(true).maxIterations(2).build())
                .relax(start);
        assertFalse(capped.converged());
        assertEquals(2, capped.iterations());
        assertTrue(capped.status().contains("iteration limit"), capped.status());
        assertTrue(Math.max(capped.maxForce(), Math.abs(capped.dEdh())) > FORCE_TOL);
        // a tolerance below the forces' own round-off (~1e-17 Ha/Bohr) cannot be met: the run must stop and say so
        // (below the energy's round-off, ~1e-12 Ha/Bohr here, the derivative-only line search still makes progress)
        RelaxationResult tight = new Relaxer(calc, Relaxer.Options.builder().forceTolerance(1e-25)
                .maxIterations(500).build()).relax(start);
        assertFalse(tight.converged(), "1e-25 Ha/Bohr is below round-off");
        assertTrue(tight.maxForce() < ROUND_OFF_FORCE, "but it got as close as round-off allows: " + tight.maxForce());
        CellRelaxationResult cell = new Relaxer(calc, Relaxer.Options.builder().maxIterations(1).build())
                .relax(start.expand(1));
        assertFalse(cell.converged());
    }

    @Test
    void badInputIsRejected() {
        assertThrows(InvalidInputException.class, () -> Relaxer.Options.builder().forceTolerance(-1).build());
        assertThrows(InvalidInputException.class, () -> Relaxer.Options.builder().forceTolerance(Double.NaN).build());
        assertThrows(InvalidInputException.class, () -> Relaxer.Options.builder().maxIterations(-1).build());
        Calculator calc = Teachers.byName("tersoff");
        Relaxer relaxer = new Relaxer(calc, Relaxer.Options.builder().freeAxial(true).build());
        SymmetricStructure s = SymmetricStructure.fromTube(Nanotube.of(8, 8));
        double[] x = s.motif();
        x[3] = x[0] + 0.2;
        x[4] = x[1];
        x[5] = x[2];
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> relaxer.relax(s.withMotif(x)));
        assertTrue(e.getMessage().contains("Bohr apart"), e.getMessage());
        Structure c = s.expand(1);
        Structure molecule = new Structure(c.species(), c.positions(), c.cell(), new boolean[] {false, false, false});
        assertThrows(InvalidInputException.class, () -> relaxer.relax(molecule));
        CellResult ok = calc.compute(molecule);
        assertTrue(Double.isFinite(ok.energy()));
    }
}

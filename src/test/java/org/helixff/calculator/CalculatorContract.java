package org.helixff.calculator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.helixff.Tolerances;
import org.helixff.structure.Nanotube;
import org.helixff.structure.Structure;
import org.helixff.symmetry.GroupElement;
import org.helixff.symmetry.HelicalGroup;
import org.helixff.symmetry.SymmetricStructure;

/**
 * Checks every {@link Calculator} must pass, shared by the tests of each implementation: the symmetric path
 * against the full cell, and analytic derivatives against central finite differences. Steps and tolerances are
 * chosen (and explained) by the caller.
 */
public final class CalculatorContract {
    /** DE/dh (Ha/Bohr) and dE/dalpha (Ha/rad) of the perturbed test tubes are well above this: a check against a zero derivative could not fail. */
    private static final double NON_TRIVIAL_STRAIN_DERIVATIVE = 1e-4;
    private CalculatorContract() {
    }

    /** Tube (n, m) with 1% strain, motif displaced by up to 0.1 Bohr, optionally a commensurate twist (~0.002 rad/Bohr). */
    public static SymmetricStructure perturbed(int n, int m, long seed, boolean twist) {
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
     * Energy per atom and the force on every image (sampled along the stack) of the symmetric path equal the full
     * cell's (a stack of periods at least 3 cutoffs long), to {@code tol} relative.
     */
    public static void assertSymmetricEqualsFullCell(Calculator calc, SymmetricStructure s, double tol) {
        assertSymmetricEqualsFullCell(calc, s, tol, 0.0);
    }

    /**
     * As {@link #assertSymmetricEqualsFullCell(Calculator, SymmetricStructure, double)} with an added absolute
     * allowance {@code roundOff} (Hartree per atom and Ha/Bohr) for calculators whose sums cancel (a kernel
     * model's weights can be 1e7 times its energies, so summation order alone moves results by ~1e-16 of
     * the weights' magnitude).
     */
    public static void assertSymmetricEqualsFullCell(Calculator calc, SymmetricStructure s, double tol,
            double roundOff) {
        SymmetricResult sym = calc.compute(s);
        int cells = (int) Math.max(1, Math.ceil(3 * calc.cutoff() / (s.periodSteps() * s.group().screwShift())));
        CellResult cr = calc.compute(s.expand(cells));
        long atoms = s.expandedSize(cells);
        assertEquals(sym.energyPerAtom(), cr.energy() / atoms, tol * Math.abs(sym.energyPerAtom()) + roundOff, "energy per atom");
        double scale = sym.maxForce();
        assertTrue(scale > Tolerances.NON_TRIVIAL, "non-trivial forces: " + scale);
        int steps = (int) (s.periodSteps() * cells);
        for (int j = 0; j < steps; j += Math.max(1, steps / 7)) {
            for (int k = 0; k < s.group().cyclicOrder(); k++) {
                for (int a = 0; a < s.motifSize(); a++) {
                    double[] rot = s.group().rotate(new GroupElement(k, j),
                            new double[] {sym.force(a, 0), sym.force(a, 1), sym.force(a, 2)});
                    int idx = s.expandedIndex(a, k, j);
                    for (int d = 0; d < 3; d++) {
                        assertEquals(rot[d], cr.force(idx, d), tol * scale + roundOff,
                                calc.name() + " force on image (" + a + ";" + k + "," + j + ")");
                    }
                }
            }
        }
    }

    /**
     * Symmetric forces, dE/dh and dE/dalpha against central differences of the energy per motif (step for
     * coordinates and h, stepAlpha for alpha); components below {@code floor} (Ha/Bohr) are compared absolutely
     * against floor x tol. dE/dh and dE/dalpha must exceed 1e-4 (non-trivial).
     */
    public static void assertSymmetricDerivatives(Calculator calc, SymmetricStructure s, double step, double stepAlpha,
            double tol, double floor) {
        SymmetricResult r = calc.compute(s);
        double[] x = s.motif();
        for (int i = 0; i < x.length; i++) {
            double[] xp = x.clone();
            double[] xm = x.clone();
            xp[i] += step;
            xm[i] -= step;
            double fd = -(calc.compute(s.withMotif(xp)).energyPerMotif() - calc.compute(s.withMotif(xm)).energyPerMotif())
                    / (2 * step);
            assertEquals(fd, r.forces()[i], tol * Math.max(floor, Math.abs(fd)), calc.name() + " force component " + i);
        }
        HelicalGroup g = s.group();
        double hp = calc.compute(s.withGroup(g.withScrew(g.screwAngle(), g.screwShift() + step))).energyPerMotif();
        double hm = calc.compute(s.withGroup(g.withScrew(g.screwAngle(), g.screwShift() - step))).energyPerMotif();
        double fdh = (hp - hm) / (2 * step);
        assertTrue(Math.abs(fdh) > NON_TRIVIAL_STRAIN_DERIVATIVE, "dE/dh non-trivial: " + fdh);
        assertEquals(fdh, r.dEdh(), tol * Math.abs(fdh), calc.name() + " dE/dh");
        double ap = calc.compute(s.withGroup(g.withScrew(g.screwAngle() + stepAlpha, g.screwShift()))).energyPerMotif();
        double am = calc.compute(s.withGroup(g.withScrew(g.screwAngle() - stepAlpha, g.screwShift()))).energyPerMotif();
        double fda = (ap - am) / (2 * stepAlpha);
        assertTrue(Math.abs(fda) > NON_TRIVIAL_STRAIN_DERIVATIVE, "dE/dalpha non-trivial: " + fda);
        assertEquals(fda, r.dEdalpha(), tol * Math.abs(fda), calc.name() + " dE/dalpha");
    }

    /**
     * Full-cell forces (the given flat coordinate indices) and all nine virial components against central
     * differences (positions displaced by step; positions and cell deformed by strain step). Components below
     * the floors (Ha/Bohr for forces, Hartree for the virial) are compared absolutely against floor x tol.
     *
     * @return the largest |W_ab| by finite differences (for the caller's non-triviality check)
     */
    public static double assertCellDerivatives(Calculator calc, Structure c, int[] coordinates, double step, double tol,
            double forceFloor, double virialFloor) {
        CellResult r = calc.compute(c);
        double[] x = c.positions();
        for (int i : coordinates) {
            double[] xp = x.clone();
            double[] xm = x.clone();
            xp[i] += step;
            xm[i] -= step;
            double fd = -(calc.compute(c.withPositions(xp)).energy() - calc.compute(c.withPositions(xm)).energy())
                    / (2 * step);
            assertEquals(fd, r.forces()[i], tol * Math.max(forceFloor, Math.abs(fd)), calc.name() + " force component " + i);
        }
        double[] w = r.virial();
        double wmax = 0;
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                double fd = -(strained(calc, c, a, b, step) - strained(calc, c, a, b, -step)) / (2 * step);
                assertEquals(fd, w[3 * a + b], tol * Math.max(virialFloor, Math.abs(fd)), calc.name() + " virial " + a + b);
                wmax = Math.max(wmax, Math.abs(fd));
            }
        }
        return wmax;
    }

    /** Energy after the homogeneous deformation r -> (1 + eps e_a e_b^T) r of positions and cell. */
    public static double strained(Calculator calc, Structure c, int a, int b, double eps) {
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
}

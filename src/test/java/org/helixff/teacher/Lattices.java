package org.helixff.teacher;

import java.util.function.DoubleUnaryOperator;
import org.helixff.Units;
import org.helixff.structure.Structure;

/** Crystal cells and a 1-D minimiser for the reference-value tests (lengths in Angstrom at the interface). */
final class Lattices {
    private Lattices() {
    }

    /** Two-atom primitive cell of diamond with cubic lattice constant a (Angstrom); pbc T T T. */
    static Structure diamond(double aAngstrom) {
        double a = Units.angstromToBohr(aAngstrom);
        double[] cell = {0, a / 2, a / 2, a / 2, 0, a / 2, a / 2, a / 2, 0};
        double[] pos = {0, 0, 0, a / 4, a / 4, a / 4};
        return new Structure(new String[] {"C", "C"}, pos, cell, new boolean[] {true, true, true});
    }

    /** Two-atom cell of flat graphene with lattice constant a (Angstrom) in the xy plane; pbc T T F. */
    static Structure graphene(double aAngstrom) {
        double a = Units.angstromToBohr(aAngstrom);
        double s3 = Math.sqrt(3.0);
        double[] cell = {a, 0, 0, a / 2, a * s3 / 2, 0, 0, 0, 30.0};
        double[] pos = {0, 0, 0, a / 2, a * s3 / 6, 0};
        return new Structure(new String[] {"C", "C"}, pos, cell, new boolean[] {true, true, false});
    }

    /** Minimiser of a unimodal function on [lo, hi] by golden-section search down to an interval of tol. */
    static double goldenMin(DoubleUnaryOperator f, double lo, double hi, double tol) {
        double g = (Math.sqrt(5.0) - 1) / 2;
        double x1 = hi - g * (hi - lo);
        double x2 = lo + g * (hi - lo);
        double f1 = f.applyAsDouble(x1);
        double f2 = f.applyAsDouble(x2);
        while (hi - lo > tol) {
            if (f1 < f2) {
                hi = x2;
                x2 = x1;
                f2 = f1;
                x1 = hi - g * (hi - lo);
                f1 = f.applyAsDouble(x1);
            } else {
                lo = x1;
                x1 = x2;
                f1 = f2;
                x2 = lo + g * (hi - lo);
                f2 = f.applyAsDouble(x2);
            }
        }
        return 0.5 * (lo + hi);
    }
}

package org.helixff.relax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.helixff.Tolerances;
import org.junit.jupiter.api.Test;

/** The minimiser alone, on functions whose minimum is known exactly. */
class LbfgsTest {
    /** Gradient tolerance asked of the minimiser. */
    private static final double GRAD_TOL = 1e-9;
    /** Near a minimum with Hessian eigenvalues >= ~0.4, a gradient of 1e-9 pins x to ~1e-8. */
    private static final double X_TOL = 1e-7;

    /** Extended Rosenbrock: sum_i 100 (x_{2i+1} - x_{2i}^2)^2 + (1 - x_{2i})^2, minimum 0 at x = 1. */
    private static Lbfgs.Point<Void> rosenbrock(double[] x) {
        double f = 0;
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i += 2) {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1 - x[i];
            f += 100 * a * a + b * b;
            g[i] += -400 * a * x[i] - 2 * b;
            g[i + 1] += 200 * a;
        }
        double res = 0;
        for (double v : g) {
            res = Math.max(res, Math.abs(v));
        }
        return new Lbfgs.Point<>(x, f, g, res, null);
    }

    @Test
    void findsTheRosenbrockMinimum() {
        double[] x0 = new double[20];
        for (int i = 0; i < x0.length; i += 2) {
            x0[i] = -1.2;
            x0[i + 1] = 1.0;
        }
        Lbfgs.Outcome<Void> out = Lbfgs.minimize(LbfgsTest::rosenbrock, rosenbrock(x0), GRAD_TOL, 1000, 8, 0.5, 1.0);
        assertTrue(out.converged(), out.status());
        for (double v : out.point().x()) {
            assertEquals(1.0, v, X_TOL);
        }
        assertTrue(out.iterations() > 10, "the valley takes many steps: " + out.iterations());
    }

    @Test
    void infiniteRegionsAreAvoided() {
        // f = (x - 3)^2 for x < 4, +infinity beyond: a capped step into the wall must be backed off
        Lbfgs.Objective<Void> f = x -> x[0] < 4 ? new Lbfgs.Point<>(x, (x[0] - 3) * (x[0] - 3),
                new double[] {2 * (x[0] - 3)}, Math.abs(2 * (x[0] - 3)), null)
                : new Lbfgs.Point<>(x, Double.POSITIVE_INFINITY, null, Double.POSITIVE_INFINITY, null);
        Lbfgs.Outcome<Void> out = Lbfgs.minimize(f, f.evaluate(new double[] {-5}), GRAD_TOL, 100, 5, 100.0, 0.01);
        assertTrue(out.converged(), out.status());
        assertEquals(3.0, out.point().x()[0], X_TOL);
    }

    @Test
    void cubicInterpolationIsExactForACubic() {
        // f(a) = (a - 1)^3 - 3 (a - 1) has its local minimum at a = 2 (f' = 3 (a - 1)^2 - 3)
        java.util.function.DoubleUnaryOperator f = a -> Math.pow(a - 1, 3) - 3 * (a - 1);
        java.util.function.DoubleUnaryOperator df = a -> 3 * (a - 1) * (a - 1) - 3;
        double m = Lbfgs.cubicMin(1.5, f.applyAsDouble(1.5), df.applyAsDouble(1.5), 3.0, f.applyAsDouble(3.0),
                df.applyAsDouble(3.0));
        assertEquals(2.0, m, Tolerances.ROUND_OFF);
    }
}

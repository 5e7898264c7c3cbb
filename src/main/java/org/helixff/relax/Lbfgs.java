package org.helixff.relax;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Limited-memory BFGS with a strong-Wolfe line search (Nocedal and Wright, Numerical Optimization, 2nd ed.,
 * algorithms 7.4, 3.5 and 3.6), for the relaxations of this package.
 *
 * <p>Convergence is decided by the objective's own residual (a maximum force, in physical units), not by the
 * raw gradient norm. Every step is capped so that no variable moves by more than {@code maxStep}. A failed
 * line search first drops the curvature history and retries along the steepest-descent direction; a second
 * failure ends the run unconverged (the usual cause: the residual asked for is below what the energy's
 * round-off can resolve). Stateless (static methods): safe to call from several threads at once.
 */
final class Lbfgs {
    /** Sufficient-decrease constant of the Wolfe conditions. */
    static final double C1 = 1e-4;
    /** Curvature constant of the strong Wolfe conditions (the usual choice for quasi-Newton methods). */
    static final double C2 = 0.9;
    /** Curvature constant of the derivative-only fallback search. */
    static final double C2_GRADIENT = 0.5;
    /** Derivative-only steps per run that may raise the residual (see {@code minimize}). */
    static final int MAX_FREE_STEPS = 20;
    /** Energy evaluations allowed in one line search. */
    static final int MAX_LINE_EVALUATIONS = 40;
    /** Relative energy slack in the sufficient-decrease test: absorbs round-off in the energy sum. */
    static final double ENERGY_SLACK = 1e-14;

    private Lbfgs() {
    }

    /**
     * One evaluated point: variables, objective value, gradient, the physical convergence residual and whatever
     * the objective wants back with it (its structure and result).
     */
    record Point<S>(double[] x, double value, double[] gradient, double residual, S state) {
        boolean finite() {
            return Double.isFinite(value);
        }
    }

    /** The function minimised. Returns a point with value +infinity where the variables are unphysical. */
    interface Objective<S> {
        Point<S> evaluate(double[] x);
    }

    /** Result of a run: the last accepted point and how it ended. */
    record Outcome<S>(Point<S> point, int iterations, int evaluations, boolean converged, String status) {
    }

    /**
     * @param f                 the objective
     * @param start             the evaluated starting point (finite value)
     * @param tolerance         stop when the residual is at or below this
     * @param maxIterations     accepted steps allowed
     * @param memory            curvature pairs kept
     * @param maxStep           largest change of any variable in one step
     * @param initialCurvature  guess of the curvature (value / variable^2) used before any pair is known
     */
    static <S> Outcome<S> minimize(Objective<S> f, Point<S> start, double tolerance, int maxIterations, int memory,
            double maxStep, double initialCurvature) {
        int n = start.x().length;
        Point<S> cur = start;
        int[] evals = {1};
        if (cur.residual() <= tolerance) {
            return new Outcome<>(cur, 0, 1, true, "converged");
        }
        ArrayDeque<double[][]> pairs = new ArrayDeque<>(); // {s, y, {rho}}
        double[] p = new double[n];
        double[] alpha = new double[memory];
        boolean steepest = false;
        int freeSteps = 0;
        int iter = 0;
        while (iter < maxIterations) {
            direction(cur.gradient(), pairs, initialCurvature, p, alpha, steepest);
            double dphi0 = dot(cur.gradient(), p);
            if (!(dphi0 < 0)) {
                pairs.clear();
                direction(cur.gradient(), pairs, initialCurvature, p, alpha, true);
                dphi0 = dot(cur.gradient(), p);
                if (!(dphi0 < 0)) {
                    return new Outcome<>(cur, iter, evals[0], false, "no descent direction (zero gradient)");
                }
            }
            double pmax = 0;
            for (double v : p) {
                pmax = Math.max(pmax, Math.abs(v));
            }
            double amax = maxStep / pmax;
            Point<S> next = lineSearch(f, cur, p, dphi0, Math.min(1.0, amax), amax, evals);
            if (next == null) {
                // near the minimum the energy change of a step can fall below the energy's round-off (kernel
                // models sum large cancelling terms): fall back to a search on the directional derivative alone;
                // along the quasi-Newton direction that search may settle for the line minimum even where the largest force
                // grows there (the energy cannot referee below its round-off; the curvature pairs keep the next
                // steps informed): a bounded number of such steps per run
                boolean mayGrow = !pairs.isEmpty() && freeSteps < MAX_FREE_STEPS;
                next = gradientSearch(f, cur, p, dphi0, Math.min(1.0, amax), amax, evals, mayGrow);
                if (next != null && next.residual() > cur.residual()) {
                    freeSteps++;
                }
            }
            if (next == null) {
                if (!pairs.isEmpty() || !steepest) {
                    pairs.clear();
                    steepest = true;
                    continue;
                }
                return new Outcome<>(cur, iter, evals[0], false,
                        "line search failed (residual " + cur.residual() + " above tolerance " + tolerance
                                + " cannot be reduced further: energy round-off?)");
            }
            steepest = false;
            double[] s = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                s[i] = next.x()[i] - cur.x()[i];
                y[i] = next.gradient()[i] - cur.gradient()[i];
            }
            double sy = dot(s, y);
            if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
                if (pairs.size() == memory) {
                    pairs.removeFirst();
                }
                pairs.addLast(new double[][] {s, y, {1.0 / sy}});
            }
            cur = next;
            iter++;
            if (cur.residual() <= tolerance) {
                return new Outcome<>(cur, iter, evals[0], true, "converged");
            }
        }
        return new Outcome<>(cur, iter, evals[0], false, "iteration limit " + maxIterations + " reached (residual "
                + cur.residual() + " > tolerance " + tolerance + ")");
    }

    /** p = -H g by the two-loop recursion (or -g / initialCurvature along the steepest descent). */
    private static void direction(double[] g, ArrayDeque<double[][]> pairs, double initialCurvature, double[] p,
            double[] alpha, boolean steepest) {
        int n = g.length;
        for (int i = 0; i < n; i++) {
            p[i] = -g[i];
        }
        if (steepest || pairs.isEmpty()) {
            for (int i = 0; i < n; i++) {
                p[i] /= initialCurvature;
            }
            return;
        }
        int m = 0;
        Iterator<double[][]> back = pairs.descendingIterator();
        while (back.hasNext()) {
            double[][] pr = back.next();
            double a = pr[2][0] * dot(pr[0], p);
            alpha[m++] = a;
            axpy(-a, pr[1], p);
        }
        double[][] last = pairs.peekLast();
        double gamma = dot(last[0], last[1]) / dot(last[1], last[1]);
        for (int i = 0; i < n; i++) {
            p[i] *= gamma;
        }
        for (double[][] pr : pairs) {
            double b = pr[2][0] * dot(pr[1], p);
            axpy(alpha[--m] - b, pr[0], p);
        }
    }

    /** Strong-Wolfe line search along p from cur; returns the accepted point or null. */
    private static <S> Point<S> lineSearch(Objective<S> f, Point<S> cur, double[] p, double dphi0, double a0, double amax,
            int[] evals) {
        double phi0 = cur.value();
        double slack = ENERGY_SLACK * Math.max(1.0, Math.abs(phi0));
        double aPrev = 0;
        double phiPrev = phi0;
        double dPrev = dphi0;
        double a = a0;
        for (int it = 0; it < MAX_LINE_EVALUATIONS; it++) {
            Point<S> q = at(f, cur, p, a, evals);
            double phi = q.value();
            double dphi = q.finite() ? dot(q.gradient(), p) : Double.NaN;
            if (!q.finite() || phi > phi0 + C1 * a * dphi0 + slack || (it > 0 && phi >= phiPrev)) {
                return zoom(f, cur, p, phi0, dphi0, slack, aPrev, phiPrev, dPrev, a, phi, dphi, evals);
            }
            if (Math.abs(dphi) <= -C2 * dphi0) {
                return q;
            }
            if (dphi >= 0) {
                return zoom(f, cur, p, phi0, dphi0, slack, a, phi, dphi, aPrev, phiPrev, dPrev, evals);
            }
            if (a >= amax) {
                return q; // capped step: sufficient decrease holds, the curvature condition cannot be reached
            }
            aPrev = a;
            phiPrev = phi;
            dPrev = dphi;
            a = Math.min(amax, 4 * a);
        }
        return null;
    }

    /**
     * Line search on the directional derivative only (no energy comparisons): brackets a sign change of
     * g(a) . p and narrows it by secant steps until |g . p| <= {@link #C2_GRADIENT} |g(0) . p| and the
     * residual does not grow. Used only when the energy-based search fails at round-off. With
     * {@code residualMayGrow}, a search that finds no such point returns instead the first point where the
     * derivative condition alone held (the point a search without the residual test would have stopped at).
     */
    private static <S> Point<S> gradientSearch(Objective<S> f, Point<S> cur, double[] p, double dphi0, double a0,
            double amax, int[] evals, boolean residualMayGrow) {
        double lo = 0;
        double dLo = dphi0;
        double hi = Double.NaN;
        double dHi = Double.NaN;
        double a = a0;
        Point<S> flat = null;
        for (int it = 0; it < MAX_LINE_EVALUATIONS; it++) {
            Point<S> q = at(f, cur, p, a, evals);
            if (!q.finite()) {
                hi = a;
                dHi = Double.NaN;
            } else {
                double d = dot(q.gradient(), p);
                if (Math.abs(d) <= -C2_GRADIENT * dphi0) {
                    if (q.residual() <= cur.residual()) {
                        return q;
                    }
                    if (flat == null) {
                        flat = q;
                    }
                }
                if (d < 0) {
                    lo = a;
                    dLo = d;
                } else {
                    hi = a;
                    dHi = d;
                }
            }
            if (Double.isNaN(hi)) {
                if (a >= amax) {
                    break;
                }
                a = Math.min(amax, 2 * a);
            } else if (Double.isFinite(dHi) && dHi > dLo) {
                double sec = lo - dLo * (hi - lo) / (dHi - dLo);
                a = sec > lo + 0.1 * (hi - lo) && sec < hi - 0.1 * (hi - lo) ? sec : 0.5 * (lo + hi);
            } else {
                a = 0.5 * (lo + hi);
            }
        }
        return residualMayGrow ? flat : null;
    }

    private static <S> Point<S> zoom(Objective<S> f, Point<S> cur, double[] p, double phi0, double dphi0, double slack,
            double lo, double phiLo, double dLo, double hi, double phiHi, double dHi, int[] evals) {
        for (int it = 0; it < MAX_LINE_EVALUATIONS; it++) {
            double width = hi - lo;
            if (Math.abs(width) < 1e-14 * Math.max(Math.abs(lo), Math.abs(hi)) || width == 0) {
                break;
            }
            double a = cubicMin(lo, phiLo, dLo, hi, phiHi, dHi);
            double left = Math.min(lo, hi);
            double right = Math.max(lo, hi);
            double guard = 0.1 * (right - left);
            if (!(a > left + guard && a < right - guard)) {
                a = 0.5 * (lo + hi);
            }
            Point<S> q = at(f, cur, p, a, evals);
            double phi = q.value();
            double dphi = q.finite() ? dot(q.gradient(), p) : Double.NaN;
            if (!q.finite() || phi > phi0 + C1 * a * dphi0 + slack || phi >= phiLo) {
                hi = a;
                phiHi = phi;
                dHi = dphi;
            } else {
                if (Math.abs(dphi) <= -C2 * dphi0) {
                    return q;
                }
                if (dphi * (hi - lo) >= 0) {
                    hi = lo;
                    phiHi = phiLo;
                    dHi = dLo;
                }
                lo = a;
                phiLo = phi;
                dLo = dphi;
            }
        }
        return null;
    }

    /** Minimiser of the cubic through (a, fa, da) and (b, fb, db); NaN when it has none. */
    static double cubicMin(double a, double fa, double da, double b, double fb, double db) {
        if (!Double.isFinite(fb) || !Double.isFinite(db) || !Double.isFinite(fa) || !Double.isFinite(da)) {
            return Double.NaN;
        }
        double d1 = da + db - 3 * (fa - fb) / (a - b);
        double disc = d1 * d1 - da * db;
        if (disc < 0) {
            return Double.NaN;
        }
        double d2 = Math.signum(b - a) * Math.sqrt(disc);
        return b - (b - a) * (db + d2 - d1) / (db - da + 2 * d2);
    }

    private static <S> Point<S> at(Objective<S> f, Point<S> cur, double[] p, double a, int[] evals) {
        double[] x = cur.x().clone();
        axpy(a, p, x);
        evals[0]++;
        return f.evaluate(x);
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] += a * x[i];
        }
    }
}

package org.helixff.relax;

import java.lang.System.Logger.Level;
import java.util.Arrays;
import org.helixff.InvalidInputException;
import org.helixff.calculator.Calculator;
import org.helixff.calculator.CellResult;
import org.helixff.calculator.SymmetricResult;
import org.helixff.structure.Structure;
import org.helixff.symmetry.HelicalGroup;
import org.helixff.symmetry.SymmetricStructure;

/**
 * Energy minimisation of a tube, symmetry-adapted (motif plus, optionally, the screw parameters h and alpha)
 * or as a periodic full cell (positions plus, optionally, the periodic length along z), with any
 * {@link Calculator}.
 *
 * <p>Minimiser: L-BFGS (memory {@link Options#memory()}) with a strong-Wolfe line search (cubic
 * interpolation, c1 = 1e-4, c2 = 0.9); no variable moves more than {@link Options#maxStep()} in one step.
 * L-BFGS was chosen over FIRE because the tolerance asked for (1e-6 Ha/Bohr) is tight: quasi-Newton steps
 * converge superlinearly there, FIRE only linearly.
 *
 * <p>Symmetric variables: the motif coordinates (Bohr); h / h0 (times 1 Bohr, h0 the screw shift at the start)
 * when the axial period is free; R0 alpha (Bohr, R0 the mean motif radius at the start) when the twist is free.
 * The axial variable is a strain, not h itself: the curvature of the energy per motif in h is
 * (d^2E/de^2) / h0^2, so for tubes with a tiny screw shift (the chiral (100,37): h0 = 0.033 Bohr) h alone is a
 * thousand times stiffer than the motif coordinates and L-BFGS stalled at 2.5e-5 Ha/Bohr; in h / h0 its
 * curvature is that of the per-motif strain energy, of the order of a bond's, for every tube. Convergence: the largest symmetric
 * force component, |dE/dh| (per motif) when h is free, and |dE/dalpha| / R (per motif, R the current mean
 * motif radius: a tangential force) when alpha is free are all at or below {@link Options#forceTolerance()}.
 * Rigid rotation of the motif about the axis and translation along it are zero modes: their gradient is
 * zero and L-BFGS never moves along them.
 *
 * <p>Full-cell variables: reference positions r0 (Bohr) and, when the axial length is free, a strain e
 * scaled by sqrt(atoms) Bohr; the cell evaluated has positions and lattice vectors stretched by (1 + e)
 * along z (so atoms follow the cell homogeneously) and dE/de = -W_zz / (1 + e) from the virial.
 * Convergence: the largest force component and, when the length is free, |W_zz| / atoms (Hartree per atom
 * per unit strain, compared with the tolerance times 1 Bohr) are at or below the tolerance.
 *
 * <p>A run that stops before converging (iteration limit, failed line search) returns a result with
 * {@code converged() == false} and a status line; it does not throw. Immutable and thread-safe when the
 * calculator is.
 */
public final class Relaxer {
    private static final System.Logger LOG = System.getLogger(Relaxer.class.getName());
    /** Curvature guess (Ha/Bohr^2) for the first step: of the order of a C-C bond's stiffness. */
    static final double INITIAL_CURVATURE = 1.0;

    /**
     * Settings of a relaxation.
     *
     * @param forceTolerance largest residual accepted, Ha/Bohr (> 0; default 1e-6)
     * @param maxIterations  accepted steps allowed (>= 0; default 2000)
     * @param freeAxial      relax h (symmetric) or the periodic length along z (full cell)
     * @param freeTwist      relax alpha (symmetric only; ignored for full cells)
     * @param maxStep        largest change of any variable per step, Bohr (> 0; default 0.2)
     * @param memory         L-BFGS curvature pairs (>= 1; default 10)
     */
    public record Options(double forceTolerance, int maxIterations, boolean freeAxial, boolean freeTwist,
            double maxStep, int memory) {
        public Options {
            if (!(forceTolerance > 0) || !Double.isFinite(forceTolerance)) {
                throw new InvalidInputException("force tolerance " + forceTolerance + " Ha/Bohr must be positive");
            }
            if (maxIterations < 0) {
                throw new InvalidInputException("iteration limit " + maxIterations + " must be >= 0");
            }
            if (!(maxStep > 0) || !Double.isFinite(maxStep)) {
                throw new InvalidInputException("maximum step " + maxStep + " Bohr must be positive");
            }
            if (memory < 1) {
                throw new InvalidInputException("L-BFGS memory " + memory + " must be >= 1");
            }
        }

        /** Tolerance 1e-6 Ha/Bohr, 2000 iterations, fixed h and alpha, step 0.2 Bohr, memory 10 (the builder's). */
        public static Options defaults() {
            return builder().build();
        }

        /** A builder holding the defaults (the one place they are written). */
        public static Builder builder() {
            return new Builder();
        }

        /** A builder holding these settings. */
        public Builder toBuilder() {
            return new Builder(this);
        }

        /** Builds {@link Options}; the setters name the record's components, {@link #build()} validates. */
        public static final class Builder {
            private double forceTolerance = 1e-6;
            private int maxIterations = 2000;
            private boolean freeAxial = false;
            private boolean freeTwist = false;
            private double maxStep = 0.2;
            private int memory = 10;

            private Builder() {
            }

            private Builder(Options o) {
                forceTolerance = o.forceTolerance;
                maxIterations = o.maxIterations;
                freeAxial = o.freeAxial;
                freeTwist = o.freeTwist;
                maxStep = o.maxStep;
                memory = o.memory;
            }

            /** Largest residual accepted, Ha/Bohr (> 0). */
            public Builder forceTolerance(double value) {
                forceTolerance = value;
                return this;
            }

            /** Accepted steps allowed (>= 0). */
            public Builder maxIterations(int value) {
                maxIterations = value;
                return this;
            }

            /** Relax h (symmetric) or the periodic length along z (full cell). */
            public Builder freeAxial(boolean value) {
                freeAxial = value;
                return this;
            }

            /** Relax alpha (symmetric only). */
            public Builder freeTwist(boolean value) {
                freeTwist = value;
                return this;
            }

            /** Largest change of any variable per step, Bohr (> 0). */
            public Builder maxStep(double value) {
                maxStep = value;
                return this;
            }

            /** L-BFGS curvature pairs (>= 1). */
            public Builder memory(int value) {
                memory = value;
                return this;
            }

            /**
             * The settings.
             *
             * @throws InvalidInputException when a value lies outside its range (see the record's constructor)
             */
            public Options build() {
                return new Options(forceTolerance, maxIterations, freeAxial, freeTwist, maxStep, memory);
            }
        }
    }

    /** A structure and the calculator's result for it. */
    private record Evaluated<T, R>(T structure, R result) {
    }

    private final Calculator calculator;
    private final Options options;

    /**
     * @param calculator energies and forces to minimise
     * @param options    tolerance, iteration limit, free variables, step limit
     * @throws org.helixff.InvalidInputException when either is null
     */
    public Relaxer(Calculator calculator, Options options) {
        if (calculator == null || options == null) {
            throw new InvalidInputException("relaxer: calculator and options must be given");
        }
        this.calculator = calculator;
        this.options = options;
    }

    /** The settings of this relaxer. */
    public Options options() {
        return options;
    }

    /**
     * Relaxes the motif (and h, alpha where free) of a tube.
     *
     * @throws InvalidInputException when the calculator rejects the starting structure
     */
    public RelaxationResult relax(SymmetricStructure start) {
        final int nx = 3 * start.motifSize();
        final boolean fa = options.freeAxial();
        final boolean ft = options.freeTwist();
        final HelicalGroup g0 = start.group();
        final double r0 = Math.max(1.0, start.meanRadius());
        final double h0 = g0.screwShift();
        double[] x0 = new double[nx + (fa ? 1 : 0) + (ft ? 1 : 0)];
        System.arraycopy(start.motif(), 0, x0, 0, nx);
        if (fa) {
            x0[nx] = 1.0; // h / h0 in Bohr: a strain-like variable (see the class comment)
        }
        if (ft) {
            x0[x0.length - 1] = r0 * g0.screwAngle();
        }
        Lbfgs.Objective<Evaluated<SymmetricStructure, SymmetricResult>> f = x -> {
            double h = fa ? x[nx] * h0 : h0;
            double alpha = ft ? x[x.length - 1] / r0 : g0.screwAngle();
            HelicalGroup g = (fa || ft) ? g0.withScrew(alpha, h) : g0;
            SymmetricStructure s = new SymmetricStructure(start.species(), Arrays.copyOf(x, nx), g,
                    start.tube().orElse(null));
            SymmetricResult r = calculator.compute(s);
            double[] grad = new double[x.length];
            double[] force = r.forces();
            for (int i = 0; i < nx; i++) {
                grad[i] = -force[i];
            }
            double res = r.maxForce();
            if (fa) {
                grad[nx] = r.dEdh() * h0;
                res = Math.max(res, Math.abs(r.dEdh()));
            }
            if (ft) {
                grad[x.length - 1] = r.dEdalpha() / r0;
                res = Math.max(res, Math.abs(r.dEdalpha()) / s.meanRadius());
            }
            return new Lbfgs.Point<>(x, r.energyPerMotif(), grad, res, new Evaluated<>(s, r));
        };
        var out = minimize(f, x0);
        SymmetricResult r = out.point().state().result();
        LOG.log(Level.DEBUG, () -> String.format("symmetric relaxation: %s after %d steps, %d evaluations,"
                + " E = %.12f Ha/motif", out.status(), out.iterations(), out.evaluations(), r.energyPerMotif()));
        return new RelaxationResult(out.point().state().structure(), r.energyPerMotif(), out.iterations(),
                out.evaluations(), r.maxForce(), r.dEdh(), r.dEdalpha(), fa, ft, out.converged(), out.status());
    }

    /**
     * Relaxes the positions (and, when {@link Options#freeAxial()}, the periodic length along z) of a full
     * cell. {@link Options#freeTwist()} does not apply to cells and is ignored.
     *
     * @throws InvalidInputException when the calculator rejects the starting cell, or the axial length is free
     *                               but the cell is not periodic along a c vector parallel to z
     */
    public CellRelaxationResult relax(Structure start) {
        final boolean fa = options.freeAxial();
        if (fa && (!start.pbc(2) || start.cell(2, 0) != 0 || start.cell(2, 1) != 0 || !(start.cell(2, 2) > 0))) {
            throw new InvalidInputException("a free axial length needs a cell periodic along c = (0, 0, L), L > 0;"
                    + " got c = (" + start.cell(2, 0) + ", " + start.cell(2, 1) + ", " + start.cell(2, 2) + ")");
        }
        final int n = start.size();
        final int nx = 3 * n;
        final double scale = Math.sqrt(n); // Bohr per unit strain: keeps the strain's curvature near a bond's
        final double[] cell0 = start.cell();
        double[] x0 = Arrays.copyOf(start.positions(), nx + (fa ? 1 : 0));
        Lbfgs.Objective<Evaluated<Structure, CellResult>> f = x -> {
            double stretch = fa ? 1 + x[nx] / scale : 1.0;
            if (!(stretch > 0.5)) {
                throw new InvalidInputException("axial stretch " + stretch + " is too small");
            }
            double[] pos = Arrays.copyOf(x, nx);
            double[] cell = cell0.clone();
            for (int i = 0; i < n; i++) {
                pos[3 * i + 2] *= stretch;
            }
            for (int v = 0; v < 3; v++) {
                cell[3 * v + 2] *= stretch;
            }
            Structure s = start.withPositionsAndCell(pos, cell);
            CellResult r = calculator.compute(s);
            double[] grad = new double[x.length];
            double[] force = r.forces();
            for (int i = 0; i < n; i++) {
                grad[3 * i] = -force[3 * i];
                grad[3 * i + 1] = -force[3 * i + 1];
                grad[3 * i + 2] = -force[3 * i + 2] * stretch;
            }
            double res = r.maxForce();
            if (fa) {
                double wzz = r.virial()[8];
                grad[nx] = -wzz / stretch / scale;
                res = Math.max(res, Math.abs(wzz) / n);
            }
            return new Lbfgs.Point<>(x, r.energy(), grad, res, new Evaluated<>(s, r));
        };
        var out = minimize(f, x0);
        CellResult r = out.point().state().result();
        LOG.log(Level.DEBUG, () -> String.format("cell relaxation: %s after %d steps, %d evaluations, E = %.12f Ha",
                out.status(), out.iterations(), out.evaluations(), r.energy()));
        return new CellRelaxationResult(out.point().state().structure(), r.energy(), out.iterations(),
                out.evaluations(), r.maxForce(), r.virial()[8], fa, out.converged(), out.status());
    }

    /**
     * Runs L-BFGS from x0. The start is evaluated strictly (bad input throws with the calculator's message);
     * trial points the calculator rejects (atoms too close, h <= 0) count as infinite energy, so the line
     * search backs off from them.
     */
    private <S> Lbfgs.Outcome<S> minimize(Lbfgs.Objective<S> strict, double[] x0) {
        Lbfgs.Point<S> start = strict.evaluate(x0.clone());
        Lbfgs.Objective<S> lenient = x -> {
            try {
                return strict.evaluate(x);
            } catch (InvalidInputException e) {
                return new Lbfgs.Point<>(x, Double.POSITIVE_INFINITY, null, Double.POSITIVE_INFINITY, null);
            }
        };
        return Lbfgs.minimize(lenient, start, options.forceTolerance(), options.maxIterations(), options.memory(),
                options.maxStep(), INITIAL_CURVATURE);
    }
}

package org.helixff.phonon;

import org.helixff.InvalidInputException;

/**
 * How force constants are differentiated numerically: step, stencil and the frame along which atoms are
 * displaced. Immutable.
 *
 * <p>Central differences of the forces, dF/dx ~ sum_s w_s F(o_s step) / step. {@link Stencil#CENTRAL_2}
 * (offsets +-1) has error step^2 F'''/6; {@link Stencil#CENTRAL_4} (offsets +-1, +-2, weights 8/12, -1/12) has
 * error step^4 F^(5)/30. Default: 4-point, step 0.005 Bohr. Convergence, measured on relaxed (10,10) against
 * step 0.00125 Bohr (largest change of any force-constant entry relative to the largest entry / of any
 * frequency on a (kappa, nu) grid): original Tersoff 1.4e-7 / 2e-4 cm^-1 at 0.005 Bohr, 2.2e-6 / 3.5e-3 cm^-1 at
 * 0.01 Bohr, 3.4e-5 / 5e-2 cm^-1 at 0.02 Bohr (the step^4 law: its angular function g(theta) is nearly quadratic
 * about cos(theta) = h = -0.57, close to the sp2 angle, which gives a length scale of only ~0.2 Bohr);
 * Lindsay-Broido 5e-10 / 1e-6 cm^-1 at 0.005 Bohr. The 2-point stencil is 1e-4 times worse at the same step.
 * Round-off (forces accurate to ~1e-15 Ha/Bohr, divided by the step) stays near 1e-13 Ha/Bohr^2.
 *
 * <p>Frame: {@link Frame#CYLINDRICAL} displaces each atom along its own radial, tangential and axial unit
 * vectors. The symmetry-reduced cluster path and the full-cell path then make exactly equivalent (rotated)
 * displacements, so their finite-difference errors are identical and the two agree to round-off; the frame
 * is also the natural one for a tube. {@link Frame#CARTESIAN} displaces along x, y, z.
 *
 * @param step    displacement unit, Bohr (in (1e-5, 0.2))
 * @param stencil the difference formula
 * @param frame   the displacement directions
 * @param margin  extra radius added to the cluster beyond 2 r_c + 2 x (largest displacement), Bohr (>= 0)
 */
public record DisplacementScheme(double step, Stencil stencil, Frame frame, double margin) {
    /** The difference formula. */
    public enum Stencil {
        /** f'(0) ~ (f(h) - f(-h)) / 2h. */
        CENTRAL_2(new int[] {-1, 1}, new double[] {-0.5, 0.5}),
        /** f'(0) ~ (f(-2h) - 8 f(-h) + 8 f(h) - f(2h)) / 12h. */
        CENTRAL_4(new int[] {-2, -1, 1, 2}, new double[] {1.0 / 12, -8.0 / 12, 8.0 / 12, -1.0 / 12});

        private final int[] offsets;
        private final double[] weights;

        Stencil(int[] offsets, double[] weights) {
            this.offsets = offsets;
            this.weights = weights;
        }

        /** Number of force evaluations per displaced coordinate. */
        public int points() {
            return offsets.length;
        }

        int offset(int s) {
            return offsets[s];
        }

        double weight(int s) {
            return weights[s];
        }

        /** Largest |offset| in steps. */
        public int reach() {
            int m = 0;
            for (int o : offsets) {
                m = Math.max(m, Math.abs(o));
            }
            return m;
        }
    }

    /** Displacement directions. */
    public enum Frame {
        /** Radial, tangential and axial unit vectors of each atom (Cartesian for an atom on the axis). */
        CYLINDRICAL,
        /** x, y, z. */
        CARTESIAN
    }

    public DisplacementScheme {
        if (!(step > 1e-5 && step < 0.2)) {
            throw new InvalidInputException("finite-difference step " + step + " Bohr is outside (1e-5, 0.2) Bohr");
        }
        if (stencil == null || frame == null) {
            throw new InvalidInputException("finite-difference stencil and frame must be given");
        }
        if (!(margin >= 0) || !Double.isFinite(margin)) {
            throw new InvalidInputException("cluster margin " + margin + " Bohr must be >= 0");
        }
    }

    /** Step 0.005 Bohr, 4-point central differences, cylindrical frame, margin 1 Bohr. */
    public static DisplacementScheme defaults() {
        return new DisplacementScheme(0.005, Stencil.CENTRAL_4, Frame.CYLINDRICAL, 1.0);
    }

    /** This scheme with step s, Bohr (in (1e-5, 0.2); else InvalidInputException). */
    public DisplacementScheme withStep(double s) {
        return new DisplacementScheme(s, stencil, frame, margin);
    }

    /** This scheme with stencil s. */
    public DisplacementScheme withStencil(Stencil s) {
        return new DisplacementScheme(step, s, frame, margin);
    }

    /** This scheme with displacement frame f. */
    public DisplacementScheme withFrame(Frame f) {
        return new DisplacementScheme(step, stencil, f, margin);
    }

    /** Largest displacement of an atom, Bohr. */
    public double maxDisplacement() {
        return step * stencil.reach();
    }

    /**
     * Range of the force constants for a calculator of cutoff rc (Bohr): a displaced atom changes the site
     * energies of atoms within rc + d of it (d = largest displacement), and those depend on atoms within rc of
     * them, so forces change only on atoms within 2 (rc + d).
     */
    public double interactionRange(double rc) {
        return 2 * (rc + maxDisplacement());
    }

    /**
     * Unit displacement directions for an atom at (x, y, z): columns e_0, e_1, e_2 of a 3x3 row-major matrix E.
     */
    double[] directions(double x, double y) {
        double rho = Math.hypot(x, y);
        if (frame == Frame.CARTESIAN || rho < 1e-6) {
            return new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1};
        }
        double c = x / rho;
        double s = y / rho;
        // e0 = radial (c, s, 0), e1 = tangential (-s, c, 0), e2 = z
        return new double[] {c, -s, 0, s, c, 0, 0, 0, 1};
    }
}

package org.helixff.phonon;

import org.helixff.InvalidInputException;
import org.helixff.Units;

/**
 * The normal modes of one symmetry block (kappa, nu): eigenvalues omega^2 of D(kappa, nu) in (Ha/hbar)^2
 * (ascending) and the orthonormal mass-weighted eigenvectors (3 components per motif atom, Cartesian lab frame,
 * complex). The displacement of image g = (k, j) of motif atom b is
 * Re[R_g e_b exp(i (kappa j + 2 pi nu k / N))] / sqrt(m_b). Immutable.
 */
public final class Modes {
    private final double kappa;
    private final int nu;
    private final HermitianEigen.Result eigen;

    Modes(double kappa, int nu, HermitianEigen.Result eigen) {
        this.kappa = kappa;
        this.nu = nu;
        this.eigen = eigen;
    }

    /** Helical phase, radians. */
    public double kappa() {
        return kappa;
    }

    /** Cyclic index. */
    public int nu() {
        return nu;
    }

    /** Number of modes (3 x motif size). */
    public int count() {
        return eigen.n();
    }

    /** omega^2 of mode i, (Ha/hbar)^2 (negative: unstable). */
    public double eigenvalue(int i) {
        return eigen.value(i);
    }

    /** Signed frequency of mode i in cm^-1 (negative for imaginary omega). */
    public double frequencyCm1(int i) {
        return Units.eigenvalueToWavenumber(eigen.value(i));
    }

    /** All signed frequencies, ascending, cm^-1. */
    public double[] frequenciesCm1() {
        double[] f = new double[count()];
        for (int i = 0; i < f.length; i++) {
            f[i] = frequencyCm1(i);
        }
        return f;
    }

    /** Real part of component c (3 b + alpha) of eigenvector i. */
    public double re(int i, int c) {
        return eigen.re(i, c);
    }

    /** Imaginary part of component c of eigenvector i. */
    public double im(int i, int c) {
        return eigen.im(i, c);
    }

    /**
     * |<p|e_i>|^2 / <p|p>: the fraction of the (mass-weighted) pattern p in mode i, in [0, 1].
     *
     * @param pRe real parts of p, 3 per motif atom
     * @param pIm imaginary parts of p
     * @throws InvalidInputException for a wrong length or a zero pattern
     */
    public double overlap(int i, double[] pRe, double[] pIm) {
        int n = count();
        if (pRe.length != n || pIm.length != n) {
            throw new InvalidInputException("pattern has " + pRe.length + " components, modes have " + n);
        }
        double nr = 0;
        double cr = 0;
        double ci = 0;
        for (int c = 0; c < n; c++) {
            nr += pRe[c] * pRe[c] + pIm[c] * pIm[c];
            double er = eigen.re(i, c);
            double ei = eigen.im(i, c);
            cr += pRe[c] * er + pIm[c] * ei;
            ci += pRe[c] * ei - pIm[c] * er;
        }
        if (!(nr > 0)) {
            throw new InvalidInputException("pattern is zero");
        }
        return (cr * cr + ci * ci) / nr;
    }

    /**
     * Fraction of mode i in each local direction, summed over motif atoms: {radial, tangential, axial}, using the
     * motif positions (3 per atom, Bohr). Sums to 1.
     */
    public double[] character(int i, double[] motif) {
        double rad = 0;
        double tan = 0;
        double ax = 0;
        for (int b = 0; b < count() / 3; b++) {
            double rho = Math.hypot(motif[3 * b], motif[3 * b + 1]);
            double c = rho > 0 ? motif[3 * b] / rho : 1;
            double s = rho > 0 ? motif[3 * b + 1] / rho : 0;
            double xr = eigen.re(i, 3 * b);
            double xi = eigen.im(i, 3 * b);
            double yr = eigen.re(i, 3 * b + 1);
            double yi = eigen.im(i, 3 * b + 1);
            double rr = c * xr + s * yr;
            double ri = c * xi + s * yi;
            double tr = -s * xr + c * yr;
            double ti = -s * xi + c * yi;
            rad += rr * rr + ri * ri;
            tan += tr * tr + ti * ti;
            ax += eigen.re(i, 3 * b + 2) * eigen.re(i, 3 * b + 2) + eigen.im(i, 3 * b + 2) * eigen.im(i, 3 * b + 2);
        }
        double t = rad + tan + ax;
        return new double[] {rad / t, tan / t, ax / t};
    }
}

package org.helixff.phonon;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.helixff.HelixException;
import org.helixff.InvalidInputException;

/**
 * Eigenvalues and eigenvectors of a complex Hermitian matrix H = A + i B (A symmetric, B antisymmetric) with
 * EJML's dense symmetric solver, through the real symmetric embedding [[A, -B], [B, A]] of size 2n.
 *
 * <p>Every eigenvalue of H appears twice in the embedding, with the real eigenvectors (x, y) and (-y, x) that
 * both stand for the one complex vector x + i y (up to a phase). The complex eigenvectors are recovered by
 * taking the embedded eigenvectors in ascending order of eigenvalue and keeping each one's complex vector
 * x + i y after complex Gram-Schmidt against those already kept, when at least half its norm survives (the
 * partner of a kept vector leaves nothing). This also works inside degenerate eigenspaces, where the embedded
 * solver may return any rotation of the 2d real vectors. Each kept vector's eigenvalue is its Rayleigh
 * quotient v^H H v. Stateless and thread-safe.
 */
public final class HermitianEigen {
    /** Relative size below which the anti-Hermitian part of an input is treated as round-off. */
    public static final double HERMITIAN_TOLERANCE = 1e-9;

    private HermitianEigen() {
    }

    /**
     * Eigen-decomposition of an n x n complex Hermitian matrix given row-major as real and imaginary parts.
     * The input is Hermitised first ((H + H^H) / 2); an input whose anti-Hermitian part exceeds
     * {@link #HERMITIAN_TOLERANCE} times its largest entry is rejected.
     *
     * @param n  dimension (>= 1)
     * @param re real parts, n*n, row-major
     * @param im imaginary parts, n*n, row-major
     * @return eigenvalues ascending and orthonormal eigenvectors (vector-major: component i of vector v at
     *         [v * n + i])
     * @throws InvalidInputException for wrong array sizes, non-finite entries or a non-Hermitian matrix
     */
    public static Result solve(int n, double[] re, double[] im) {
        if (n < 1 || re.length != n * n || im.length != n * n) {
            throw new InvalidInputException("Hermitian eigenproblem: n = " + n + " with " + re.length + " and "
                    + im.length + " entries");
        }
        checkHermitian(n, re, im);
        int m = 2 * n;
        DMatrixRMaj e = new DMatrixRMaj(m, m);
        double[] hr = new double[n * n];
        double[] hi = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double a = 0.5 * (re[i * n + j] + re[j * n + i]);
                double b = 0.5 * (im[i * n + j] - im[j * n + i]);
                hr[i * n + j] = a;
                hi[i * n + j] = b;
                e.unsafe_set(i, j, a);
                e.unsafe_set(i + n, j + n, a);
                e.unsafe_set(i, j + n, -b);
                e.unsafe_set(i + n, j, b);
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> dec = DecompositionFactory_DDRM.eig(m, true, true);
        if (!dec.decompose(e)) {
            throw new HelixException("EJML symmetric eigen-decomposition failed for a " + m + " x " + m + " matrix");
        }
        Integer[] order = new Integer[m];
        double[] ev = new double[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
            ev[i] = dec.getEigenvalue(i).real;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(ev[x], ev[y]));
        double[] vr = new double[n * n];
        double[] vi = new double[n * n];
        double[] values = new double[n];
        int kept = 0;
        double[] xr = new double[n];
        double[] xi = new double[n];
        for (int oi = 0; oi < m && kept < n; oi++) {
            DMatrixRMaj v = dec.getEigenVector(order[oi]);
            double norm0 = 0;
            for (int i = 0; i < n; i++) {
                xr[i] = v.get(i, 0);
                xi[i] = v.get(i + n, 0);
                norm0 += xr[i] * xr[i] + xi[i] * xi[i];
            }
            orthogonalise(n, kept, vr, vi, xr, xi);
            double norm = 0;
            for (int i = 0; i < n; i++) {
                norm += xr[i] * xr[i] + xi[i] * xi[i];
            }
            if (!(norm > 0.25 * norm0) || norm0 == 0) {
                continue;
            }
            storePhased(n, kept, xr, xi, norm, vr, vi);
            values[kept] = rayleigh(n, hr, hi, vr, vi, kept);
            kept++;
        }
        if (kept != n) {
            throw new HelixException("Hermitian eigenproblem: recovered " + kept + " of " + n + " eigenvectors");
        }
        return sorted(n, values, vr, vi);
    }

    /**
     * @throws InvalidInputException for a non-finite entry or |H - H^H| above {@link #HERMITIAN_TOLERANCE} |H|
     */
    private static void checkHermitian(int n, double[] re, double[] im) {
        double big = 0;
        double anti = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double a = re[i * n + j];
                double b = im[i * n + j];
                if (!Double.isFinite(a) || !Double.isFinite(b)) {
                    throw new InvalidInputException("Hermitian eigenproblem: non-finite entry (" + i + "," + j + ")");
                }
                big = Math.max(big, Math.hypot(a, b));
                anti = Math.max(anti, Math.hypot(a - re[j * n + i], b + im[j * n + i]));
            }
        }
        if (anti > HERMITIAN_TOLERANCE * Math.max(big, Double.MIN_NORMAL)) {
            throw new InvalidInputException("matrix is not Hermitian: |H - H^H| = " + anti + " vs |H| = " + big);
        }
    }

    /** Two passes of complex Gram-Schmidt of x = (xr, xi) against the first {@code kept} rows of (vr, vi). */
    private static void orthogonalise(int n, int kept, double[] vr, double[] vi, double[] xr, double[] xi) {
        // two passes of complex Gram-Schmidt against the kept vectors
        for (int pass = 0; pass < 2; pass++) {
            for (int w = 0; w < kept; w++) {
                double cr = 0;
                double ci = 0; // c = <u_w, x> = sum conj(u) x
                for (int i = 0; i < n; i++) {
                    double ur = vr[w * n + i];
                    double ui = vi[w * n + i];
                    cr += ur * xr[i] + ui * xi[i];
                    ci += ur * xi[i] - ui * xr[i];
                }
                for (int i = 0; i < n; i++) {
                    double ur = vr[w * n + i];
                    double ui = vi[w * n + i];
                    xr[i] -= cr * ur - ci * ui;
                    xi[i] -= cr * ui + ci * ur;
                }
            }
        }
    }

    /**
     * Stores x / |x| (|x|^2 = {@code norm}) as row {@code kept} of (vr, vi), its phase fixed so that its largest
     * component is real and positive (a reproducible choice).
     */
    private static void storePhased(int n, int kept, double[] xr, double[] xi, double norm, double[] vr,
            double[] vi) {
        double s = 1 / Math.sqrt(norm);
        int best = 0;
        double bm = -1;
        for (int i = 0; i < n; i++) {
            double mag = xr[i] * xr[i] + xi[i] * xi[i];
            if (mag > bm * (1 + 1e-12)) {
                bm = mag;
                best = i;
            }
        }
        double pr = xr[best] / Math.sqrt(bm);
        double pi = -xi[best] / Math.sqrt(bm);
        for (int i = 0; i < n; i++) {
            double a = xr[i] * s;
            double b = xi[i] * s;
            vr[kept * n + i] = a * pr - b * pi;
            vi[kept * n + i] = a * pi + b * pr;
        }
    }

    /** The result with the pairs in ascending order of value. */
    private static Result sorted(int n, double[] values, double[] vr, double[] vi) {
        // Rayleigh quotients of nearly degenerate vectors may swap order by round-off: sort once more
        Integer[] ord = new Integer[n];
        for (int i = 0; i < n; i++) {
            ord[i] = i;
        }
        java.util.Arrays.sort(ord, (x, y) -> Double.compare(values[x], values[y]));
        double[] sv = new double[n];
        double[] svr = new double[n * n];
        double[] svi = new double[n * n];
        for (int i = 0; i < n; i++) {
            sv[i] = values[ord[i]];
            System.arraycopy(vr, ord[i] * n, svr, i * n, n);
            System.arraycopy(vi, ord[i] * n, svi, i * n, n);
        }
        return new Result(n, sv, svr, svi);
    }

    private static double rayleigh(int n, double[] hr, double[] hi, double[] vr, double[] vi, int v) {
        double acc = 0;
        for (int i = 0; i < n; i++) {
            double tr = 0;
            double ti = 0;
            for (int j = 0; j < n; j++) {
                double a = hr[i * n + j];
                double b = hi[i * n + j];
                double xr = vr[v * n + j];
                double xi = vi[v * n + j];
                tr += a * xr - b * xi;
                ti += a * xi + b * xr;
            }
            acc += vr[v * n + i] * tr + vi[v * n + i] * ti;
        }
        return acc;
    }

    /**
     * Eigenvalues (ascending) and orthonormal eigenvectors of a Hermitian matrix. Arrays are owned by this
     * value and never exposed (accessors copy).
     *
     * @param n dimension
     */
    public record Result(int n, double[] values, double[] vectorsRe, double[] vectorsIm) {
        public Result {
            values = values.clone();
            vectorsRe = vectorsRe.clone();
            vectorsIm = vectorsIm.clone();
        }

        /** Copy of the eigenvalues, ascending. */
        @Override
        public double[] values() {
            return values.clone();
        }

        /** Eigenvalue i (ascending order). */
        public double value(int i) {
            return values[i];
        }

        /** Real parts, vector-major ([v * n + i]); a copy. */
        @Override
        public double[] vectorsRe() {
            return vectorsRe.clone();
        }

        /** Imaginary parts, vector-major ([v * n + i]); a copy. */
        @Override
        public double[] vectorsIm() {
            return vectorsIm.clone();
        }

        double re(int v, int i) {
            return vectorsRe[v * n + i];
        }

        double im(int v, int i) {
            return vectorsIm[v * n + i];
        }
    }
}

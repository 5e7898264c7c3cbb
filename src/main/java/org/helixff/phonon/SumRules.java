package org.helixff.phonon;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.helixff.HelixException;

/**
 * Translational and rotational sum rules of force constants, imposed by the smallest correction.
 *
 * <p>The rules, for every motif atom a and component alpha (the sums run over all blocks (a; c), c = b^g,
 * including c = a, with X_c the image's position):
 * <ul>
 *   <li>rigid translation along beta = x, y, z: sum_c Phi(a; c)[alpha][beta] = 0;</li>
 *   <li>rigid rotation about the axis n = x, y, z through the origin:
 *       sum_c (Phi(a; c) (n x X_c))[alpha] = -(n x F_a)[alpha], F_a the force on a (zero when relaxed). This
 *       follows from F_a(R r) = R F_a(r) for every rotation of all atoms; the site energies are rotation
 *       invariant, so it holds for the infinite tube about any axis.</li>
 * </ul>
 * With exact derivatives both hold; finite differences break them at the level of the difference error,
 * which shows mostly as non-zero acoustic and twist frequencies at their zero-mode points.
 *
 * <p>Method: with the blocks as one vector phi, the rules read C phi = d (18 rows per motif atom), and the
 * symmetric sets (Phi(a; b, g) = R_g Phi(b; a, g^-1)^T R_g^T, see {@link ForceConstants#symmetrized()}) form a
 * subspace with orthogonal projector P (averaging each block with its partner). The closest symmetric set
 * (Frobenius norm over all blocks) that obeys the rules is phi + Delta, Delta = P C^T mu with
 * (C P C^T) mu = d - C phi solved by a pseudo-inverse (singular values below 1e-12 of the largest dropped, in
 * case rules are dependent). The input is symmetrized first, so D(kappa, nu) stays Hermitian.
 */
public final class SumRules {
    /** Relative singular-value cut of the pseudo-inverse. */
    static final double PINV_CUT = 1e-12;

    private SumRules() {
    }

    /**
     * Outcome of imposing the rules.
     *
     * @param forceConstants the corrected (symmetric) force constants
     * @param residualBefore largest |C phi - d| of the symmetrized input, Ha/Bohr^2 x Bohr (Ha/Bohr)
     * @param residualAfter  the same after the correction (round-off)
     * @param maxCorrection  largest |Delta| entry, Ha/Bohr^2
     * @param maxEntry       largest |Phi| entry, Ha/Bohr^2 (for scale)
     */
    public record Outcome(ForceConstants forceConstants, double residualBefore, double residualAfter,
            double maxCorrection, double maxEntry) {
    }

    /** Number of rules: 18 per motif atom (3 translations + 3 rotations, 3 components each). */
    public static int count(ForceConstants fc) {
        return 18 * fc.motifSize();
    }

    /**
     * Residuals C phi - d of every rule: index 18 a + 3 t + alpha, t = 0..2 translation along x, y, z,
     * t = 3..5 rotation about x, y, z (Ha/Bohr).
     */
    public static double[] residuals(ForceConstants fc) {
        int nc = count(fc);
        double[] r = new double[nc];
        double[] f = fc.motifForces();
        for (int i = 0; i < fc.blockCount(); i++) {
            int a = fc.firstAtom(i);
            double[] x = fc.imagePosition(i);
            for (int al = 0; al < 3; al++) {
                for (int be = 0; be < 3; be++) {
                    r[18 * a + 3 * be + al] += fc.entry(i, al, be);
                }
                for (int ax = 0; ax < 3; ax++) {
                    double[] nx = cross(ax, x);
                    double v = 0;
                    for (int be = 0; be < 3; be++) {
                        v += fc.entry(i, al, be) * nx[be];
                    }
                    r[18 * a + 9 + 3 * ax + al] += v;
                }
            }
        }
        for (int a = 0; a < fc.motifSize(); a++) {
            double[] fa = {f[3 * a], f[3 * a + 1], f[3 * a + 2]};
            for (int ax = 0; ax < 3; ax++) {
                double[] nf = cross(ax, fa);
                for (int al = 0; al < 3; al++) {
                    r[18 * a + 9 + 3 * ax + al] += nf[al];
                }
            }
        }
        return r;
    }

    /** Largest |residual| of {@link #residuals(ForceConstants)}, Ha/Bohr. */
    public static double maxResidual(ForceConstants fc) {
        double m = 0;
        for (double v : residuals(fc)) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /** n x v for the unit axis n = e_ax. */
    private static double[] cross(int ax, double[] v) {
        switch (ax) {
            case 0:
                return new double[] {0, -v[2], v[1]};
            case 1:
                return new double[] {v[2], 0, -v[0]};
            default:
                return new double[] {-v[1], v[0], 0};
        }
    }

    /**
     * The closest symmetric force constants obeying all sum rules (see the class comment).
     *
     * @throws HelixException if the small dense pseudo-inverse fails
     */
    public static Outcome impose(ForceConstants raw) {
        ForceConstants fc = raw.symmetrized();
        int nb = fc.blockCount();
        int nc = count(fc);
        double[] res0 = residuals(fc);
        // rows of C as block vectors, then their projections P C^T e_c
        double[][] proj = new double[nc][];
        for (int c = 0; c < nc; c++) {
            proj[c] = project(fc, row(fc, c));
        }
        DMatrixRMaj m = new DMatrixRMaj(nc, nc);
        for (int c = 0; c < nc; c++) {
            double[] rowc = row(fc, c);
            for (int c2 = 0; c2 < nc; c2++) {
                double v = 0;
                double[] p = proj[c2];
                for (int e = 0; e < rowc.length; e++) {
                    v += rowc[e] * p[e];
                }
                m.set(c, c2, v);
            }
        }
        double[] mu = pseudoSolve(m, res0);
        double[] phi = fc.blocks();
        double maxCorr = 0;
        for (int e = 0; e < 9 * nb; e++) {
            double dlt = 0;
            for (int c = 0; c < nc; c++) {
                dlt -= mu[c] * proj[c][e];
            }
            phi[e] += dlt;
            maxCorr = Math.max(maxCorr, Math.abs(dlt));
        }
        ForceConstants out = fc.withBlocks(phi, fc.method() + "; translational and rotational sum rules imposed");
        return new Outcome(out, maxAbs(res0), maxResidual(out), maxCorr, fc.maxEntry());
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    /** Row c of C as a vector over all block entries. */
    private static double[] row(ForceConstants fc, int c) {
        int a = c / 18;
        int t = (c % 18) / 3;
        int al = c % 3;
        double[] out = new double[9 * fc.blockCount()];
        for (int i = 0; i < fc.blockCount(); i++) {
            if (fc.firstAtom(i) != a) {
                continue;
            }
            if (t < 3) {
                out[9 * i + 3 * al + t] = 1;
            } else {
                double[] nx = cross(t - 3, fc.imagePosition(i));
                for (int be = 0; be < 3; be++) {
                    out[9 * i + 3 * al + be] = nx[be];
                }
            }
        }
        return out;
    }

    /** P x: each block averaged with the rotated transpose of its partner. */
    private static double[] project(ForceConstants fc, double[] x) {
        double[] out = new double[x.length];
        double[] t = new double[9];
        for (int i = 0; i < fc.blockCount(); i++) {
            int p = fc.partner(i);
            fc.rotatedTranspose(i, x, 9 * p, t, 0);
            for (int e = 0; e < 9; e++) {
                out[9 * i + e] = 0.5 * (x[9 * i + e] + t[e]);
            }
        }
        return out;
    }

    private static double[] pseudoSolve(DMatrixRMaj m, double[] b) {
        int n = m.numRows;
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(n, n, true, true, false);
        if (!svd.decompose(m.copy())) {
            throw new HelixException("sum rules: SVD of the " + n + " x " + n + " constraint matrix failed");
        }
        DMatrixRMaj u = svd.getU(null, false);
        DMatrixRMaj v = svd.getV(null, false);
        double[] s = svd.getSingularValues();
        double smax = 0;
        for (double x : s) {
            smax = Math.max(smax, x);
        }
        double[] out = new double[n];
        for (int k = 0; k < s.length; k++) {
            if (!(s[k] > PINV_CUT * smax)) {
                continue;
            }
            double ub = 0;
            for (int i = 0; i < n; i++) {
                ub += u.get(i, k) * b[i];
            }
            ub /= s[k];
            for (int i = 0; i < n; i++) {
                out[i] += v.get(i, k) * ub;
            }
        }
        return out;
    }
}

package org.helixff.phonon;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.helixff.InvalidInputException;
import org.helixff.symmetry.GroupElement;
import org.helixff.symmetry.HelicalGroup;
import org.helixff.symmetry.SymmetricStructure;

/**
 * Force constants of an infinite tube in symmetry-reduced form (docs/method.md eqs. (5.1), (5.2), (5.6)): the 3x3 blocks
 * Phi(a; b, g) = d^2 E / d r_a d r_{b^g} (Ha/Bohr^2, Cartesian lab frame, row index = component of r_a,
 * column index = component of r_{b^g}) for every motif atom a and every image g = (k, j) of every motif atom b
 * within the interaction range (about 2 r_c) of a. Immutable.
 *
 * <p>The energy is invariant under the group, so Phi(a^h; b^{hg}) = R_h Phi(a; b, g) R_h^T for every h, and
 * the blocks of this set determine every force constant of the tube. Exact force constants also obey
 * Phi(a; b, g) = R_g Phi(b; a, g^-1)^T R_g^T (the Hessian is symmetric); {@link #symmetrized()} enforces it,
 * which makes every dynamical matrix exactly Hermitian.
 *
 * <p>Symmetry-adapted dynamical matrix (6x6 for a 2-atom motif):
 * D_ab(kappa, nu) = (1/sqrt(m_a m_b)) sum_g Phi(a; b, g) R_g exp(i (kappa j + 2 pi nu k / N)); the displacement of
 * image g of b in the mode with eigenvector e is Re[R_g e_b exp(i (kappa j + 2 pi nu k/N))] / sqrt(m_b).
 */
public final class ForceConstants {
    private final SymmetricStructure structure;
    private final double[] masses;
    private final double[] motifForces;
    private final int[] first;
    private final int[] second;
    private final int[] ck;
    private final int[] cj;
    private final double[] phi;
    private final double[] cos;
    private final double[] sin;
    private final double range;
    private final String method;
    private final Map<Long, Integer> index;

    /**
     * @param structure   the tube (motif and group) the constants belong to
     * @param masses      mass of every motif atom, electron masses (> 0)
     * @param motifForces forces on the motif atoms at this structure, 3 per atom, Ha/Bohr (enter the rotational
     *                    sum rule; zero for a relaxed tube)
     * @param first       motif atom a of each block
     * @param second      motif atom b of each block
     * @param k           cyclic index of g, 0 <= k < N
     * @param j           screw power of g
     * @param phi         9 numbers per block, row-major, Ha/Bohr^2 (copied)
     * @param range       largest pair distance (Bohr) for which blocks were computed; beyond it all are zero
     * @param method      one line saying how the constants were obtained
     * @throws InvalidInputException on inconsistent sizes, indices out of range, duplicate blocks or non-finite
     *                               numbers
     */
    public ForceConstants(SymmetricStructure structure, double[] masses, double[] motifForces, int[] first,
            int[] second, int[] k, int[] j, double[] phi, double range, String method) {
        int nm = structure.motifSize();
        int nb = first.length;
        if (masses.length != nm || motifForces.length != 3 * nm || second.length != nb || k.length != nb
                || j.length != nb || phi.length != 9 * nb) {
            throw new InvalidInputException("force constants: inconsistent array sizes (" + nb + " blocks, "
                    + nm + " motif atoms)");
        }
        int n = structure.group().cyclicOrder();
        this.structure = structure;
        this.masses = masses.clone();
        this.motifForces = motifForces.clone();
        this.first = first.clone();
        this.second = second.clone();
        this.ck = k.clone();
        this.cj = j.clone();
        this.phi = phi.clone();
        this.range = range;
        this.method = method;
        this.cos = new double[nb];
        this.sin = new double[nb];
        this.index = new HashMap<>(2 * nb);
        HelicalGroup g = structure.group();
        for (double m : masses) {
            if (!(m > 0) || !Double.isFinite(m)) {
                throw new InvalidInputException("force constants: mass " + m + " must be positive");
            }
        }
        for (double v : phi) {
            if (!Double.isFinite(v)) {
                throw new InvalidInputException("force constants: non-finite entry " + v);
            }
        }
        for (int i = 0; i < nb; i++) {
            if (first[i] < 0 || first[i] >= nm || second[i] < 0 || second[i] >= nm || k[i] < 0 || k[i] >= n) {
                throw new InvalidInputException("force constants: block " + i + " (" + first[i] + "; " + second[i]
                        + ", " + k[i] + ", " + j[i] + ") is out of range");
            }
            double ang = g.angle(k[i], j[i]);
            cos[i] = Math.cos(ang);
            sin[i] = Math.sin(ang);
            if (index.put(key(first[i], second[i], k[i], j[i]), i) != null) {
                throw new InvalidInputException("force constants: duplicate block (" + first[i] + "; " + second[i]
                        + ", " + k[i] + ", " + j[i] + ")");
            }
        }
    }

    private long key(int a, int b, int k, int j) {
        int nm = structure.motifSize();
        int n = structure.group().cyclicOrder();
        long low = ((long) a * nm + b) * n + k;
        return ((long) j << 32) ^ low;
    }

    /** The tube (motif and group) the force constants belong to. */
    public SymmetricStructure structure() {
        return structure;
    }

    /** Number of motif atoms. */
    public int motifSize() {
        return structure.motifSize();
    }

    /** Number of 3x3 blocks. */
    public int blockCount() {
        return first.length;
    }

    /** Motif atom a of block i. */
    public int firstAtom(int i) {
        return first[i];
    }

    /** Motif atom b of block i. */
    public int secondAtom(int i) {
        return second[i];
    }

    /** Group element g of block i. */
    public GroupElement element(int i) {
        return new GroupElement(ck[i], cj[i]);
    }

    /** Entry (alpha, beta) of block i, Ha/Bohr^2. */
    public double entry(int i, int alpha, int beta) {
        return phi[9 * i + 3 * alpha + beta];
    }

    /** Copy of block i, 9 numbers row-major, Ha/Bohr^2. */
    public double[] block(int i) {
        return Arrays.copyOfRange(phi, 9 * i, 9 * i + 9);
    }

    /** Copy of all blocks, 9 per block. */
    public double[] blocks() {
        return phi.clone();
    }

    /** Index of block (a; b, (k, j)) or -1 when it is not stored (zero). */
    public int indexOf(int a, int b, int k, int j) {
        Integer i = index.get(key(a, b, Math.floorMod(k, structure.group().cyclicOrder()), j));
        return i == null ? -1 : i;
    }

    /** Masses of the motif atoms, electron masses (copy). */
    public double[] masses() {
        return masses.clone();
    }

    /** Forces on the motif atoms at the reference structure, Ha/Bohr (copy). */
    public double[] motifForces() {
        return motifForces.clone();
    }

    /** Pair distance (Bohr) up to which blocks were computed. */
    public double range() {
        return range;
    }

    /** How the constants were obtained (one line). */
    public String method() {
        return method;
    }

    /** Largest |j| of any block. */
    public int maxScrewPower() {
        int m = 0;
        for (int j : cj) {
            m = Math.max(m, Math.abs(j));
        }
        return m;
    }

    /** Largest |entry| of any block, Ha/Bohr^2. */
    public double maxEntry() {
        double m = 0;
        for (double v : phi) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /** Position of the image (b; g) of block i, Bohr. */
    public double[] imagePosition(int i) {
        return structure.image(second[i], ck[i], cj[i]);
    }

    /** The same structure with new blocks (same index set); package use. */
    ForceConstants withBlocks(double[] newPhi, String newMethod) {
        return new ForceConstants(structure, masses, motifForces, first, second, ck, cj, newPhi, range, newMethod);
    }

    /** Index of the partner (b; a, g^-1) of block i, or -1 when absent. */
    int partner(int i) {
        return indexOf(second[i], first[i], -ck[i], -cj[i]);
    }

    /** R_g Y^T R_g^T for the group element of block i, Y given as 9 numbers at offset yo; written to out. */
    void rotatedTranspose(int i, double[] y, int yo, double[] out, int oo) {
        double c = cos[i];
        double s = sin[i];
        // M = Y^T
        double[] m = new double[9];
        for (int r = 0; r < 3; r++) {
            for (int q = 0; q < 3; q++) {
                m[3 * r + q] = y[yo + 3 * q + r];
            }
        }
        // T = R M R^T
        double[] rm = new double[9];
        for (int q = 0; q < 3; q++) {
            rm[q] = c * m[q] - s * m[3 + q];
            rm[3 + q] = s * m[q] + c * m[3 + q];
            rm[6 + q] = m[6 + q];
        }
        for (int r = 0; r < 3; r++) {
            double x = rm[3 * r];
            double yv = rm[3 * r + 1];
            out[oo + 3 * r] = c * x - s * yv;
            out[oo + 3 * r + 1] = s * x + c * yv;
            out[oo + 3 * r + 2] = rm[3 * r + 2];
        }
    }

    /**
     * Largest violation of Phi(a; b, g) = R_g Phi(b; a, g^-1)^T R_g^T over all blocks (a missing partner counts
     * as zero), relative to the largest entry. Zero after {@link #symmetrized()}; of the order of the
     * finite-difference error before.
     */
    public double asymmetry() {
        double worst = 0;
        double[] t = new double[9];
        double[] zero = new double[9];
        for (int i = 0; i < blockCount(); i++) {
            int p = partner(i);
            if (p >= 0) {
                rotatedTranspose(i, phi, 9 * p, t, 0);
            } else {
                rotatedTranspose(i, zero, 0, t, 0);
            }
            for (int e = 0; e < 9; e++) {
                worst = Math.max(worst, Math.abs(phi[9 * i + e] - t[e]));
            }
        }
        double big = maxEntry();
        return big == 0 ? 0 : worst / big;
    }

    /**
     * The closest set obeying Phi(a; b, g) = R_g Phi(b; a, g^-1)^T R_g^T: every block averaged with its rotated,
     * transposed partner (missing partners are added as zero blocks first). This is the orthogonal projection
     * onto the symmetric blocks; it makes every D(kappa, nu) Hermitian.
     */
    public ForceConstants symmetrized() {
        int nb = blockCount();
        int[] fa = Arrays.copyOf(first, nb);
        int[] sb = Arrays.copyOf(second, nb);
        int[] kk = Arrays.copyOf(ck, nb);
        int[] jj = Arrays.copyOf(cj, nb);
        int count = nb;
        int n = structure.group().cyclicOrder();
        for (int i = 0; i < nb; i++) {
            if (partner(i) < 0) {
                boolean self = first[i] == second[i] && Math.floorMod(-ck[i], n) == ck[i] && cj[i] == 0;
                if (self) {
                    continue;
                }
                if (count == fa.length) {
                    int cap = Math.max(4, 2 * count);
                    fa = Arrays.copyOf(fa, cap);
                    sb = Arrays.copyOf(sb, cap);
                    kk = Arrays.copyOf(kk, cap);
                    jj = Arrays.copyOf(jj, cap);
                }
                fa[count] = second[i];
                sb[count] = first[i];
                kk[count] = Math.floorMod(-ck[i], n);
                jj[count] = -cj[i];
                count++;
            }
        }
        double[] p = Arrays.copyOf(phi, 9 * count);
        ForceConstants closed = count == nb ? this
                : new ForceConstants(structure, masses, motifForces, Arrays.copyOf(fa, count), Arrays.copyOf(sb, count),
                        Arrays.copyOf(kk, count), Arrays.copyOf(jj, count), p, range, method);
        double[] src = closed.phi;
        double[] out = new double[src.length];
        double[] t = new double[9];
        for (int i = 0; i < count; i++) {
            int q = closed.partner(i);
            closed.rotatedTranspose(i, src, 9 * q, t, 0);
            for (int e = 0; e < 9; e++) {
                out[9 * i + e] = 0.5 * (src[9 * i + e] + t[e]);
            }
        }
        return closed.withBlocks(out, method.contains("symmetrized") ? method : method + "; symmetrized");
    }

    /**
     * The symmetry-adapted dynamical matrix D(kappa, nu), (3 nm) x (3 nm), in Ha/(Bohr^2 m_e).
     *
     * @param kappa helical phase, radians (any real; periodic in 2 pi)
     * @param nu    cyclic index, 0 <= nu < N (other integers are taken mod N)
     */
    public HermitianMatrix dynamicalMatrix(double kappa, int nu) {
        int d = 3 * motifSize();
        double[] re = new double[d * d];
        double[] im = new double[d * d];
        fill(kappa, nu, re, im);
        return new HermitianMatrix(d, re, im, false);
    }

    /** Fills D(kappa, nu) into zeroed row-major arrays of size (3 nm)^2. */
    void fill(double kappa, int nu, double[] re, double[] im) {
        int d = 3 * motifSize();
        int n = structure.group().cyclicOrder();
        double nuPhase = 2 * Math.PI * Math.floorMod(nu, n) / n;
        for (int i = 0; i < first.length; i++) {
            int a = first[i];
            int b = second[i];
            double theta = kappa * cj[i] + nuPhase * ck[i];
            double pr = Math.cos(theta);
            double pim = Math.sin(theta);
            double w = 1 / Math.sqrt(masses[a] * masses[b]);
            double c = cos[i];
            double s = sin[i];
            int o = 9 * i;
            for (int al = 0; al < 3; al++) {
                double p0 = phi[o + 3 * al];
                double p1 = phi[o + 3 * al + 1];
                double p2 = phi[o + 3 * al + 2];
                double[] pr3 = {p0 * c + p1 * s, -p0 * s + p1 * c, p2}; // (Phi R_g) row al
                int row = (3 * a + al) * d + 3 * b;
                for (int be = 0; be < 3; be++) {
                    re[row + be] += w * pr3[be] * pr;
                    im[row + be] += w * pr3[be] * pim;
                }
            }
        }
    }
}

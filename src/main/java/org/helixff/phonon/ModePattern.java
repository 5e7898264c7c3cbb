package org.helixff.phonon;

import java.util.LinkedHashMap;
import java.util.Map;
import org.helixff.InvalidInputException;
import org.helixff.structure.Structure;
import org.helixff.symmetry.HelicalGroup;
import org.helixff.symmetry.SymmetricStructure;

/**
 * One normal mode of block (kappa, nu) in real space: the complex displacement field of every image
 * (docs/method.md eqs. (5.8)-(5.9))
 * <pre>
 *   u(b; k, j) = R(2 pi k/N + j alpha) e_b exp(i (kappa j + 2 pi nu k / N)) / sqrt(m_b)
 * </pre>
 * (e the mass-weighted eigenvector of D(kappa, nu), in the lab frame at the motif atom), its labels in the
 * translational-cell picture (angular momentum m and axial Bloch wave vector k with kappa = m alpha + k h,
 * nu = m mod N, k T in [-pi, pi)), its character and its overlaps with ideal patterns. The physical motion is
 * Re[u exp(-i omega t)]. Immutable.
 *
 * <p>On a stack of C translational cells (periodic along z) the field is single-valued when exp(i k T C) = 1
 * ({@link #commensurateCells(int)}); the Bloch phase of cell c is then exp(i k T c), as
 * {@link FullCellPhonons#dynamicalMatrix(double)} assumes.
 */
public final class ModePattern {
    /** |k T C / 2 pi - integer| below this makes C cells commensurate. */
    public static final double COMMENSURATE_TOLERANCE = 1e-9;

    private final HelicalPhonons ph;
    private final Modes modes;
    private final int branch;
    private final int angularMomentum;
    private final double k;

    private ModePattern(HelicalPhonons ph, Modes modes, int branch, int angularMomentum, double k) {
        this.ph = ph;
        this.modes = modes;
        this.branch = branch;
        this.angularMomentum = angularMomentum;
        this.k = k;
    }

    /**
     * The mode {@code branch} (ascending frequency) of block (kappa, nu).
     *
     * @throws InvalidInputException for a branch outside 0..3 x motif size - 1 or a tube without translational
     *                               period
     */
    public static ModePattern of(HelicalPhonons ph, double kappa, int nu, int branch) {
        if (branch < 0 || branch >= ph.branches()) {
            throw new InvalidInputException("branch " + branch + " is outside 0.." + (ph.branches() - 1));
        }
        Modes md = ph.modes(kappa, nu);
        HelicalGroup g = ph.group();
        HelicalGroup.Period p = g.period().orElseThrow(() -> new InvalidInputException(
                "the tube has no translational period (incommensurate twist): no real-space mode stack"));
        long q = p.steps();
        int n = g.cyclicOrder();
        long nq = n * q;
        double alpha = g.screwAngle();
        double h = g.screwShift();
        // exactly one m = nu (mod N) in 0..Nq-1 has kappa - m alpha in [-pi/q, pi/q) (mod 2 pi)
        long best = -1;
        double bestX = 0;
        double bestDist = Double.POSITIVE_INFINITY;
        for (long m = md.nu(); m < nq; m += n) {
            double x = HelicalPhonons.wrap(md.kappa() - m * alpha);
            double dist = Math.max(0, Math.abs(x) - Math.PI / q);
            if (dist < bestDist) {
                bestDist = dist;
                best = m;
                bestX = x;
            }
            if (dist == 0) {
                break;
            }
        }
        long m = best;
        if (m > nq / 2) {
            m -= nq;
        }
        return new ModePattern(ph, md, branch, (int) m, bestX / h);
    }

    /**
     * A named mode: {@code rbm} (radial breathing), {@code twist} (the rigid-twist zero mode), {@code g} (the
     * highest mode of the Gamma block m = 0, the G band), {@code ring2}, {@code ring3}, ... (ring modes of angular
     * momentum m, see {@link ModeAnalysis#ringModes}), {@code axial} (axial translation).
     *
     * @throws InvalidInputException for another name
     */
    public static ModePattern named(HelicalPhonons ph, String name) {
        String n = name.trim().toLowerCase(java.util.Locale.ROOT);
        IdentifiedMode m;
        if (n.equals("rbm")) {
            m = ModeAnalysis.radialBreathingMode(ph);
        } else if (n.equals("twist")) {
            m = ModeAnalysis.zeroModes(ph).get(1);
        } else if (n.equals("axial")) {
            m = ModeAnalysis.zeroModes(ph).get(0);
        } else if (n.equals("g")) {
            m = ModeAnalysis.gModes(ph).get(0);
        } else if (n.matches("ring[0-9]{1,4}")) {
            int mm = Integer.parseInt(n.substring(4));
            if (mm < 2) {
                throw new InvalidInputException("ring mode '" + name + "': the angular momentum must be >= 2");
            }
            m = ModeAnalysis.ringModes(ph, mm).get(mm - 2);
        } else {
            throw new InvalidInputException("unknown mode '" + name + "': use rbm, twist, axial, g, ring2, ring3, ..."
                    + " or nu,kappa,branch");
        }
        return of(ph, m.kappa(), m.nu(), m.branch());
    }

    /** The block's modes. */
    public Modes modes() {
        return modes;
    }

    /** Cyclic index nu ({@code 0 <= nu < N}) of the block. */
    public int nu() {
        return modes.nu();
    }

    /** kappa in [-pi, pi). */
    public double kappa() {
        return modes.kappa();
    }

    /** Branch index within the block, in ascending frequency order (0-based). */
    public int branch() {
        return branch;
    }

    /** Signed frequency, cm^-1. */
    public double frequencyCm1() {
        return modes.frequencyCm1(branch);
    }

    /** omega^2, (Ha/hbar)^2. */
    public double eigenvalue() {
        return modes.eigenvalue(branch);
    }

    /** Angular momentum m of the translational-cell picture, folded into (-Nq/2, Nq/2]. */
    public int angularMomentum() {
        return angularMomentum;
    }

    /** Axial Bloch wave vector k of the translational cell, 1/Bohr, k T in [-pi, pi). */
    public double axialWaveVector() {
        return k;
    }

    /** Translational period T, Bohr. */
    public double period() {
        return ph.translationalPeriod();
    }

    /** The smallest number of cells C in 1..maxCells with exp(i k T C) = 1, or -1 when there is none. */
    public int commensurateCells(int maxCells) {
        double x = k * period() / (2 * Math.PI);
        for (int c = 1; c <= maxCells; c++) {
            double y = x * c;
            if (Math.abs(y - Math.rint(y)) < COMMENSURATE_TOLERANCE * c) {
                return c;
            }
        }
        return -1;
    }

    /** {radial, circumferential, axial} fractions of the mode (sum 1). */
    public double[] character() {
        return modes.character(branch, ph.forceConstants().structure().motif());
    }

    /**
     * The complex displacement field (Bohr per unit mass-weighted amplitude, not normalised) on
     * {@code s.expand(cells)}: {re, im}, 3 per atom in the order of {@link SymmetricStructure#expandedIndex}.
     */
    public double[][] field(int cells) {
        SymmetricStructure s = ph.forceConstants().structure();
        Structure cell = s.expand(cells);
        int atoms = cell.size();
        int nm = s.motifSize();
        int n = s.group().cyclicOrder();
        int steps = (int) (s.periodSteps() * cells);
        double[] mass = ph.forceConstants().masses();
        double[] re = new double[3 * atoms];
        double[] im = new double[3 * atoms];
        HelicalGroup g = s.group();
        double[] er = new double[3];
        double[] ei = new double[3];
        for (int j = 0; j < steps; j++) {
            for (int kk = 0; kk < n; kk++) {
                double ang = g.angle(kk, j);
                double c = Math.cos(ang);
                double sn = Math.sin(ang);
                double phase = kappa() * j + 2 * Math.PI * nu() * kk / (double) n;
                double pr = Math.cos(phase);
                double pi = Math.sin(phase);
                for (int a = 0; a < nm; a++) {
                    double w = 1 / Math.sqrt(mass[a]);
                    for (int d = 0; d < 3; d++) {
                        er[d] = modes.re(branch, 3 * a + d) * w;
                        ei[d] = modes.im(branch, 3 * a + d) * w;
                    }
                    // rotate about z
                    double rxr = c * er[0] - sn * er[1];
                    double ryr = sn * er[0] + c * er[1];
                    double rxi = c * ei[0] - sn * ei[1];
                    double ryi = sn * ei[0] + c * ei[1];
                    double[] vr = {rxr, ryr, er[2]};
                    double[] vi = {rxi, ryi, ei[2]};
                    int idx = s.expandedIndex(a, kk, j);
                    for (int d = 0; d < 3; d++) {
                        re[3 * idx + d] = vr[d] * pr - vi[d] * pi;
                        im[3 * idx + d] = vr[d] * pi + vi[d] * pr;
                    }
                }
            }
        }
        return new double[][] {re, im};
    }

    /**
     * Overlaps |<p|e>|^2 / <p|p> (mass-weighted) of this mode with the six plane-wave patterns of its labels,
     * u_b = s_b exp(i (m phi_b + k z_b)) d_b with d = radial, circumferential or axial unit vector of atom b and
     * s_b = +1 on every motif atom ("in-phase", acoustic-like) or +1/-1 on the two sublattices ("anti-phase",
     * optical-like); for a 2-atom motif of equal masses they are an orthonormal basis, so the six overlaps sum to 1.
     * With |m| >= 2 and k = 0 also the inextensional ring pattern exp(i m phi)(r + (i/m) t) (key "ring").
     */
    public Map<String, Double> idealOverlaps() {
        SymmetricStructure s = ph.forceConstants().structure();
        int nm = s.motifSize();
        double[] mass = ph.forceConstants().masses();
        Map<String, Double> out = new LinkedHashMap<>();
        String[] dirs = {"radial", "circumferential", "axial"};
        for (int sign = 0; sign < 2; sign++) {
            for (int dir = 0; dir < 3; dir++) {
                double[] pr = new double[3 * nm];
                double[] pi = new double[3 * nm];
                for (int b = 0; b < nm; b++) {
                    double x = s.motifPosition(b, 0);
                    double y = s.motifPosition(b, 1);
                    double z = s.motifPosition(b, 2);
                    double phi = Math.atan2(y, x);
                    double[] d = dir == 0 ? new double[] {Math.cos(phi), Math.sin(phi), 0}
                            : dir == 1 ? new double[] {-Math.sin(phi), Math.cos(phi), 0} : new double[] {0, 0, 1};
                    double sg = (sign == 1 && b % 2 == 1) ? -1 : 1;
                    double ph0 = angularMomentum * phi + k * z;
                    double w = Math.sqrt(mass[b]) * sg;
                    for (int c = 0; c < 3; c++) {
                        pr[3 * b + c] = w * d[c] * Math.cos(ph0);
                        pi[3 * b + c] = w * d[c] * Math.sin(ph0);
                    }
                }
                out.put((sign == 0 ? "in_phase_" : "anti_phase_") + dirs[dir], modes.overlap(branch, pr, pi));
            }
        }
        if (Math.abs(angularMomentum) >= 2 && Math.abs(k) < 1e-12) {
            double[][] ring = ModeAnalysis.ringPattern(s, angularMomentum);
            double[] rr = ring[0].clone();
            double[] ri = ring[1].clone();
            for (int c = 0; c < rr.length; c++) {
                rr[c] *= Math.sqrt(mass[c / 3]);
                ri[c] *= Math.sqrt(mass[c / 3]);
            }
            out.put("ring", modes.overlap(branch, rr, ri));
        }
        return out;
    }
}

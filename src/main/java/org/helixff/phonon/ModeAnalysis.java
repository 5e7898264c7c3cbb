package org.helixff.phonon;

import java.util.ArrayList;
import java.util.List;
import org.helixff.InvalidInputException;
import org.helixff.symmetry.SymmetricStructure;

/**
 * Picks out the physically named modes of a tube (docs/method.md sections 5.4-5.5):
 * <ul>
 *   <li>the four zero modes: axial translation (u_b = z) and rigid twist (u_b = z x X_b, tangential) in block
 *       (nu, kappa) = (0, 0); transverse translation u_b = x + i y in (1 mod N, +alpha) and u_b = x - i y in
 *       (N-1 mod N, -alpha) (for N = 2 both in nu = 1, for N = 1 both in nu = 0);</li>
 *   <li>the radial breathing mode: the (0, 0) mode with the largest overlap with the in-phase breathing pattern
 *       u_b = radial unit vector of b (same sign on every motif atom; the anti-phase radial optical mode near
 *       1000 cm^-1 has almost no overlap with it);</li>
 *   <li>ring (squash) modes, angular momentum m >= 2 and zero axial wave vector: the lowest mode of block
 *       (m mod N, m alpha mod 2 pi), with its overlap with the inextensional ring pattern
 *       u_b = exp(i m phi_b) (r_b + (i/m) t_b) (r, t the radial and tangential unit vectors);</li>
 *   <li>G-band modes: the two highest modes of the Gamma blocks of angular momentum m = 0, 1, 2 (the Raman- and
 *       IR-relevant A, E1, E2 symmetries), with their character (axial vs circumferential).</li>
 * </ul>
 * A mode's overlap with a pattern p is the fraction of p in the eigenspace of the best-matching eigenvector,
 * the eigenspace being all eigenvectors of the block within {@link #DEGENERACY_CM1} of it (degenerate modes
 * may come out as any rotation of each other).
 */
public final class ModeAnalysis {
    /** Modes closer than this in frequency (cm^-1) are treated as one degenerate eigenspace. */
    public static final double DEGENERACY_CM1 = 0.01;

    private ModeAnalysis() {
    }

    /** Mass-weighted pattern of motif displacements u_b given as complex vectors (3 per atom). */
    private static double[][] weighted(ForceConstants fc, double[] ure, double[] uim) {
        double[] m = fc.masses();
        double[] r = new double[ure.length];
        double[] i = new double[uim.length];
        for (int c = 0; c < ure.length; c++) {
            double s = Math.sqrt(m[c / 3]);
            r[c] = ure[c] * s;
            i[c] = uim[c] * s;
        }
        return new double[][] {r, i};
    }

    /**
     * The mode of block (kappa, nu) that best matches a displacement pattern, with the pattern's overlap with
     * its eigenspace.
     *
     * @param ure real parts of the motif displacements u_b (3 per atom, lab frame; not mass-weighted)
     * @param uim imaginary parts
     */
    public static IdentifiedMode match(HelicalPhonons ph, String name, int angularMomentum, double kappa, int nu,
            double[] ure, double[] uim) {
        Modes md = ph.modes(kappa, nu);
        double[][] p = weighted(ph.forceConstants(), ure, uim);
        int best = 0;
        double bo = -1;
        for (int i = 0; i < md.count(); i++) {
            double o = md.overlap(i, p[0], p[1]);
            if (o > bo) {
                bo = o;
                best = i;
            }
        }
        double ov = 0;
        for (int i = 0; i < md.count(); i++) {
            if (Math.abs(md.frequencyCm1(i) - md.frequencyCm1(best)) <= DEGENERACY_CM1) {
                ov += md.overlap(i, p[0], p[1]);
            }
        }
        return describe(ph, md, name, angularMomentum, best, Math.min(1.0, ov));
    }

    private static IdentifiedMode describe(HelicalPhonons ph, Modes md, String name, int m, int i, double overlap) {
        double[] ch = md.character(i, ph.forceConstants().structure().motif());
        return new IdentifiedMode(name, m, md.nu(), md.kappa(), i, md.frequencyCm1(i), overlap, ch[0], ch[1], ch[2]);
    }

    /** The four zero modes, in the order axial translation, twist, transverse x+iy, transverse x-iy. */
    public static List<IdentifiedMode> zeroModes(HelicalPhonons ph) {
        SymmetricStructure s = ph.forceConstants().structure();
        int nm = s.motifSize();
        int n = ph.cyclicOrder();
        double alpha = s.group().screwAngle();
        double[] zero = new double[3 * nm];
        double[] axial = new double[3 * nm];
        double[] twist = new double[3 * nm];
        double[] tr = new double[3 * nm];
        double[] tip = new double[3 * nm];
        double[] tim = new double[3 * nm];
        for (int b = 0; b < nm; b++) {
            axial[3 * b + 2] = 1;
            twist[3 * b] = -s.motifPosition(b, 1);
            twist[3 * b + 1] = s.motifPosition(b, 0);
            tr[3 * b] = 1;
            tip[3 * b + 1] = 1;
            tim[3 * b + 1] = -1;
        }
        List<IdentifiedMode> out = new ArrayList<>();
        out.add(match(ph, "axial translation", 0, 0, 0, axial, zero));
        out.add(match(ph, "twist", 0, 0, 0, twist, zero));
        out.add(match(ph, "transverse translation x+iy", 1, alpha, Math.floorMod(1, n), tr, tip));
        out.add(match(ph, "transverse translation x-iy", -1, -alpha, Math.floorMod(-1, n), tr, tim));
        return out;
    }

    /** The radial breathing mode: the (0, 0) mode with the largest overlap with u_b = radial unit vector of b. */
    public static IdentifiedMode radialBreathingMode(HelicalPhonons ph) {
        SymmetricStructure s = ph.forceConstants().structure();
        int nm = s.motifSize();
        double[] re = new double[3 * nm];
        for (int b = 0; b < nm; b++) {
            double x = s.motifPosition(b, 0);
            double y = s.motifPosition(b, 1);
            double rho = Math.hypot(x, y);
            if (!(rho > 0)) {
                throw new InvalidInputException("motif atom " + b + " lies on the tube axis: no radial direction");
            }
            re[3 * b] = x / rho;
            re[3 * b + 1] = y / rho;
        }
        return match(ph, "RBM", 0, 0, 0, re, new double[3 * nm]);
    }

    /**
     * The inextensional ring pattern of angular momentum m at the motif atoms:
     * u_b = exp(i m phi_b) (r_b + (i/m) t_b); returns {re, im}, 3 per atom.
     */
    public static double[][] ringPattern(SymmetricStructure s, int m) {
        int nm = s.motifSize();
        double[] re = new double[3 * nm];
        double[] im = new double[3 * nm];
        for (int b = 0; b < nm; b++) {
            double x = s.motifPosition(b, 0);
            double y = s.motifPosition(b, 1);
            double phi = Math.atan2(y, x);
            double c = Math.cos(phi);
            double sn = Math.sin(phi);
            double pr = Math.cos(m * phi);
            double pi = Math.sin(m * phi);
            // v = r + (i/m) t : real part r, imaginary part t/m
            double[] vr = {c, sn, 0};
            double[] vi = {-sn / m, c / m, 0};
            for (int d = 0; d < 3; d++) {
                re[3 * b + d] = pr * vr[d] - pi * vi[d];
                im[3 * b + d] = pr * vi[d] + pi * vr[d];
            }
        }
        return new double[][] {re, im};
    }

    /**
     * Ring (squash) modes for m = 2..maxM: the lowest mode of block (m mod N, m alpha), with its overlap with
     * {@link #ringPattern}.
     *
     * @throws InvalidInputException for maxM < 2
     */
    public static List<IdentifiedMode> ringModes(HelicalPhonons ph, int maxM) {
        if (maxM < 2) {
            throw new InvalidInputException("largest ring angular momentum " + maxM + " must be >= 2");
        }
        SymmetricStructure s = ph.forceConstants().structure();
        double alpha = s.group().screwAngle();
        double[] motif = s.motif();
        List<IdentifiedMode> out = new ArrayList<>();
        for (int m = 2; m <= maxM; m++) {
            Modes md = ph.modes(m * alpha, m);
            double[][] p = weighted(ph.forceConstants(), ringPattern(s, m)[0], ringPattern(s, m)[1]);
            double ov = 0;
            for (int i = 0; i < md.count(); i++) {
                if (Math.abs(md.frequencyCm1(i) - md.frequencyCm1(0)) <= DEGENERACY_CM1) {
                    ov += md.overlap(i, p[0], p[1]);
                }
            }
            double[] ch = md.character(0, motif);
            out.add(new IdentifiedMode("ring m=" + m, m, md.nu(), md.kappa(), 0, md.frequencyCm1(0),
                    Math.min(1, ov), ch[0], ch[1], ch[2]));
        }
        return out;
    }

    /** G-band candidates: the two highest modes of the Gamma blocks of angular momentum m = 0, 1, 2. */
    public static List<IdentifiedMode> gModes(HelicalPhonons ph) {
        SymmetricStructure s = ph.forceConstants().structure();
        double alpha = s.group().screwAngle();
        double[] motif = s.motif();
        List<IdentifiedMode> out = new ArrayList<>();
        for (int m = 0; m <= 2; m++) {
            Modes md = ph.modes(m * alpha, m);
            for (int r = 0; r < 2; r++) {
                int i = md.count() - 1 - r;
                double[] ch = md.character(i, motif);
                IdentifiedMode tmp = new IdentifiedMode("", m, md.nu(), md.kappa(), i, md.frequencyCm1(i), Double.NaN,
                        ch[0], ch[1], ch[2]);
                out.add(new IdentifiedMode("G m=" + m + " " + tmp.character(), m, md.nu(), md.kappa(), i,
                        md.frequencyCm1(i), Double.NaN, ch[0], ch[1], ch[2]));
            }
        }
        return out;
    }

    /** A mode found below a frequency threshold. */
    public record LowMode(int nu, double kappa, int branch, double frequencyCm1) {
    }

    /**
     * Every mode with |frequency| < tolerance on a kappa grid of K points for every nu, with the zero-mode points
     * kappa = 0 and +-alpha added to the grid (each block counted once).
     *
     * @throws InvalidInputException for K < 2
     */
    public static List<LowMode> lowModes(HelicalPhonons ph, int kappaPoints, double toleranceCm1) {
        if (kappaPoints < 2) {
            throw new InvalidInputException("kappa grid of " + kappaPoints + " points: need at least 2");
        }
        double alpha = ph.group().screwAngle();
        List<Double> ks = new ArrayList<>();
        for (int t = 0; t < kappaPoints; t++) {
            ks.add(HelicalDispersion.kappaOf(t, kappaPoints));
        }
        for (double extra : new double[] {0, HelicalPhonons.wrap(alpha), HelicalPhonons.wrap(-alpha)}) {
            boolean present = false;
            for (double k : ks) {
                present |= Math.abs(HelicalPhonons.wrap(k - extra)) < 1e-12;
            }
            if (!present) {
                ks.add(extra);
            }
        }
        List<LowMode> out = new ArrayList<>();
        for (int nu = 0; nu < ph.cyclicOrder(); nu++) {
            for (double k : ks) {
                double[] f = ph.frequencies(k, nu);
                for (int i = 0; i < f.length; i++) {
                    if (Math.abs(f[i]) < toleranceCm1) {
                        out.add(new LowMode(nu, HelicalPhonons.wrap(k), i, f[i]));
                    }
                }
            }
        }
        return out;
    }
}

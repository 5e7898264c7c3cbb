package org.helixff.phonon;

import java.util.ArrayList;
import java.util.List;
import org.helixff.InvalidInputException;
import org.helixff.Progress;
import org.helixff.Units;
import org.helixff.calculator.Calculator;
import org.helixff.structure.Nanotube;
import org.helixff.symmetry.SymmetricStructure;

/**
 * Scaling laws of tube phonons across a series of tubes (docs/method.md eqs. (5.12)-(5.13)): the radial breathing mode
 * against the diameter, RBM = A / d + B (experiment: A = 227-248 cm^-1 nm), and the ring (squash) modes against
 * the elastic-ring form omega_m = C_m m (m^2 - 1) / sqrt(m^2 + 1) / d^2, C_m the same for every m in an ideal ring.
 * Diameters are 2 x the mean motif radius of each (relaxed) tube, in nm.
 */
public final class PhononLaws {
    private PhononLaws() {
    }

    /**
     * The modes of one tube that enter the laws.
     *
     * @param n           chiral index n
     * @param m           chiral index m
     * @param diameterNm  diameter, nm
     * @param rbmCm1      RBM frequency, cm^-1
     * @param rbmOverlap  overlap of the RBM with the breathing pattern
     * @param ringCm1     ring-mode frequencies for angular momenta 2..(1 + length), cm^-1
     * @param converged   whether the relaxation converged (always true: non-converged tubes throw)
     */
    public record TubeModes(int n, int m, double diameterNm, double rbmCm1, double rbmOverlap, double[] ringCm1,
            boolean converged) {
        public TubeModes {
            ringCm1 = ringCm1.clone();
        }

        @Override
        public double[] ringCm1() {
            return ringCm1.clone();
        }

        /** Ring-mode frequency of angular momentum mm (2 <= mm <= 1 + ringCm1().length). */
        public double ring(int mm) {
            return ringCm1[mm - 2];
        }
    }

    /**
     * Fitted laws.
     *
     * @param tubes           number of tubes
     * @param rbmA            A of RBM = A/d + B, cm^-1 nm
     * @param rbmB            B, cm^-1
     * @param rbmR2           coefficient of determination of that fit
     * @param rbmA0           A of the one-parameter fit RBM = A0/d, cm^-1 nm
     * @param logSlope        slope of log(RBM) against log(d) (exactly -1 for a pure 1/d law)
     * @param logR2           coefficient of determination of the log-log fit
     * @param ringM           angular momenta of the ring fits
     * @param ringCoefficient C_m for each m, cm^-1 nm^2 (least squares through the origin)
     * @param ringR2          coefficient of determination of each ring fit
     * @param ringSpread      (max C_m - min C_m) / mean C_m: 0 for an ideal elastic ring
     */
    public record LawFit(int tubes, double rbmA, double rbmB, double rbmR2, double rbmA0, double logSlope,
            double logR2, int[] ringM, double[] ringCoefficient, double[] ringR2, double ringSpread) {
        public LawFit {
            ringM = ringM.clone();
            ringCoefficient = ringCoefficient.clone();
            ringR2 = ringR2.clone();
        }

        @Override
        public int[] ringM() {
            return ringM.clone();
        }

        @Override
        public double[] ringCoefficient() {
            return ringCoefficient.clone();
        }

        @Override
        public double[] ringR2() {
            return ringR2.clone();
        }
    }

    /** The elastic-ring shape factor m (m^2 - 1) / sqrt(m^2 + 1). */
    public static double ringShape(int m) {
        return m * (m * (double) m - 1) / Math.sqrt(m * (double) m + 1);
    }

    /**
     * RBM and ring modes of one tube: relaxes it (with the options' settings; relaxation is always done here),
     * computes the force constants and picks the modes.
     *
     * @throws org.helixff.ConvergenceException when the relaxation does not converge
     */
    public static TubeModes modesOf(Calculator calc, Nanotube tube, TubePhonons.Options o, Progress progress) {
        TubePhonons.Options ro = o.toBuilder().relax(true).build();
        TubePhonons.Prepared p = TubePhonons.prepare(calc, SymmetricStructure.fromTube(tube), ro, progress);
        IdentifiedMode rbm = ModeAnalysis.radialBreathingMode(p.phonons());
        List<IdentifiedMode> ring = ModeAnalysis.ringModes(p.phonons(), o.ringMax());
        double[] rf = new double[ring.size()];
        for (int i = 0; i < rf.length; i++) {
            rf[i] = ring.get(i).frequencyCm1();
        }
        double d = Units.bohrToAngstrom(2 * p.structure().meanRadius()) / 10;
        return new TubeModes(tube.n(), tube.m(), d, rbm.frequencyCm1(), rbm.overlap(), rf, true);
    }

    /** {@link #modesOf} for every tube of a list, in order. */
    public static List<TubeModes> series(Calculator calc, List<Nanotube> tubes, TubePhonons.Options o,
            Progress progress) {
        if (tubes.isEmpty()) {
            throw new InvalidInputException("empty tube series");
        }
        List<TubeModes> out = new ArrayList<>();
        for (int i = 0; i < tubes.size(); i++) {
            progress.update("tube series", i, tubes.size());
            out.add(modesOf(calc, tubes.get(i), o, Progress.NONE));
        }
        progress.update("tube series", tubes.size(), tubes.size());
        return out;
    }

    /**
     * Fits the laws.
     *
     * @throws InvalidInputException for fewer than 3 tubes, fewer than 2 distinct diameters, or tubes with
     *                               different numbers of ring modes
     */
    public static LawFit fit(List<TubeModes> tubes) {
        int n = tubes.size();
        if (n < 3) {
            throw new InvalidInputException("a law fit needs at least 3 tubes, got " + n);
        }
        double[] x = new double[n];
        double[] y = new double[n];
        double[] lx = new double[n];
        double[] ly = new double[n];
        int rings = tubes.get(0).ringCm1.length;
        for (int i = 0; i < n; i++) {
            TubeModes t = tubes.get(i);
            if (!(t.rbmCm1() > 0) || !(t.diameterNm() > 0)) {
                throw new InvalidInputException("tube (" + t.n() + "," + t.m() + ") has RBM " + t.rbmCm1()
                        + " cm^-1 and diameter " + t.diameterNm() + " nm: cannot fit");
            }
            if (t.ringCm1.length != rings) {
                throw new InvalidInputException("tubes have different numbers of ring modes");
            }
            x[i] = 1 / t.diameterNm();
            y[i] = t.rbmCm1();
            lx[i] = Math.log(t.diameterNm());
            ly[i] = Math.log(t.rbmCm1());
        }
        double[] lin = line(x, y);
        double[] log = line(lx, ly);
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += x[i] * y[i];
            sxx += x[i] * x[i];
        }
        int[] ms = new int[rings];
        double[] coef = new double[rings];
        double[] r2 = new double[rings];
        double cmin = Double.POSITIVE_INFINITY;
        double cmax = Double.NEGATIVE_INFINITY;
        double csum = 0;
        for (int r = 0; r < rings; r++) {
            int m = r + 2;
            ms[r] = m;
            double[] rx = new double[n];
            double[] ry = new double[n];
            for (int i = 0; i < n; i++) {
                double d = tubes.get(i).diameterNm();
                rx[i] = ringShape(m) / (d * d);
                ry[i] = tubes.get(i).ring(m);
            }
            double[] p = proportional(rx, ry);
            coef[r] = p[0];
            r2[r] = p[1];
            cmin = Math.min(cmin, p[0]);
            cmax = Math.max(cmax, p[0]);
            csum += p[0];
        }
        double spread = rings == 0 ? 0 : (cmax - cmin) / (csum / rings);
        return new LawFit(n, lin[1], lin[0], lin[2], sxy / sxx, log[1], log[2], ms, coef, r2, spread);
    }

    /** Least-squares line y = a + b x: {a, b, R^2}. */
    static double[] line(double[] x, double[] y) {
        int n = x.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i] / n;
            my += y[i] / n;
        }
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
            syy += (y[i] - my) * (y[i] - my);
        }
        if (!(sxx > 0)) {
            throw new InvalidInputException("all tubes have the same diameter: cannot fit a law");
        }
        double b = sxy / sxx;
        double a = my - b * mx;
        double r2 = syy > 0 ? sxy * sxy / (sxx * syy) : 1;
        return new double[] {a, b, r2};
    }

    /** Least squares through the origin y = c x: {c, R^2 = 1 - SS_res / SS_tot (about the mean of y)}. */
    static double[] proportional(double[] x, double[] y) {
        int n = x.length;
        double sxy = 0;
        double sxx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            sxy += x[i] * y[i];
            sxx += x[i] * x[i];
            my += y[i] / n;
        }
        double c = sxy / sxx;
        double res = 0;
        double tot = 0;
        for (int i = 0; i < n; i++) {
            res += (y[i] - c * x[i]) * (y[i] - c * x[i]);
            tot += (y[i] - my) * (y[i] - my);
        }
        return new double[] {c, tot > 0 ? 1 - res / tot : 1};
    }
}

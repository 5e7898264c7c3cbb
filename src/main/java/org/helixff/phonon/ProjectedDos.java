package org.helixff.phonon;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.helixff.InvalidInputException;
import org.helixff.Progress;

/**
 * The phonon DOS per motif decomposed by polarisation (radial, circumferential, axial: the mode's fractions along
 * each atom's local cylindrical axes, {@link Modes#character}) and by the helical angular momentum nu (the cyclic
 * quantum number, angular momentum mod N), on the grid and with the method of
 * {@link HelicalPhonons#densityOfStates} (1-D tetrahedron interpolation between neighbouring kappa points, Gaussian
 * broadening). A segment of branch b between kappa_t and kappa_t+1 carries the weight 1/(N K); its polarisation
 * parts are that weight times the mean of the fractions at the two ends, so the three parts add up to the total
 * and, because the fractions of all 3n branches of a block add up to n per direction, each integrates to exactly a
 * third of it; the part of nu holds its 3n branches, 3n/N states per motif. Van Hove peaks are labelled with the
 * flattest sampled band at their frequency (nu, kappa, branch). Immutable.
 */
public final class ProjectedDos {
    /** Names of the polarisation parts, in order. */
    public static final List<String> POLARISATIONS = List.of("radial", "circumferential", "axial");

    private final DensityOfStates total;
    private final double[][] polarisation;
    private final double[][] byNu;
    private final List<Peak> peaks;

    private ProjectedDos(DensityOfStates total, double[][] polarisation, double[][] byNu, List<Peak> peaks) {
        this.total = total;
        this.polarisation = polarisation;
        this.byNu = byNu;
        this.peaks = List.copyOf(peaks);
    }

    /**
     * A van Hove peak of the total DOS with the band that makes it: the sampled point within 2 sigma of the peak
     * frequency with the smallest |d omega / d kappa|.
     *
     * @param frequencyCm1 peak position, cm^-1
     * @param nu           cyclic index of the flat band
     * @param kappa        its helical phase, radians
     * @param branch       its branch (ascending order in the block)
     * @param slope        |d omega / d kappa| there, cm^-1 per radian
     * @param character    "radial", "circumferential" or "axial" (largest fraction of that mode)
     */
    public record Peak(double frequencyCm1, int nu, double kappa, int branch, double slope, String character) {
    }

    /** The total DOS (the same as {@link HelicalPhonons#densityOfStates} on this sampling). */
    public DensityOfStates total() {
        return total;
    }

    /** Part p (0 radial, 1 circumferential, 2 axial) at grid point i, states per cm^-1 per motif. */
    public double polarisation(int p, int i) {
        return polarisation[p][i];
    }

    /** Part of cyclic index nu at grid point i, states per cm^-1 per motif. */
    public double angularMomentum(int nu, int i) {
        return byNu[nu][i];
    }

    /** N, the number of nu parts. */
    public int cyclicOrder() {
        return byNu.length;
    }

    /** Labelled van Hove peaks, by frequency. */
    public List<Peak> peaks() {
        return peaks;
    }

    /** Trapezoid integral of polarisation part p, states per motif. */
    public double polarisationIntegral(int p) {
        return integral(polarisation[p]);
    }

    /** Trapezoid integral of the part of nu, states per motif. */
    public double angularMomentumIntegral(int nu) {
        return integral(byNu[nu]);
    }

    private double integral(double[] g) {
        double s = 0;
        for (int i = 0; i < g.length; i++) {
            s += g[i] * total.step() * ((i == 0 || i == g.length - 1) ? 0.5 : 1);
        }
        return s;
    }

    /**
     * Samples every nu on K kappa points (eigenvectors included) and builds the decomposition.
     *
     * @param kappaPoints K >= 2
     * @param sigma       Gaussian broadening, cm^-1 (> 0)
     * @param gridStep    frequency grid spacing, cm^-1 (> 0)
     * @param prominence  van Hove peak threshold as in {@link DensityOfStates#peaks(double)}
     */
    public static ProjectedDos compute(HelicalPhonons ph, int kappaPoints, double sigma, double gridStep,
            double prominence, Progress progress) {
        if (kappaPoints < 2) {
            throw new InvalidInputException("kappa grid of " + kappaPoints + " points: need at least 2");
        }
        int n = ph.cyclicOrder();
        if ((long) n * kappaPoints > 20_000_000L) {
            throw new InvalidInputException("projected DOS sampling too large: " + n + " x " + kappaPoints);
        }
        int br = ph.branches();
        int kp = kappaPoints;
        double[] freq = new double[n * kp * br];
        double[] frac = new double[3 * n * kp * br];
        double[] motif = ph.forceConstants().structure().motif();
        long total = (long) n * kp;
        AtomicLong done = new AtomicLong();
        IntStream.range(0, n * kp).parallel().forEach(idx -> {
            Modes md = ph.modes(HelicalDispersion.kappaOf(idx % kp, kp), idx / kp);
            for (int b = 0; b < br; b++) {
                freq[idx * br + b] = md.frequencyCm1(b);
                double[] c = md.character(b, motif);
                System.arraycopy(c, 0, frac, 3 * (idx * br + b), 3);
            }
            long d = done.incrementAndGet();
            if (d % 256 == 0 || d == total) {
                progress.update("projected DOS", d, total);
            }
        });
        HelicalDispersion sampling = new HelicalDispersion(n, kp, br, freq);
        DensityOfStates tot = HelicalPhonons.densityOfStates(sampling, sigma, gridStep);
        int size = tot.size();
        double lo = tot.frequency(0);
        double[][] pol = new double[3][size];
        double[][] nus = new double[n][size];
        double w = 1.0 / ((double) n * kp);
        double norm = 1 / (sigma * Math.sqrt(2 * Math.PI));
        double[] shape = new double[size];
        for (int nu = 0; nu < n; nu++) {
            for (int b = 0; b < br; b++) {
                for (int t = 0; t < kp; t++) {
                    int i1 = (nu * kp + t) * br + b;
                    int i2 = (nu * kp + (t + 1) % kp) * br + b;
                    double f1 = freq[i1];
                    double f2 = freq[i2];
                    double a = Math.min(f1, f2);
                    double c = Math.max(f1, f2);
                    int j0 = Math.max(0, (int) Math.floor((a - 6 * sigma - lo) / gridStep));
                    int j1 = Math.min(size - 1, (int) Math.ceil((c + 6 * sigma - lo) / gridStep));
                    if (c - a < 1e-3 * sigma) {
                        double mid = 0.5 * (a + c);
                        for (int i = j0; i <= j1; i++) {
                            double x = (lo + i * gridStep - mid) / sigma;
                            shape[i] = w * norm * Math.exp(-0.5 * x * x);
                        }
                    } else {
                        double inv = w / (c - a);
                        for (int i = j0; i <= j1; i++) {
                            double f = lo + i * gridStep;
                            shape[i] = inv * (DensityOfStates.normalCdf((f - a) / sigma)
                                    - DensityOfStates.normalCdf((f - c) / sigma));
                        }
                    }
                    double[] pw = new double[3];
                    for (int p = 0; p < 3; p++) {
                        pw[p] = 0.5 * (frac[3 * i1 + p] + frac[3 * i2 + p]);
                    }
                    for (int i = j0; i <= j1; i++) {
                        double v = shape[i];
                        nus[nu][i] += v;
                        pol[0][i] += v * pw[0];
                        pol[1][i] += v * pw[1];
                        pol[2][i] += v * pw[2];
                    }
                }
            }
        }
        List<Peak> peaks = peaks(tot.peaks(prominence), freq, frac, n, kp, br, sigma);
        return new ProjectedDos(tot, pol, nus, peaks);
    }

    /**
     * For each DOS peak (cm^-1) the flattest branch point within 2 sigma of it (its van Hove origin), with the
     * dominant polarisation there; peaks without one are left out.
     */
    private static List<Peak> peaks(List<Double> peakFrequencies, double[] freq, double[] frac, int n, int kp, int br,
            double sigma) {
        List<Peak> peaks = new ArrayList<>();
        for (double pf : peakFrequencies) {
            Peak best = null;
            for (int nu = 0; nu < n; nu++) {
                for (int t = 0; t < kp; t++) {
                    for (int b = 0; b < br; b++) {
                        double f = freq[(nu * kp + t) * br + b];
                        if (Math.abs(f - pf) > 2 * sigma) {
                            continue;
                        }
                        double fp = freq[(nu * kp + (t + 1) % kp) * br + b];
                        double fm = freq[(nu * kp + (t - 1 + kp) % kp) * br + b];
                        double slope = Math.abs(fp - fm) / (2 * (2 * Math.PI / kp));
                        if (best == null || slope < best.slope()) {
                            int q = 3 * ((nu * kp + t) * br + b);
                            String ch = frac[q + 2] >= frac[q] && frac[q + 2] >= frac[q + 1] ? "axial"
                                    : frac[q + 1] >= frac[q] ? "circumferential" : "radial";
                            best = new Peak(pf, nu, HelicalDispersion.kappaOf(t, kp), b, slope, ch);
                        }
                    }
                }
            }
            if (best != null) {
                peaks.add(best);
            }
        }
        return peaks;
    }
}

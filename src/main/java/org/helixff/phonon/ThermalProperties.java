package org.helixff.phonon;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.helixff.InvalidInputException;
import org.helixff.Progress;
import org.helixff.Units;
import org.helixff.descriptor.math.GaussLegendre;

/**
 * Harmonic thermal properties of the infinite tube from its phonon density of states, with phonopy's definitions
 * (per mode of frequency omega, x = hbar omega / k_B T):
 * <pre>
 *   F  = hbar omega / 2 + k_B T ln(1 - e^-x)            (zero-point energy included)
 *   S  = k_B [x / (e^x - 1) - ln(1 - e^-x)]
 *   Cv = k_B x^2 e^x / (e^x - 1)^2
 *   U  = F + T S = hbar omega (1/2 + 1 / (e^x - 1))
 * </pre>
 * summed over the 3 x motif-size modes per motif. At T = 0: Cv = S = 0 and F = U = the zero-point energy.
 * Immutable.
 *
 * <p><b>From the DOS</b> ({@link #fromDos}): every branch is interpolated linearly between neighbouring kappa
 * points of a uniform helical sampling (the 1-D tetrahedron method of {@link DensityOfStates}, here without
 * Gaussian broadening); the resulting exact box-function DOS is accumulated on a fine frequency histogram of bin
 * width {@link #BIN_CM1} and the thermal functions are integrated over every bin with a
 * {@value #GAUSS_POINTS}-point Gauss-Legendre rule (segments narrower than a bin are kept as sharp lines at their
 * mean frequency, so a flat band is exact). Imaginary parts (frequencies below zero) are left out and their
 * weight reported; the zero modes are points of zero weight on this DOS (the integrable ln omega of F and S at
 * omega -> 0 is handled by the quadrature, which never evaluates at 0).
 * <b>Direct mesh sum</b> ({@link #meshSum}): phonopy's own recipe, every sampled mode with weight 1/(N K);
 * modes with |omega| below the zero-mode threshold and imaginary modes are excluded and counted. It is the
 * oracle of the DOS path.
 */
public final class ThermalProperties {
    /** Histogram bin of the DOS integration, cm^-1 (k_B x 1 K = 0.695 cm^-1: 14 bins per k_B T at 1 K). */
    public static final double BIN_CM1 = 0.05;
    /** Gauss-Legendre points per bin (the thermal functions vary on k_B T >> the bin). */
    public static final int GAUSS_POINTS = 4;
    /** k_B T in cm^-1 per kelvin: KB_HARTREE_PER_K x CM1_PER_HARTREE. */
    public static final double CM1_PER_KELVIN = Units.KB_HARTREE_PER_K * Units.CM1_PER_HARTREE;
    /** Avogadro constant, 1/mol (SI 2019, exact). */
    public static final double AVOGADRO = 6.02214076e23;
    /** Joule per Hartree (CODATA 2018). */
    public static final double JOULE_PER_HARTREE = 4.3597447222071e-18;
    /** Boltzmann constant, J/K (SI 2019, exact). */
    public static final double KB_JOULE_PER_K = 1.380649e-23;

    /**
     * Thermal properties at one temperature, per motif.
     *
     * @param temperature    kelvin
     * @param freeEnergy     Helmholtz free energy F, Hartree per motif (zero-point energy included)
     * @param entropy        S, in k_B per motif
     * @param heatCapacity   Cv, in k_B per motif
     * @param internalEnergy U = F + T S, Hartree per motif
     */
    public record Point(double temperature, double freeEnergy, double entropy, double heatCapacity,
            double internalEnergy) {
    }

    /**
     * How the k sampling was converged.
     *
     * @param tolerance       the requested largest change (relative, see {@link #converged})
     * @param kappaPoints     the kappa points per nu tried, in order (the last one is the result)
     * @param changes         the largest relative change of each doubling (one fewer than kappaPoints)
     * @param converged       whether the last change is within the tolerance
     */
    public record Convergence(double tolerance, List<Integer> kappaPoints, List<Double> changes, boolean converged) {
        public Convergence {
            kappaPoints = List.copyOf(kappaPoints);
            changes = List.copyOf(changes);
        }
    }

    private final List<Point> points;
    private final double zeroPointEnergy;
    private final int motifSize;
    private final int cyclicOrder;
    private final int kappaPoints;
    private final String method;
    private final double imaginaryWeight;
    private final int zeroModesExcluded;
    private final int imaginaryModesExcluded;
    private final double lowestFrequency;
    private final Convergence convergence;

    private ThermalProperties(List<Point> points, double zpe, int motifSize, int cyclicOrder, int kappaPoints,
            String method, double imaginaryWeight, int zeroModes, int imaginaryModes, double lowest,
            Convergence convergence) {
        this.points = List.copyOf(points);
        this.zeroPointEnergy = zpe;
        this.motifSize = motifSize;
        this.cyclicOrder = cyclicOrder;
        this.kappaPoints = kappaPoints;
        this.method = method;
        this.imaginaryWeight = imaginaryWeight;
        this.zeroModesExcluded = zeroModes;
        this.imaginaryModesExcluded = imaginaryModes;
        this.lowestFrequency = lowest;
        this.convergence = convergence;
    }

    /** One point per requested temperature, in order. */
    public List<Point> points() {
        return points;
    }

    /** Zero-point energy, Hartree per motif. */
    public double zeroPointEnergy() {
        return zeroPointEnergy;
    }

    /** Atoms per motif (the "unit cell" of the per-motif values; 3 x this many modes per motif). */
    public int motifSize() {
        return motifSize;
    }

    /** N of the sampling. */
    public int cyclicOrder() {
        return cyclicOrder;
    }

    /** kappa points per nu of the sampling. */
    public int kappaPoints() {
        return kappaPoints;
    }

    /** "dos" or "mesh". */
    public String method() {
        return method;
    }

    /** States per motif left out because their frequency is imaginary (below 0), of 3 x motif size. */
    public double imaginaryWeight() {
        return imaginaryWeight;
    }

    /** Sampled modes with |omega| below the zero-mode threshold, left out (mesh sum; 0 for the DOS path). */
    public int zeroModesExcluded() {
        return zeroModesExcluded;
    }

    /** Sampled modes below minus the zero-mode threshold (imaginary), left out. */
    public int imaginaryModesExcluded() {
        return imaginaryModesExcluded;
    }

    /** Lowest sampled frequency, cm^-1 (negative: imaginary). */
    public double lowestFrequency() {
        return lowestFrequency;
    }

    /** The k-sampling convergence, or null when a fixed sampling was used. */
    public Convergence convergence() {
        return convergence;
    }

    ThermalProperties withConvergence(Convergence c) {
        return new ThermalProperties(points, zeroPointEnergy, motifSize, cyclicOrder, kappaPoints, method,
                imaginaryWeight, zeroModesExcluded, imaginaryModesExcluded, lowestFrequency, c);
    }

    /**
     * Temperatures Tmin, Tmin + step, ... up to Tmax (inclusive within step/1000), kelvin, like phonopy's
     * {@code TMIN TMAX TSTEP}.
     *
     * @throws InvalidInputException for a negative or non-finite Tmin, Tmax < Tmin, a step <= 0 or more than
     *                               100,000 temperatures
     */
    public static double[] temperatures(double tmin, double tmax, double step) {
        if (!Double.isFinite(tmin) || !Double.isFinite(tmax) || !Double.isFinite(step) || tmin < 0 || tmax < tmin
                || !(step > 0)) {
            throw new InvalidInputException("temperature range " + tmin + " .. " + tmax + " K in steps of " + step
                    + " K: need 0 <= Tmin <= Tmax and a positive step");
        }
        long n = (long) Math.floor((tmax - tmin) / step + 1e-3) + 1;
        if (n > 100_000) {
            throw new InvalidInputException("temperature range gives " + n + " temperatures (> 100,000)");
        }
        double[] t = new double[(int) n];
        for (int i = 0; i < n; i++) {
            t[i] = tmin + i * step;
        }
        return t;
    }

    // --- mode functions, omega in cm^-1, t = k_B T in cm^-1 (> 0) ---

    /** Cv of one mode in k_B. */
    static double modeCv(double omega, double t) {
        double x = omega / t;
        if (x > 1400) {
            return 0;
        }
        double s = Math.sinh(0.5 * x);
        return x * x / (4 * s * s);
    }

    /** S of one mode in k_B. */
    static double modeS(double omega, double t) {
        double x = omega / t;
        if (x > 700) {
            return 0;
        }
        return x / Math.expm1(x) - Math.log(-Math.expm1(-x));
    }

    /** F of one mode minus its zero-point energy, cm^-1. */
    static double modeThermalF(double omega, double t) {
        double x = omega / t;
        if (x > 700) {
            return 0;
        }
        return t * Math.log(-Math.expm1(-x));
    }

    private static double[] sums(double omega, double t, double weight, double[] acc) {
        acc[0] += weight * 0.5 * omega;
        if (t > 0) {
            acc[1] += weight * modeThermalF(omega, t);
            acc[2] += weight * modeS(omega, t);
            acc[3] += weight * modeCv(omega, t);
        }
        return acc;
    }

    private static Point point(double temperature, double[] acc) {
        double zpe = acc[0] / Units.CM1_PER_HARTREE;
        double f = zpe + acc[1] / Units.CM1_PER_HARTREE;
        double s = acc[2];
        double u = f + temperature * Units.KB_HARTREE_PER_K * s;
        return new Point(temperature, f, s, acc[3], u);
    }

    private static void checkTemperatures(double[] temps) {
        if (temps == null || temps.length == 0) {
            throw new InvalidInputException("no temperatures given");
        }
        for (double t : temps) {
            if (!(t >= 0) || !Double.isFinite(t)) {
                throw new InvalidInputException("temperature " + t + " K must be finite and >= 0");
            }
        }
    }

    /**
     * Phonopy's direct sum over the sampled modes, each with weight 1/(N K) per motif. Left out: the four zero
     * modes where they lie on the grid (the two lowest modes of block (0, 0) and the lowest of (1, alpha) and
     * (N-1, -alpha); counted in {@link #zeroModesExcluded()}), and every other mode with omega <= 0 (counted as
     * imaginary when below -{@code imaginaryCm1}, else as zero). The flexural modes next to the zero modes are
     * real and kept, however small.
     *
     * @param sampling     a helical sampling (every nu on K kappa points)
     * @param motifSize    atoms per motif
     * @param screwAngle   alpha of the tube, radians (locates the transverse zero modes)
     * @param temps        kelvin, >= 0
     * @param imaginaryCm1 threshold between round-off zeros and imaginary modes, cm^-1 (>= 0)
     */
    public static ThermalProperties meshSum(HelicalDispersion sampling, int motifSize, double screwAngle,
            double[] temps, double imaginaryCm1) {
        checkTemperatures(temps);
        int n = sampling.cyclicOrder();
        int kp = sampling.kappaPoints();
        double w = 1.0 / ((double) n * kp);
        int zero = 0;
        int imag = 0;
        double lowest = Double.POSITIVE_INFINITY;
        List<Double> used = new ArrayList<>();
        double plus = HelicalPhonons.wrap(screwAngle);
        double minus = HelicalPhonons.wrap(-screwAngle);
        for (int nu = 0; nu < n; nu++) {
            for (int t = 0; t < kp; t++) {
                double kap = sampling.kappa(t);
                int skip = 0;
                if (nu == 0 && Math.abs(kap) < ON_GRID) {
                    skip += 2;
                }
                if (nu == Math.floorMod(1, n) && Math.abs(HelicalPhonons.wrap(kap - plus)) < ON_GRID) {
                    skip += 1;
                }
                if (nu == Math.floorMod(-1, n) && Math.abs(HelicalPhonons.wrap(kap - minus)) < ON_GRID) {
                    skip += 1;
                }
                for (int b = 0; b < sampling.branches(); b++) {
                    double f = sampling.frequency(nu, t, b);
                    lowest = Math.min(lowest, f);
                    if (b < skip) {
                        zero++;
                    } else if (f < -imaginaryCm1) {
                        imag++;
                    } else if (f <= 0) {
                        zero++;
                    } else {
                        used.add(f);
                    }
                }
            }
        }
        double[] freq = used.stream().mapToDouble(Double::doubleValue).toArray();
        List<Point> pts = new ArrayList<>();
        double zpe = 0;
        for (double temp : temps) {
            double kt = temp * CM1_PER_KELVIN;
            double[] acc = new double[4];
            for (double f : freq) {
                sums(f, kt, w, acc);
            }
            pts.add(point(temp, acc));
            zpe = acc[0] / Units.CM1_PER_HARTREE;
        }
        return new ThermalProperties(pts, zpe, motifSize, n, kp, "mesh", imag * w, zero, imag, lowest, null);
    }

    /** A grid kappa this close (radians) to a zero-mode block is that block. */
    private static final double ON_GRID = 1e-9;

    /**
     * The second moment of the phonon DOS, <omega^2> over all 3 x motif-size modes per motif, in cm^-2, from the
     * on-site force constants alone: the zone average of tr D(kappa, nu) keeps only the identity element,
     * so <omega^2> = sum_a tr Phi(a; a, e) / m_a / (3 motif size). Independent of any k sampling; it fixes the
     * high-temperature expansion Cv = 3 n k_B (1 - <x^2>/12 + ...), x = hbar omega / k_B T.
     */
    public static double secondMomentCm2(ForceConstants fc) {
        int nm = fc.motifSize();
        double[] m = fc.masses();
        double s = 0;
        for (int a = 0; a < nm; a++) {
            int i = fc.indexOf(a, a, 0, 0);
            if (i < 0) {
                throw new InvalidInputException("force constants have no on-site block for motif atom " + a);
            }
            double[] blk = fc.block(i);
            s += (blk[0] + blk[4] + blk[8]) / m[a];
        }
        double omega2 = s / (3 * nm);
        return omega2 * Units.CM1_PER_HARTREE * Units.CM1_PER_HARTREE;
    }

    /** Cv per motif (k_B) at temperature T from the high-temperature expansion 3 n (1 - <omega^2> / (12 t^2)). */
    public static double highTemperatureHeatCapacity(ForceConstants fc, double temperature) {
        double t = temperature * CM1_PER_KELVIN;
        return 3 * fc.motifSize() * (1 - secondMomentCm2(fc) / (12 * t * t));
    }

    /**
     * From the (unbroadened, linearly interpolated) density of states of a helical sampling; see the class
     * comment.
     *
     * @param sampling a helical sampling (every nu on K >= 2 kappa points)
     * @param motifSize atoms per motif
     * @param temps    kelvin, >= 0
     */
    public static ThermalProperties fromDos(HelicalDispersion sampling, int motifSize, double[] temps) {
        checkTemperatures(temps);
        Histogram h = histogram(sampling);
        GaussLegendre gl = new GaussLegendre(GAUSS_POINTS);
        int bins = h.states.length;
        // nodes and weights of every bin: x = (i + (1 + node)/2) BIN, weight states_i x w_q / 2
        List<Point> pts = new ArrayList<>();
        double zpe = 0;
        for (double temp : temps) {
            double kt = temp * CM1_PER_KELVIN;
            double[] acc = new double[4];
            for (int i = 0; i < bins; i++) {
                double g = h.states[i];
                if (g == 0) {
                    continue;
                }
                for (int q = 0; q < gl.size(); q++) {
                    double f = (i + 0.5 * (1 + gl.node(q))) * BIN_CM1;
                    sums(f, kt, g * 0.5 * gl.weight(q), acc);
                }
            }
            for (int i = 0; i < h.lineFrequencies.length; i++) {
                sums(h.lineFrequencies[i], kt, h.lineWeights[i], acc);
            }
            pts.add(point(temp, acc));
            zpe = acc[0] / Units.CM1_PER_HARTREE;
        }
        int zero = 0;
        int imag = 0;
        double lowest = sampling.minimum();
        return new ThermalProperties(pts, zpe, motifSize, sampling.cyclicOrder(), sampling.kappaPoints(), "dos",
                h.imaginary, zero, imag, lowest, null);
    }

    /**
     * States per motif in bins [i BIN, (i+1) BIN), i >= 0 (segments at least a bin wide, spread evenly over the
     * bins they cross), sharp lines (segments narrower than a bin, at their mean frequency) and the weight below 0.
     */
    record Histogram(double[] states, double[] lineFrequencies, double[] lineWeights, double imaginary) {
    }

    static Histogram histogram(HelicalDispersion s) {
        int n = s.cyclicOrder();
        int kp = s.kappaPoints();
        double max = Math.max(0, s.maximum());
        int bins = (int) Math.ceil(max / BIN_CM1) + 2;
        if (bins > 50_000_000) {
            throw new InvalidInputException("frequencies up to " + max + " cm^-1 need too many DOS bins");
        }
        double[] states = new double[bins];
        double[] diff = new double[bins + 1];
        double w = 1.0 / ((double) n * kp);
        double imaginary = 0;
        Lines lines = new Lines();
        for (int nu = 0; nu < n; nu++) {
            for (int b = 0; b < s.branches(); b++) {
                for (int t = 0; t < kp; t++) {
                    double f1 = s.frequency(nu, t, b);
                    double f2 = s.frequency(nu, (t + 1) % kp, b);
                    double a = Math.min(f1, f2);
                    double c = Math.max(f1, f2);
                    if (c <= 0) {
                        imaginary += w;
                        continue;
                    }
                    if (c - a < BIN_CM1) {
                        // narrower than a bin: exactly at its mean frequency (a flat band stays a sharp line)
                        double mid = 0.5 * (a + c);
                        if (mid <= 0) {
                            imaginary += w;
                        } else {
                            lines.add(mid, w);
                        }
                        continue;
                    }
                    double dens = w / (c - a);
                    if (a < 0) {
                        imaginary += dens * (-a);
                        a = 0;
                    }
                    int i0 = (int) (a / BIN_CM1);
                    int i1 = (int) (c / BIN_CM1);
                    if (i0 == i1) {
                        states[i0] += dens * (c - a);
                        continue;
                    }
                    states[i0] += dens * ((i0 + 1) * BIN_CM1 - a);
                    states[i1] += dens * (c - i1 * BIN_CM1);
                    // full bins i0+1 .. i1-1
                    diff[i0 + 1] += dens * BIN_CM1;
                    diff[i1] -= dens * BIN_CM1;
                }
            }
        }
        double run = 0;
        for (int i = 0; i < bins; i++) {
            run += diff[i];
            states[i] += run;
        }
        return new Histogram(states, lines.frequencies(), lines.weights(), imaginary);
    }

    /** A growable list of sharp lines (frequency, states per motif). */
    private static final class Lines {
        private double[] f = new double[64];
        private double[] w = new double[64];
        private int size;

        void add(double freq, double weight) {
            if (size == f.length) {
                f = Arrays.copyOf(f, 2 * size);
                w = Arrays.copyOf(w, 2 * size);
            }
            f[size] = freq;
            w[size++] = weight;
        }

        double[] frequencies() {
            return Arrays.copyOf(f, size);
        }

        double[] weights() {
            return Arrays.copyOf(w, size);
        }
    }

    /**
     * Thermal properties from the DOS with the kappa sampling doubled until converged: starting from
     * {@code startKappa} points per nu, the sampling is doubled until the largest change of F, U, S and Cv over
     * all temperatures, each relative to the largest magnitude of that quantity over the range, is at most
     * {@code tolerance} (or {@code maxKappa} is reached: then {@link Convergence#converged()} is false).
     *
     * @param tolerance  relative, > 0 (1e-4 is the CLI default)
     * @param startKappa >= 2
     * @param maxKappa   >= startKappa
     */
    public static ThermalProperties converged(HelicalPhonons ph, double[] temps, double tolerance, int startKappa,
            int maxKappa, Progress progress) {
        checkTemperatures(temps);
        if (!(tolerance > 0) || !Double.isFinite(tolerance)) {
            throw new InvalidInputException("thermal convergence tolerance " + tolerance + " must be positive");
        }
        if (startKappa < 2 || maxKappa < startKappa) {
            throw new InvalidInputException("kappa sampling from " + startKappa + " to " + maxKappa
                    + " points: need 2 <= start <= max");
        }
        int motif = ph.forceConstants().motifSize();
        List<Integer> ks = new ArrayList<>();
        List<Double> changes = new ArrayList<>();
        int k = startKappa;
        ThermalProperties prev = fromDos(ph.dispersion(k, progress), motif, temps);
        ks.add(k);
        while (true) {
            if (2L * k > maxKappa) {
                return prev.withConvergence(new Convergence(tolerance, ks, changes, false));
            }
            k *= 2;
            ThermalProperties cur = fromDos(ph.dispersion(k, progress), motif, temps);
            double ch = cur.largestChange(prev);
            ks.add(k);
            changes.add(ch);
            prev = cur;
            if (ch <= tolerance) {
                return cur.withConvergence(new Convergence(tolerance, ks, changes, true));
            }
        }
    }

    /** Largest change against {@code other} of F, U, S, Cv, each relative to its largest magnitude here. */
    public double largestChange(ThermalProperties other) {
        if (other.points.size() != points.size()) {
            throw new InvalidInputException("thermal properties on different temperature lists");
        }
        double[] scale = new double[4];
        for (Point p : points) {
            scale[0] = Math.max(scale[0], Math.abs(p.freeEnergy()));
            scale[1] = Math.max(scale[1], Math.abs(p.internalEnergy()));
            scale[2] = Math.max(scale[2], Math.abs(p.entropy()));
            scale[3] = Math.max(scale[3], Math.abs(p.heatCapacity()));
        }
        double worst = 0;
        for (int i = 0; i < points.size(); i++) {
            Point a = points.get(i);
            Point b = other.points.get(i);
            double[] d = {a.freeEnergy() - b.freeEnergy(), a.internalEnergy() - b.internalEnergy(),
                a.entropy() - b.entropy(), a.heatCapacity() - b.heatCapacity()};
            for (int q = 0; q < 4; q++) {
                if (scale[q] > 0) {
                    worst = Math.max(worst, Math.abs(d[q]) / scale[q]);
                }
            }
        }
        return worst;
    }

    // --- unit conversions at the edge ---

    /** Hartree per motif to kJ per mole of motifs (phonopy's kJ/mol per unit cell). */
    public static double kjPerMol(double hartreePerMotif) {
        return hartreePerMotif * JOULE_PER_HARTREE * AVOGADRO / 1000;
    }

    /** k_B per motif to J/K per mole of motifs. */
    public static double jPerKMol(double kbPerMotif) {
        return kbPerMotif * KB_JOULE_PER_K * AVOGADRO;
    }

    /**
     * Low-temperature behaviour from the acoustic branches: the two linear branches of block (0, 0) (axial
     * translation and twist, omega = v |delta kappa|) and the two flexural branches at (1, alpha) and (N-1, -alpha)
     * (omega = beta delta kappa^2). Each linear branch adds Cv = k_B pi t / (3 N v) per motif and each quadratic
     * one Cv = k_B I sqrt(t / beta) / (pi N), with t = k_B T in cm^-1 and
     * I = (3/4) Gamma(3/2) zeta(3/2) = 1.736..., so Cv ~ T^(1/2) as T -> 0 (the flexural modes dominate) and the
     * local exponent rises towards 1 where the linear branches catch up (until optical modes set in).
     *
     * @param velocities    v of the two linear branches, cm^-1 per radian of kappa
     * @param curvatures    beta of the two flexural branches, cm^-1 per radian^2
     * @param orders        measured dispersion order of the four branches (log2 of omega(2 delta)/omega(delta))
     */
    public record LowTemperature(double[] velocities, double[] curvatures, double[] orders, int cyclicOrder) {
        /** I = integral_0^inf y^4 e^(y^2) / (e^(y^2) - 1)^2 dy = (3/4) Gamma(3/2) zeta(3/2). */
        public static final double QUADRATIC_INTEGRAL = 0.75 * 0.5 * Math.sqrt(Math.PI) * 2.612375348685488;

        /** Predicted Cv per motif (k_B) at temperature T (kelvin) from the four acoustic branches alone. */
        public double heatCapacity(double temperature) {
            double t = temperature * CM1_PER_KELVIN;
            double c = 0;
            for (double v : velocities) {
                c += Math.PI * t / (3 * cyclicOrder * v);
            }
            for (double b : curvatures) {
                c += QUADRATIC_INTEGRAL * Math.sqrt(t / b) / (Math.PI * cyclicOrder);
            }
            return c;
        }

        /** d ln Cv / d ln T of the prediction at T (kelvin): 1/2 as T -> 0. */
        public double exponent(double temperature) {
            double t = temperature * CM1_PER_KELVIN;
            double lin = 0;
            double quad = 0;
            for (double v : velocities) {
                lin += Math.PI * t / (3 * cyclicOrder * v);
            }
            for (double b : curvatures) {
                quad += QUADRATIC_INTEGRAL * Math.sqrt(t / b) / (Math.PI * cyclicOrder);
            }
            return (lin + 0.5 * quad) / (lin + quad);
        }
    }

    /** Step in kappa (radians) used to measure the acoustic dispersion. */
    public static final double ACOUSTIC_STEP = 2e-3;

    /** Measures the acoustic branches at their zero modes (see {@link LowTemperature}). */
    public static LowTemperature lowTemperature(HelicalPhonons ph) {
        int n = ph.cyclicOrder();
        double alpha = ph.group().screwAngle();
        double d = ACOUSTIC_STEP;
        double[] f1 = ph.frequencies(d, 0);
        double[] f2 = ph.frequencies(2 * d, 0);
        double[] v = {f1[0] / d, f1[1] / d};
        double[] orders = new double[4];
        orders[0] = Math.log(f2[0] / f1[0]) / Math.log(2);
        orders[1] = Math.log(f2[1] / f1[1]) / Math.log(2);
        double[] beta = new double[2];
        int[] nus = {Math.floorMod(1, n), Math.floorMod(-1, n)};
        double[] k0 = {alpha, -alpha};
        for (int i = 0; i < 2; i++) {
            double a = ph.frequencies(k0[i] + d, nus[i])[0];
            double b = ph.frequencies(k0[i] + 2 * d, nus[i])[0];
            beta[i] = a / (d * d);
            orders[2 + i] = Math.log(b / a) / Math.log(2);
        }
        return new LowTemperature(v, beta, orders, n);
    }
}

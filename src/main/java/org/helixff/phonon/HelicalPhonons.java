package org.helixff.phonon;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.helixff.InvalidInputException;
import org.helixff.Progress;
import org.helixff.symmetry.HelicalGroup;

/**
 * Symmetry-adapted lattice dynamics of a tube from its {@link ForceConstants}: the blocks D(kappa, nu) and
 * everything derived from them (docs/method.md section 5.3, eqs. (5.6)-(5.10)). Every method returns an immutable value; this object
 * holds only the force constants and is thread-safe.
 *
 * <p>Conventions: kappa in [-pi, pi) (other values are wrapped), nu = 0..N-1; frequencies are signed
 * wavenumbers in cm^-1 (imaginary omega reported as negative). The translational cell has q screw steps with
 * q alpha = 2 pi s / N (mod 2 pi), length T = q h and 2 N q atoms; its modes at wave vector k are those of the
 * blocks (m mod N, m alpha + k h) for the angular momenta m = 0..Nq-1 ({@link #cellSpectrum(double)}).
 */
public final class HelicalPhonons {
    private final ForceConstants fc;

    /** @param forceConstants normally symmetrized and with sum rules imposed ({@link SumRules#impose}) */
    public HelicalPhonons(ForceConstants forceConstants) {
        if (forceConstants == null) {
            throw new InvalidInputException("helical phonons need force constants");
        }
        this.fc = forceConstants;
    }

    /** The force constants the dynamical matrices are built from. */
    public ForceConstants forceConstants() {
        return fc;
    }

    /** The tube's cyclic x helical group. */
    public HelicalGroup group() {
        return fc.structure().group();
    }

    /** Cyclic order N. */
    public int cyclicOrder() {
        return group().cyclicOrder();
    }

    /** Branches per block (3 x motif size). */
    public int branches() {
        return 3 * fc.motifSize();
    }

    /** kappa wrapped into [-pi, pi). */
    public static double wrap(double kappa) {
        double w = kappa - 2 * Math.PI * Math.floor((kappa + Math.PI) / (2 * Math.PI));
        return w >= Math.PI ? w - 2 * Math.PI : w;
    }

    /** D(kappa, nu), Ha/(Bohr^2 m_e). */
    public HermitianMatrix dynamicalMatrix(double kappa, int nu) {
        return fc.dynamicalMatrix(kappa, Math.floorMod(nu, cyclicOrder()));
    }

    /** Normal modes of block (kappa, nu); kappa is wrapped into [-pi, pi), nu taken mod N. */
    public Modes modes(double kappa, int nu) {
        int n = Math.floorMod(nu, cyclicOrder());
        double k = wrap(kappa);
        return new Modes(k, n, fc.dynamicalMatrix(k, n).eigen());
    }

    /** Ascending signed frequencies (cm^-1) of block (kappa, nu). */
    public double[] frequencies(double kappa, int nu) {
        return modes(kappa, nu).frequenciesCm1();
    }

    /** The block (nu, kappa) = (m mod N, m alpha + kz h mod 2 pi) of the pattern exp(i (m phi + kz z)). */
    public double[] blockOf(int m, double kz) {
        return new double[] {Math.floorMod(m, cyclicOrder()), wrap(m * group().screwAngle() + kz * group().screwShift())};
    }

    /**
     * Helical band structure on K kappa points for every nu.
     *
     * @param kappaPoints K >= 2
     * @throws InvalidInputException for K < 2 or a grid of more than 50 million blocks
     */
    public HelicalDispersion dispersion(int kappaPoints, Progress progress) {
        if (kappaPoints < 2) {
            throw new InvalidInputException("kappa grid of " + kappaPoints + " points: need at least 2");
        }
        int n = cyclicOrder();
        if ((long) n * kappaPoints > 50_000_000L) {
            throw new InvalidInputException("kappa grid too large: " + n + " x " + kappaPoints + " blocks");
        }
        int br = branches();
        double[] freq = new double[n * kappaPoints * br];
        long total = (long) n * kappaPoints;
        AtomicLong done = new AtomicLong();
        progress.update("helical dispersion", 0, total);
        IntStream.range(0, n * kappaPoints).parallel().forEach(idx -> {
            int nu = idx / kappaPoints;
            int t = idx % kappaPoints;
            double[] f = modes(HelicalDispersion.kappaOf(t, kappaPoints), nu).frequenciesCm1();
            System.arraycopy(f, 0, freq, idx * br, br);
            long d = done.incrementAndGet();
            if (d % 256 == 0 || d == total) {
                progress.update("helical dispersion", d, total);
            }
        });
        return new HelicalDispersion(n, kappaPoints, br, freq);
    }

    /** The translational period (q screw steps, rotation s), if the group has one. */
    public Optional<HelicalGroup.Period> period() {
        return group().period();
    }

    private HelicalGroup.Period requirePeriod() {
        return period().orElseThrow(() -> new InvalidInputException(
                "the tube has no translational period (incommensurate twist), so it has no translational cell"));
    }

    /** Translational period T = q h, Bohr. */
    public double translationalPeriod() {
        return requirePeriod().steps() * group().screwShift();
    }

    /** Atoms per translational cell, motif size x N x q. */
    public long cellAtoms() {
        return (long) fc.motifSize() * cyclicOrder() * requirePeriod().steps();
    }

    /**
     * The spectrum of the translational cell at wave vector k (1/Bohr), from the N q blocks
     * (m mod N, m alpha + k h), m = 0..Nq-1.
     *
     * @throws InvalidInputException for a tube without translational period or with more than 10 million blocks
     */
    public CellSpectrum cellSpectrum(double k) {
        HelicalGroup.Period p = requirePeriod();
        long nq = (long) cyclicOrder() * p.steps();
        if (nq > 10_000_000L) {
            throw new InvalidInputException("translational cell has " + nq + " blocks (> 10 million)");
        }
        int blocks = (int) nq;
        int br = branches();
        int[] nu = new int[blocks];
        double[] kap = new double[blocks];
        double[] freq = new double[blocks * br];
        double alpha = group().screwAngle();
        double h = group().screwShift();
        for (int m = 0; m < blocks; m++) {
            nu[m] = m % cyclicOrder();
            kap[m] = wrap(m * alpha + k * h);
        }
        IntStream.range(0, blocks).parallel().forEach(m -> {
            double[] f = modes(kap[m], nu[m]).frequenciesCm1();
            System.arraycopy(f, 0, freq, m * br, br);
        });
        return new CellSpectrum(k, p.steps() * h, nu, kap, br, freq);
    }

    /** The Gamma point (k = 0) of the translational cell. */
    public CellSpectrum gamma() {
        return cellSpectrum(0);
    }

    /**
     * Dispersion of the translational cell along its 1-D Brillouin zone, k = 0 .. pi/T in kPoints equal steps.
     *
     * @param kPoints >= 2
     */
    public LinearDispersion linearDispersion(int kPoints, Progress progress) {
        if (kPoints < 2) {
            throw new InvalidInputException("k path of " + kPoints + " points: need at least 2");
        }
        double t = translationalPeriod();
        double[] ks = new double[kPoints];
        double[][] f = new double[kPoints][];
        progress.update("linear dispersion", 0, kPoints);
        for (int i = 0; i < kPoints; i++) {
            ks[i] = Math.PI / t * i / (kPoints - 1);
            f[i] = cellSpectrum(ks[i]).sortedFrequencies();
            progress.update("linear dispersion", i + 1, kPoints);
        }
        return new LinearDispersion(t, (int) cellAtoms(), ks, f);
    }

    /**
     * Density of states per motif from a helical sampling of K kappa points for every nu (see
     * {@link DensityOfStates} for the method).
     *
     * @param sampling   a dispersion on K >= 2 points
     * @param sigma      Gaussian broadening (standard deviation), cm^-1, > 0
     * @param gridStep   frequency grid spacing, cm^-1, > 0 (sigma/4 resolves every peak)
     */
    public static DensityOfStates densityOfStates(HelicalDispersion sampling, double sigma, double gridStep) {
        if (!(sigma > 0) || !(gridStep > 0) || !Double.isFinite(sigma) || !Double.isFinite(gridStep)) {
            throw new InvalidInputException("DOS broadening " + sigma + " and grid step " + gridStep
                    + " cm^-1 must be positive");
        }
        double lo = sampling.minimum() - 6 * sigma;
        double hi = sampling.maximum() + 6 * sigma;
        int size = (int) Math.ceil((hi - lo) / gridStep) + 1;
        if (size > 10_000_000) {
            throw new InvalidInputException("DOS grid of " + size + " points is too large: raise the grid step");
        }
        double[] g = new double[size];
        int n = sampling.cyclicOrder();
        int kp = sampling.kappaPoints();
        double w = 1.0 / ((double) n * kp);
        double norm = 1 / (sigma * Math.sqrt(2 * Math.PI));
        for (int nu = 0; nu < n; nu++) {
            for (int b = 0; b < sampling.branches(); b++) {
                for (int t = 0; t < kp; t++) {
                    double f1 = sampling.frequency(nu, t, b);
                    double f2 = sampling.frequency(nu, (t + 1) % kp, b);
                    double a = Math.min(f1, f2);
                    double c = Math.max(f1, f2);
                    int i0 = Math.max(0, (int) Math.floor((a - 6 * sigma - lo) / gridStep));
                    int i1 = Math.min(size - 1, (int) Math.ceil((c + 6 * sigma - lo) / gridStep));
                    if (c - a < 1e-3 * sigma) {
                        double mid = 0.5 * (a + c);
                        for (int i = i0; i <= i1; i++) {
                            double x = (lo + i * gridStep - mid) / sigma;
                            g[i] += w * norm * Math.exp(-0.5 * x * x);
                        }
                    } else {
                        double inv = w / (c - a);
                        for (int i = i0; i <= i1; i++) {
                            double f = lo + i * gridStep;
                            g[i] += inv * (DensityOfStates.normalCdf((f - a) / sigma) - DensityOfStates.normalCdf((f - c) / sigma));
                        }
                    }
                }
            }
        }
        return new DensityOfStates(lo, gridStep, g, sigma, kp);
    }
}

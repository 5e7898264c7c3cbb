package org.helixff.teacher;

import java.util.stream.IntStream;
import org.helixff.InvalidInputException;
import org.helixff.Units;
import org.helixff.calculator.Calculator;
import org.helixff.calculator.SiteCalculator;
import org.helixff.calculator.SiteModel;
import org.helixff.neighbors.NeighborList;

/**
 * The Tersoff potential for carbon (J. Tersoff, PRB 39, 5566 (1989), erratum PRB 41, 3248 (1990)) as a
 * {@link SiteModel}: the reference teacher of the project and its speed yardstick.
 *
 * <p>Site energy of atom i (LAMMPS convention, single species, lambda3 = 0):
 *
 * <pre>
 *   eps_i   = 1/2 sum_j fc(r_ij) [ fR(r_ij) + b_ij fA(r_ij) ]
 *   fR(r)   = A exp(-lambda1 r),   fA(r) = -B exp(-lambda2 r)
 *   b_ij    = (1 + (beta zeta_ij)^n)^(-1/(2n)),   zeta_ij = sum_{k != i,j} fc(r_ik) g(cos theta_ijk)
 *   g(cos)  = gamma (1 + c^2/d^2 - c^2/(d^2 + (h - cos)^2))
 *   fc(r)   = 1 (r &lt; R-D);  1/2 - 1/2 sin(pi/2 (r-R)/D) (R-D &lt;= r &lt; R+D);  0 beyond
 * </pre>
 *
 * b_ij depends only on the neighbours of i, so eps_i is a function of i's own neighbour displacements
 * and {@link SiteCalculator} turns this model into a {@link Calculator} for both the symmetry-adapted
 * and the full-cell path. g is evaluated in the cancellation-free form gamma (1 + c^2 t^2 / (d^2 (d^2 +
 * t^2))), t = h - cos, which equals the expression above (c^2/d^2 ~ 7.7e7 would otherwise cost ~4 digits).
 *
 * <p>Units: the parameters are given in eV and Angstrom ({@link Parameters}) and converted once, at
 * construction, to Hartree and Bohr; {@link #evaluate} works entirely in Hartree and Bohr.
 *
 * <p>Threads: {@link #evaluate} splits large lists into fixed blocks of centres evaluated in parallel;
 * each centre writes only its own site energy and its own entries' gradients, so the result does not
 * depend on the number of threads or their scheduling. Immutable and safe for concurrent use.
 */
public final class Tersoff implements SiteModel {
    /** Lists with fewer centres than this are evaluated on the calling thread. */
    static final int PARALLEL_THRESHOLD = 1024;
    /** Centres per parallel block. */
    static final int BLOCK = 256;

    /**
     * Tersoff parameters for one element in eV and Angstrom, LAMMPS naming (lambda3 = 0 assumed).
     *
     * @param a       repulsive prefactor A, eV
     * @param b       attractive prefactor B, eV
     * @param lambda1 repulsive decay, 1/A
     * @param lambda2 attractive decay, 1/A
     * @param beta    bond-order prefactor (dimensionless)
     * @param n       bond-order exponent (dimensionless, > 0)
     * @param gamma   angular prefactor (dimensionless)
     * @param c       angular strength (dimensionless)
     * @param d       angular width (dimensionless)
     * @param h       cos theta_0 of the angular term (dimensionless; LAMMPS's h, Tersoff's h)
     * @param r       cutoff centre R, A
     * @param dr      cutoff half-width D, A
     */
    public record Parameters(double a, double b, double lambda1, double lambda2, double beta, double n, double gamma,
            double c, double d, double h, double r, double dr) {
        public Parameters {
            double[] all = {a, b, lambda1, lambda2, beta, n, gamma, c, d, h, r, dr};
            for (double v : all) {
                if (!Double.isFinite(v)) {
                    throw new InvalidInputException("Tersoff parameter " + v + " is not finite");
                }
            }
            if (!(n > 0) || !(d != 0) || !(dr > 0) || !(r > dr)) {
                throw new InvalidInputException("Tersoff parameters need n > 0, d != 0 and R > D > 0 (n " + n
                        + ", d " + d + ", R " + r + ", D " + dr + ")");
            }
        }
    }

    /** The carbon parameter sets the library ships. */
    public enum Variant {
        /**
         * Tersoff 1989 with the 1990 erratum (docs/method.md section 6): A 1393.6 eV, B 346.74 eV, lambda1
         * 3.4879 /A, lambda2 2.2119 /A, beta 1.5724e-7, n 0.72751, gamma 1, c 38049, d 4.3484,
         * h -0.57058, R 1.95 A, D 0.15 A.
         */
        ORIGINAL("tersoff", new Parameters(1393.6, 346.74, 3.4879, 2.2119, 1.5724e-7, 0.72751, 1.0, 38049.0,
                4.3484, -0.57058, 1.95, 0.15)),
        /** Lindsay and Broido, PRB 81, 205441 (2010): the original with B = 430 eV and h = -0.930. */
        LINDSAY_BROIDO("tersoff-lb", new Parameters(1393.6, 430.0, 3.4879, 2.2119, 1.5724e-7, 0.72751, 1.0,
                38049.0, 4.3484, -0.930, 1.95, 0.15));

        private final String modelName;
        private final Parameters parameters;

        Variant(String modelName, Parameters parameters) {
            this.modelName = modelName;
            this.parameters = parameters;
        }

        /** The model name used by the CLI and {@link Teachers#byName(String)}. */
        public String modelName() {
            return modelName;
        }

        /** Parameters in eV and Angstrom. */
        public Parameters parameters() {
            return parameters;
        }
    }

    private final String name;
    private final Parameters parametersEvA;
    // Hartree / Bohr
    private final double bigA;
    private final double bigB;
    private final double lambda1;
    private final double lambda2;
    private final double beta;
    private final double n;
    private final double gamma;
    private final double c2;
    private final double d2;
    private final double h;
    private final double rInner;
    private final double rOuter;
    private final double cutR;
    private final double cutScale;
    private final double minusInv2n;

    /** One of the shipped variants. */
    public Tersoff(Variant variant) {
        this(variant.modelName(), variant.parameters());
    }

    /**
     * A Tersoff model with custom parameters.
     *
     * @param name       model name reported by {@link #name()}
     * @param parameters eV and Angstrom
     */
    public Tersoff(String name, Parameters parameters) {
        this.name = name;
        this.parametersEvA = parameters;
        double bohr = Units.ANGSTROM_PER_BOHR;
        this.bigA = Units.evToHartree(parameters.a());
        this.bigB = Units.evToHartree(parameters.b());
        this.lambda1 = parameters.lambda1() * bohr;
        this.lambda2 = parameters.lambda2() * bohr;
        this.beta = parameters.beta();
        this.n = parameters.n();
        this.gamma = parameters.gamma();
        this.c2 = parameters.c() * parameters.c();
        this.d2 = parameters.d() * parameters.d();
        this.h = parameters.h();
        this.cutR = Units.angstromToBohr(parameters.r());
        double dBohr = Units.angstromToBohr(parameters.dr());
        this.rInner = cutR - dBohr;
        this.rOuter = cutR + dBohr;
        this.cutScale = Math.PI / (2 * dBohr);
        this.minusInv2n = -1.0 / (2 * n);
    }

    /** A {@link Calculator} (both paths) for one of the shipped variants. */
    public static Calculator calculator(Variant variant) {
        return new SiteCalculator(new Tersoff(variant));
    }

    @Override
    public String name() {
        return name;
    }

    /** R + D in Bohr (3.968 Bohr = 2.1 A for carbon). */
    @Override
    public double cutoff() {
        return rOuter;
    }

    /** The parameters this model was built from, eV and Angstrom. */
    public Parameters parameters() {
        return parametersEvA;
    }

    /**
     * Site energies and their gradients with respect to every neighbour displacement.
     *
     * @param nl            neighbours of each centre, displacements in Bohr (entries beyond R + D are allowed
     *                      and contribute nothing)
     * @param siteEnergies  out: eps_i, Hartree, one per centre
     * @param entryGradient out: d eps_i / d d_e, Ha/Bohr, 3 per entry (every entry is written)
     */
    @Override
    public void evaluate(NeighborList nl, double[] siteEnergies, double[] entryGradient) {
        int centers = nl.centers();
        if (siteEnergies.length < centers || entryGradient.length < 3 * nl.entries()) {
            throw new IllegalArgumentException("output arrays too short for " + centers + " centres and "
                    + nl.entries() + " entries");
        }
        if (centers < PARALLEL_THRESHOLD) {
            evaluateRange(nl, 0, centers, siteEnergies, entryGradient, SCRATCH.get());
            return;
        }
        int blocks = (centers + BLOCK - 1) / BLOCK;
        IntStream.range(0, blocks).parallel().forEach(blk -> evaluateRange(nl, blk * BLOCK,
                Math.min(centers, (blk + 1) * BLOCK), siteEnergies, entryGradient, SCRATCH.get()));
    }

    /** Work arrays of the current thread (no allocation per call; each thread uses only its own). */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** Per-thread work arrays, grown to the largest neighbour count seen. */
    private static final class Scratch {
        int cap;
        double[] ux;
        double[] uy;
        double[] uz;
        double[] r;
        double[] fc;
        double[] dfc;
        double[] gx;
        double[] gy;
        double[] gz;
        int[] live;
        double[] cosM;
        double[] gM;
        double[] gpM;

        Scratch() {
            grow(16);
        }

        void grow(int n) {
            cap = n;
            ux = new double[n];
            uy = new double[n];
            uz = new double[n];
            r = new double[n];
            fc = new double[n];
            dfc = new double[n];
            gx = new double[n];
            gy = new double[n];
            gz = new double[n];
            live = new int[n];
            cosM = new double[n * n];
            gM = new double[n * n];
            gpM = new double[n * n];
        }
    }

    private void evaluateRange(NeighborList nl, int from, int to, double[] eps, double[] grad, Scratch s) {
        for (int i = from; i < to; i++) {
            int start = nl.start(i);
            int cnt = nl.end(i) - start;
            if (cnt > s.cap) {
                s.grow(Math.max(cnt, 2 * s.cap));
            }
            eps[i] = evaluateCenter(nl, start, cnt, grad, s);
        }
    }

    /** One centre: returns eps_i and writes the gradients of its entries. */
    private double evaluateCenter(NeighborList nl, int start, int cnt, double[] grad, Scratch s) {
        final int m = liveNeighbours(nl, start, cnt, grad, s);
        if (m == 0) {
            return 0.0;
        }
        final double[] ux = s.ux;
        final double[] uy = s.uy;
        final double[] uz = s.uz;
        final double[] r = s.r;
        final double[] fc = s.fc;
        final double[] dfc = s.dfc;
        final double[] gx = s.gx;
        final double[] gy = s.gy;
        final double[] gz = s.gz;
        final int[] live = s.live;
        angularTable(m, s);
        final double[] cosM = s.cosM;
        final double[] gM = s.gM;
        final double[] gpM = s.gpM;
        double e2 = 0; // 2 eps_i
        for (int j = 0; j < m; j++) {
            double zeta = 0;
            for (int k = 0; k < m; k++) {
                if (k != j) {
                    zeta += fc[k] * gM[j * m + k];
                }
            }
            double rj = r[j];
            double fR = bigA * Math.exp(-lambda1 * rj);
            double fA = -bigB * Math.exp(-lambda2 * rj);
            double b;
            double dbdz;
            if (zeta > 0) {
                double x = Math.pow(beta * zeta, n);
                b = Math.pow(1.0 + x, minusInv2n);
                dbdz = -0.5 * b * x / ((1.0 + x) * zeta);
            } else {
                // no other neighbour inside R + D: b = 1; every d zeta term carries fc_k or fc'_k = 0
                b = 1.0;
                dbdz = 0.0;
            }
            double fcj = fc[j];
            e2 += fcj * (fR + b * fA);
            // radial part: d/dr [fc (fR + b fA)] at fixed b
            double dpair = 0.5 * (dfc[j] * (fR + b * fA) - fcj * (lambda1 * fR + b * lambda2 * fA));
            gx[j] += dpair * ux[j];
            gy[j] += dpair * uy[j];
            gz[j] += dpair * uz[j];
            // bond-order part: P_j d zeta_ij
            double p = 0.5 * fcj * fA * dbdz;
            if (p == 0.0) {
                continue;
            }
            double invRj = 1.0 / rj;
            for (int k = 0; k < m; k++) {
                if (k == j) {
                    continue;
                }
                double cs = cosM[j * m + k];
                double gv = gM[j * m + k];
                double a1 = p * fc[k] * gpM[j * m + k];
                // d cos / d d_j = (u_k - cos u_j) / r_j ; d cos / d d_k = (u_j - cos u_k) / r_k
                double aj = a1 * invRj;
                gx[j] += aj * (ux[k] - cs * ux[j]);
                gy[j] += aj * (uy[k] - cs * uy[j]);
                gz[j] += aj * (uz[k] - cs * uz[j]);
                double ak = a1 / r[k];
                double rad = p * dfc[k] * gv;
                gx[k] += ak * (ux[j] - cs * ux[k]) + rad * ux[k];
                gy[k] += ak * (uy[j] - cs * uy[k]) + rad * uy[k];
                gz[k] += ak * (uz[j] - cs * uz[k]) + rad * uz[k];
            }
        }
        for (int a = 0; a < m; a++) {
            int e = live[a];
            grad[3 * e] = gx[a];
            grad[3 * e + 1] = gy[a];
            grad[3 * e + 2] = gz[a];
        }
        return 0.5 * e2;
    }

    /**
     * Gathers the neighbours of one centre inside R + D ("live") into the scratch arrays (unit vectors, distances,
     * cutoff function and its derivative, zeroed gradients) and zeroes the gradient of every entry; returns how
     * many are live.
     */
    private int liveNeighbours(NeighborList nl, int start, int cnt, double[] grad, Scratch s) {
        final double[] ux = s.ux;
        final double[] uy = s.uy;
        final double[] uz = s.uz;
        final double[] r = s.r;
        final double[] fc = s.fc;
        final double[] dfc = s.dfc;
        final double[] gx = s.gx;
        final double[] gy = s.gy;
        final double[] gz = s.gz;
        final int[] live = s.live;
        int nl2 = 0;
        for (int a = 0; a < cnt; a++) {
            int e = start + a;
            grad[3 * e] = 0;
            grad[3 * e + 1] = 0;
            grad[3 * e + 2] = 0;
            double ra = nl.distance(e);
            if (ra >= rOuter) {
                continue;
            }
            double inv = 1.0 / ra;
            r[nl2] = ra;
            ux[nl2] = nl.disp(e, 0) * inv;
            uy[nl2] = nl.disp(e, 1) * inv;
            uz[nl2] = nl.disp(e, 2) * inv;
            if (ra < rInner) {
                fc[nl2] = 1.0;
                dfc[nl2] = 0.0;
            } else {
                double arg = cutScale * (ra - cutR);
                fc[nl2] = 0.5 - 0.5 * Math.sin(arg);
                dfc[nl2] = -0.5 * cutScale * Math.cos(arg);
            }
            gx[nl2] = 0;
            gy[nl2] = 0;
            gz[nl2] = 0;
            live[nl2] = e;
            nl2++;
        }
        return nl2;
    }

    /** The angular functions cos, g and dg/dcos of every ordered pair of the {@code m} live neighbours. */
    private void angularTable(int m, Scratch s) {
        final double[] ux = s.ux;
        final double[] uy = s.uy;
        final double[] uz = s.uz;
        final double[] cosM = s.cosM;
        final double[] gM = s.gM;
        final double[] gpM = s.gpM;
        for (int j = 0; j < m; j++) {
            for (int k = j + 1; k < m; k++) {
                double cs = ux[j] * ux[k] + uy[j] * uy[k] + uz[j] * uz[k];
                double t = h - cs;
                double t2 = t * t;
                double den = d2 + t2;
                double gv = gamma * (1.0 + c2 * t2 / (d2 * den));
                double gp = -2.0 * gamma * c2 * t / (den * den); // dg/dcos
                cosM[j * m + k] = cs;
                cosM[k * m + j] = cs;
                gM[j * m + k] = gv;
                gM[k * m + j] = gv;
                gpM[j * m + k] = gp;
                gpM[k * m + j] = gp;
            }
        }
    }

    @Override
    public String toString() {
        return "Tersoff[" + name + "]";
    }
}

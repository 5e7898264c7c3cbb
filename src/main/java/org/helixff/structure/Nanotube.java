package org.helixff.structure;

import org.helixff.InvalidInputException;
import org.helixff.Units;

/**
 * The ideal rolled-up single-wall carbon nanotube (n, m): its cyclic and helical symmetry numbers and
 * its 2-atom motif (docs/method.md eqs. (1.1)-(1.6)). Immutable.
 *
 * <p>Convention: graphene a = sqrt(3) d_CC, a1 = a(1, 0), a2 = a(1/2, sqrt(3)/2), basis atoms at 0 and
 * (a1 + a2)/3, chiral vector C = n a1 + m a2, radius R = |C|/(2 pi). A sheet point P rolls to
 * (R cos(P.C^/R), R sin(P.C^/R), P.T^) with T^ = C^ rotated by +90 degrees; the tube axis is z through
 * the origin. Cyclic order N = gcd(n, m); screw generator H = u a1 + v a2 with m u - n v = -N, rotation
 * alpha = 2 pi (H.C)/|C|^2 taken in (-pi/N, pi/N], shift h = sqrt(3) N a^2 / (2 |C|). Every atom of the
 * tube is exactly one image X(i; k, j) = R(2 pi k/N + j alpha) X_i + (0, 0, j h). Translational
 * period: q screw steps with q alpha = 2 pi s / N (mod 2 pi), T = q h, 2 N q atoms per cell.
 *
 * <p>Tubes with m > n are built directly from C = n a1 + m a2; they are the mirror images (z -> -z) of
 * (m, n), which {@link #isMirrorImage()} states. All lengths in Bohr, angles in radians.
 */
public final class Nanotube {
    /** Default carbon-carbon distance of the ideal roll-up: 1.42 Angstrom, in Bohr. */
    public static final double DEFAULT_DCC = Units.angstromToBohr(1.42);
    /** Thinnest tube accepted: diameter 0.3 nm (in Bohr). Thinner tubes do not exist as sp2 carbon. */
    public static final double MIN_DIAMETER = Units.angstromToBohr(3.0);
    /** Closest two atoms may be in an accepted tube (Bohr): below this the roll-up has collapsed. */
    public static final double MIN_ATOM_DISTANCE = 2.0;

    private final int n;
    private final int m;
    private final double dcc;
    private final int cyclicOrder;
    private final double screwAngle;
    private final double screwShift;
    private final double radius;
    private final long periodSteps;
    private final long periodRotation;
    private final int screwU;
    private final int screwV;
    private final double[] motif;
    private final double[] sheetC;
    private final double[] sheetT;

    private Nanotube(int n, int m, double dcc) {
        if (n < 0 || m < 0 || n + m < 1) {
            throw new InvalidInputException("tube (" + n + "," + m + ") is impossible: need n, m >= 0, not both 0"
                    + " ((0,m) is the mirror image of the zigzag tube (m,0))");
        }
        if (n > 100000 || m > 100000) {
            throw new InvalidInputException("tube (" + n + "," + m + ") is too large: indices must be <= 100000");
        }
        if (!(dcc > 0.5 && dcc < 10.0) || !Double.isFinite(dcc)) {
            throw new InvalidInputException("carbon-carbon distance " + dcc + " Bohr is outside (0.5, 10) Bohr");
        }
        this.n = n;
        this.m = m;
        this.dcc = dcc;
        double a = Math.sqrt(3.0) * dcc;
        long d = (long) n * n + (long) n * m + (long) m * m;
        double cLen = a * Math.sqrt((double) d);
        this.radius = cLen / (2 * Math.PI);
        int g = gcd(n, m);
        this.cyclicOrder = g;
        // m u - n v = -N: from m x + n y = N take u = -x, v = y.
        long[] xy = extendedGcd(m, n);
        long u = -xy[0];
        long v = xy[1];
        // alpha N / (2 pi) = N num2 / (2 d), num2 = 2un + um + vn + 2vm; shift H by t C/N so that it lies in (-1/2, 1/2].
        long num2 = 2 * u * n + u * m + v * n + 2 * v * m;
        long p = g * num2;
        long q2 = 2 * d;
        long t = Math.floorDiv(q2 - 2 * p, 2 * q2);
        u += t * (n / g);
        v += t * (m / g);
        num2 = 2 * u * n + u * m + v * n + 2 * v * m;
        this.screwU = (int) u;
        this.screwV = (int) v;
        this.screwAngle = Math.PI * num2 / (double) d;
        this.screwShift = Math.sqrt(3.0) * g * a * a / (2 * cLen);
        long dR = gcd((int) (2L * n + m), (int) (2L * m + n));
        this.periodSteps = 2 * d / (g * dR);
        // s = q N alpha / (2 pi) = q N num2 / (2 d), an integer, taken mod N
        long num = periodSteps * g * num2;
        if (num % (2 * d) != 0) {
            throw new IllegalStateException("non-integer period rotation for (" + n + "," + m + ")");
        }
        this.periodRotation = Math.floorMod(num / (2 * d), g);

        this.sheetC = new double[] {a * (n + 0.5 * m) / cLen, a * (Math.sqrt(3.0) / 2 * m) / cLen};
        this.sheetT = new double[] {-sheetC[1], sheetC[0]};
        double[] pB = {a * 0.5, a * Math.sqrt(3.0) / 6};
        // (a1 + a2)/3 = a (1/2, sqrt(3)/6)
        this.motif = new double[6];
        double[] xa = roll(0, 0);
        double[] xb = roll(pB[0], pB[1]);
        System.arraycopy(xa, 0, motif, 0, 3);
        System.arraycopy(xb, 0, motif, 3, 3);

        if (2 * radius < MIN_DIAMETER) {
            throw new InvalidInputException(String.format(
                    "tube (%d,%d) is too thin to exist: diameter %.3f nm < %.1f nm", n, m,
                    2 * radius * Units.ANGSTROM_PER_BOHR / 10, MIN_DIAMETER * Units.ANGSTROM_PER_BOHR / 10));
        }
        double closest = closestImageDistance();
        if (closest < MIN_ATOM_DISTANCE) {
            throw new InvalidInputException(String.format(
                    "tube (%d,%d) is too thin to exist: atoms %.3f Bohr apart (< %.1f Bohr)", n, m, closest,
                    MIN_ATOM_DISTANCE));
        }
    }

    /** The ideal tube (n, m) with d_CC = 1.42 A. */
    public static Nanotube of(int n, int m) {
        return new Nanotube(n, m, DEFAULT_DCC);
    }

    /** The ideal tube (n, m) with the given carbon-carbon distance in Bohr. */
    public static Nanotube of(int n, int m, double dccBohr) {
        return new Nanotube(n, m, dccBohr);
    }

    /** Diameter of the ideal roll-up of (n, m) without building it (Bohr): sqrt(3) d_CC sqrt(n^2+nm+m^2)/pi. */
    public static double idealDiameter(int n, int m, double dccBohr) {
        return Math.sqrt(3.0) * dccBohr * Math.sqrt((double) n * n + (double) n * m + (double) m * m) / Math.PI;
    }

    private double[] roll(double px, double py) {
        double s = px * sheetC[0] + py * sheetC[1];
        double z = px * sheetT[0] + py * sheetT[1];
        double phi = s / radius;
        return new double[] {radius * Math.cos(phi), radius * Math.sin(phi), z};
    }

    /** Shortest distance between two distinct atoms of the ideal tube (Bohr). */
    private double closestImageDistance() {
        double best = Double.POSITIVE_INFINITY;
        double reach = 4 * dcc;
        int jmax = (int) Math.ceil(reach / screwShift) + 1;
        for (int b = 0; b < 2; b++) {
            for (int j = -jmax; j <= jmax; j++) {
                for (int k = 0; k < cyclicOrder; k++) {
                    if (b == 0 && j == 0 && k == 0) {
                        continue;
                    }
                    double ang = 2 * Math.PI * k / cyclicOrder + j * screwAngle;
                    double c = Math.cos(ang);
                    double sn = Math.sin(ang);
                    double x = c * motif[3 * b] - sn * motif[3 * b + 1];
                    double y = sn * motif[3 * b] + c * motif[3 * b + 1];
                    double z = motif[3 * b + 2] + j * screwShift;
                    double dx = x - motif[0];
                    double dy = y - motif[1];
                    double dz = z - motif[2];
                    best = Math.min(best, Math.sqrt(dx * dx + dy * dy + dz * dz));
                }
            }
        }
        return best;
    }

    /** Chiral index n (n >= 1, n >= m). */
    public int n() {
        return n;
    }

    /** Chiral index m ({@code 0 <= m <= n}). */
    public int m() {
        return m;
    }

    /** Carbon-carbon distance of the ideal roll-up, Bohr. */
    public double dcc() {
        return dcc;
    }

    /** True for m > n: the mirror image (z -> -z) of tube (m, n). */
    public boolean isMirrorImage() {
        return m > n;
    }

    /** Cyclic order N = gcd(n, m). */
    public int cyclicOrder() {
        return cyclicOrder;
    }

    /** Screw rotation alpha in (-pi/N, pi/N], radians. */
    public double screwAngle() {
        return screwAngle;
    }

    /** Screw shift h along the axis, Bohr. */
    public double screwShift() {
        return screwShift;
    }

    /** Radius of the ideal roll-up, Bohr. */
    public double radius() {
        return radius;
    }

    /** Diameter of the ideal roll-up, Bohr. */
    public double diameter() {
        return 2 * radius;
    }

    /** Screw steps q per translational period. */
    public long periodSteps() {
        return periodSteps;
    }

    /** s in q alpha = 2 pi s / N (mod 2 pi), 0 <= s < N. */
    public long periodRotation() {
        return periodRotation;
    }

    /** Translational period T = q h, Bohr. */
    public double period() {
        return periodSteps * screwShift;
    }

    /** Atoms per translational cell, 2 N q. */
    public long atomsPerCell() {
        return 2L * cyclicOrder * periodSteps;
    }

    /** Lattice coordinates (u, v) of the screw generator H = u a1 + v a2. */
    public int[] screwGenerator() {
        return new int[] {screwU, screwV};
    }

    /** The 2-atom motif: atom 0 at (R, 0, 0), atom 1 the rolled (a1 + a2)/3; 6 numbers, Bohr. */
    public double[] motif() {
        return motif.clone();
    }

    /**
     * The three distinct nearest-neighbour (chord) distances of the rolled sheet, Bohr: the bonds to
     * the sheet points (a1+a2)/3, (a1+a2)/3 - a1 and (a1+a2)/3 - a2 of atom 0, rolled up.
     */
    public double[] rolledBondLengths() {
        double a = Math.sqrt(3.0) * dcc;
        double[][] bonds = {{a * 0.5, a * Math.sqrt(3.0) / 6}, {-a * 0.5, a * Math.sqrt(3.0) / 6},
            {0, -a / Math.sqrt(3.0)}};
        double[] out = new double[3];
        for (int i = 0; i < 3; i++) {
            double s = bonds[i][0] * sheetC[0] + bonds[i][1] * sheetC[1];
            double z = bonds[i][0] * sheetT[0] + bonds[i][1] * sheetT[1];
            double chord = 2 * radius * Math.sin(Math.abs(s) / (2 * radius));
            out[i] = Math.sqrt(chord * chord + z * z);
        }
        return out;
    }

    @Override
    public String toString() {
        return "(" + n + "," + m + ")";
    }

    /** Greatest common divisor of |a| and |b|. */
    public static int gcd(int a, int b) {
        a = Math.abs(a);
        b = Math.abs(b);
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /** Returns {x, y} with a x + b y = gcd(a, b). */
    static long[] extendedGcd(long a, long b) {
        long oldR = a;
        long r = b;
        long oldS = 1;
        long s = 0;
        long oldT = 0;
        long t = 1;
        while (r != 0) {
            long quotient = oldR / r;
            long tmp = r;
            r = oldR - quotient * r;
            oldR = tmp;
            tmp = s;
            s = oldS - quotient * s;
            oldS = tmp;
            tmp = t;
            t = oldT - quotient * t;
            oldT = tmp;
        }
        if (oldR < 0) {
            oldS = -oldS;
            oldT = -oldT;
        }
        return new long[] {oldS, oldT};
    }
}

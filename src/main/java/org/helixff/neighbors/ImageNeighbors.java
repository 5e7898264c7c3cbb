package org.helixff.neighbors;

import org.helixff.InvalidInputException;
import org.helixff.symmetry.HelicalGroup;
import org.helixff.symmetry.SymmetricStructure;

/**
 * Neighbours of the motif atoms of a {@link SymmetricStructure}: for each motif atom a, every image
 * (b; k, j) of every motif atom b (other than a itself) closer than the cutoff, with its group element
 * and displacement. Cost depends on the cutoff and h, not on the size of the tube's translational cell.
 * A candidate image is evaluated (one sine and cosine) only when a bound on its distance in (angle, z) admits it:
 * for motif pairs with few candidates by a scan over j and k, for many (small h, large N) by enumerating the
 * lattice points of the admissible ellipse directly; the exact distance test and the displacement arithmetic are
 * those of {@link HelicalGroup#apply}, so the list does not depend on the pre-filter. Each entry also carries the
 * cosine and sine of its rotation ({@link NeighborList#imageCos}), which gathering reuses.
 */
public final class ImageNeighbors {
    /** Relative slack of the angular pre-filter (keeps candidates at the cutoff within round-off). */
    static final double WINDOW_SLACK = 1e-9;
    private static final double TWO_PI = 2 * Math.PI;
    private static final double TWO_OVER_PI2 = 2 / (Math.PI * Math.PI);
    /** Above this many (j, k) candidates of a motif pair, the lattice enumeration replaces the scan. */
    static final long LATTICE_MIN_CANDIDATES = 48;

    private ImageNeighbors() {
    }

    /**
     * @param s      the tube
     * @param cutoff radius in Bohr (> 0)
     * @return entries ordered by (b, j, k) for each centre a
     */
    public static NeighborList build(SymmetricStructure s, double cutoff) {
        if (!(cutoff > 0) || !Double.isFinite(cutoff)) {
            throw new InvalidInputException("cutoff " + cutoff + " Bohr must be positive and finite");
        }
        HelicalGroup g = s.group();
        int nm = s.motifSize();
        int n = g.cyclicOrder();
        double h = g.screwShift();
        double[] x = s.motif();
        double rc2 = cutoff * cutoff;
        IntBuffer nb = new IntBuffer();
        IntBuffer kk = new IntBuffer();
        IntBuffer jj = new IntBuffer();
        DoubleBuffer dd = new DoubleBuffer();
        DoubleBuffer rot = new DoubleBuffer();
        DoubleBuffer rot2 = new DoubleBuffer();
        int[] offsets = new int[nm + 1];
        long maxSteps = (long) Math.ceil(2 * cutoff / h) + 2;
        if (maxSteps * n * nm > 50_000_000L) {
            throw new InvalidInputException("image search too large: " + maxSteps + " screw steps x " + n
                    + " rotations (cutoff " + cutoff + " Bohr, h " + h + " Bohr)");
        }
        double alpha = g.screwAngle();
        double alphaWrapped = wrap(alpha);
        double[] rotation = new double[n];
        for (int k = 0; k < n; k++) {
            rotation[k] = TWO_PI * k / n;
        }
        double[] radius = new double[nm];
        double[] theta = new double[nm];
        for (int b = 0; b < nm; b++) {
            radius[b] = Math.sqrt(x[3 * b] * x[3 * b] + x[3 * b + 1] * x[3 * b + 1]);
            theta[b] = Math.atan2(x[3 * b + 1], x[3 * b]);
        }
        Pairs pairs = new Pairs(g, x, rc2, cutoff, alphaWrapped, rotation, radius, theta, nb, kk, jj, dd, rot, rot2);
        for (int a = 0; a < nm; a++) {
            for (int b = 0; b < nm; b++) {
                pairs.images(a, b);
            }
            offsets[a + 1] = nb.size();
        }
        double[] disp = dd.toArray();
        int entries = nb.size();
        double[] dist = new double[entries];
        for (int e = 0; e < entries; e++) {
            dist[e] = Math.sqrt(disp[3 * e] * disp[3 * e] + disp[3 * e + 1] * disp[3 * e + 1]
                    + disp[3 * e + 2] * disp[3 * e + 2]);
        }
        return new NeighborList(cutoff, offsets, nb.toArray(), disp, dist, kk.toArray(), jj.toArray(), null,
                rot.toArray(), rot2.toArray());
    }

    /** The image search of motif pairs (a, b): what it reads and the buffers the entries go to. */
    private record Pairs(HelicalGroup g, double[] x, double rc2, double cutoff, double alphaWrapped,
            double[] rotation, double[] radius, double[] theta, IntBuffer nb, IntBuffer kk, IntBuffer jj,
            DoubleBuffer dd, DoubleBuffer rot, DoubleBuffer rot2) {
        /** Adds the images of b within the cutoff of a, ordered by (j, k). */
        void images(int a, int b) {
            int n = g.cyclicOrder();
            double h = g.screwShift();
            double alpha = g.screwAngle();
            double za = x[3 * a + 2];
            double zb = x[3 * b + 2];
            int jlo = (int) Math.ceil((za - zb - cutoff) / h);
            int jhi = (int) Math.floor((za - zb + cutoff) / h);
            // Angular filter (the distance test in accept decides): the image of b under (k, j) lies at angle
            // theta_b + 2 pi k / N + j alpha, so its squared distance from a is
            // dz^2 + (r_a - r_b)^2 + 2 r_a r_b (1 - cos delta), delta its angle from a (|delta| <= pi). It is in
            // range only if 1 - cos delta < u = (rc^2 - dz^2 - (r_a - r_b)^2) / (2 r_a r_b); since
            // 1 - cos delta >= 2 delta^2 / pi^2, that needs 2 delta^2 / pi^2 < u. Many candidates: enumerate
            // the lattice points of that ellipse directly; few: scan j and k and skip those failing the test
            // without evaluating the rotation (no sin/cos per rejected candidate).
            double rr = radius[a] * radius[b];
            double dr = radius[a] - radius[b];
            double theta0 = theta[b] - theta[a];
            long scan = (long) (jhi - jlo + 1) * n;
            int[] keys = scan > LATTICE_MIN_CANDIDATES
                    ? latticeCandidates(rr, dr, theta0, zb - za, alpha, h, n, rc2, jlo, jhi) : null;
            if (keys != null) {
                for (int key : keys) {
                    int j = jlo + key / n;
                    int k = key % n;
                    if (b == a && j == 0 && k == 0) {
                        continue;
                    }
                    double dz = zb + j * h - za;
                    if (dz * dz >= rc2) {
                        continue;
                    }
                    double dk = wrap(theta0 + rotation[k] + j * alpha);
                    if (outOfRange(dk, rr, rc2 - dz * dz - dr * dr + WINDOW_SLACK * rc2)) {
                        continue;
                    }
                    accept(g, x, a, b, k, j, dz, rc2, nb, kk, jj, dd, rot, rot2);
                }
                return;
            }
            scan(a, b, jlo, jhi, rr, dr, theta0);
        }

        /** Few candidates: every (j, k), most rejected by the angular test before any rotation is evaluated. */
        private void scan(int a, int b, int jlo, int jhi, double rr, double dr, double theta0) {
            int n = g.cyclicOrder();
            double h = g.screwShift();
            double za = x[3 * a + 2];
            double zb = x[3 * b + 2];
            boolean filter = rr > 0;
            double inv2rr = filter ? 1 / (2 * rr) : 0;
            double c0 = rc2 - dr * dr + WINDOW_SLACK * rc2;
            // delta = angle of image (0, j) of b seen from a, kept in [-pi, pi) while j steps
            double delta = wrap(theta0 + jlo * g.screwAngle());
            for (int j = jlo; j <= jhi; j++, delta = wrapOnce(delta + alphaWrapped)) {
                double dz = zb + j * h - za;
                if (dz * dz >= rc2) {
                    continue;
                }
                double u = (c0 - dz * dz) * inv2rr + WINDOW_SLACK;
                if (filter && u <= 0) {
                    continue;
                }
                for (int k = 0; k < n; k++) {
                    if (b == a && j == 0 && k == 0) {
                        continue;
                    }
                    if (filter) {
                        double dk = delta + rotation[k];
                        if (dk >= Math.PI) {
                            dk -= TWO_PI;
                        }
                        if (dk * dk * TWO_OVER_PI2 >= u || outOfRange(dk, rr, c0 - dz * dz)) {
                            continue;
                        }
                    }
                    accept(g, x, a, b, k, j, dz, rc2, nb, kk, jj, dd, rot, rot2);
                }
            }
        }
    }

    /** An angle reduced to [-pi, pi). */
    static double wrap(double v) {
        double w = v - TWO_PI * Math.rint(v / TWO_PI);
        return w >= Math.PI ? w - TWO_PI : (w < -Math.PI ? w + TWO_PI : w);
    }

    /** An angle in [-2 pi, 2 pi) reduced to [-pi, pi). */
    private static double wrapOnce(double v) {
        return v >= Math.PI ? v - TWO_PI : (v < -Math.PI ? v + TWO_PI : v);
    }

    /**
     * The exact test of one candidate image (b; k, j) of centre a: appended (with the cosine and sine of its rotation)
     * when closer than the cutoff. The position is computed exactly as {@link HelicalGroup#apply} does.
     */
    private static void accept(HelicalGroup g, double[] x, int a, int b, int k, int j, double dz, double rc2,
            IntBuffer nb, IntBuffer kk, IntBuffer jj, DoubleBuffer dd, DoubleBuffer rot, DoubleBuffer rot2) {
        double ang = g.angle(k, j);
        double c = Math.cos(ang);
        double sn = Math.sin(ang);
        double xb = x[3 * b];
        double yb = x[3 * b + 1];
        double dx = (c * xb - sn * yb) - x[3 * a];
        double dy = (sn * xb + c * yb) - x[3 * a + 1];
        double r2 = dx * dx + dy * dy + dz * dz;
        if (r2 < rc2) {
            nb.add(b);
            kk.add(k);
            jj.add(j);
            dd.add(dx);
            dd.add(dy);
            dd.add(dz);
            rot.add(c);
            rot2.add(sn);
        }
    }

    /**
     * Candidate images (k, j), jlo <= j <= jhi, of one motif atom seen from another, as sorted keys (j - jlo) N + k
     * without repeats: every lattice point (K, j) (k = K mod N) of (s delta, dz) = (s (theta0 + 2 pi K / N + j alpha),
     * dz0 + j h), s = 2 sqrt(r_a r_b) / pi, inside the circle of radius sqrt(rc^2 - (r_a - r_b)^2) (+ slack), which
     * holds every image within the cutoff (see build). The lattice basis is Lagrange-reduced, so the work is
     * proportional to the points inside plus the rows crossed, not to the (jhi - jlo + 1) N candidates of a scan.
     * Returns null when the scan should be used instead (atom on the axis, or a circle wider than the angular
     * period, where the bound on 1 - cos delta no longer applies to every representative).
     */
    static int[] latticeCandidates(double rr, double dr, double theta0, double dz0, double alpha, double h, int n,
            double rc2, int jlo, int jhi) {
        double r2 = rc2 - dr * dr + WINDOW_SLACK * rc2;
        if (!(rr > 0)) {
            return null;
        }
        if (r2 <= 0) {
            return new int[0];
        }
        double radius = Math.sqrt(r2);
        double sc = 2 * Math.sqrt(rr) / Math.PI;
        if (radius >= Math.PI * sc) {
            return null;
        }
        ReducedBasis rb = ReducedBasis.of(sc * TWO_PI / n, sc * alpha, h);
        if (rb == null) {
            return null; // degenerate basis
        }
        double f1x = rb.f1x();
        double f1y = rb.f1y();
        double f2x = rb.f2x();
        double f2y = rb.f2y();
        long u11 = rb.u11();
        long u12 = rb.u12();
        long u21 = rb.u21();
        long u22 = rb.u22();
        double len1 = Math.sqrt(f1x * f1x + f1y * f1y);
        double tx = f1x / len1;
        double ty = f1y / len1;
        double nx = -ty;
        double ny = tx;
        double f2n = f2x * nx + f2y * ny;
        double f2t = f2x * tx + f2y * ty;
        double ox = sc * theta0;
        double oy = dz0;
        double on = ox * nx + oy * ny;
        double ot = ox * tx + oy * ty;
        long lmin = (long) Math.ceil((-radius - on) / f2n) - 1;
        long lmax = (long) Math.floor((radius - on) / f2n) + 1;
        IntBuffer keys = new IntBuffer();
        for (long l = lmin; l <= lmax; l++) {
            double pn = on + l * f2n;
            double rem = r2 - pn * pn;
            double w = rem > 0 ? Math.sqrt(rem) : 0;
            double pt = ot + l * f2t;
            long imin = (long) Math.ceil((-w - pt) / len1) - 1;
            long imax = (long) Math.floor((w - pt) / len1) + 1;
            for (long i = imin; i <= imax; i++) {
                long j = i * u12 + l * u22;
                if (j < jlo || j > jhi) {
                    continue;
                }
                int k = (int) Math.floorMod(i * u11 + l * u21, (long) n);
                keys.add((int) ((j - jlo) * n + k));
            }
        }
        return sortedUnique(keys.toArray());
    }

    private static int[] sortedUnique(int[] out) {
        java.util.Arrays.sort(out);
        int u = 0;
        for (int i = 0; i < out.length; i++) {
            if (u == 0 || out[i] != out[u - 1]) {
                out[u++] = out[i];
            }
        }
        return java.util.Arrays.copyOf(out, u);
    }

    /**
     * A Lagrange-reduced basis of the candidate lattice: f1, f2 (in the plane (s delta, dz)) with integer
     * coordinates (u11, u12), (u21, u22) in (K, j); f2 on the positive side of f1's normal.
     */
    private record ReducedBasis(double f1x, double f1y, double f2x, double f2y, long u11, long u12, long u21,
            long u22) {
        /** Most reduction steps (each at least halves a vector's norm; real inputs need a few dozen). */
        private static final int MAX_STEPS = 200;

        /**
         * Reduces the basis e_K = (ekx, 0), e_j = (ejx, h); null when it is degenerate (f2 along f1).
         */
        static ReducedBasis of(double ekx, double ejx, double h) {
            double f1x = ekx;
            double f1y = 0;
            long u11 = 1;
            long u12 = 0;
            double f2x = ejx;
            double f2y = h;
            long u21 = 0;
            long u22 = 1;
            for (int it = 0; it < MAX_STEPS; it++) {
                double n1 = f1x * f1x + f1y * f1y;
                double n2 = f2x * f2x + f2y * f2y;
                if (n2 < n1) {
                    double tx = f1x;
                    double ty = f1y;
                    f1x = f2x;
                    f1y = f2y;
                    f2x = tx;
                    f2y = ty;
                    long t1 = u11;
                    long t2 = u12;
                    u11 = u21;
                    u12 = u22;
                    u21 = t1;
                    u22 = t2;
                    n1 = n2;
                }
                double mu = Math.rint((f1x * f2x + f1y * f2y) / n1);
                if (mu == 0) {
                    break;
                }
                long m = (long) mu;
                f2x -= mu * f1x;
                f2y -= mu * f1y;
                u21 -= m * u11;
                u22 -= m * u12;
            }
            double len1 = Math.sqrt(f1x * f1x + f1y * f1y);
            double tx = f1x / len1;
            double ty = f1y / len1;
            double f2n = f2x * -ty + f2y * tx;
            if (f2n < 0) {
                f2x = -f2x;
                f2y = -f2y;
                f2n = -f2n;
                u21 = -u21;
                u22 = -u22;
            }
            if (!(f2n > 0)) {
                return null;
            }
            return new ReducedBasis(f1x, f1y, f2x, f2y, u11, u12, u21, u22);
        }
    }

    /**
     * True when an image at angle delta (|delta| <= pi) from the centre is certainly beyond the cutoff:
     * 2 r_a r_b (1 - cos delta) >= room, room = rc^2 - dz^2 - (r_a - r_b)^2 (+ slack), tested with the lower bound
     * 1 - cos delta >= delta^2 / 2 - delta^4 / 24 (the alternating Taylor series), so no cosine is evaluated.
     */
    private static boolean outOfRange(double delta, double rr, double room) {
        double q = delta * delta;
        return rr * (q - q * q / 12) >= room;
    }
}

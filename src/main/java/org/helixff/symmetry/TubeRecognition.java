package org.helixff.symmetry;

import java.util.Arrays;
import java.util.Optional;
import org.helixff.InvalidInputException;
import org.helixff.structure.Nanotube;
import org.helixff.structure.Structure;

/**
 * Recognises a nanotube and its cyclic x helical group from the atoms of one translational cell (as phonopy, ASE or
 * a DFT code would hold it): the axis, the cyclic order N, the screw (alpha, h), a 2-atom motif and, for every atom
 * of the cell, the group element that carries its motif atom there. Also names the chiral indices (n, m) when the
 * group is that of a tube (alpha and the atom count fix them).
 *
 * <p>Procedure: the axis is the lateral centroid of the atoms (on the axis for any tube cell); N is the largest
 * order of a rotation about the axis that maps the cell onto itself; with a 2-atom motif the cell holds q = atoms /
 * (2 N) screw steps, so h = T / q; alpha is the angle of an atom at height z_0 + h, snapped to the nearest
 * 2 pi L / (N q) (the values a translational cell allows), that makes the screw (alpha, h) map the cell onto itself. "Maps onto itself" means every image lands within {@code tolerance} (Bohr) of an atom
 * (heights modulo T). The motif is then refined as the average of every atom carried back by its group element, and
 * {@link Result#mismatch()} is the largest distance of an atom from the image of the refined motif.
 */
public final class TubeRecognition {
    /** Default tolerance (Bohr) for "an image lands on an atom": 0.01 Bohr = 0.0053 A. */
    public static final double DEFAULT_TOLERANCE = 0.01;
    /** alpha of the cell and of a tube (n, m) are the same number (a rational multiple of 2 pi) to this (radians). */
    public static final double ANGLE_MATCH = 1e-6;
    /** Diameter / bond length of the cell and of the ideal tube agree to this (relaxation changes both a little). */
    public static final double RATIO_MATCH = 0.1;
    /** Largest n searched when naming (n, m). */
    public static final int MAX_INDEX = 500;

    private TubeRecognition() {
    }

    /**
     * The outcome.
     *
     * @param structure motif (2 atoms, axis at the origin) and group, with its exact period (q, s)
     * @param axis      lateral position (x, y) of the axis in the input cell, Bohr
     * @param motifAtom motif atom (0 or 1) of every atom of the cell
     * @param k         cyclic index of every atom's group element, 0 <= k < N
     * @param j         screw power of every atom's group element: atom I = image(motifAtom[I]; k[I], j[I]) + axis
     * @param mismatch  largest distance of an atom from its image of the refined motif, Bohr
     * @param tube      the chiral indices when the group is that of a tube (m > n names the mirror image)
     */
    public record Result(SymmetricStructure structure, double[] axis, int[] motifAtom, int[] k, int[] j,
            double mismatch, Optional<Nanotube> tube) {
        public Result {
            axis = axis.clone();
            motifAtom = motifAtom.clone();
            k = k.clone();
            j = j.clone();
        }

        @Override
        public double[] axis() {
            return axis.clone();
        }

        @Override
        public int[] motifAtom() {
            return motifAtom.clone();
        }

        @Override
        public int[] k() {
            return k.clone();
        }

        @Override
        public int[] j() {
            return j.clone();
        }

        /** The group element of atom i. */
        public GroupElement element(int i) {
            return new GroupElement(k[i], j[i]);
        }
    }

    /**
     * Recognises the tube of a translational cell.
     *
     * @param cell      atoms of one translational period; the third lattice vector is the axis, (0, 0, T) with T > 0
     * @param tolerance largest distance (Bohr) between an image and the atom it should land on (> 0)
     * @throws InvalidInputException when the cell is no tube cell of that shape, or no group maps it onto itself
     */
    public static Result recognise(Structure cell, double tolerance) {
        checkCell(cell, tolerance);
        double t = cell.cell(2, 2);
        int n = cell.size();
        double[] p = cell.positions();
        double cx = 0;
        double cy = 0;
        for (int i = 0; i < n; i++) {
            cx += p[3 * i] / n;
            cy += p[3 * i + 1] / n;
        }
        double[] x = new double[3 * n];
        for (int i = 0; i < n; i++) {
            x[3 * i] = p[3 * i] - cx;
            x[3 * i + 1] = p[3 * i + 1] - cy;
            x[3 * i + 2] = p[3 * i + 2];
        }
        Finder f = new Finder(x, t, tolerance);
        int order = 0;
        for (int cand = n / 2; cand >= 1; cand--) {
            if ((n / 2) % cand == 0 && f.mapsOntoItself(2 * Math.PI / cand, 0)) {
                order = cand;
                break;
            }
        }
        if (order == 0) {
            throw new InvalidInputException("tube cell: no rotation about the axis maps the atoms onto themselves");
        }
        int q = n / (2 * order);
        double h = t / q;
        double alpha = screwAngle(f, x, order, q, t, tolerance);
        double turns = q * alpha * order / (2 * Math.PI);
        long sRot = Math.floorMod(Math.round(turns), (long) order);
        HelicalGroup group = new HelicalGroup(order, alpha, h, new HelicalGroup.Period(q, sRot));
        int[] ma = new int[n];
        int[] kk = new int[n];
        int[] jj = new int[n];
        assignOrbits(f, group, x, q, sRot, t, tolerance, ma, kk, jj);
        double[] refined = refinedMotif(group, x, ma, kk, jj);
        double worst = 0;
        double[] img = new double[3];
        for (int i = 0; i < n; i++) {
            group.apply(kk[i], jj[i], refined, 3 * ma[i], img, 0);
            double dx = img[0] - x[3 * i];
            double dy = img[1] - x[3 * i + 1];
            double dz = img[2] - x[3 * i + 2];
            worst = Math.max(worst, Math.sqrt(dx * dx + dy * dy + dz * dz));
        }
        double bond = Double.POSITIVE_INFINITY;
        for (int i = 1; i < n; i++) {
            for (int w = -1; w <= 1; w++) {
                double dx = x[3 * i] - x[0];
                double dy = x[3 * i + 1] - x[1];
                double dz = x[3 * i + 2] + w * t - x[2];
                bond = Math.min(bond, Math.sqrt(dx * dx + dy * dy + dz * dz));
            }
        }
        double radius = 0;
        for (int i = 0; i < n; i++) {
            radius += Math.hypot(x[3 * i], x[3 * i + 1]) / n;
        }
        Optional<Nanotube> tube = name(order, q, alpha, n, 2 * radius / bond);
        SymmetricStructure s = new SymmetricStructure(new String[] {cell.species(0), cell.species(0)}, refined, group,
                tube.orElse(null));
        return new Result(s, new double[] {cx, cy}, ma, kk, jj, worst, tube);
    }

    /** Relative tolerance of the axis direction of the third lattice vector. */
    private static final double AXIS_TOLERANCE = 1e-9;

    /** The tolerance, the axis (0, 0, T) and one element in an even number of atoms. */
    private static void checkCell(Structure cell, double tolerance) {
        if (!(tolerance > 0) || !Double.isFinite(tolerance)) {
            throw new InvalidInputException("symmetry tolerance " + tolerance + " Bohr must be positive");
        }
        double t = cell.cell(2, 2);
        double e = AXIS_TOLERANCE * t;
        if (!(t > 0) || Math.abs(cell.cell(2, 0)) > e || Math.abs(cell.cell(2, 1)) > e
                || Math.abs(cell.cell(0, 2)) > e || Math.abs(cell.cell(1, 2)) > e) {
            throw new InvalidInputException("tube cell: the third lattice vector must be the axis, (0, 0, T) with"
                    + " T > 0, and the other two perpendicular to it");
        }
        int n = cell.size();
        for (int i = 0; i < n; i++) {
            if (!cell.species(i).equals(cell.species(0))) {
                throw new InvalidInputException("tube cell: atom " + i + " is " + cell.species(i) + ", atom 0 "
                        + cell.species(0) + ": only one-element tubes are recognised");
            }
        }
        if (n < 2 || n % 2 != 0) {
            throw new InvalidInputException("tube cell of " + n + " atoms: a nanotube cell holds 2 N q atoms");
        }
    }

    /**
     * The screw angle alpha (rad) of the screw with shift h = T/q that maps the (centred) atoms onto themselves:
     * measured from an atom one shift above atom 0 on its cylinder, snapped to 2 pi L / (N q).
     */
    private static double screwAngle(Finder f, double[] x, int order, int q, double t, double tolerance) {
        int n = x.length / 3;
        double h = t / q;
        double r0 = Math.hypot(x[0], x[1]);
        double phi0 = Math.atan2(x[1], x[0]);
        double alpha = Double.NaN;
        for (int i = 0; i < n && Double.isNaN(alpha); i++) {
            double dz = x[3 * i + 2] - x[2] - h;
            dz -= t * Math.rint(dz / t);
            if (Math.abs(dz) > tolerance || Math.abs(Math.hypot(x[3 * i], x[3 * i + 1]) - r0) > tolerance) {
                continue;
            }
            // a translational cell fixes alpha exactly: q alpha = 2 pi (s + N t) / N, i.e. alpha = 2 pi L / (N q)
            // for an integer L; snapping removes the noise of the two positions it was measured from
            double measured = Math.atan2(x[3 * i + 1], x[3 * i]) - phi0;
            long l = Math.round(measured * order * q / (2 * Math.PI));
            double a = reduce(2 * Math.PI * l / ((double) order * q), order);
            if (f.mapsOntoItself(a, h)) {
                alpha = a;
            }
        }
        if (Double.isNaN(alpha)) {
            throw new InvalidInputException(String.format(java.util.Locale.ROOT, "tube cell: no screw with shift"
                    + " T/q = %.6f Bohr (N = %d, q = %d) maps the atoms onto themselves within %.3g Bohr", h, order, q,
                    tolerance));
        }
        return alpha;
    }

    /**
     * Fills the motif atom and group element of every atom: the orbit of atom 0, then of the first atom outside it.
     *
     * @throws InvalidInputException if one orbit fills the cell or an atom lies in neither
     */
    private static void assignOrbits(Finder f, HelicalGroup group, double[] x, int q, long sRot, double t,
            double tolerance, int[] ma, int[] kk, int[] jj) {
        int n = x.length / 3;
        Arrays.fill(ma, -1);
        int second = -1;
        double[] motif = new double[6];
        System.arraycopy(x, 0, motif, 0, 3);
        assign(f, group, motif, 0, 0, q, sRot, ma, kk, jj, t);
        for (int i = 0; i < n; i++) {
            if (ma[i] < 0) {
                second = i;
                break;
            }
        }
        if (second < 0) {
            throw new InvalidInputException("tube cell: one atom's images fill the cell (not a 2-atom motif)");
        }
        System.arraycopy(x, 3 * second, motif, 3, 3);
        assign(f, group, motif, 1, second, q, sRot, ma, kk, jj, t);
        for (int i = 0; i < n; i++) {
            if (ma[i] < 0) {
                throw new InvalidInputException("tube cell: atom " + i + " is no image of the 2-atom motif within "
                        + tolerance + " Bohr");
            }
        }
    }

    /** The motif refined: the average of every atom carried back by its group element, [6] Bohr. */
    private static double[] refinedMotif(HelicalGroup group, double[] x, int[] ma, int[] kk, int[] jj) {
        int n = x.length / 3;
        double h = group.screwShift();
        double[] refined = new double[6];
        for (int i = 0; i < n; i++) {
            double[] back = new double[3];
            double ang = group.angle(kk[i], jj[i]);
            double c = Math.cos(ang);
            double s = Math.sin(ang);
            double px = x[3 * i];
            double py = x[3 * i + 1];
            back[0] = c * px + s * py;
            back[1] = -s * px + c * py;
            back[2] = x[3 * i + 2] - jj[i] * h;
            for (int d = 0; d < 3; d++) {
                refined[3 * ma[i] + d] += back[d] / (n / 2.0);
            }
        }
        return refined;
    }

    /** alpha reduced into (-pi/N, pi/N]. */
    private static double reduce(double a, int order) {
        double w = 2 * Math.PI / order;
        double r = a - w * Math.rint(a / w);
        if (r <= -Math.PI / order + 1e-12) {
            r += w;
        }
        return r;
    }

    /** Marks the images (k, j), 0 <= j < q, of motif atom a with their (k, j) in absolute screw indexing. */
    private static void assign(Finder f, HelicalGroup g, double[] motif, int a, int atom, int q, long sRot, int[] ma,
            int[] kk, int[] jj, double t) {
        int order = g.cyclicOrder();
        double[] img = new double[3];
        for (int j = 0; j < q; j++) {
            for (int k = 0; k < order; k++) {
                g.apply(k, j, motif, 3 * a, img, 0);
                int i = f.find(img[0], img[1], img[2]);
                if (i < 0) {
                    throw new InvalidInputException("tube cell: image (" + k + ", " + j + ") of atom " + atom
                            + " lands on no atom");
                }
                if (ma[i] >= 0) {
                    throw new InvalidInputException("tube cell: atom " + i + " is reached twice by the group: the"
                            + " screw found does not generate the cell");
                }
                // the atom may sit a whole number w of periods away: image(k, j) + w T = image(k - w s, j + w q)
                long w = Math.round((f.z(i) - img[2]) / t);
                ma[i] = a;
                kk[i] = (int) Math.floorMod(k - w * sRot, (long) order);
                jj[i] = (int) (j + w * q);
            }
        }
    }

    /**
     * Names (n, m) from N, q and alpha (which depend on the indices only) and, to tell apart tubes with the same group
     * (zigzag (n,0) and armchair (n,n) share N = n, alpha = pi/n, q = 2), the ratio of the diameter to the bond
     * length; empty when no tube matches within {@link #RATIO_MATCH}.
     */
    static Optional<Nanotube> name(int order, int q, double alpha, int atoms, double diameterOverBond) {
        double w = 2 * Math.PI / order;
        Nanotube best = null;
        double bestMiss = RATIO_MATCH;
        for (int n = 1; n <= MAX_INDEX; n++) {
            for (int m = 0; m <= n; m++) {
                if (Nanotube.gcd(n, m) != order) {
                    continue;
                }
                long dr = Nanotube.gcd(2 * n + m, 2 * m + n);
                long cellAtoms = 4L * ((long) n * n + (long) n * m + (long) m * m) / dr;
                if (cellAtoms != atoms) {
                    continue;
                }
                Nanotube tube;
                try {
                    tube = Nanotube.of(n, m);
                } catch (InvalidInputException e) {
                    continue;
                }
                double ratio = tube.diameter() / tube.dcc();
                double miss = Math.abs(diameterOverBond / ratio - 1);
                if (miss >= bestMiss) {
                    continue;
                }
                double d = alpha - tube.screwAngle();
                double e = alpha + tube.screwAngle();
                if (Math.abs(d - w * Math.rint(d / w)) < ANGLE_MATCH) {
                    best = tube;
                    bestMiss = miss;
                } else if (m != n && m != 0 && Math.abs(e - w * Math.rint(e / w)) < ANGLE_MATCH) {
                    try {
                        best = Nanotube.of(m, n);
                        bestMiss = miss;
                    } catch (InvalidInputException ex) {
                        // not buildable: leave unnamed
                    }
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** Atoms sorted by height for look-ups modulo the period. */
    private static final class Finder {
        private final double[] x;
        private final double t;
        private final double tol;
        private final double[] zs;
        private final int[] order;

        Finder(double[] x, double t, double tol) {
            this.x = x;
            this.t = t;
            this.tol = tol;
            int n = x.length / 3;
            Integer[] o = new Integer[n];
            zs = new double[n];
            for (int i = 0; i < n; i++) {
                o[i] = i;
            }
            Arrays.sort(o, (a, b) -> Double.compare(wrap(x[3 * a + 2]), wrap(x[3 * b + 2])));
            order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = o[i];
                zs[i] = wrap(x[3 * o[i] + 2]);
            }
        }

        double z(int i) {
            return x[3 * i + 2];
        }

        private double wrap(double z) {
            double w = z - t * Math.floor(z / t);
            return w >= t ? w - t : w;
        }

        /** Index of the atom within tol of (px, py, pz mod T), or -1. */
        int find(double px, double py, double pz) {
            double z = wrap(pz);
            for (double shift : new double[] {0, -t, t}) {
                double zz = z + shift;
                int lo = lower(zz - tol);
                for (int s = lo; s < zs.length && zs[s] <= zz + tol; s++) {
                    int i = order[s];
                    double dx = x[3 * i] - px;
                    double dy = x[3 * i + 1] - py;
                    double dz = zs[s] - zz;
                    if (dx * dx + dy * dy + dz * dz <= tol * tol) {
                        return i;
                    }
                }
            }
            return -1;
        }

        private int lower(double z) {
            int lo = 0;
            int hi = zs.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (zs[mid] < z) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        /** Whether rotating by angle and shifting by dz maps every atom onto an atom. */
        boolean mapsOntoItself(double angle, double dz) {
            double c = Math.cos(angle);
            double s = Math.sin(angle);
            for (int i = 0; i < x.length / 3; i++) {
                if (find(c * x[3 * i] - s * x[3 * i + 1], s * x[3 * i] + c * x[3 * i + 1], x[3 * i + 2] + dz) < 0) {
                    return false;
                }
            }
            return true;
        }
    }
}

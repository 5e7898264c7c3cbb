package org.helixff.phonon;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.helixff.InvalidInputException;
import org.helixff.structure.Structure;
import org.helixff.symmetry.GroupElement;
import org.helixff.symmetry.HelicalGroup;
import org.helixff.symmetry.SymmetricStructure;
import org.helixff.symmetry.TubeRecognition;

/**
 * Force constants of a translational cell of a tube in the layout phonopy uses ("compact" force constants): the
 * unit cell (periodic along c = (0, 0, T) only), a supercell of M cells along c, and for every unit-cell atom I and
 * every supercell atom S the 3x3 block Phi(I; S) (Ha/Bohr^2, Cartesian, row = component of r_I). Supercell atoms
 * are ordered as phonopy orders them for a supercell matrix diag(1, 1, M): S = J M + c is unit-cell atom J moved by
 * c T, 0 <= c < M. Force constants of pairs farther apart than M T / 2 along the axis are folded onto the nearest
 * image, as phonopy does; choose M T > 2 x (interaction range) and nothing is folded. Immutable.
 *
 * <p>Two ways in: {@link #fromSymmetric} expands symmetry-adapted force constants over the cell (for export), and
 * {@link #fromFullCell} takes those of the full-cell finite-difference path; one way back: {@link #project} finds the
 * tube's group in the cell and projects the constants onto the symmetry-adapted blocks Phi(a; b, g).
 */
public final class CellForceConstants {
    private final Structure cell;
    private final int supercell;
    private final double[] masses;
    private final double[] phi;

    /**
     * @param cell      the unit cell: c = (0, 0, T), positions in Bohr
     * @param supercell M >= 1, cells of the supercell along c
     * @param masses    mass of every unit-cell atom, electron masses
     * @param phi       9 numbers for every (I, S), I-major then S, row-major blocks (Ha/Bohr^2); copied
     * @throws InvalidInputException for inconsistent sizes or non-finite entries
     */
    public CellForceConstants(Structure cell, int supercell, double[] masses, double[] phi) {
        int n = cell.size();
        if (supercell < 1 || masses.length != n || phi.length != 9L * n * n * supercell) {
            throw new InvalidInputException("cell force constants: " + phi.length + " numbers for " + n
                    + " atoms and a supercell of " + supercell + " cells (need 9 x atoms x atoms x cells)");
        }
        if (!(cell.cell(2, 2) > 0)) {
            throw new InvalidInputException("cell force constants: the third lattice vector must be (0, 0, T)");
        }
        for (double v : phi) {
            if (!Double.isFinite(v)) {
                throw new InvalidInputException("cell force constants: non-finite entry " + v);
            }
        }
        for (double m : masses) {
            if (!(m > 0) || !Double.isFinite(m)) {
                throw new InvalidInputException("cell force constants: mass " + m + " must be positive");
            }
        }
        this.cell = cell;
        this.supercell = supercell;
        this.masses = masses.clone();
        this.phi = phi.clone();
    }

    /** The unit cell. */
    public Structure cell() {
        return cell;
    }

    /** Atoms of the unit cell. */
    public int atoms() {
        return cell.size();
    }

    /** Cells M of the supercell along the axis. */
    public int supercell() {
        return supercell;
    }

    /** Masses of the unit-cell atoms, electron masses (copy). */
    public double[] masses() {
        return masses.clone();
    }

    /** Entry (alpha, beta) of block (I; S), Ha/Bohr^2. */
    public double entry(int i, int s, int alpha, int beta) {
        return phi[9 * (i * atoms() * supercell + s) + 3 * alpha + beta];
    }

    /** Copy of all blocks, (I, S, 3, 3) row-major, Ha/Bohr^2. */
    public double[] blocks() {
        return phi.clone();
    }

    /** Largest number of force-constant numbers (9 x atoms x atoms x cells) held in one array. */
    public static final long MAX_ENTRIES = Integer.MAX_VALUE - 8L;

    private static void checkSize(int n, int msc) {
        if (9L * n * n * msc > MAX_ENTRIES) {
            throw new InvalidInputException("cell force constants of " + n + " atoms x " + msc + " cells need "
                    + 9L * n * n * msc + " numbers (more than " + MAX_ENTRIES + "): too large for phonopy's layout");
        }
    }

    /** The smallest M with M T >= 2 range + 1 Bohr: no force constant within {@code range} is folded. */
    public static int supercellFor(double range, double period) {
        return Math.max(1, (int) Math.ceil((2 * range + 1.0) / period));
    }

    /**
     * The symmetry-adapted constants expanded over the translational cell {@code fc.structure().expand(1)}, the
     * tube moved so that its axis is at the centre of the lateral box and heights wrapped into [0, T).
     *
     * @param fc        symmetry-adapted force constants (normally with sum rules)
     * @param supercell M, or 0 for {@link #supercellFor}(fc.range(), T)
     * @throws InvalidInputException for an aperiodic tube or when two constants of one atom fold onto the same
     *                               supercell atom (M too small)
     */
    public static CellForceConstants fromSymmetric(ForceConstants fc, int supercell) {
        SymmetricStructure s = fc.structure();
        HelicalGroup g = s.group();
        HelicalGroup.Period per = g.period().orElseThrow(() -> new InvalidInputException(
                "the tube has no translational period: no cell force constants"));
        Structure ex = s.expand(1);
        int q = (int) per.steps();
        long sRot = per.rotation();
        int order = g.cyclicOrder();
        double t = ex.cell(2, 2);
        int msc = supercell == 0 ? supercellFor(fc.range(), t) : supercell;
        if (msc < 1) {
            throw new InvalidInputException("supercell of " + supercell + " cells must be >= 1 (or 0 for automatic)");
        }
        int n = ex.size();
        int nm = s.motifSize();
        double lat = ex.cell(0, 0);
        double[] pos = ex.positions();
        int[] wrap = new int[n];
        for (int i = 0; i < n; i++) {
            pos[3 * i] += lat / 2;
            pos[3 * i + 1] += lat / 2;
            double z = pos[3 * i + 2];
            wrap[i] = (int) Math.floor(z / t);
            pos[3 * i + 2] = z - wrap[i] * t;
            if (pos[3 * i + 2] >= t) {
                pos[3 * i + 2] -= t;
                wrap[i]++;
            }
        }
        checkSize(n, msc);
        Structure unit = new Structure(ex.species(), pos, ex.cell(), ex.pbc());
        double[] masses = new double[n];
        double[] out = new double[9 * n * n * msc];
        boolean[] used = new boolean[n * n * msc];
        double[] rot = new double[9];
        for (int j = 0; j < q; j++) {
            for (int k = 0; k < order; k++) {
                for (int a = 0; a < nm; a++) {
                    int row = s.expandedIndex(a, k, j);
                    masses[row] = fc.masses()[a];
                    double ang = g.angle(k, j);
                    for (int b = 0; b < fc.blockCount(); b++) {
                        if (fc.firstAtom(b) != a) {
                            continue;
                        }
                        GroupElement e = fc.element(b);
                        int jAbs = j + e.j();
                        int c = Math.floorDiv(jAbs, q);
                        int jr = jAbs - c * q;
                        int kr = (int) Math.floorMod(k + e.k() + c * sRot, (long) order);
                        int col = s.expandedIndex(fc.secondAtom(b), kr, jr);
                        int cellShift = Math.floorMod(c + wrap[col] - wrap[row], msc);
                        int sIdx = col * msc + cellShift;
                        int slot = row * n * msc + sIdx;
                        if (used[slot]) {
                            throw new InvalidInputException("supercell of " + msc + " cells is too short for force"
                                    + " constants of range " + fc.range() + " Bohr (T = " + t + " Bohr)");
                        }
                        used[slot] = true;
                        rotate(fc, b, ang, rot);
                        System.arraycopy(rot, 0, out, 9 * slot, 9);
                    }
                }
            }
        }
        return new CellForceConstants(unit, msc, masses, out);
    }

    /** R(ang) Phi_b R(ang)^T into out. */
    private static void rotate(ForceConstants fc, int b, double ang, double[] out) {
        double c = Math.cos(ang);
        double s = Math.sin(ang);
        double[] r = {c, -s, 0, s, c, 0, 0, 0, 1};
        double[] m = fc.block(b);
        conjugate(r, m, out, false);
    }

    /** out = R M R^T (transposeFirst false) or R^T M R (true). */
    private static void conjugate(double[] r, double[] m, double[] out, boolean transposeFirst) {
        double[] tmp = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double v = 0;
                for (int l = 0; l < 3; l++) {
                    double rij = transposeFirst ? r[3 * l + i] : r[3 * i + l];
                    v += rij * m[3 * l + j];
                }
                tmp[3 * i + j] = v;
            }
        }
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double v = 0;
                for (int l = 0; l < 3; l++) {
                    double rjl = transposeFirst ? r[3 * l + j] : r[3 * j + l];
                    v += tmp[3 * i + l] * rjl;
                }
                out[3 * i + j] = v;
            }
        }
    }

    /**
     * The force constants of the full-cell finite-difference path in this layout.
     *
     * @param full      full-cell force constants
     * @param supercell M, or 0 for {@link #supercellFor} with the largest pair distance of {@code full}
     * @throws InvalidInputException when two constants of one atom fold onto the same supercell atom
     */
    public static CellForceConstants fromFullCell(FullCellPhonons full, int supercell) {
        Structure c = full.cell();
        double t = full.period();
        int n = c.size();
        double range = 0;
        double[] p = c.positions();
        for (int b = 0; b < full.blockCount(); b++) {
            int i = full.blockFirst(b);
            int j = full.blockSecond(b);
            double dx = p[3 * j] - p[3 * i];
            double dy = p[3 * j + 1] - p[3 * i + 1];
            double dz = p[3 * j + 2] + full.blockCell(b) * t - p[3 * i + 2];
            range = Math.max(range, Math.sqrt(dx * dx + dy * dy + dz * dz));
        }
        int msc = supercell == 0 ? supercellFor(range, t) : supercell;
        checkSize(n, msc);
        double[] out = new double[9 * n * n * msc];
        boolean[] used = new boolean[n * n * msc];
        double[] blocks = full.blocks();
        for (int b = 0; b < full.blockCount(); b++) {
            int slot = full.blockFirst(b) * n * msc + full.blockSecond(b) * msc + Math.floorMod(full.blockCell(b), msc);
            if (used[slot]) {
                throw new InvalidInputException("supercell of " + msc + " cells is too short for the full-cell force"
                        + " constants (range " + range + " Bohr, T = " + t + " Bohr)");
            }
            used[slot] = true;
            System.arraycopy(blocks, 9 * b, out, 9 * slot, 9);
        }
        return new CellForceConstants(c, msc, full.masses(), out);
    }

    /**
     * The outcome of {@link #project}.
     *
     * @param recognition   the tube and group found in the cell
     * @param forceConstants the projected symmetry-adapted blocks (raw: not symmetrized, no sum rules)
     * @param residualRms   || Phi - projected || / || Phi || over all blocks of the cell (Frobenius): how far the
     *                      given constants are from having the tube's symmetry
     * @param residualMax   largest |Phi - projected| entry relative to the largest |Phi| entry
     */
    public record Projection(TubeRecognition.Result recognition, ForceConstants forceConstants, double residualRms,
            double residualMax) {
    }

    /**
     * Recognises the tube in the cell and projects the constants onto the symmetry-adapted blocks: every block of
     * the cell, carried back to its motif atom by the inverse of that atom's group element (R^T Phi R), is averaged
     * over the N q images of the motif atom (a block absent for some images counts as zero there). This is the
     * orthogonal projection onto force constants invariant under the group.
     *
     * @param tolerance recognition tolerance, Bohr (see {@link TubeRecognition})
     * @throws InvalidInputException when the cell is not recognised as a tube, or atoms of one motif atom have
     *                               different masses
     */
    public Projection project(double tolerance) {
        TubeRecognition.Result rec = TubeRecognition.recognise(cell, tolerance);
        SymmetricStructure s = rec.structure();
        s.group().period().orElseThrow(); // a tube without a translational period has no cell constants
        int n = atoms();
        double[] motifMass = motifMasses(rec.motifAtom());
        double t = cell.cell(2, 2);
        double[] p = cell.positions();
        // pass 1: the average of every symmetry-adapted block over the images
        Map<Long, double[]> sums = new HashMap<>();
        Map<Long, int[]> keys = new HashMap<>();
        double[] rangeMax = {0};
        int[] ma = rec.motifAtom();
        forEachBlock(rec, (key, i, jAtom, gk, gj, dz, cc, ctot, back) -> {
            double[] acc = sums.computeIfAbsent(key, x -> new double[9]);
            keys.putIfAbsent(key, new int[] {ma[i], ma[jAtom], gk, gj});
            for (int e = 0; e < 9; e++) {
                acc[e] += back[e];
            }
            double ddx = p[3 * jAtom] - p[3 * i];
            double ddy = p[3 * jAtom + 1] - p[3 * i + 1];
            double ddz = dz - (cc - ctot) * t;
            rangeMax[0] = Math.max(rangeMax[0], Math.sqrt(ddx * ddx + ddy * ddy + ddz * ddz));
        });
        double images = n / 2.0;
        for (double[] acc : sums.values()) {
            for (int e = 0; e < 9; e++) {
                acc[e] /= images;
            }
        }
        // pass 2: how far the given blocks lie from their averages
        double[] dev = new double[4]; // sum of squared deviations, sum of squares, largest deviation, largest entry
        Map<Long, Integer> seen = new HashMap<>();
        forEachBlock(rec, (key, i, jAtom, gk, gj, dz, cc, ctot, back) -> {
            double[] avg = sums.get(key);
            seen.merge(key, 1, Integer::sum);
            for (int e = 0; e < 9; e++) {
                double d = back[e] - avg[e];
                dev[0] += d * d;
                dev[1] += back[e] * back[e];
                dev[2] = Math.max(dev[2], Math.abs(d));
                dev[3] = Math.max(dev[3], Math.abs(back[e]));
            }
        });
        // blocks missing for some images deviate by the whole average there
        for (Map.Entry<Long, double[]> en : sums.entrySet()) {
            int missing = n / 2 - seen.getOrDefault(en.getKey(), 0);
            for (int e = 0; e < 9; e++) {
                double v = en.getValue()[e];
                dev[0] += missing * v * v;
                dev[2] = missing > 0 ? Math.max(dev[2], Math.abs(v)) : dev[2];
            }
        }
        ForceConstants fc = build(s, motifMass, sums, keys, rangeMax[0]);
        return new Projection(rec, fc, dev[1] == 0 ? 0 : Math.sqrt(dev[0] / dev[1]), dev[3] == 0 ? 0 : dev[2] / dev[3]);
    }

    /** Relative tolerance on the masses of the images of one motif atom. */
    private static final double MASS_TOLERANCE = 1e-9;

    /** The mass of each of the two motif atoms, checked equal over its images. */
    private double[] motifMasses(int[] ma) {
        double[] motifMass = {-1, -1};
        for (int i = 0; i < atoms(); i++) {
            if (motifMass[ma[i]] < 0) {
                motifMass[ma[i]] = masses[i];
            } else if (Math.abs(motifMass[ma[i]] - masses[i]) > MASS_TOLERANCE * masses[i]) {
                throw new InvalidInputException("atoms " + i + " and an image of the same motif atom have different"
                        + " masses: the cell does not have the tube's symmetry");
            }
        }
        return motifMass;
    }

    /** One non-zero block (i, jAtom S) of the cell, carried back to its motif atom ({@code back}: R^T Phi R). */
    @FunctionalInterface
    private interface BlockVisitor {
        /**
         * @param key  the block's symmetry-adapted key (motif atoms, relative group element gk, gj)
         * @param dz   the axial distance to image cell {@code cc}; {@code ctot} the image cell folded into range
         * @param back the block, valid during the call only
         */
        void block(long key, int i, int jAtom, int gk, int gj, double dz, int cc, int ctot, double[] back);
    }

    /** Visits every non-zero block of the cell in atom order. */
    private void forEachBlock(TubeRecognition.Result rec, BlockVisitor visitor) {
        HelicalGroup g = rec.structure().group();
        int order = g.cyclicOrder();
        HelicalGroup.Period per = g.period().orElseThrow();
        int q = (int) per.steps();
        long sRot = per.rotation();
        int n = atoms();
        double t = cell.cell(2, 2);
        double length = supercell * t;
        int[] ma = rec.motifAtom();
        int[] kk = rec.k();
        int[] jj = rec.j();
        double[] p = cell.positions();
        double[] m = new double[9];
        double[] back = new double[9];
        for (int i = 0; i < n; i++) {
            double ang = g.angle(kk[i], jj[i]);
            double c = Math.cos(ang);
            double sn = Math.sin(ang);
            double[] r = {c, -sn, 0, sn, c, 0, 0, 0, 1};
            for (int sIdx = 0; sIdx < n * supercell; sIdx++) {
                int o = 9 * (i * n * supercell + sIdx);
                boolean zero = true;
                for (int e = 0; e < 9; e++) {
                    zero &= phi[o + e] == 0;
                }
                if (zero) {
                    continue;
                }
                int jAtom = sIdx / supercell;
                int cc = sIdx % supercell;
                double dz = p[3 * jAtom + 2] + cc * t - p[3 * i + 2];
                int ctot = cc - supercell * (int) Math.rint(dz / length);
                int kp = (int) Math.floorMod(kk[jAtom] - (long) ctot * sRot, (long) order);
                int jp = jj[jAtom] + ctot * q;
                int gk = Math.floorMod(kp - kk[i], order);
                int gj = jp - jj[i];
                long key = key(ma[i], ma[jAtom], gk, gj, order);
                System.arraycopy(phi, o, m, 0, 9);
                conjugate(r, m, back, true);
                visitor.block(key, i, jAtom, gk, gj, dz, cc, ctot, back);
            }
        }
    }

    private static long key(int a, int b, int k, int j, int order) {
        return ((long) j << 32) ^ (((long) a * 2 + b) * order + k);
    }

    private static ForceConstants build(SymmetricStructure s, double[] masses, Map<Long, double[]> sums,
            Map<Long, int[]> keys, double range) {
        Long[] order = keys.keySet().toArray(new Long[0]);
        Arrays.sort(order, (x, y) -> {
            int[] a = keys.get(x);
            int[] b = keys.get(y);
            for (int i = 0; i < 4; i++) {
                if (a[i] != b[i]) {
                    return Integer.compare(a[i], b[i]);
                }
            }
            return 0;
        });
        int nb = order.length;
        int[] fa = new int[nb];
        int[] sb = new int[nb];
        int[] kk = new int[nb];
        int[] jj = new int[nb];
        double[] phi = new double[9 * nb];
        for (int i = 0; i < nb; i++) {
            int[] id = keys.get(order[i]);
            fa[i] = id[0];
            sb[i] = id[1];
            kk[i] = id[2];
            jj[i] = id[3];
            System.arraycopy(sums.get(order[i]), 0, phi, 9 * i, 9);
        }
        return new ForceConstants(s, masses, new double[3 * s.motifSize()], fa, sb, kk, jj, phi, range,
                "projected from cell force constants");
    }
}

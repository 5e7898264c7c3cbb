package org.helixff.phonon;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.helixff.InvalidInputException;
import org.helixff.Progress;
import org.helixff.calculator.Calculator;
import org.helixff.structure.Structure;

/**
 * The full-cell reference path (the oracle of {@link HelicalPhonons}): force constants of a periodic cell
 * (periodic along c = (0, 0, T) only) from finite displacements of every atom of the cell, and its dynamical
 * matrix at any wave vector k, diagonalised with EJML (complex Hermitian through the real embedding, see
 * {@link HermitianEigen}). No symmetry beyond the cell's own translation is used. Immutable.
 *
 * <p>Displacements are made in a supercell of M cells, M T >= 2 x (interaction range) + 1 Bohr with the
 * interaction range 2 (r_c + d) of {@link DisplacementScheme#interactionRange}: then at most one periodic image
 * of a displaced atom acts on any atom, so every force change belongs to exactly one pair (I; J + c T) and the
 * real-space force constants Phi(I; J, c) come out without aliasing. D_IJ(k) = sum_c Phi(I; J, c) exp(i k T c)
 * / sqrt(m_I m_J), Hermitised ((D + D^H)/2, which averages Phi(I; J, c) with Phi(J; I, -c)^T just as
 * {@link ForceConstants#symmetrized()} does). No sum rules are imposed (the raw oracle). Cost: 3 x (stencil
 * points) x (atoms of the cell) evaluations of the supercell, and one dense eigenproblem of size 6 x atoms per k.
 */
public final class FullCellPhonons {
    private final Structure cell;
    private final double period;
    private final int supercells;
    private final int atoms;
    private final double[] masses;
    private final int[] bi;
    private final int[] bj;
    private final int[] bc;
    private final double[] phi;

    private FullCellPhonons(Structure cell, double period, int supercells, double[] masses, int[] bi, int[] bj,
            int[] bc, double[] phi) {
        this.cell = cell;
        this.period = period;
        this.supercells = supercells;
        this.atoms = cell.size();
        this.masses = masses;
        this.bi = bi;
        this.bj = bj;
        this.bc = bc;
        this.phi = phi;
    }

    /**
     * Computes the force constants of {@code cell} by finite displacements.
     *
     * @param calc   any calculator
     * @param cell   a cell periodic along c = (0, 0, T) only (pbc F F T), e.g. {@code SymmetricStructure.expand(1)}
     * @param scheme step, stencil and frame of the displacements
     * @throws InvalidInputException for a cell of another shape or a supercell of more than 2 million atoms
     */
    public static FullCellPhonons compute(Calculator calc, Structure cell, DisplacementScheme scheme,
            Progress progress) {
        if (cell.pbc(0) || cell.pbc(1) || !cell.pbc(2) || cell.cell(2, 0) != 0 || cell.cell(2, 1) != 0
                || !(cell.cell(2, 2) > 0)) {
            throw new InvalidInputException("full-cell phonons need a cell periodic along c = (0, 0, T) only");
        }
        double t = cell.cell(2, 2);
        double range = scheme.interactionRange(calc.cutoff());
        int msc = Math.max(1, (int) Math.ceil((2 * range + 1.0) / t));
        int n = cell.size();
        if ((long) n * msc > 2_000_000L) {
            throw new InvalidInputException("supercell of " + (long) n * msc + " atoms is too large");
        }
        double[] p0 = cell.positions();
        Structure sup = supercell(cell, msc);
        double[] masses = new double[n];
        for (int i = 0; i < n; i++) {
            masses[i] = FiniteDifferenceForceConstants.mass(cell.species(i));
        }
        List<int[]> ids = new ArrayList<>();
        List<double[]> blocks = new ArrayList<>();
        Object lock = new Object();
        AtomicLong done = new AtomicLong();
        progress.update("full-cell force constants", 0, n);
        IntStream.range(0, n).parallel().forEach(atom -> {
            List<int[]> myIds = new ArrayList<>();
            List<double[]> myBlocks = new ArrayList<>();
            atomBlocks(calc, sup, p0, atom, scheme, range, myIds, myBlocks);
            synchronized (lock) {
                ids.addAll(myIds);
                blocks.addAll(myBlocks);
            }
            progress.update("full-cell force constants", done.incrementAndGet(), n);
        });
        // deterministic order
        Integer[] order = new Integer[ids.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> {
            int[] a = ids.get(x);
            int[] b = ids.get(y);
            return a[0] != b[0] ? Integer.compare(a[0], b[0]) : a[1] != b[1] ? Integer.compare(a[1], b[1])
                    : Integer.compare(a[2], b[2]);
        });
        int nb = order.length;
        int[] bi = new int[nb];
        int[] bj = new int[nb];
        int[] bc = new int[nb];
        double[] phi = new double[9 * nb];
        for (int i = 0; i < nb; i++) {
            int[] id = ids.get(order[i]);
            bi[i] = id[0];
            bj[i] = id[1];
            bc[i] = id[2];
            System.arraycopy(blocks.get(order[i]), 0, phi, 9 * i, 9);
        }
        return new FullCellPhonons(cell, t, msc, masses, bi, bj, bc, phi);
    }

    /** A supercell of {@code msc} copies of the cell along its axis. */
    private static Structure supercell(Structure cell, int msc) {
        int n = cell.size();
        double t = cell.cell(2, 2);
        double[] p0 = cell.positions();
        double[] pos = new double[3 * n * msc];
        String[] sp = new String[n * msc];
        for (int c = 0; c < msc; c++) {
            for (int i = 0; i < n; i++) {
                pos[3 * (c * n + i)] = p0[3 * i];
                pos[3 * (c * n + i) + 1] = p0[3 * i + 1];
                pos[3 * (c * n + i) + 2] = p0[3 * i + 2] + c * t;
                sp[c * n + i] = cell.species(i);
            }
        }
        double[] lat = cell.cell();
        lat[8] = msc * t;
        return new Structure(sp, pos, lat, cell.pbc());
    }

    /**
     * The force-constant blocks of one atom of the cell (displaced in the scheme's directions, forces of the
     * supercell by finite differences) with every supercell atom within {@code range} (nearest image along the
     * axis): ids (atom, jAtom, cell) and blocks, in supercell order.
     */
    private static void atomBlocks(Calculator calc, Structure sup, double[] p0, int atom, DisplacementScheme scheme,
            double range, List<int[]> myIds, List<double[]> myBlocks) {
        int n = p0.length / 3;
        double[] pos = sup.positions();
        int msc = pos.length / p0.length;
        double length = sup.cell(2, 2);
        DisplacementScheme.Stencil st = scheme.stencil();
        int pts = st.points();
        double[] e = scheme.directions(p0[3 * atom], p0[3 * atom + 1]);
        double[][] g = new double[3][];
        for (int d = 0; d < 3; d++) {
            double[] acc = new double[3 * n * msc];
            for (int s = 0; s < pts; s++) {
                double[] q = pos.clone();
                double amp = st.offset(s) * scheme.step();
                for (int x = 0; x < 3; x++) {
                    q[3 * atom + x] += amp * e[3 * x + d];
                }
                double[] f = calc.compute(sup.withPositions(q)).forces();
                double w = st.weight(s) / scheme.step();
                for (int x = 0; x < f.length; x++) {
                    acc[x] -= w * f[x];
                }
            }
            g[d] = acc;
        }
        for (int jp = 0; jp < n * msc; jp++) {
            int jAtom = jp % n;
            int cj = jp / n;
            double dz0 = pos[3 * jp + 2] - p0[3 * atom + 2];
            long shift = Math.round(-dz0 / length);
            double dx = pos[3 * jp] - p0[3 * atom];
            double dy = pos[3 * jp + 1] - p0[3 * atom + 1];
            double dz = dz0 + shift * length;
            if (Math.sqrt(dx * dx + dy * dy + dz * dz) >= range) {
                continue;
            }
            int c = (int) (cj + shift * msc);
            double[] b = new double[9];
            for (int al = 0; al < 3; al++) {
                for (int be = 0; be < 3; be++) {
                    double v = 0;
                    for (int d = 0; d < 3; d++) {
                        v += e[3 * al + d] * g[d][3 * jp + be];
                    }
                    b[3 * al + be] = v;
                }
            }
            myIds.add(new int[] {atom, jAtom, c});
            myBlocks.add(b);
        }
    }

    /** The cell. */
    public Structure cell() {
        return cell;
    }

    /** Atoms in the cell. */
    public int atoms() {
        return atoms;
    }

    /** Period T of the cell, Bohr. */
    public double period() {
        return period;
    }

    /** Cells in the supercell that was displaced. */
    public int supercellCells() {
        return supercells;
    }

    /** Number of 3x3 blocks Phi(I; J, c). */
    public int blockCount() {
        return bi.length;
    }

    /** Unit-cell atom I of block b. */
    public int blockFirst(int b) {
        return bi[b];
    }

    /** Unit-cell atom J of block b. */
    public int blockSecond(int b) {
        return bj[b];
    }

    /** Cell offset c of block b: the block is Phi(I; J + c T). */
    public int blockCell(int b) {
        return bc[b];
    }

    /** Copy of all blocks, 9 per block, row-major, Ha/Bohr^2 (raw finite differences, not Hermitised). */
    public double[] blocks() {
        return phi.clone();
    }

    /** Masses of the cell's atoms, electron masses (copy). */
    public double[] masses() {
        return masses.clone();
    }

    /** The dynamical matrix at wave vector k (1/Bohr), (3 atoms)^2, Hermitised, Ha/(Bohr^2 m_e). */
    public HermitianMatrix dynamicalMatrix(double k) {
        int d = 3 * atoms;
        double[] re = new double[d * d];
        double[] im = new double[d * d];
        for (int b = 0; b < bi.length; b++) {
            double th = k * period * bc[b];
            double cr = Math.cos(th);
            double ci = Math.sin(th);
            double w = 1 / Math.sqrt(masses[bi[b]] * masses[bj[b]]);
            for (int al = 0; al < 3; al++) {
                int row = (3 * bi[b] + al) * d + 3 * bj[b];
                for (int be = 0; be < 3; be++) {
                    double v = w * phi[9 * b + 3 * al + be];
                    re[row + be] += v * cr;
                    im[row + be] += v * ci;
                }
            }
        }
        double[] hr = new double[d * d];
        double[] hi = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                hr[i * d + j] = 0.5 * (re[i * d + j] + re[j * d + i]);
                hi[i * d + j] = 0.5 * (im[i * d + j] - im[j * d + i]);
            }
        }
        return new HermitianMatrix(d, hr, hi, false);
    }

    /** Normal modes at wave vector k (1/Bohr): eigenvalues (Ha/hbar)^2 ascending and eigenvectors. */
    public HermitianEigen.Result modes(double k) {
        return dynamicalMatrix(k).eigen();
    }

    /** All 3 x atoms signed frequencies (cm^-1) at wave vector k (1/Bohr), ascending. */
    public double[] frequenciesCm1(double k) {
        double[] v = modes(k).values();
        double[] f = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = org.helixff.Units.eigenvalueToWavenumber(v[i]);
        }
        return f;
    }
}

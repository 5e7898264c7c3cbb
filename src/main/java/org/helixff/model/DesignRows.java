package org.helixff.model;

import org.helixff.compute.DesignBlocks;
import org.helixff.compute.Engines;
import org.helixff.compute.cpu.CpuKernelEngine;
import org.helixff.descriptor.DescriptorEngine;
import org.helixff.descriptor.DescriptorGradients;
import org.helixff.neighbors.CellNeighbors;
import org.helixff.neighbors.ImageNeighbors;
import org.helixff.neighbors.NeighborList;
import org.helixff.structure.Structure;
import org.helixff.symmetry.HelicalGroup;
import org.helixff.symmetry.SymmetricStructure;

/**
 * The linear-model rows of one structure: every predicted quantity is a_q . w (+ mu for energies)
 * with a_q built from the kernel values k(p_i, p_t) and their derivatives. Used for training (design
 * matrix) and for predictive uncertainties.
 *
 * <ul>
 *   <li>energy per atom: a_t = (1/atoms) sum_i k(p_i, p_t);</li>
 *   <li>force on atom a, component c: a_t = -d/dr_ac sum_i k(p_i, p_t), gathered exactly as
 *       {@link org.helixff.calculator.SiteCalculator} gathers forces (symmetry-adapted for a
 *       symmetric structure, full cell otherwise);</li>
 *   <li>dE/dh per motif (symmetric only): a_t = sum over entries j_e d k/d d_ez.</li>
 * </ul>
 * Rows are Hartree-free: multiply by the weights (Hartree) to get Hartree.
 */
public final class DesignRows {
    private final int atoms;
    private final int columns;
    private final double[] energyRow;
    private final double[] forceRows;
    private final double[] dEdhRow;
    private final double[] siteRows;

    private DesignRows(int atoms, int columns, double[] energyRow, double[] forceRows, double[] dEdhRow) {
        this(atoms, columns, energyRow, forceRows, dEdhRow, null);
    }

    private DesignRows(int atoms, int columns, double[] energyRow, double[] forceRows, double[] dEdhRow,
            double[] siteRows) {
        this.atoms = atoms;
        this.columns = columns;
        this.energyRow = energyRow;
        this.forceRows = forceRows;
        this.dEdhRow = dEdhRow;
        this.siteRows = siteRows;
    }

    /**
     * The kernel row of atom i alone, a_t = k(p_i, p_t) (M): the energy-per-atom row of a structure whose every atom
     * had atom i's environment. Full cells only.
     *
     * @throws IllegalStateException for symmetric rows
     */
    public double[] siteRow(int i) {
        if (siteRows == null) {
            throw new IllegalStateException("site rows exist for full cells only");
        }
        double[] r = new double[columns];
        System.arraycopy(siteRows, i * columns, r, 0, columns);
        return r;
    }

    /** Atoms whose forces the rows describe (motif atoms or cell atoms). */
    public int atoms() {
        return atoms;
    }

    /** Number of columns M (one per reference environment). */
    public int columns() {
        return columns;
    }

    /** Copy of the energy-per-atom row (M). */
    public double[] energyRow() {
        return energyRow.clone();
    }

    /** Copy of the force rows, (3 atoms) x M row-major: row 3a + c is the force on atom a, component c. */
    public double[] forceRows() {
        return forceRows.clone();
    }

    /** Offset of the row of (atom, component) in {@link #forceRows()}. */
    public int forceRowOffset(int atom, int c) {
        return (3 * atom + c) * columns;
    }

    double[] forceRowsView() {
        return forceRows;
    }

    /** The dE/dh row (M), or null for a full cell. */
    public double[] dEdhRow() {
        return dEdhRow == null ? null : dEdhRow.clone();
    }

    /**
     * Rows of a symmetric structure (motif atoms, symmetry-adapted forces, dE/dh), with the CPU reference
     * kernel engine.
     */
    public static DesignRows symmetric(KernelModel model, DescriptorEngine engine, SymmetricStructure s) {
        return symmetric(model, new Engines(engine, CpuKernelEngine.INSTANCE), s);
    }

    /** Rows of a symmetric structure (motif atoms, symmetry-adapted forces, dE/dh) on an engine pair. */
    public static DesignRows symmetric(KernelModel model, Engines engine, SymmetricStructure s) {
        NeighborList nl = ImageNeighbors.build(s, model.soap().cutoff());
        int m = model.referenceCount();
        int nm = s.motifSize();
        SiteRows sr = siteRows(model, engine, nl);
        HelicalGroup g = s.group();
        double[] x = s.motif();
        double[] energy = new double[m];
        double[] forces = new double[3 * nm * m];
        double[] dEdh = new double[m];
        double[] img = new double[3];
        for (int a = 0; a < nm; a++) {
            for (int t = 0; t < m; t++) {
                energy[t] += sr.kernel[a * m + t] / nm;
            }
            for (int e = nl.start(a); e < nl.end(a); e++) {
                int b = nl.neighbor(e);
                int k = nl.imageK(e);
                int j = nl.imageJ(e);
                double ang = g.angle(k, j);
                double c = Math.cos(ang);
                double sn = Math.sin(ang);
                int gx = (3 * e) * m;
                int gy = gx + m;
                int gz = gy + m;
                int fa = 3 * a * m;
                int fb = 3 * b * m;
                double[] G = sr.entryGrad;
                for (int t = 0; t < m; t++) {
                    double vx = G[gx + t];
                    double vy = G[gy + t];
                    double vz = G[gz + t];
                    // force = -dE/dr: centre +G, image owner -R^T G (see SiteCalculator)
                    forces[fa + t] += vx;
                    forces[fa + m + t] += vy;
                    forces[fa + 2 * m + t] += vz;
                    forces[fb + t] -= c * vx + sn * vy;
                    forces[fb + m + t] -= -sn * vx + c * vy;
                    forces[fb + 2 * m + t] -= vz;
                }
                if (j != 0) {
                    for (int t = 0; t < m; t++) {
                        dEdh[t] += j * G[gz + t];
                    }
                }
            }
        }
        return new DesignRows(nm, m, energy, forces, dEdh);
    }

    /** Rows of a periodic full cell (every atom), with the CPU reference kernel engine. */
    public static DesignRows cell(KernelModel model, DescriptorEngine engine, Structure s) {
        return cell(model, new Engines(engine, CpuKernelEngine.INSTANCE), s);
    }

    /** Rows of a periodic full cell (every atom) on an engine pair. */
    public static DesignRows cell(KernelModel model, Engines engine, Structure s) {
        NeighborList nl = CellNeighbors.build(s, model.soap().cutoff());
        int m = model.referenceCount();
        int n = s.size();
        SiteRows sr = siteRows(model, engine, nl);
        double[] energy = new double[m];
        double[] forces = new double[3 * n * m];
        double[] G = sr.entryGrad;
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < m; t++) {
                energy[t] += sr.kernel[i * m + t] / n;
            }
            for (int e = nl.start(i); e < nl.end(i); e++) {
                int j = nl.neighbor(e);
                for (int c = 0; c < 3; c++) {
                    int ge = (3 * e + c) * m;
                    int fi = (3 * i + c) * m;
                    int fj = (3 * j + c) * m;
                    for (int t = 0; t < m; t++) {
                        forces[fi + t] += G[ge + t];
                        forces[fj + t] -= G[ge + t];
                    }
                }
            }
        }
        return new DesignRows(n, m, energy, forces, null, sr.kernel);
    }

    /** Kernel values (centres x M) and per-entry kernel gradients (entries x 3 x M). */
    private record SiteRows(double[] kernel, double[] entryGrad) {
    }

    private static SiteRows siteRows(KernelModel model, Engines engines, NeighborList nl) {
        DescriptorGradients dg = engines.descriptors().computeWithGradients(nl);
        DesignBlocks b = engines.kernels().designBlocks(KernelEvaluator.spec(model), dg, nl);
        return new SiteRows(b.kernel(), b.entryGradient());
    }
}

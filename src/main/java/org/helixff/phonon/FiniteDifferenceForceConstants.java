package org.helixff.phonon;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.helixff.InvalidInputException;
import org.helixff.Progress;
import org.helixff.Units;
import org.helixff.calculator.Calculator;
import org.helixff.calculator.CellResult;
import org.helixff.structure.Structure;
import org.helixff.symmetry.HelicalGroup;
import org.helixff.symmetry.SymmetricStructure;

/**
 * Force constants of a tube from any {@link Calculator} by central finite differences of forces on an explicit,
 * non-symmetric, non-periodic cluster (pbc F F F) around each motif atom.
 *
 * <p>Why a cluster is exact: moving motif atom a changes only the site energies of atoms within r_c (+ the
 * displacement d) of a, and those depend only on atoms within r_c of themselves. A cluster holding every image
 * within 2 (r_c + d) + margin of a therefore reproduces those site energies exactly, and the change of the
 * force on every atom within 2 (r_c + d) of a (all atoms it can act on) equals the infinite tube's. Atoms at
 * the cluster's edge have truncated environments, but their site energies do not depend on a. The cost is
 * (motif size) x 3 x (stencil points) evaluations of one cluster whose size depends on r_c and the tube's
 * radius, not on the translational cell (a (40,39) tube has 18,724 atoms per cell but the same cluster as any
 * tube of similar radius).
 *
 * <p>Each cluster atom is recorded as an image (b; k, j), so the forces give the blocks
 * Phi(a; b, g)[alpha][beta] = -dF_{b^g, beta} / dr_{a, alpha}. Displacements follow the {@link DisplacementScheme}
 * (default: 4-point stencil, step 0.005 Bohr, each atom's cylindrical frame). Evaluations of different
 * displacements run in parallel; the result is deterministic. Thread-safe when the calculator is.
 */
public final class FiniteDifferenceForceConstants implements ForceConstantProvider {
    private final Calculator calculator;
    private final DisplacementScheme scheme;

    /** A cluster around one motif atom: the structure and the image (b; k, j) behind each of its atoms. */
    public record Cluster(Structure structure, int[] atom, int[] k, int[] j, int center) {
        public Cluster {
            atom = atom.clone();
            k = k.clone();
            j = j.clone();
        }

        /** Number of atoms of the cluster. */
        public int size() {
            return atom.length;
        }
    }

    /**
     * @param calculator the forces to differentiate
     * @param scheme     step, stencil and frame
     * @throws org.helixff.InvalidInputException when either is null
     */
    public FiniteDifferenceForceConstants(Calculator calculator, DisplacementScheme scheme) {
        if (calculator == null || scheme == null) {
            throw new InvalidInputException("finite-difference force constants need a calculator and a scheme");
        }
        this.calculator = calculator;
        this.scheme = scheme;
    }

    /** The displacement scheme in use. */
    public DisplacementScheme scheme() {
        return scheme;
    }

    /** Radius of the cluster, Bohr: 2 (r_c + largest displacement) + margin. */
    public double clusterRadius() {
        return scheme.interactionRange(calculator.cutoff()) + scheme.margin();
    }

    /**
     * Every image of every motif atom within {@link #clusterRadius()} of motif atom {@code center} (itself
     * included, at index {@link Cluster#center()}), as a non-periodic structure.
     *
     * @throws InvalidInputException for a center outside the motif or a cluster of more than 200,000 atoms
     */
    public Cluster cluster(SymmetricStructure s, int center) {
        if (center < 0 || center >= s.motifSize()) {
            throw new InvalidInputException("motif atom " + center + " outside 0.." + (s.motifSize() - 1));
        }
        double radius = clusterRadius();
        HelicalGroup g = s.group();
        int n = g.cyclicOrder();
        double h = g.screwShift();
        double[] x = s.motif();
        double[] c = {x[3 * center], x[3 * center + 1], x[3 * center + 2]};
        List<double[]> pos = new ArrayList<>();
        List<int[]> ids = new ArrayList<>();
        double[] p = new double[3];
        int ci = -1;
        long estimate = 0;
        for (int b = 0; b < s.motifSize(); b++) {
            int jlo = (int) Math.ceil((c[2] - x[3 * b + 2] - radius) / h);
            int jhi = (int) Math.floor((c[2] - x[3 * b + 2] + radius) / h);
            estimate += (long) (jhi - jlo + 1) * n;
            if (estimate > 50_000_000L) {
                throw new InvalidInputException("cluster search too large: radius " + radius + " Bohr, h " + h
                        + " Bohr, N " + n);
            }
            for (int j = jlo; j <= jhi; j++) {
                for (int k = 0; k < n; k++) {
                    g.apply(k, j, x, 3 * b, p, 0);
                    double dx = p[0] - c[0];
                    double dy = p[1] - c[1];
                    double dz = p[2] - c[2];
                    if (dx * dx + dy * dy + dz * dz < radius * radius) {
                        if (b == center && k == 0 && j == 0) {
                            ci = pos.size();
                        }
                        pos.add(p.clone());
                        ids.add(new int[] {b, k, j});
                    }
                }
            }
        }
        if (pos.size() > 200_000) {
            throw new InvalidInputException("force-constant cluster of " + pos.size() + " atoms is too large");
        }
        int m = pos.size();
        double[] flat = new double[3 * m];
        String[] sp = new String[m];
        int[] ia = new int[m];
        int[] ik = new int[m];
        int[] ij = new int[m];
        for (int i = 0; i < m; i++) {
            System.arraycopy(pos.get(i), 0, flat, 3 * i, 3);
            int[] id = ids.get(i);
            sp[i] = s.species(id[0]);
            ia[i] = id[0];
            ik[i] = id[1];
            ij[i] = id[2];
        }
        Structure st = new Structure(sp, flat, new double[9], new boolean[] {false, false, false});
        return new Cluster(st, ia, ik, ij, ci);
    }

    /** Mass of a species in electron masses (only carbon is modelled). */
    static double mass(String species) {
        if (!"C".equals(species)) {
            throw new InvalidInputException("no mass for species '" + species + "': only carbon (C) is supported");
        }
        return Units.CARBON_MASS;
    }

    @Override
    public ForceConstants compute(SymmetricStructure s, Progress progress) {
        int nm = s.motifSize();
        double range = scheme.interactionRange(calculator.cutoff());
        DisplacementScheme.Stencil st = scheme.stencil();
        int pts = st.points();
        Cluster[] clusters = new Cluster[nm];
        for (int a = 0; a < nm; a++) {
            clusters[a] = cluster(s, a);
        }
        double[] motifForces = calculator.compute(s).forces();
        int jobs = nm * 3 * pts;
        double[][] forces = new double[jobs][];
        AtomicLong done = new AtomicLong();
        progress.update("force constants", 0, jobs);
        IntStream.range(0, jobs).parallel().forEach(job -> {
            int a = job / (3 * pts);
            int d = (job / pts) % 3;
            int sIdx = job % pts;
            Cluster cl = clusters[a];
            double[] e = scheme.directions(s.motifPosition(a, 0), s.motifPosition(a, 1));
            double[] pos = cl.structure().positions();
            double amp = st.offset(sIdx) * scheme.step();
            int o = 3 * cl.center();
            for (int q = 0; q < 3; q++) {
                pos[o + q] += amp * e[3 * q + d];
            }
            CellResult r = calculator.compute(cl.structure().withPositions(pos));
            forces[job] = r.forces();
            progress.update("force constants", done.incrementAndGet(), jobs);
        });
        List<int[]> ids = new ArrayList<>();
        List<double[]> blocks = new ArrayList<>();
        for (int a = 0; a < nm; a++) {
            Cluster cl = clusters[a];
            double[] e = scheme.directions(s.motifPosition(a, 0), s.motifPosition(a, 1));
            double[] pos = cl.structure().positions();
            int o = 3 * cl.center();
            for (int c = 0; c < cl.size(); c++) {
                double dx = pos[3 * c] - pos[o];
                double dy = pos[3 * c + 1] - pos[o + 1];
                double dz = pos[3 * c + 2] - pos[o + 2];
                if (Math.sqrt(dx * dx + dy * dy + dz * dz) >= range) {
                    continue;
                }
                // G[d][beta] = e_d . Phi(a; c)[.][beta] = -dF_c,beta / d(displacement along e_d)
                double[] gmat = new double[9];
                for (int d = 0; d < 3; d++) {
                    for (int sIdx = 0; sIdx < pts; sIdx++) {
                        double[] f = forces[(a * 3 + d) * pts + sIdx];
                        double w = st.weight(sIdx) / scheme.step();
                        for (int be = 0; be < 3; be++) {
                            gmat[3 * d + be] -= w * f[3 * c + be];
                        }
                    }
                }
                // Phi = E G (E has the directions as columns)
                double[] phi = new double[9];
                for (int al = 0; al < 3; al++) {
                    for (int be = 0; be < 3; be++) {
                        double v = 0;
                        for (int d = 0; d < 3; d++) {
                            v += e[3 * al + d] * gmat[3 * d + be];
                        }
                        phi[3 * al + be] = v;
                    }
                }
                ids.add(new int[] {a, cl.atom()[c], cl.k()[c], cl.j()[c]});
                blocks.add(phi);
            }
        }
        int nb = ids.size();
        int[] fa = new int[nb];
        int[] sb = new int[nb];
        int[] kk = new int[nb];
        int[] jj = new int[nb];
        double[] phi = new double[9 * nb];
        for (int i = 0; i < nb; i++) {
            int[] id = ids.get(i);
            fa[i] = id[0];
            sb[i] = id[1];
            kk[i] = id[2];
            jj[i] = id[3];
            System.arraycopy(blocks.get(i), 0, phi, 9 * i, 9);
        }
        double[] masses = new double[nm];
        for (int a = 0; a < nm; a++) {
            masses[a] = mass(s.species(a));
        }
        String how = String.format(java.util.Locale.ROOT,
                "finite differences (%s, step %.4g Bohr, %s frame) of forces from %s on clusters of %s atoms",
                st, scheme.step(), scheme.frame().toString().toLowerCase(java.util.Locale.ROOT), calculator.name(),
                clusterSizes(clusters));
        return new ForceConstants(s, masses, motifForces, fa, sb, kk, jj, phi, range, how);
    }

    private static String clusterSizes(Cluster[] cl) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cl.length; i++) {
            b.append(i == 0 ? "" : "/").append(cl[i].size());
        }
        return b.toString();
    }
}

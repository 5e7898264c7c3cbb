package org.helixff.neighbors;

import java.util.stream.IntStream;
import org.helixff.InvalidInputException;
import org.helixff.structure.Structure;

/**
 * Linear-time cell-list neighbour list of a (partly) periodic cell: any triclinic cell, any
 * combination of periodic directions, cutoffs larger than the cell (several image layers).
 *
 * <p>Method: wrap atoms into the cell along periodic directions; add ghost images within the cutoff of
 * the atoms' bounding box (ceil(r_c / H_d) layers, H_d the cell height along d); bin everything into
 * boxes of edge >= r_c (counting sort); search the 27 surrounding boxes of each atom. Entries of atom
 * i are (j, S, d) with d = r_j + S . cell - r_i computed from the unwrapped input positions
 * (S = ghost shift - wrap_j + wrap_i). From 2048 atoms on, blocks of 512 atoms are searched in parallel and
 * concatenated in atom order, so the list is the same for any thread count.
 */
public final class CellNeighbors {
    private CellNeighbors() {
    }

    /**
     * The neighbour list of a cell: stages {@link #wrap}, {@link #imageLayers}, {@link #ghosts}, {@link #bin}, the
     * block search and {@link #concatenate}.
     *
     * @param s      the structure (positions and cell in Bohr; any periodic directions)
     * @param cutoff cutoff radius, Bohr (positive, finite)
     * @return every pair closer than the cutoff, per atom in atom order, with image shifts
     * @throws InvalidInputException for a bad cutoff or a cell far too thin for it (over 1000 image layers)
     */
    public static NeighborList build(Structure s, double cutoff) {
        if (!(cutoff > 0) || !Double.isFinite(cutoff)) {
            throw new InvalidInputException("cutoff " + cutoff + " Bohr must be positive and finite");
        }
        int n = s.size();
        double[] r = s.positions();
        double[][] lat = new double[3][3];
        boolean[] pbc = s.pbc();
        for (int v = 0; v < 3; v++) {
            for (int d = 0; d < 3; d++) {
                lat[v][d] = s.cell(v, d);
            }
        }
        double[][] basis = effectiveBasis(lat, pbc);
        Wrapped wr = wrap(r, n, basis, pbc);
        int[] layers = imageLayers(basis, pbc, cutoff);
        double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                lo[c] = Math.min(lo[c], wr.w()[3 * i + c]);
                hi[c] = Math.max(hi[c], wr.w()[3 * i + c]);
            }
        }
        if (n == 0) {
            return new NeighborList(cutoff, new int[] {0}, new int[0], new double[0], new double[0], null, null,
                    new int[0]);
        }
        double[] glo = {lo[0] - cutoff, lo[1] - cutoff, lo[2] - cutoff};
        double[] ghi = {hi[0] + cutoff, hi[1] + cutoff, hi[2] + cutoff};
        Ghosts g = ghosts(wr.w(), n, basis, layers, glo, ghi);
        Bins bins = bin(g, glo, ghi, cutoff);
        Search search = new Search(wr.w(), r, wr.wrap(), basis, glo, bins.edge(), bins.nb(), bins.start(),
                bins.sorted(), g.atom(), g.shift(), g.pos(), cutoff * cutoff);
        int blocks = (n + BLOCK - 1) / BLOCK;
        Block[] out = new Block[blocks];
        IntStream range = IntStream.range(0, blocks);
        if (n >= PARALLEL_FROM) {
            range = range.parallel();
        }
        range.forEach(b -> out[b] = search.atoms(b * BLOCK, Math.min(n, (b + 1) * BLOCK)));
        return concatenate(out, n, cutoff);
    }

    /**
     * Atoms wrapped into the cell along periodic directions.
     *
     * @param wrap the whole cell vectors subtracted from each atom, [3n] (0 along open directions)
     * @param w    the wrapped positions, Bohr, [3n]
     */
    private record Wrapped(int[] wrap, double[] w) {
    }

    private static Wrapped wrap(double[] r, int n, double[][] basis, boolean[] pbc) {
        double[][] inv = inverseRows(basis);
        int[] wrap = new int[3 * n];
        double[] w = new double[3 * n];
        for (int i = 0; i < n; i++) {
            double[] p = {r[3 * i], r[3 * i + 1], r[3 * i + 2]};
            for (int d = 0; d < 3; d++) {
                if (pbc[d]) {
                    double f = p[0] * inv[0][d] + p[1] * inv[1][d] + p[2] * inv[2][d];
                    int fl = (int) Math.floor(f);
                    wrap[3 * i + d] = fl;
                }
            }
            for (int c = 0; c < 3; c++) {
                double v = p[c];
                for (int d = 0; d < 3; d++) {
                    v -= wrap[3 * i + d] * basis[d][c];
                }
                w[3 * i + c] = v;
            }
        }
        return new Wrapped(wrap, w);
    }

    /** Most image layers along one direction before the cell counts as far too thin for the cutoff. */
    private static final int MAX_LAYERS = 1000;

    /** ceil(r_c / H_d) image layers along each periodic direction d (H_d the cell height), 0 along open ones. */
    private static int[] imageLayers(double[][] basis, boolean[] pbc, double cutoff) {
        double vol = Math.abs(det(basis));
        int[] layers = new int[3];
        for (int d = 0; d < 3; d++) {
            if (pbc[d]) {
                double[] c = cross(basis[(d + 1) % 3], basis[(d + 2) % 3]);
                double height = vol / Math.sqrt(c[0] * c[0] + c[1] * c[1] + c[2] * c[2]);
                layers[d] = (int) Math.ceil(cutoff / height);
                if (layers[d] > MAX_LAYERS) {
                    throw new InvalidInputException("cell height " + height + " Bohr is far too small for cutoff "
                            + cutoff + " Bohr");
                }
            }
        }
        return layers;
    }

    /**
     * The images of the wrapped atoms (shift 0 included) inside the box glo..ghi.
     *
     * @param atom  the atom of each ghost
     * @param shift its cell shift, [3 per ghost]
     * @param pos   its position, Bohr, [3 per ghost]
     */
    private record Ghosts(int[] atom, int[] shift, double[] pos) {
    }

    private static Ghosts ghosts(double[] w, int n, double[][] basis, int[] layers, double[] glo, double[] ghi) {
        IntBuffer gAtom = new IntBuffer();
        IntBuffer gShift = new IntBuffer();
        DoubleBuffer gPos = new DoubleBuffer();
        for (int s0 = -layers[0]; s0 <= layers[0]; s0++) {
            for (int s1 = -layers[1]; s1 <= layers[1]; s1++) {
                for (int s2 = -layers[2]; s2 <= layers[2]; s2++) {
                    double ox = s0 * basis[0][0] + s1 * basis[1][0] + s2 * basis[2][0];
                    double oy = s0 * basis[0][1] + s1 * basis[1][1] + s2 * basis[2][1];
                    double oz = s0 * basis[0][2] + s1 * basis[1][2] + s2 * basis[2][2];
                    for (int i = 0; i < n; i++) {
                        double x = w[3 * i] + ox;
                        double y = w[3 * i + 1] + oy;
                        double z = w[3 * i + 2] + oz;
                        if (x < glo[0] || x > ghi[0] || y < glo[1] || y > ghi[1] || z < glo[2] || z > ghi[2]) {
                            continue;
                        }
                        gAtom.add(i);
                        gShift.add(s0);
                        gShift.add(s1);
                        gShift.add(s2);
                        gPos.add(x);
                        gPos.add(y);
                        gPos.add(z);
                    }
                }
            }
        }
        return new Ghosts(gAtom.toArray(), gShift.toArray(), gPos.toArray());
    }

    /**
     * The ghosts sorted into boxes (counting sort).
     *
     * @param nb     boxes along x, y, z
     * @param edge   box edges, Bohr (>= cutoff unless the box count was halved to bound memory)
     * @param start  first entry of each box in {@code sorted} (one more entry than boxes)
     * @param sorted ghost indices box by box
     */
    private record Bins(int[] nb, double[] edge, int[] start, int[] sorted) {
    }

    private static Bins bin(Ghosts g, double[] glo, double[] ghi, double cutoff) {
        int ng = g.atom().length;
        double[] gp = g.pos();
        int[] nb = new int[3];
        double[] edge = new double[3];
        long totalBins = 1;
        for (int c = 0; c < 3; c++) {
            double ext = ghi[c] - glo[c];
            nb[c] = Math.max(1, (int) Math.floor(ext / cutoff));
            totalBins *= nb[c];
        }
        while (totalBins > 4L * ng + 1000) {
            int c = nb[0] >= nb[1] && nb[0] >= nb[2] ? 0 : (nb[1] >= nb[2] ? 1 : 2);
            nb[c] = Math.max(1, nb[c] / 2);
            totalBins = (long) nb[0] * nb[1] * nb[2];
        }
        for (int c = 0; c < 3; c++) {
            edge[c] = (ghi[c] - glo[c]) / nb[c];
        }
        int[] binOf = new int[ng];
        int[] binCount = new int[(int) totalBins + 1];
        for (int k = 0; k < ng; k++) {
            int b = binIndex(gp[3 * k], gp[3 * k + 1], gp[3 * k + 2], glo, edge, nb);
            binOf[k] = b;
            binCount[b + 1]++;
        }
        for (int b = 0; b < totalBins; b++) {
            binCount[b + 1] += binCount[b];
        }
        int[] binStart = binCount.clone();
        int[] sorted = new int[ng];
        int[] fill = binCount.clone();
        for (int k = 0; k < ng; k++) {
            sorted[fill[binOf[k]]++] = k;
        }
        return new Bins(nb, edge, binStart, sorted);
    }

    /** The blocks concatenated in atom order (the list does not depend on the thread count). */
    private static NeighborList concatenate(Block[] out, int n, double cutoff) {
        int entries = 0;
        for (Block b : out) {
            entries += b.neighbors.length;
        }
        int[] offsets = new int[n + 1];
        int[] neighbors = new int[entries];
        int[] shifts = new int[3 * entries];
        double[] disp = new double[3 * entries];
        double[] dist = new double[entries];
        int at = 0;
        for (int bi = 0; bi < out.length; bi++) {
            Block b = out[bi];
            int first = bi * BLOCK;
            for (int k = 0; k < b.ends.length; k++) {
                offsets[first + k + 1] = at + b.ends[k];
            }
            int m = b.neighbors.length;
            System.arraycopy(b.neighbors, 0, neighbors, at, m);
            System.arraycopy(b.shifts, 0, shifts, 3 * at, 3 * m);
            System.arraycopy(b.disp, 0, disp, 3 * at, 3 * m);
            System.arraycopy(b.dist, 0, dist, at, m);
            at += m;
        }
        return new NeighborList(cutoff, offsets, neighbors, disp, dist, null, null, shifts);
    }

    /** Atoms per search block. */
    private static final int BLOCK = 512;
    /** Atoms from which the blocks are searched in parallel (common fork/join pool). */
    private static final int PARALLEL_FROM = 2048;

    /** The entries of a block of consecutive atoms; ends[k] = entries of its first k + 1 atoms. */
    private record Block(int[] ends, int[] neighbors, int[] shifts, double[] disp, double[] dist) {
    }

    /** The binned ghosts and what the search of one atom needs (read-only, shared by the blocks). */
    private record Search(double[] w, double[] r, int[] wrap, double[][] basis, double[] glo, double[] edge, int[] nb,
            int[] binStart, int[] sorted, int[] ga, int[] gs, double[] gp, double rc2) {
        /** Searches the 27 surrounding boxes of atoms lo..hi-1. */
        Block atoms(int lo, int hi) {
            IntBuffer outNb = new IntBuffer();
            IntBuffer outShift = new IntBuffer();
            DoubleBuffer outDisp = new DoubleBuffer();
            int[] ends = new int[hi - lo];
            for (int i = lo; i < hi; i++) {
                double xi = w[3 * i];
                double yi = w[3 * i + 1];
                double zi = w[3 * i + 2];
                int bx = clamp((int) Math.floor((xi - glo[0]) / edge[0]), nb[0]);
                int by = clamp((int) Math.floor((yi - glo[1]) / edge[1]), nb[1]);
                int bz = clamp((int) Math.floor((zi - glo[2]) / edge[2]), nb[2]);
                for (int ix = Math.max(0, bx - 1); ix <= Math.min(nb[0] - 1, bx + 1); ix++) {
                    for (int iy = Math.max(0, by - 1); iy <= Math.min(nb[1] - 1, by + 1); iy++) {
                        for (int iz = Math.max(0, bz - 1); iz <= Math.min(nb[2] - 1, bz + 1); iz++) {
                            int b = (ix * nb[1] + iy) * nb[2] + iz;
                            for (int t = binStart[b]; t < binStart[b + 1]; t++) {
                                int g = sorted[t];
                                int j = ga[g];
                                if (j == i && gs[3 * g] == 0 && gs[3 * g + 1] == 0 && gs[3 * g + 2] == 0) {
                                    continue;
                                }
                                double dx = gp[3 * g] - xi;
                                double dy = gp[3 * g + 1] - yi;
                                double dz = gp[3 * g + 2] - zi;
                                if (dx * dx + dy * dy + dz * dz >= rc2) {
                                    continue;
                                }
                                int s0 = gs[3 * g] - wrap[3 * j] + wrap[3 * i];
                                int s1 = gs[3 * g + 1] - wrap[3 * j + 1] + wrap[3 * i + 1];
                                int s2 = gs[3 * g + 2] - wrap[3 * j + 2] + wrap[3 * i + 2];
                                outNb.add(j);
                                outShift.add(s0);
                                outShift.add(s1);
                                outShift.add(s2);
                                for (int c = 0; c < 3; c++) {
                                    outDisp.add(r[3 * j + c] - r[3 * i + c] + s0 * basis[0][c] + s1 * basis[1][c]
                                            + s2 * basis[2][c]);
                                }
                            }
                        }
                    }
                }
                ends[i - lo] = outNb.size();
            }
            double[] disp = outDisp.toArray();
            int m = outNb.size();
            double[] dist = new double[m];
            for (int e = 0; e < m; e++) {
                dist[e] = Math.sqrt(disp[3 * e] * disp[3 * e] + disp[3 * e + 1] * disp[3 * e + 1]
                        + disp[3 * e + 2] * disp[3 * e + 2]);
            }
            return new Block(ends, outNb.toArray(), outShift.toArray(), disp, dist);
        }
    }

    private static int clamp(int b, int n) {
        return b < 0 ? 0 : (b >= n ? n - 1 : b);
    }

    private static int binIndex(double x, double y, double z, double[] lo, double[] edge, int[] nb) {
        int bx = clamp((int) Math.floor((x - lo[0]) / edge[0]), nb[0]);
        int by = clamp((int) Math.floor((y - lo[1]) / edge[1]), nb[1]);
        int bz = clamp((int) Math.floor((z - lo[2]) / edge[2]), nb[2]);
        return (bx * nb[1] + by) * nb[2] + bz;
    }

    /** Periodic lattice vectors as given; non-periodic ones replaced by unit vectors completing a basis. */
    static double[][] effectiveBasis(double[][] lat, boolean[] pbc) {
        double[][] b = new double[3][];
        int periodic = 0;
        for (int d = 0; d < 3; d++) {
            if (pbc[d]) {
                b[d] = lat[d].clone();
                periodic++;
            }
        }
        if (periodic == 3) {
            return b;
        }
        if (periodic == 0) {
            return new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        }
        if (periodic == 2) {
            int free = !pbc[0] ? 0 : (!pbc[1] ? 1 : 2);
            double[] c = cross(b[(free + 1) % 3], b[(free + 2) % 3]);
            b[free] = normalize(c);
            return b;
        }
        int per = pbc[0] ? 0 : (pbc[1] ? 1 : 2);
        double[] p = normalize(b[per]);
        double[] trial = Math.abs(p[0]) < 0.9 ? new double[] {1, 0, 0} : new double[] {0, 1, 0};
        double[] u = normalize(cross(p, trial));
        double[] v = normalize(cross(p, u));
        b[(per + 1) % 3] = u;
        b[(per + 2) % 3] = v;
        return b;
    }

    private static double[] normalize(double[] v) {
        double l = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        return new double[] {v[0] / l, v[1] / l, v[2] / l};
    }

    static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    static double det(double[][] m) {
        return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    }

    /**
     * For a matrix whose rows are basis vectors B, returns X with r = sum_d f_d B_d solved by
     * f_d = sum_c r_c X[c][d] (X = B^{-1} acting on row vectors).
     */
    static double[][] inverseRows(double[][] m) {
        double dt = det(m);
        if (Math.abs(dt) < 1e-12) {
            throw new InvalidInputException("cell is degenerate (determinant " + dt + ")");
        }
        double[][] inv = new double[3][3];
        inv[0][0] = (m[1][1] * m[2][2] - m[1][2] * m[2][1]) / dt;
        inv[0][1] = (m[0][2] * m[2][1] - m[0][1] * m[2][2]) / dt;
        inv[0][2] = (m[0][1] * m[1][2] - m[0][2] * m[1][1]) / dt;
        inv[1][0] = (m[1][2] * m[2][0] - m[1][0] * m[2][2]) / dt;
        inv[1][1] = (m[0][0] * m[2][2] - m[0][2] * m[2][0]) / dt;
        inv[1][2] = (m[0][2] * m[1][0] - m[0][0] * m[1][2]) / dt;
        inv[2][0] = (m[1][0] * m[2][1] - m[1][1] * m[2][0]) / dt;
        inv[2][1] = (m[0][1] * m[2][0] - m[0][0] * m[2][1]) / dt;
        inv[2][2] = (m[0][0] * m[1][1] - m[0][1] * m[1][0]) / dt;
        return inv;
    }
}

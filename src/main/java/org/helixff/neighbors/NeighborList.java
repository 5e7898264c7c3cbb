package org.helixff.neighbors;

/**
 * Neighbours of a set of centre atoms in compressed-row form: the entries of centre i are
 * {@code start(i) <= e < end(i)}. Each entry names the neighbour atom (a motif atom for image lists, a
 * cell atom for cell lists), its displacement d = r_neighbour - r_centre (Bohr) and distance.
 * Image lists also carry the group element (k, j) of the neighbour image; cell lists carry the integer
 * lattice shift S so that d = r_j + S . cell - r_i. Immutable; hot accessors read the arrays directly.
 */
public final class NeighborList {
    private final double cutoff;
    private final int[] offsets;
    private final int[] neighbor;
    private final double[] disp;
    private final double[] dist;
    private final int[] imageK;
    private final int[] imageJ;
    private final int[] shifts;
    private final double[] imageCos;
    private final double[] imageSin;

    NeighborList(double cutoff, int[] offsets, int[] neighbor, double[] disp, double[] dist, int[] imageK,
            int[] imageJ, int[] shifts) {
        this(cutoff, offsets, neighbor, disp, dist, imageK, imageJ, shifts, null, null);
    }

    NeighborList(double cutoff, int[] offsets, int[] neighbor, double[] disp, double[] dist, int[] imageK,
            int[] imageJ, int[] shifts, double[] imageCos, double[] imageSin) {
        this.imageCos = imageCos;
        this.imageSin = imageSin;
        this.cutoff = cutoff;
        this.offsets = offsets;
        this.neighbor = neighbor;
        this.disp = disp;
        this.dist = dist;
        this.imageK = imageK;
        this.imageJ = imageJ;
        this.shifts = shifts;
    }

    /**
     * A list given directly (for tests and for callers with their own environments).
     *
     * @param offsets  centres + 1 entries, offsets[0] = 0
     * @param neighbor neighbour index per entry
     * @param disp     3 per entry, Bohr
     */
    public static NeighborList of(double cutoff, int[] offsets, int[] neighbor, double[] disp) {
        int entries = offsets[offsets.length - 1];
        if (neighbor.length != entries || disp.length != 3 * entries) {
            throw new IllegalArgumentException("neighbour arrays do not match offsets");
        }
        double[] dist = new double[entries];
        for (int e = 0; e < entries; e++) {
            dist[e] = Math.sqrt(disp[3 * e] * disp[3 * e] + disp[3 * e + 1] * disp[3 * e + 1]
                    + disp[3 * e + 2] * disp[3 * e + 2]);
        }
        return new NeighborList(cutoff, offsets.clone(), neighbor.clone(), disp.clone(), dist, null, null, null);
    }

    /** Cutoff radius the list was built with, Bohr (every entry has distance < cutoff). */
    public double cutoff() {
        return cutoff;
    }

    /** Number of centre atoms. */
    public int centers() {
        return offsets.length - 1;
    }

    /** Total number of entries (pairs). */
    public int entries() {
        return offsets[offsets.length - 1];
    }

    /** First entry of centre {@code center} (entries of one centre are contiguous). */
    public int start(int center) {
        return offsets[center];
    }

    /** One past the last entry of centre {@code center}. */
    public int end(int center) {
        return offsets[center + 1];
    }

    /** Number of entries (neighbours within the cutoff) of centre {@code center}. */
    public int count(int center) {
        return offsets[center + 1] - offsets[center];
    }

    /** Neighbour atom of entry e (motif atom for image lists, cell atom for cell lists). */
    public int neighbor(int e) {
        return neighbor[e];
    }

    /** Component d of the displacement of entry e, Bohr. */
    public double disp(int e, int d) {
        return disp[3 * e + d];
    }

    /** Length of the displacement of entry e, Bohr ({@code 0 < distance < cutoff}). */
    public double distance(int e) {
        return dist[e];
    }

    /** True when entries carry group elements (built from a symmetric structure). */
    public boolean hasImages() {
        return imageK != null;
    }

    /** Cyclic index k of entry e's image (image lists only). */
    public int imageK(int e) {
        return imageK[e];
    }

    /** Screw power j of entry e's image (image lists only). */
    public int imageJ(int e) {
        return imageJ[e];
    }

    /**
     * True when the entries also carry the cosine and sine of their image's rotation angle (image lists built by
     * {@link ImageNeighbors}), so that gathering need not evaluate them again.
     */
    public boolean hasImageRotations() {
        return imageCos != null;
    }

    /**
     * cos(2 pi k / N + j alpha) of entry e's image, exactly {@code Math.cos(group.angle(k, j))} (image lists with
     * {@link #hasImageRotations()} only).
     */
    public double imageCos(int e) {
        return imageCos[e];
    }

    /** sin(2 pi k / N + j alpha) of entry e's image, exactly {@code Math.sin(group.angle(k, j))}. */
    public double imageSin(int e) {
        return imageSin[e];
    }

    /** True when entries carry lattice shifts (built from a periodic cell). */
    public boolean hasShifts() {
        return shifts != null;
    }

    /** Lattice shift component d of entry e (cell lists only). */
    public int shift(int e, int d) {
        return shifts[3 * e + d];
    }

    /** Copy of the displacements of one centre, 3 per neighbour, Bohr. */
    public double[] displacements(int center) {
        int s = offsets[center];
        int n = offsets[center + 1] - s;
        double[] out = new double[3 * n];
        System.arraycopy(disp, 3 * s, out, 0, 3 * n);
        return out;
    }

    /** Copies the displacements of one centre into out (3 per neighbour) and returns the count. */
    public int copyDisplacements(int center, double[] out) {
        int s = offsets[center];
        int n = offsets[center + 1] - s;
        System.arraycopy(disp, 3 * s, out, 0, 3 * n);
        return n;
    }

    /** Copy of all displacements, 3 per entry. */
    public double[] allDisplacements() {
        return disp.clone();
    }

    /** Sorted distances of one centre's neighbours (for multiset comparisons). */
    public double[] sortedDistances(int center) {
        double[] d = java.util.Arrays.copyOfRange(dist, offsets[center], offsets[center + 1]);
        java.util.Arrays.sort(d);
        return d;
    }

    /** Smallest distance in the list, or +infinity when empty. */
    public double minimumDistance() {
        double m = Double.POSITIVE_INFINITY;
        for (double d : dist) {
            m = Math.min(m, d);
        }
        return m;
    }

    /** Index of the entry with the smallest distance, or -1 when empty. */
    public int closestEntry() {
        int best = -1;
        for (int e = 0; e < dist.length; e++) {
            if (best < 0 || dist[e] < dist[best]) {
                best = e;
            }
        }
        return best;
    }

    /** Centre atom that owns entry e (binary search over offsets). */
    public int centerOf(int e) {
        int lo = 0;
        int hi = offsets.length - 2;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (offsets[mid] <= e) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
}

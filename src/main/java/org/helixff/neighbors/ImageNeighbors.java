package org.helixff.neighbors;

import org.helixff.InvalidInputException;
import org.helixff.symmetry.HelicalGroup;
import org.helixff.symmetry.SymmetricStructure;

/**
 * Neighbours of the motif atoms of a {@link SymmetricStructure}: for each motif atom a, every image
 * (b; k, j) of every motif atom b (other than a itself) closer than the cutoff, with its group element
 * and displacement. Cost depends on the cutoff and h, not on the size of the tube's translational cell.
 */
public final class ImageNeighbors {
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
        int[] offsets = new int[nm + 1];
        double[] p = new double[3];
        long maxSteps = (long) Math.ceil(2 * cutoff / h) + 2;
        if (maxSteps * n * nm > 50_000_000L) {
            throw new InvalidInputException("image search too large: " + maxSteps + " screw steps x " + n
                    + " rotations (cutoff " + cutoff + " Bohr, h " + h + " Bohr)");
        }
        for (int a = 0; a < nm; a++) {
            double xa = x[3 * a];
            double ya = x[3 * a + 1];
            double za = x[3 * a + 2];
            for (int b = 0; b < nm; b++) {
                double zb = x[3 * b + 2];
                int jlo = (int) Math.ceil((za - zb - cutoff) / h);
                int jhi = (int) Math.floor((za - zb + cutoff) / h);
                for (int j = jlo; j <= jhi; j++) {
                    double dz = zb + j * h - za;
                    if (dz * dz >= rc2) {
                        continue;
                    }
                    for (int k = 0; k < n; k++) {
                        if (b == a && j == 0 && k == 0) {
                            continue;
                        }
                        g.apply(k, j, x, 3 * b, p, 0);
                        double px = p[0];
                        double py = p[1];
                        double dx = px - xa;
                        double dy = py - ya;
                        double r2 = dx * dx + dy * dy + dz * dz;
                        if (r2 < rc2) {
                            nb.add(b);
                            kk.add(k);
                            jj.add(j);
                            dd.add(dx);
                            dd.add(dy);
                            dd.add(dz);
                        }
                    }
                }
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
        return new NeighborList(cutoff, offsets, nb.toArray(), disp, dist, kk.toArray(), jj.toArray(), null);
    }
}

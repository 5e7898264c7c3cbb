package org.helixff.compute.cuda;

import org.helixff.InvalidInputException;
import org.helixff.descriptor.CpuSoapEngine;
import org.helixff.neighbors.NeighborList;

/**
 * The neighbour entries inside r_c of a {@link NeighborList}, compacted per centre in list order, in the
 * flat form the SOAP kernels read: per pair r, dx, dy, dz (Bohr), its list entry and its centre. Entries
 * at or beyond r_c are dropped (their gradients are zero), exactly as the CPU engine skips them. Pure
 * Java; validates like {@link CpuSoapEngine}.
 */
final class PairBatch {
    final int centers;
    final int entries;
    final int pairs;
    final int maxPairs;
    final int[] offsets;
    final double[] geometry;
    final int[] entry;
    final int[] centre;
    /** Centre of every list entry (also those beyond r_c), for the design-block kernels. */
    final int[] entryCentre;

    private PairBatch(int centers, int entries, int pairs, int maxPairs, int[] offsets, double[] geometry, int[] entry,
            int[] centre, int[] entryCentre) {
        this.centers = centers;
        this.entries = entries;
        this.pairs = pairs;
        this.maxPairs = maxPairs;
        this.offsets = offsets;
        this.geometry = geometry;
        this.entry = entry;
        this.centre = centre;
        this.entryCentre = entryCentre;
    }

    /**
     * @throws InvalidInputException when the list's cutoff is below r_c or an entry is closer than
     *                               {@link CpuSoapEngine#MIN_DISTANCE} (same messages as the CPU engine)
     */
    static PairBatch of(NeighborList nl, double cutoff) {
        if (nl == null) {
            throw new InvalidInputException("neighbour list must be given");
        }
        if (nl.cutoff() < cutoff) {
            throw new InvalidInputException("neighbour list cutoff " + nl.cutoff() + " Bohr is below the SOAP cutoff r_c = "
                    + cutoff + " Bohr");
        }
        int n = nl.centers();
        int entries = nl.entries();
        int[] offsets = new int[n + 1];
        int[] entryCentre = new int[entries];
        int pairs = 0;
        int maxPairs = 0;
        for (int i = 0; i < n; i++) {
            int here = 0;
            for (int e = nl.start(i); e < nl.end(i); e++) {
                entryCentre[e] = i;
                double r = nl.distance(e);
                if (!(r > CpuSoapEngine.MIN_DISTANCE)) {
                    throw new InvalidInputException("neighbour entry " + e + " (atom " + nl.neighbor(e) + ") of centre "
                            + i + " is " + r + " Bohr from it: no direction");
                }
                if (r < cutoff) {
                    here++;
                }
            }
            pairs += here;
            maxPairs = Math.max(maxPairs, here);
            offsets[i + 1] = pairs;
        }
        double[] geometry = new double[4 * pairs];
        int[] entry = new int[pairs];
        int[] centre = new int[pairs];
        int p = 0;
        for (int i = 0; i < n; i++) {
            for (int e = nl.start(i); e < nl.end(i); e++) {
                double r = nl.distance(e);
                if (r >= cutoff) {
                    continue;
                }
                geometry[4 * p] = r;
                geometry[4 * p + 1] = nl.disp(e, 0);
                geometry[4 * p + 2] = nl.disp(e, 1);
                geometry[4 * p + 3] = nl.disp(e, 2);
                entry[p] = e;
                centre[p] = i;
                p++;
            }
        }
        return new PairBatch(n, entries, pairs, maxPairs, offsets, geometry, entry, centre, entryCentre);
    }
}

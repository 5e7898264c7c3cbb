package org.helixff.compute.cuda;

import org.helixff.InvalidInputException;
import org.helixff.compute.cpu.CpuSoapEngine;
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
    /** First list entry of every centre, centres + 1 (entries of centre i: [entryStart[i], entryStart[i + 1])). */
    final int[] entryStart;

    private PairBatch(int centers, int entries, int pairs, int maxPairs, int[] offsets, double[] geometry, int[] entry,
            int[] centre, int[] entryCentre, int[] entryStart) {
        this.centers = centers;
        this.entries = entries;
        this.pairs = pairs;
        this.maxPairs = maxPairs;
        this.offsets = offsets;
        this.geometry = geometry;
        this.entry = entry;
        this.centre = centre;
        this.entryCentre = entryCentre;
        this.entryStart = entryStart;
    }

    /**
     * The centres [from, to) as a batch of their own: pair and entry indices renumbered from 0, so the kernels
     * run on it unchanged; its entries are those of the list's [entryStart[from], entryStart[to]).
     */
    PairBatch slice(int from, int to) {
        if (from < 0 || to > centers || from > to) {
            throw new IllegalArgumentException("centres [" + from + ", " + to + ") of " + centers);
        }
        if (from == 0 && to == centers) {
            return this;
        }
        int p0 = offsets[from];
        int p1 = offsets[to];
        int e0 = entryStart[from];
        int e1 = entryStart[to];
        int n = to - from;
        int[] off = new int[n + 1];
        int[] es = new int[n + 1];
        int max = 0;
        for (int i = 0; i <= n; i++) {
            off[i] = offsets[from + i] - p0;
            es[i] = entryStart[from + i] - e0;
            if (i > 0) {
                max = Math.max(max, off[i] - off[i - 1]);
            }
        }
        int[] ent = new int[p1 - p0];
        int[] cen = new int[p1 - p0];
        for (int p = p0; p < p1; p++) {
            ent[p - p0] = entry[p] - e0;
            cen[p - p0] = centre[p] - from;
        }
        int[] ec = new int[e1 - e0];
        for (int e = e0; e < e1; e++) {
            ec[e - e0] = entryCentre[e] - from;
        }
        return new PairBatch(n, e1 - e0, p1 - p0, max, off, java.util.Arrays.copyOfRange(geometry, 4 * p0, 4 * p1), ent,
                cen, ec, es);
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
        int[] entryStart = new int[n + 1];
        int pairs = 0;
        int maxPairs = 0;
        for (int i = 0; i < n; i++) {
            int here = 0;
            entryStart[i] = nl.start(i);
            entryStart[i + 1] = nl.end(i);
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
        return new PairBatch(n, entries, pairs, maxPairs, offsets, geometry, entry, centre, entryCentre, entryStart);
    }
}

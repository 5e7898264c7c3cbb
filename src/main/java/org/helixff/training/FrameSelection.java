package org.helixff.training;

import java.util.ArrayList;
import java.util.List;
import org.helixff.InvalidInputException;
import org.helixff.descriptor.DescriptorEngine;
import org.helixff.descriptor.DescriptorNorms;
import org.helixff.descriptor.DescriptorSet;
import org.helixff.model.Extrapolation;
import org.helixff.model.KernelModel;
import org.helixff.neighbors.NeighborList;

/**
 * Which candidate frames a teacher should label next: farthest-first selection by the model's
 * extrapolation distance ({@link Extrapolation}). The score of a candidate is the largest, over its atoms,
 * of the kernel distance to the nearest environment known so far (the model's references and every atom
 * of the candidates already chosen), divided by the model's interpolation radius; the candidate of largest
 * score is chosen and its environments join the known ones, until {@code count} are chosen or no candidate
 * scores above {@code minScore}. Deterministic (ties: lowest index). Cost: candidates' atoms x (M + chosen
 * atoms) x D.
 */
public final class FrameSelection {
    private FrameSelection() {
    }

    /** One chosen candidate: its index in the pool and its score when it was chosen. */
    public record Choice(int index, double score) {
    }

    /**
     * Selects from candidates given by their neighbour lists.
     *
     * @param candidates neighbour lists of the candidates (cell or symmetric), cut off at the model's r_c
     * @param count      most candidates to choose (>= 1)
     * @param minScore   stop when the best remaining score is at or below this (>= 0)
     * @return the choices in the order made
     */
    public static List<Choice> farthestFirst(KernelModel model, DescriptorEngine engine, List<NeighborList> candidates,
            int count, double minScore) {
        if (count < 1) {
            throw new InvalidInputException("selection: count " + count + " must be >= 1");
        }
        if (!(minScore >= 0) || !Double.isFinite(minScore)) {
            throw new InvalidInputException("selection: minimum score " + minScore + " must be finite and >= 0");
        }
        int d = model.descriptorLength();
        int zeta = model.zeta();
        double radius = Extrapolation.radius(model);
        List<double[]> unit = new ArrayList<>();
        List<double[]> nearest = new ArrayList<>();
        for (NeighborList nl : candidates) {
            DescriptorSet set = engine.compute(nl);
            double[] x = set.values();
            nearest.add(Extrapolation.nearestDistances(model, x, set.centers()));
            unit.add(DescriptorNorms.normaliseRows(x, set.centers(), d));
        }
        boolean[] taken = new boolean[candidates.size()];
        List<Choice> out = new ArrayList<>();
        while (out.size() < count) {
            int best = -1;
            double bestScore = -1;
            for (int c = 0; c < candidates.size(); c++) {
                if (taken[c]) {
                    continue;
                }
                double s = max(nearest.get(c)) / radius;
                if (s > bestScore) {
                    bestScore = s;
                    best = c;
                }
            }
            if (best < 0 || bestScore <= minScore) {
                break;
            }
            taken[best] = true;
            out.add(new Choice(best, bestScore));
            double[] chosen = unit.get(best);
            int nb = chosen.length / d;
            for (int c = 0; c < candidates.size(); c++) {
                if (taken[c]) {
                    continue;
                }
                double[] x = unit.get(c);
                double[] near = nearest.get(c);
                int n = x.length / d;
                for (int i = 0; i < n; i++) {
                    double bestDot = -1;
                    for (int j = 0; j < nb; j++) {
                        double dot = 0;
                        for (int k = 0; k < d; k++) {
                            dot += x[i * d + k] * chosen[j * d + k];
                        }
                        bestDot = Math.max(bestDot, dot);
                    }
                    near[i] = Math.min(near[i], Extrapolation.distance(bestDot, zeta));
                }
            }
        }
        return out;
    }

    private static double max(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }
}

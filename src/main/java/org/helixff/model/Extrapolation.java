package org.helixff.model;

import java.util.LinkedHashMap;
import java.util.Map;
import org.helixff.InvalidInputException;
import org.helixff.descriptor.DescriptorEngine;
import org.helixff.descriptor.DescriptorNorms;
import org.helixff.descriptor.DescriptorSet;
import org.helixff.neighbors.CellNeighbors;
import org.helixff.neighbors.ImageNeighbors;
import org.helixff.neighbors.NeighborList;
import org.helixff.structure.Structure;
import org.helixff.symmetry.SymmetricStructure;

/**
 * How far a structure lies from the data a model was trained on: for every atomic environment the kernel
 * distance to the nearest reference environment,
 * d(x) = min_t sqrt(k(x, x) + k(r_t, r_t) - 2 k(x, r_t)) = min_t sqrt(2 - 2 (x^ . r^_t)^zeta)
 * (x^, r^ unit-norm SOAP vectors; the distance the polynomial kernel induces: 0 for an environment that is a
 * reference, at most sqrt 2). The references are a farthest-point subset of the training environments, so
 * the distances between neighbouring references say how densely the model has seen its domain. The model's
 * <em>interpolation radius</em> r is the 99th percentile of the references' nearest-other-reference
 * distances (stored at training time in the metadata under {@value #METADATA_KEY}; computed from the
 * references for files written before). The score of a structure is max_i d(x_i) / r; above
 * {@link #WARNING_SCORE} its most novel environment is farther from all training data than almost any two
 * neighbouring training environments are from each other: the prediction is an extrapolation.
 *
 * <p>Unlike the Bayesian predictive sigma (which measures the spread of weights that fit the data and can
 * fall as an environment leaves the data: a sum of small kernel values is small), this measure grows
 * monotonically with novelty. Measured on the 0.1.0 default model (training tubes d <= 1.04 nm, r = 0.053):
 * ideal (8,8) 0.18, (10,10) 0.64, (12,6) 0.45, (15,15) 1.20, (20,20) 1.48, (26,0) 1.20, (40,39) 1.78.
 */
public final class Extrapolation {
    /** Metadata key of the interpolation radius (and the reference spacings' summary). */
    public static final String METADATA_KEY = "extrapolation";
    /** Score above which a structure is called outside the training data (see the class doc). */
    public static final double WARNING_SCORE = 1.0;
    /** Percentile of the reference spacings that defines the interpolation radius. */
    public static final double RADIUS_QUANTILE = 0.99;
    private static final java.util.Map<KernelModel, Double> RADII =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    private Extrapolation() {
    }

    /**
     * The measure for one structure.
     *
     * @param maxDistance  largest nearest-reference distance over the environments (kernel units, [0, sqrt 2])
     * @param meanDistance mean nearest-reference distance
     * @param worstCenter  index of the environment of largest distance (motif or cell atom)
     * @param radius       the model's interpolation radius
     * @param score        maxDistance / radius
     * @param centers      environments measured
     */
    public record Report(double maxDistance, double meanDistance, int worstCenter, double radius, double score,
            int centers) {
        /** True when the score exceeds {@link #WARNING_SCORE}. */
        public boolean outside() {
            return score > WARNING_SCORE;
        }

        /** The numbers as an ordered map (for JSON). */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("score", score);
            m.put("warning_score", WARNING_SCORE);
            m.put("outside_training_data", outside());
            m.put("max_distance", maxDistance);
            m.put("mean_distance", meanDistance);
            m.put("radius", radius);
            m.put("worst_atom", worstCenter);
            m.put("atoms", centers);
            return m;
        }
    }

    /** The measure of a symmetric structure (its motif environments). */
    public static Report of(KernelModel model, DescriptorEngine engine, SymmetricStructure s) {
        return of(model, engine, ImageNeighbors.build(s, model.soap().cutoff()));
    }

    /** The measure of a full cell (every atom's environment). */
    public static Report of(KernelModel model, DescriptorEngine engine, Structure s) {
        return of(model, engine, CellNeighbors.build(s, model.soap().cutoff()));
    }

    /** Per-atom nearest-reference distances of a full cell (atom order of the structure). */
    public static double[] distances(KernelModel model, DescriptorEngine engine, Structure s) {
        DescriptorSet set = engine.compute(CellNeighbors.build(s, model.soap().cutoff()));
        return nearestDistances(model, set.values(), set.centers());
    }

    private static Report of(KernelModel model, DescriptorEngine engine, NeighborList nl) {
        DescriptorSet set = engine.compute(nl);
        return report(model, nearestDistances(model, set.values(), set.centers()));
    }

    /** The measure from per-atom nearest-reference distances already computed ({@link #distances}). */
    public static Report report(KernelModel model, double[] d) {
        double max = 0;
        double sum = 0;
        int worst = 0;
        for (int i = 0; i < d.length; i++) {
            sum += d[i];
            if (d[i] > max) {
                max = d[i];
                worst = i;
            }
        }
        double r = radius(model);
        return new Report(max, d.length == 0 ? 0 : sum / d.length, worst, r, max / r, d.length);
    }

    /**
     * Nearest-reference kernel distance of each of n descriptors (raw, normalised here; zero descriptors,
     * atoms without neighbours, get the largest distance sqrt 2).
     *
     * @param descriptors n x D row-major
     */
    public static double[] nearestDistances(KernelModel model, double[] descriptors, int n) {
        int dl = model.descriptorLength();
        if (descriptors.length != (long) n * dl) {
            throw new InvalidInputException("descriptors: length " + descriptors.length + " is not " + n + " x " + dl);
        }
        double[] ref = model.referenceView();
        int m = model.referenceCount();
        int zeta = model.zeta();
        double[] out = new double[n];
        java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
            double inv = DescriptorNorms.inverseNorm(descriptors, i, dl);
            if (!(inv > 0)) {
                out[i] = Math.sqrt(2);
                return;
            }
            double best = -1;
            for (int t = 0; t < m; t++) {
                double dot = 0;
                int o = t * dl;
                for (int k = 0; k < dl; k++) {
                    dot += descriptors[i * dl + k] * ref[o + k];
                }
                dot *= inv;
                if (dot > best) {
                    best = dot;
                }
            }
            out[i] = distance(best, zeta);
        });
        return out;
    }

    /** Kernel distance sqrt(2 - 2 c^zeta) for a cosine c between unit descriptors (c clamped to [-1, 1]). */
    public static double distance(double cosine, int zeta) {
        double c = Math.max(-1, Math.min(1, cosine));
        return Math.sqrt(Math.max(0, 2 - 2 * Math.pow(c, zeta)));
    }

    /**
     * The model's interpolation radius: stored at training time, else computed from the references (once per
     * model object); never below {@link #MIN_RADIUS}.
     */
    public static double radius(KernelModel model) {
        Object meta = model.metadata().get(METADATA_KEY);
        if (meta instanceof Map<?, ?> map && map.get("radius") instanceof Number r
                && Double.isFinite(r.doubleValue()) && r.doubleValue() > 0) {
            return Math.max(MIN_RADIUS, r.doubleValue());
        }
        return RADII.computeIfAbsent(model, k -> Math.max(MIN_RADIUS, quantile(sortedSpacings(k), RADIUS_QUANTILE)));
    }

    /** Floor of the radius: a model with one reference still has a finite scale. */
    public static final double MIN_RADIUS = 1e-3;

    private static double[] sortedSpacings(KernelModel model) {
        double[] sp = referenceSpacings(model);
        java.util.Arrays.sort(sp);
        return sp;
    }

    /** Largest distance of a reference to its nearest other reference. */
    static double referenceSpacing(KernelModel model) {
        double max = 0;
        for (double v : referenceSpacings(model)) {
            max = Math.max(max, v);
        }
        return max;
    }

    /** Distance of each reference to its nearest other reference. */
    static double[] referenceSpacings(KernelModel model) {
        int m = model.referenceCount();
        if (m < 2) {
            return new double[m];
        }
        double[] ref = model.referenceView();
        int dl = model.descriptorLength();
        double[] nearest = new double[m];
        java.util.stream.IntStream.range(0, m).parallel().forEach(a -> {
            double best = -1;
            for (int b = 0; b < m; b++) {
                if (b == a) {
                    continue;
                }
                double dot = 0;
                for (int k = 0; k < dl; k++) {
                    dot += ref[a * dl + k] * ref[b * dl + k];
                }
                best = Math.max(best, dot);
            }
            nearest[a] = distance(best, model.zeta());
        });
        return nearest;
    }

    /**
     * Metadata for a model with these references: the interpolation radius and quantiles of the reference
     * spacings (stored by the trainer so that loading a model costs nothing).
     */
    public static Map<String, Object> trainingMetadata(KernelModel skeleton) {
        double[] sorted = sortedSpacings(skeleton);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("radius", Math.max(MIN_RADIUS, quantile(sorted, RADIUS_QUANTILE)));
        m.put("spacing_q50", quantile(sorted, 0.5));
        m.put("spacing_q90", quantile(sorted, 0.9));
        m.put("spacing_max", quantile(sorted, 1.0));
        m.put("measure", "kernel distance sqrt(2 - 2 (x.r)^zeta) to the nearest reference; radius = q"
                + Math.round(100 * RADIUS_QUANTILE) + " of the references' nearest-other-reference distances");
        return m;
    }

    private static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))];
    }
}

package org.helixff.training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.helixff.InvalidInputException;
import org.helixff.Progress;
import org.helixff.compute.Engines;
import org.helixff.compute.cpu.CpuKernelEngine;
import org.helixff.descriptor.DescriptorEngine;
import org.helixff.model.ModelCalculator;

/**
 * Leave-one-group-out cross-validation (e.g. leave one tube out): for every key, fit on the frames of
 * all other keys and predict the frames of this key. The honest measure of transfer to unseen tubes.
 * Energies of the held-out tube are compared after moving the prediction to the held-out frames' energy
 * group (whose offset was fitted on the other tubes of that group); the error after removing the mean
 * error is reported too, since an unseen tube's absolute energy carries its curvature offset.
 */
public final class CrossValidation {
    private CrossValidation() {
    }

    /** Errors of one held-out key and of all keys pooled. */
    public record Report(Map<String, ErrorStats> perKey, ErrorStats pooled, List<FramePrediction> predictions) {
        /** The errors as a JSON-ready map: {@code held_out} (per key) and {@code pooled}. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            Map<String, Object> k = new LinkedHashMap<>();
            perKey.forEach((key, s) -> k.put(key, s.toMap()));
            m.put("held_out", k);
            m.put("pooled", pooled.toMap());
            return m;
        }
    }

    /**
     * Leave-one-group-out with the given descriptor engine and the CPU reference kernel engine.
     *
     * @param frames all labelled frames
     * @param key    the group a frame belongs to (e.g. its tube "(7,7)")
     */
    public static Report leaveOneOut(List<TrainingFrame> frames, Function<TrainingFrame, String> key,
            TrainingOptions options, DescriptorEngine engine, Progress progress) {
        return leaveOneOut(frames, key, options, new Engines(engine, CpuKernelEngine.INSTANCE), progress);
    }

    /**
     * Leave-one-group-out on an engine pair: each group is held out once, a model is trained on the rest
     * and evaluated on it.
     *
     * @param frames  all labelled frames
     * @param key     the group a frame belongs to (e.g. its tube "(7,7)")
     * @param engines the descriptor and kernel engines every fold trains and predicts with
     */
    public static Report leaveOneOut(List<TrainingFrame> frames, Function<TrainingFrame, String> key,
            TrainingOptions options, Engines engines, Progress progress) {
        Map<String, List<TrainingFrame>> byKey = new LinkedHashMap<>();
        for (TrainingFrame f : frames) {
            byKey.computeIfAbsent(key.apply(f), k -> new ArrayList<>()).add(f);
        }
        if (byKey.size() < 2) {
            throw new InvalidInputException("leave-one-out needs at least two groups, got " + byKey.keySet());
        }
        Trainer.checkGroupWeights(frames, options);
        Map<String, ErrorStats> per = new LinkedHashMap<>();
        List<FramePrediction> all = new ArrayList<>();
        int done = 0;
        for (Map.Entry<String, List<TrainingFrame>> e : byKey.entrySet()) {
            List<TrainingFrame> train = new ArrayList<>();
            for (Map.Entry<String, List<TrainingFrame>> o : byKey.entrySet()) {
                if (!o.getKey().equals(e.getKey())) {
                    train.addAll(o.getValue());
                }
            }
            Trainer.Result r = Trainer.train(train, weightsPresentIn(train, options), engines, Progress.NONE);
            ModelCalculator calc = new ModelCalculator(r.model(), engines);
            List<FramePrediction> preds = Evaluation.predict(calc, e.getValue(), r.report().energyOffsets(),
                    Progress.NONE);
            // a held-out group with no offset in training (its only tube left out) cannot be compared in
            // absolute energy: drop its energies from the statistics but keep forces
            List<FramePrediction> usable = new ArrayList<>();
            for (FramePrediction p : preds) {
                if (p.frame().hasEnergy() && !r.report().energyOffsets().containsKey(p.frame().group())) {
                    TrainingFrame noE = TrainingFrame.symmetricOrCellWithoutEnergy(p.frame());
                    usable.add(new FramePrediction(noE, Double.NaN, p.forces()));
                } else {
                    usable.add(p);
                }
            }
            per.put(e.getKey(), ErrorStats.of(usable));
            all.addAll(usable);
            progress.update("leave-one-out", ++done, byKey.size());
        }
        return new Report(per, ErrorStats.of(all), all);
    }

    /** {@code options} with group weights only for the groups {@code frames} have (a fold may hold out a group). */
    private static TrainingOptions weightsPresentIn(List<TrainingFrame> frames, TrainingOptions options) {
        Map<String, Double> kept = new TreeMap<>();
        for (TrainingFrame f : frames) {
            if (options.groupWeights().containsKey(f.group())) {
                kept.put(f.group(), options.groupWeight(f.group()));
            }
        }
        return kept.size() == options.groupWeights().size() ? options
                : options.toBuilder().groupWeights(kept).build();
    }
}

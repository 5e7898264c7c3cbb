package org.helixff.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.helixff.Progress;
import org.helixff.calculator.Calculator;
import org.helixff.calculator.CellResult;
import org.helixff.calculator.SymmetricResult;
import org.helixff.model.ModelCalculator;

/** Runs a calculator over labelled frames and compares with the labels. */
public final class Evaluation {
    private Evaluation() {
    }

    /**
     * Predictions for every frame. When {@code groupOffsets} holds the frame's energy group and the
     * calculator is a kernel model, the prediction is moved to that group's energy reference
     * (predicted + offset_g - mu); otherwise it is used as is.
     */
    public static List<FramePrediction> predict(Calculator calc, List<TrainingFrame> frames,
            Map<String, Double> groupOffsets, Progress progress) {
        double mu = calc instanceof ModelCalculator mc ? mc.model().energyOffset() : Double.NaN;
        List<FramePrediction> out = new ArrayList<>();
        int i = 0;
        for (TrainingFrame f : frames) {
            double e;
            double[] forces;
            if (f.isSymmetric()) {
                SymmetricResult r = calc.compute(f.symmetricStructure());
                e = r.energyPerAtom();
                forces = r.forces();
            } else {
                CellResult r = calc.compute(f.cellStructure());
                e = r.energyPerAtom();
                forces = r.forces();
            }
            if (groupOffsets != null && !Double.isNaN(mu) && groupOffsets.containsKey(f.group())) {
                e += groupOffsets.get(f.group()) - mu;
            }
            out.add(new FramePrediction(f, e, forces));
            progress.update("evaluate", ++i, frames.size());
        }
        return out;
    }

    /**
     * Predicts every frame and returns the error statistics.
     *
     * @param groupOffsets energy offset per energy group, Hartree per atom, or null to compare raw energies
     */
    public static ErrorStats evaluate(Calculator calc, List<TrainingFrame> frames, Map<String, Double> groupOffsets,
            Progress progress) {
        return ErrorStats.of(predict(calc, frames, groupOffsets, progress));
    }
}

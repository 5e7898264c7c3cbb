package org.helixff.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.helixff.InvalidInputException;
import org.helixff.app.Models;
import org.helixff.calculator.Calculator;
import org.helixff.io.Frame;
import org.helixff.model.ModelCalculator;
import org.helixff.training.ErrorStats;
import org.helixff.training.Evaluation;
import org.helixff.training.FramePrediction;
import org.helixff.training.TrainingFrame;
import org.helixff.training.TrainingFrames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code helixff test}: errors of a model against labelled frames, per file and overall. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Energy RMSE (Ha/atom), force RMSE (Ha/Bohr) and max errors of a model on labelled frames.",
            "Energies of a frame whose energy group the model was trained on use that group's offset."})
final class TestCommand implements Callable<Integer> {
    @Option(names = "--model", defaultValue = "default", description = "default, tersoff, tersoff-lb or a model file")
    String model;

    @Option(names = "--data", arity = "1..*", required = true, description = "labelled frames (files or dataset:...)")
    List<String> data;

    @Option(names = "--group", description = "energy group of every frame (default: from the frames)")
    String group;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @picocli.CommandLine.Mixin
    BackendOptions backend;

    @Spec
    CommandSpec spec;

    @Override
    @SuppressWarnings("unchecked")
    public Integer call() {
        return backend.run(this::body);
    }

    @SuppressWarnings("unchecked")
    private int body() {
        Calculator calc = Models.resolve(model, backend.requested());
        Map<String, Double> offsets = null;
        if (calc instanceof ModelCalculator mc) {
            Object tr = mc.model().metadata().get("training");
            if (tr instanceof Map<?, ?> t && t.get("energy_offsets_ha_per_atom") instanceof Map<?, ?> o) {
                offsets = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : o.entrySet()) {
                    offsets.put(e.getKey().toString(), ((Number) e.getValue()).doubleValue());
                }
            }
        }
        Map<String, ErrorStats> perFile = new LinkedHashMap<>();
        List<FramePrediction> all = new ArrayList<>();
        ProgressBar bar = ProgressBar.stderr(spec);
        for (String src : data) {
            List<TrainingFrame> frames = new ArrayList<>();
            for (Frame f : TrainingFrames.frames(src)) {
                frames.add(TrainingFrames.of(f, group));
            }
            if (frames.isEmpty()) {
                throw new InvalidInputException("no frames in " + src + ": nothing to test");
            }
            List<FramePrediction> p = Evaluation.predict(calc, frames, offsets, bar);
            ErrorStats st = ErrorStats.of(p);
            if (st.energyCount() == 0 && st.forceCount() == 0) {
                throw new InvalidInputException("no frame of " + src + " has an energy or forces: nothing to test"
                        + " against (label it first, e.g. with 'helixff label')");
            }
            perFile.put(src, st);
            all.addAll(p);
        }
        bar.finish();
        ErrorStats overall = ErrorStats.of(all);
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> j = Json.object();
            j.put("model", calc.name());
            Map<String, Object> pf = new LinkedHashMap<>();
            perFile.forEach((k, v) -> pf.put(k, v.toMap()));
            j.put("files", pf);
            j.put("overall", overall.toMap());
            Json.print(o, j);
        } else {
            o.printf("model %s%n", calc.name());
            o.printf("%-44s %6s %12s %12s %12s %12s %12s%n", "data", "frames", "E rmse", "E rmse-mean", "E max",
                    "F rmse", "F max");
            perFile.forEach((k, v) -> row(o, k, v));
            row(o, "overall", overall);
            o.println("(energies in Ha/atom, forces in Ha/Bohr; 'E rmse-mean' removes the mean error of the set)");
        }
        return 0;
    }

    private static void row(PrintWriter o, String k, ErrorStats s) {
        o.printf("%-44s %6d %12.3e %12.3e %12.3e %12.3e %12.3e%n", k, s.frames(), s.energyRmse(),
                s.energyRmseMeanRemoved(), s.energyMaxAbs(), s.forceRmse(), s.forceMaxAbs());
    }
}

package org.helixff.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.helixff.backend.Backends;
import org.helixff.training.CrossValidation;
import org.helixff.training.ErrorStats;
import org.helixff.training.TrainingFrame;
import org.helixff.training.TrainingFrames;
import org.helixff.training.TrainingOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code helixff cv}: leave-one-tube-out cross-validation of a training recipe. */
@Command(name = "cv", mixinStandardHelpOptions = true,
        description = {"Leave-one-tube-out cross-validation of a training recipe.",
            "For every tube (energy group and tube; frames without tube indices are grouped by file) train on all",
            "the others and predict the one left out. Prints energy RMSE (absolute and with the tube's mean error",
            "removed) and force RMSE per held-out tube and pooled."})
final class CvCommand implements Callable<Integer> {
    @Option(names = "--default-recipe",
            description = "cross-validate the bundled default model's recipe (ignores --data and the fit options)")
    boolean defaultRecipe;

    @Option(names = "--force-weight", defaultValue = "16", description = "force row weight (default: ${DEFAULT-VALUE})")
    double forceWeight;

    @Option(names = "--json", description = "print the report as JSON")
    boolean json;

    @picocli.CommandLine.Mixin
    RecipeOptions recipe;

    @picocli.CommandLine.Mixin
    KernelOptions kernel;

    @picocli.CommandLine.Mixin
    BackendOptions backend;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return backend.run(this::body);
    }

    /** The held-out key of a frame: its energy group and its tube (the frame name up to '#'). */
    static String key(TrainingFrame f) {
        String n = f.name();
        int hash = n.indexOf('#');
        return f.group() + " " + (hash > 0 ? n.substring(0, hash) : n);
    }

    private int body() {
        RecipeOptions.Recipe rc = recipe.resolve(defaultRecipe, b -> kernel.apply(b).forceWeight(forceWeight).name("cv"));
        List<String> sources = rc.sources();
        TrainingOptions opt = rc.options();
        List<TrainingFrame> frames = TrainingFrames.load(sources, null);
        ProgressBar bar = ProgressBar.stderr(spec);
        CrossValidation.Report r = CrossValidation.leaveOneOut(frames, CvCommand::key, opt,
                Backends.engines(opt.soap(), backend.requested()), bar);
        bar.finish();
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> j = Json.object();
            j.put("data", sources);
            j.putAll(r.toMap());
            Json.print(o, j);
            return 0;
        }
        o.printf(Locale.ROOT, "leave-one-tube-out over %d frames, %d tubes%n", frames.size(), r.perKey().size());
        o.printf(Locale.ROOT, "  %-40s %6s %14s %14s %14s %14s%n", "held out", "frames", "E RMSE Ha/at",
                "E mean-rem.", "F RMSE Ha/Bohr", "F max");
        for (Map.Entry<String, ErrorStats> e : r.perKey().entrySet()) {
            row(o, e.getKey(), e.getValue());
        }
        row(o, "pooled", r.pooled());
        o.flush();
        return 0;
    }

    private static void row(PrintWriter o, String k, ErrorStats s) {
        o.printf(Locale.ROOT, "  %-40s %6d %14.3e %14.3e %14.3e %14.3e%n", k, s.frames(), s.energyRmse(),
                s.energyRmseMeanRemoved(), s.forceRmse(), s.forceMaxAbs());
    }
}

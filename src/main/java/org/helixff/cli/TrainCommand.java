package org.helixff.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.helixff.backend.Backends;
import org.helixff.descriptor.SoapParameters;
import org.helixff.io.ModelFile;
import org.helixff.training.Trainer;
import org.helixff.training.TrainingFrame;
import org.helixff.training.TrainingFrames;
import org.helixff.training.TrainingOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code helixff train}: fit a kernel model to labelled extxyz frames and write the model file. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Fit a SOAP / polynomial-kernel model by Bayesian linear regression to labelled frames.",
            "Data: extxyz files, dataset:NAME or dataset:NAME/FILE (embedded DFT sets: sparc-cnt, gpaw-cnt)."})
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--default-recipe", description = "train the bundled default model's recipe (ignores --data and the fit options)")
    boolean defaultRecipe;

    @Option(names = "--out", required = true, description = "model file to write")
    Path out;

    @picocli.CommandLine.Mixin
    KernelOptions kernel;

    @Option(names = "--energy-weight", defaultValue = "1.0", description = "energy row weight (default: ${DEFAULT-VALUE})")
    double energyWeight;

    @Option(names = "--force-weight", defaultValue = "1.0", description = "force row weight (default: ${DEFAULT-VALUE})")
    double forceWeight;

    @Option(names = "--stress", description = "also fit dE/dh of frames that carry it")
    boolean stress;

    @Option(names = "--group", description = "put every frame in this energy group (default: from the frames)")
    String group;

    @Option(names = "--name", defaultValue = "helixff-model", description = "model name stored in the file")
    String name;

    @Option(names = "--json", description = "print the training report as JSON")
    boolean json;

    @picocli.CommandLine.Mixin
    RecipeOptions recipe;

    @picocli.CommandLine.Mixin
    BackendOptions backend;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return backend.run(this::body);
    }

    @SuppressWarnings("unchecked")
    private int body() {
        RecipeOptions.Recipe rc = recipe.resolve(defaultRecipe, b -> kernel.apply(b)
                .energyWeight(energyWeight).forceWeight(forceWeight).useStress(stress).name(name));
        List<String> sources = rc.sources();
        TrainingOptions opt = rc.options();
        List<TrainingFrame> frames = TrainingFrames.load(sources, defaultRecipe ? null : group);
        ProgressBar bar = ProgressBar.stderr(spec);
        Trainer.Result r = Trainer.train(frames, opt, Backends.engines(opt.soap(), backend.requested()), bar);
        bar.finish();
        ModelFile.write(r.model(), out);
        PrintWriter o = spec.commandLine().getOut();
        Map<String, Object> rep = r.report().toMap();
        if (json) {
            Map<String, Object> j = Json.object();
            j.put("model", out.toString());
            j.put("data", sources);
            j.put("soap", opt.soap().toMap());
            j.put("zeta", opt.zeta());
            j.put("report", rep);
            Json.print(o, j);
        } else {
            o.printf("wrote %s: %d frames, %d environments, %d references%n", out, r.report().frames(),
                    r.report().environments(), r.report().referenceCount());
            o.printf("  rows: %d energy, %d force, %d dE/dh%n", r.report().energyRows(), r.report().forceRows(),
                    r.report().stressRows());
            o.printf("  evidence: %d iterations%s, lambda %.3e%s, effective parameters %.1f%n",
                    r.report().iterations(), r.report().converged() ? "" : " (NOT converged)", r.report().lambda(),
                    r.report().lambdaAtFloor() ? " (at floor)" : "", r.report().gamma());
            o.printf("  training RMSE (in-sample): energy %.3e Ha/atom, force %.3e Ha/Bohr%n",
                    r.report().trainEnergyRmse(), r.report().trainForceRmse());
            o.printf("  energy offsets (Ha/atom): %s%n", r.report().energyOffsets());
        }
        return 0;
    }
}

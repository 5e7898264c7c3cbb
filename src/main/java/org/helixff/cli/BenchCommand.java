package org.helixff.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.helixff.InvalidInputException;
import org.helixff.app.Models;
import org.helixff.bench.Parallelism;
import org.helixff.calculator.Calculator;
import org.helixff.model.KernelModel;
import org.helixff.model.ModelCalculator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code helixff bench}: the speed ratios a user cares about, measured in one process and one run
 * ({@link BenchSuite}): full cell / symmetry-adapted for energy + forces and for phonons, learned model / Tersoff
 * per atom, GPU / CPU where a GPU exists; with the absolute times, machine, thread counts and git commit.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure the speed ratios of the symmetry-adapted path, the learned model and the GPU in one run.",
            "Measures how much the symmetry-adapted path saves over the full translational cell (energy + forces,"
                + " phonons), the learned model's cost per atom relative to Tersoff, and GPU / CPU where a GPU exists."
                + " Prints the ratios with their goals, the median times, the machine, thread counts and git commit."
                + " A few minutes; --quick: well under a minute. One thread is timed with its CPU time, all cores"
                + " with the wall clock; the two sides of a ratio are interleaved."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--quick", description = "one thread, (10,5) only, short batches (well under a minute)")
    boolean quick;

    @Option(names = "--json", description = "print JSON to stdout")
    boolean json;

    @Option(names = "--model", defaultValue = "default",
            description = "learned model: default (bundled) or a model file (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--tube", paramLabel = "N,M", description = "tube of the ratios (default: 10,5)")
    String tube;

    @Option(names = "--threads", paramLabel = "single|all|both",
            description = "one thread, all cores or both (default: single with --quick, else both)")
    String threads;

    @Option(names = "--warmup", paramLabel = "SECONDS",
            description = "least warm-up per measurement in seconds (0: none; default: 1 with --quick, else 2)")
    Double warmup;

    @Option(names = "--batches", paramLabel = "K", description = "measured batches per timing (default: 5 with --quick,"
            + " else 9)")
    Integer batches;

    @Option(names = "--model-phonons", description = "also the learned model's full-cell Gamma point (about a minute"
            + " per thread mode for (10,5))")
    boolean modelPhonons;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        KernelModel km = learnedModel(model);
        BenchSuite.Config c = quick ? BenchSuite.Config.quickRun() : BenchSuite.Config.fullRun();
        if (tube != null) {
            int[] t = parseTube(tube);
            c = c.withTube(t[0], t[1]);
        }
        if (threads != null) {
            c = c.withModes(parseThreads(threads));
        }
        BenchMeasurement.Settings s = c.settings();
        if (warmup != null) {
            if (!(warmup >= 0) || warmup > 600) {
                throw new InvalidInputException("--warmup " + warmup + " s must lie in [0, 600]");
            }
            s = warmup == 0 ? s.withWarmup(0, 0) : s.withWarmup(warmup, Math.max(warmup, s.maxWarmupSeconds()));
        }
        if (batches != null) {
            if (batches < 1 || batches > 1000) {
                throw new InvalidInputException("--batches " + batches + " must lie in [1, 1000]");
            }
            s = s.withBatches(batches);
        }
        c = c.withSettings(s);
        if (modelPhonons) {
            c = c.withPhonons(c.phonons(), true, c.bigPhononTube());
        }
        final long t0 = System.nanoTime();
        BenchReport r = BenchSuite.run(c, km, (stage, done, total) -> {
            if (done < total && !stage.isEmpty()) {
                err.printf(Locale.ROOT, "[%5.1f s] %d/%d %s%n", (System.nanoTime() - t0) * 1e-9, done + 1, total, stage);
                err.flush();
            }
        });
        if (json) {
            Json.print(out, r.toMap());
        } else {
            out.print(r.text());
            out.flush();
        }
        return 0;
    }

    /** The learned model named: "default" or a model file (the analytic teachers are not learned models). */
    static KernelModel learnedModel(String spec) {
        Calculator c = Models.resolve(spec);
        if (!(c instanceof ModelCalculator mc)) {
            throw new InvalidInputException("--model " + spec + " is not a learned model: bench compares a learned"
                    + " model with Tersoff (use default or a model file)");
        }
        return mc.model();
    }

    static int[] parseTube(String s) {
        String[] p = s.trim().split("\\s*,\\s*");
        if (p.length != 2) {
            throw new InvalidInputException("--tube '" + s + "' must be N,M (e.g. 10,5)");
        }
        try {
            int n = Integer.parseInt(p[0]);
            int m = Integer.parseInt(p[1]);
            org.helixff.structure.Nanotube.of(n, m); // validates
            return new int[] {n, m};
        } catch (NumberFormatException e) {
            throw new InvalidInputException("--tube '" + s + "' must be two integers N,M (e.g. 10,5)");
        }
    }

    static List<Parallelism> parseThreads(String s) {
        List<Parallelism> l = new ArrayList<>();
        switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "single" -> l.add(Parallelism.SINGLE);
            case "all" -> l.add(Parallelism.ALL);
            case "both" -> {
                l.add(Parallelism.SINGLE);
                l.add(Parallelism.ALL);
            }
            default -> throw new InvalidInputException("--threads '" + s + "' must be single, all or both");
        }
        return l;
    }
}

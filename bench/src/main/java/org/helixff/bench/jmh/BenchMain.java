package org.helixff.bench.jmh;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.helixff.backend.Backends;
import org.helixff.bench.BenchFormat;
import org.helixff.bench.Environment;
import org.helixff.model.KernelModel;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks of this project with JMH and turns the scores into the numbers the project's goals are stated
 * in: per atom and per tube, the ratios full cell / symmetric, model / Tersoff, full-cell Gamma / symmetric
 * dispersion, training time against M, GPU / CPU, with the machine, GPU and driver (or why none), git commit and
 * thread count. Each thread mode is a separate JMH run in forked JVMs: "1" sets the common fork/join pool's
 * parallelism to 0 (every parallel stream runs in the benchmark thread) and uses the sequential SOAP engine; "all"
 * uses every core. Results: {@code <out>/results.json} and {@code <out>/results.md} (also printed).
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar [--quick] [--threads 1|all|both] [--only REGEX] [--out DIR]
 *      [--training M1,M2,...] [--model FILE|default]
 * </pre>
 * The plain JMH command line stays available: {@code java -cp bench/target/benchmarks.jar org.openjdk.jmh.Main ...}.
 */
public final class BenchMain {
    private BenchMain() {
    }

    /** One JMH score in seconds per call, with what it measured. */
    record Row(String benchmark, String method, Map<String, String> params, String threads, double seconds,
            double error, int samples, long items, String itemName) {
        double perItem() {
            return seconds / Math.max(1, items);
        }

        String param(String k) {
            return params.getOrDefault(k, "");
        }
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        String threads = null;
        String only = null;
        Path out = Path.of("bench-results");
        String training = null;
        String model = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--threads" -> threads = args[++i];
                case "--only" -> only = args[++i];
                case "--out" -> out = Path.of(args[++i]);
                case "--training" -> training = args[++i];
                case "--model" -> model = args[++i];
                case "-h", "--help" -> {
                    System.out.println("usage: java -jar benchmarks.jar [--quick] [--threads 1|all|both] [--only REGEX]"
                            + " [--out DIR] [--training M1,M2,...] [--model FILE|default]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (--help)");
            }
        }
        if (threads == null) {
            threads = quick ? "1" : "both";
        }
        if (training == null) {
            training = quick ? "250,500" : "250,500,1000,2000";
        }
        Environment env = Environment.detect();
        System.out.println("machine: " + env.cpu() + ", " + env.cores() + " cores; " + env.jvm() + "; " + env.os());
        System.out.println("commit:  " + env.commit() + " (" + env.commitSource() + ")");
        boolean cuda = Backends.cudaAvailable();
        System.out.println("gpu:     " + (cuda ? env.gpu() : "none: model-cuda skipped (" + env.gpuReason() + ")"));
        String modelPath = prepareModel(model);
        KernelModel km = BenchSetup.model();
        System.out.println("model:   " + modelPath + ", M = " + km.referenceCount() + ", D = " + km.descriptorLength());
        final boolean q = quick;
        final String trainingSizes = training;
        List<String> modes = threads.equals("both") ? List.of("1", "all") : List.of(threads);
        List<Row> rows = new ArrayList<>();
        for (String mode : modes) {
            List<String> jvm = new ArrayList<>(List.of("-D" + BenchSetup.THREADS + "=" + mode,
                    "-D" + BenchSetup.MODEL + "=" + modelPath, "-Xmx8g"));
            if (mode.equals("1")) {
                jvm.add("-Djava.util.concurrent.ForkJoinPool.common.parallelism=0");
            }
            String[] engines = cuda ? new String[] {"tersoff", "model-cpu", "model-cuda"}
                    : new String[] {"tersoff", "model-cpu"};
            String[] tubes = quick ? new String[] {"10,5", "17,13"}
                    : new String[] {"10,10", "10,5", "20,20", "17,13", "23,22"};
            run(rows, mode, only, jvm, EnergyForcesBenchmark.class, quick, b -> b.param("tube", tubes)
                    .param("engine", engines));
            if (cuda) {
                run(rows, mode, only, jvm, EnergyForcesBenchmark.class, quick, b -> b.param("tube", "10,10")
                        .param("cells", "1250").param("engine", "model-cpu", "model-cuda"));
            }
            run(rows, mode, only, jvm, StageBenchmark.class, quick, b -> b.param("backend", cuda
                    ? new String[] {"cpu", "cuda"} : new String[] {"cpu"}));
            run(rows, mode, only, jvm, PhononBenchmark.class, quick, b -> b.param("engine", q
                    ? new String[] {"tersoff"} : new String[] {"tersoff", "model-cpu"}));
            run(rows, mode, only, jvm, LargeTubePhononBenchmark.class, quick, b -> b.param("tube", q
                    ? new String[] {"40,39"} : new String[] {"40,39", "25,24"}));
            run(rows, mode, only, jvm, TrainingBenchmark.class, quick, b -> b.param("references",
                    trainingSizes.split(",")));
            run(rows, mode, only, jvm, SoapBenchmark.class, quick, b -> b.param("threads", mode.equals("1") ? "1"
                    : "0"));
        }
        Files.createDirectories(out);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("environment", env.toMap());
        json.put("model", Map.of("file", modelPath, "references", km.referenceCount(), "descriptor_length",
                km.descriptorLength()));
        json.put("threads", modes);
        List<Map<String, Object>> rl = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("benchmark", r.benchmark());
            m.put("method", r.method());
            m.put("params", r.params());
            m.put("threads", r.threads());
            m.put("seconds_per_call", r.seconds());
            m.put("error_seconds", r.error());
            m.put("samples", r.samples());
            m.put("items", r.items());
            m.put("item", r.itemName());
            m.put("seconds_per_item", r.perItem());
            rl.add(m);
        }
        json.put("results", rl);
        List<String[]> ratios = ratios(rows, km);
        List<Map<String, Object>> ql = new ArrayList<>();
        for (String[] rq : ratios) {
            ql.add(Map.of("what", rq[0], "value", rq[1], "goal", rq[2], "status", rq[3]));
        }
        json.put("ratios", ql);
        String md = markdown(env, modelPath, km, modes, rows, ratios, training);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("results.json").toFile(),
                json);
        Files.writeString(out.resolve("results.md"), md, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(md);
        System.out.println("written: " + out.resolve("results.json") + ", " + out.resolve("results.md"));
    }

    /** The model file the forks use (the M = 1000 benchmark model is trained once if missing). */
    private static String prepareModel(String model) {
        if (model != null) {
            System.setProperty(BenchSetup.MODEL, model);
            return model;
        }
        Path p = Path.of(BenchSetup.MODEL_CACHE).toAbsolutePath();
        if (!Files.exists(p)) {
            System.out.println("training the benchmark model (M = " + BenchSetup.REFERENCES + ") once: " + p);
            BenchSetup.trainBenchmarkModel(p);
        }
        System.setProperty(BenchSetup.MODEL, p.toString());
        return p.toString();
    }

    private interface Params {
        ChainedOptionsBuilder apply(ChainedOptionsBuilder b);
    }

    private static void run(List<Row> rows, String mode, String only, List<String> jvm, Class<?> bench, boolean quick,
            Params params) throws RunnerException {
        String name = bench.getSimpleName();
        if (only != null && !name.matches(".*(" + only + ").*")) {
            return;
        }
        ChainedOptionsBuilder b = new OptionsBuilder().include(bench.getName() + "\\.").jvmArgsAppend(
                jvm.toArray(new String[0])).shouldFailOnError(true);
        if (quick && bench != PhononBenchmark.class && bench != LargeTubePhononBenchmark.class
                && bench != TrainingBenchmark.class) {
            b = b.warmupIterations(2).warmupTime(TimeValue.seconds(1)).measurementIterations(3)
                    .measurementTime(TimeValue.seconds(1));
        }
        if (quick && bench == LargeTubePhononBenchmark.class) {
            b = b.warmupIterations(2).warmupTime(TimeValue.seconds(1)).measurementIterations(3)
                    .measurementTime(TimeValue.seconds(1));
        }
        b = params.apply(b);
        Collection<RunResult> results = new Runner(b.build()).run();
        for (RunResult r : results) {
            var p = r.getParams();
            String full = p.getBenchmark();
            String method = full.substring(full.lastIndexOf('.') + 1);
            Map<String, String> pm = new LinkedHashMap<>();
            for (String k : p.getParamsKeys()) {
                pm.put(k, p.getParam(k));
            }
            var res = r.getPrimaryResult();
            double scale = seconds(res.getScoreUnit());
            long[] items = items(name, method, pm);
            rows.add(new Row(name, method, pm, mode, res.getScore() * scale, res.getScoreError() * scale,
                    (int) res.getStatistics().getN(), items[0], items[1] == 0 ? "atom" : "environment"));
        }
    }

    /** Seconds per unit of a JMH score unit such as "us/op" or "ms/op". */
    static double seconds(String unit) {
        String u = unit.split("/")[0].trim();
        return switch (u) {
            case "ns" -> 1e-9;
            case "us" -> 1e-6;
            case "ms" -> 1e-3;
            case "s" -> 1.0;
            case "min" -> 60.0;
            default -> throw new IllegalStateException("unexpected score unit " + unit);
        };
    }

    /** {items, 0 for atoms / 1 for environments} of one call. */
    static long[] items(String bench, String method, Map<String, String> p) {
        switch (bench) {
            case "EnergyForcesBenchmark":
                return new long[] {method.equals("symmetric") ? 2 : atoms(p.get("tube"), Integer.parseInt(p.get("cells"))),
                    0};
            case "StageBenchmark":
                return new long[] {atoms(p.get("tube"), Integer.parseInt(p.get("cells"))), 0};
            case "PhononBenchmark":
            case "LargeTubePhononBenchmark":
                return new long[] {atoms(p.get("tube"), 1), 0};
            case "TrainingBenchmark": {
                int m = Integer.parseInt(p.get("references"));
                return new long[] {20 + 140L * TrainingBenchmark.cellsFor(m), 1};
            }
            default:
                return new long[] {1, 0}; // SoapBenchmark scores are per atom already
        }
    }

    static long atoms(String tube, int cells) {
        return BenchSetup.symmetric(tube).expandedSize(cells);
    }

    private static Row find(List<Row> rows, String bench, String method, String threads, Map<String, String> params) {
        for (Row r : rows) {
            if (r.benchmark().equals(bench) && r.method().equals(method) && r.threads().equals(threads)) {
                boolean ok = true;
                for (var e : params.entrySet()) {
                    ok &= e.getValue().equals(r.param(e.getKey()));
                }
                if (ok) {
                    return r;
                }
            }
        }
        return null;
    }

    /** {what, value, goal, status} rows. */
    static List<String[]> ratios(List<Row> rows, KernelModel km) {
        List<String[]> out = new ArrayList<>();
        for (Row r : rows) {
            String th = r.threads().equals("1") ? "1 thread" : "all cores";
            if (r.benchmark().equals("EnergyForcesBenchmark") && r.method().equals("fullCell")
                    && r.param("cells").equals("1")) {
                Row s = find(rows, r.benchmark(), "symmetric", r.threads(), r.params());
                if (s != null) {
                    double v = r.seconds() / s.seconds();
                    double goal = 0.5 * r.items() / 2.0;
                    out.add(new String[] {"E+F full cell / symmetric, " + r.param("engine") + ", (" + r.param("tube")
                            + ") " + r.items() + " atoms, " + th, fmt(v), ">= " + fmt(goal), v >= goal ? "met" : "MISSED"});
                }
                if (r.param("engine").equals("model-cpu")) {
                    Map<String, String> q = new LinkedHashMap<>(r.params());
                    q.put("engine", "tersoff");
                    Row t = find(rows, r.benchmark(), "fullCell", r.threads(), q);
                    if (t != null) {
                        double v = r.seconds() / t.seconds();
                        out.add(new String[] {"E+F model (M = " + km.referenceCount() + ") / Tersoff per atom, ("
                                + r.param("tube") + ") " + r.items() + "-atom cell, " + th, fmt(v), "<= 100",
                            v <= 100 ? "met" : "MISSED"});
                    }
                }
            }
            if (r.benchmark().equals("EnergyForcesBenchmark") && r.method().equals("fullCell")
                    && r.param("engine").equals("model-cuda")) {
                Map<String, String> q = new LinkedHashMap<>(r.params());
                q.put("engine", "model-cpu");
                Row c = find(rows, r.benchmark(), "fullCell", "all", q);
                if (c != null) {
                    double v = c.seconds() / r.seconds();
                    boolean goal = r.items() >= 50_000;
                    out.add(new String[] {"E+F all-core CPU / GPU, " + r.items() + "-atom cell", fmt(v),
                        goal ? ">= 20" : "(goal from 50,000 atoms)", goal ? (v >= 20 ? "met" : "MISSED") : ""});
                }
            }
            if (r.benchmark().equals("PhononBenchmark") && r.method().equals("fullCellGamma")) {
                Row s = find(rows, r.benchmark(), "symmetricDispersion", r.threads(), r.params());
                if (s != null) {
                    double v = r.seconds() / s.seconds();
                    out.add(new String[] {"phonons: full-cell Gamma / symmetric dispersion (all nu x 100 kappa), "
                            + r.param("engine") + ", (" + r.param("tube") + "), " + th, fmt(v), ">= 50",
                        v >= 50 ? "met" : "MISSED"});
                }
            }
            if (r.benchmark().equals("TrainingBenchmark")) {
                Row prev = null;
                int m = Integer.parseInt(r.param("references"));
                for (Row o : rows) {
                    if (o.benchmark().equals("TrainingBenchmark") && o.threads().equals(r.threads())) {
                        int mo = Integer.parseInt(o.param("references"));
                        if (mo < m && (prev == null || mo > Integer.parseInt(prev.param("references")))) {
                            prev = o;
                        }
                    }
                }
                if (prev != null) {
                    int mp = Integer.parseInt(prev.param("references"));
                    double expo = Math.log(r.seconds() / prev.seconds()) / Math.log((double) m / mp);
                    out.add(new String[] {"training time M = " + mp + " -> " + m + ", " + th + ": exponent of M",
                        fmt(expo), "", ""});
                }
            }
        }
        return out;
    }

    static String fmt(double v) {
        return BenchFormat.number(v);
    }

    static String markdown(Environment env, String modelPath, KernelModel km, List<String> modes, List<Row> rows,
            List<String[]> ratios, String training) {
        StringBuilder b = new StringBuilder();
        b.append("## HelixFF benchmarks (JMH)\n\n");
        b.append("- machine: ").append(env.cpu()).append(", ").append(env.cores()).append(" cores; ").append(env.jvm())
                .append("; ").append(env.os()).append('\n');
        b.append("- GPU: ").append(env.gpuReason() == null ? env.gpu() : "none (" + env.gpuReason() + ")")
                .append('\n');
        b.append("- commit: ").append(env.commit()).append(" (").append(env.commitSource()).append(")\n");
        b.append("- threads: ").append(String.join(", ", modes)).append(" (\"1\": common pool parallelism 0 and the"
                + " sequential SOAP engine; \"all\": ").append(env.cores()).append(" cores)\n");
        b.append("- model: M = ").append(km.referenceCount()).append(", D = ").append(km.descriptorLength())
                .append(", zeta = ").append(km.zeta()).append(" (").append(modelPath).append(")\n\n");
        b.append("| ratio | value | goal | |\n|---|---|---|---|\n");
        for (String[] q : ratios) {
            b.append("| ").append(q[0]).append(" | ").append(q[1]).append(" | ").append(q[2]).append(" | ")
                    .append(q[3]).append(" |\n");
        }
        b.append("\n| benchmark | params | threads | time per call | +- | per item |\n|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            b.append("| ").append(r.benchmark()).append('.').append(r.method()).append(" | ").append(r.params())
                    .append(" | ").append(r.threads()).append(" | ").append(BenchFormat.duration(r.seconds()))
                    .append(" | ").append(BenchFormat.duration(r.error())).append(" | ");
            if (r.items() > 1) {
                b.append(BenchFormat.duration(r.perItem())).append('/').append(r.itemName());
            }
            b.append(" |\n");
        }
        boolean trained = rows.stream().anyMatch(r -> r.benchmark().equals("TrainingBenchmark"));
        if (trained && !training.contains("5000")) {
            b.append("\nTraining with M = 5000 was not run (--training ").append(training).append("); the exponents"
                    + " above extrapolate it.\n");
        }
        return b.toString();
    }
}

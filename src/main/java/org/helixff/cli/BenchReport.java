package org.helixff.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.helixff.bench.BenchFormat;
import org.helixff.bench.Environment;
import org.helixff.bench.Parallelism;
import org.helixff.model.KernelModel;

/**
 * What one benchmark run measured: where (an {@link Environment}), with which model, every {@link BenchTiming}, the
 * {@link BenchRatio}s with their goals, and notes (what could not be measured and why). Immutable; {@link #toMap()}
 * for JSON, {@link #text()} for people.
 */
final class BenchReport {
    private final BenchSuite.Config config;
    private final Environment environment;
    private final String modelName;
    private final int references;
    private final int descriptorLength;
    private final int zeta;
    private final List<BenchTiming> timings;
    private final List<BenchRatio> ratios;
    private final List<String> notes;
    private final String finished;

    BenchReport(BenchSuite.Config config, Environment environment, KernelModel model, List<BenchTiming> timings,
            List<BenchRatio> ratios, List<String> notes) {
        this.config = config;
        this.environment = environment;
        this.modelName = BenchSuite.modelName(model);
        this.references = model.referenceCount();
        this.descriptorLength = model.descriptorLength();
        this.zeta = model.zeta();
        this.timings = List.copyOf(timings);
        this.ratios = List.copyOf(ratios);
        this.notes = List.copyOf(notes);
        this.finished = Instant.now().toString();
    }

    public Environment environment() {
        return environment;
    }

    public List<BenchTiming> timings() {
        return timings;
    }

    public List<BenchRatio> ratios() {
        return ratios;
    }

    public List<String> notes() {
        return notes;
    }

    /** JSON-compatible view: run, environment, model, ratios, timings, notes. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("quick", config.quick());
        run.put("finished", finished);
        List<Map<String, Object>> modes = new ArrayList<>();
        for (Parallelism p : config.modes()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("parallelism", p.label());
            pm.put("threads", p.threads());
            pm.put("clock", p.clock());
            modes.add(pm);
        }
        run.put("modes", modes);
        BenchMeasurement.Settings s = config.settings();
        run.put("warmup_s", s.warmupSeconds());
        run.put("batch_s", s.batchSeconds());
        run.put("batches", s.batches());
        run.put("statistic", "median of batches, seconds per call");
        m.put("run", run);
        m.put("environment", environment.toMap());
        Map<String, Object> mm = new LinkedHashMap<>();
        mm.put("name", modelName);
        mm.put("references", references);
        mm.put("descriptor_length", descriptorLength);
        mm.put("zeta", zeta);
        m.put("model", mm);
        List<Map<String, Object>> rl = new ArrayList<>();
        for (BenchRatio r : ratios) {
            rl.add(r.toMap());
        }
        m.put("ratios", rl);
        List<Map<String, Object>> tl = new ArrayList<>();
        for (BenchTiming t : timings) {
            tl.add(t.toMap());
        }
        m.put("timings", tl);
        m.put("notes", notes);
        return m;
    }

    /** The report as lines of text. */
    public String text() {
        StringBuilder b = new StringBuilder();
        BenchMeasurement.Settings s = config.settings();
        b.append(String.format(Locale.ROOT, "helixff bench%s: one process, one run; medians of up to %d batches"
                + " after %.1f s warm-up%n", config.quick() ? " --quick" : "", s.batches(), s.warmupSeconds()));
        Environment e = environment;
        b.append(String.format(Locale.ROOT, "  machine  %s, %d cores; %s; %s%n", e.cpu(), e.cores(), e.jvm(), e.os()));
        b.append(String.format(Locale.ROOT, "  commit   %s%s%n", e.commit(),
                e.commitSource().equals("none") ? " (no manifest entry, no git work tree)" : " (" + e.commitSource() + ")"));
        b.append(String.format(Locale.ROOT, "  gpu      %s%n", e.gpuReason() == null ? e.gpu() : "none (" + e.gpuReason() + ")"));
        b.append(String.format(Locale.ROOT, "  model    %s: M = %d references, D = %d, zeta = %d%n", modelName,
                references, descriptorLength, zeta));
        List<String> clocks = new ArrayList<>();
        for (Parallelism p : config.modes()) {
            clocks.add(p.label() + " = " + (p == Parallelism.SINGLE ? "thread CPU time of 1 thread"
                    : "wall time, " + p.threads() + " threads"));
        }
        b.append("  clocks   ").append(String.join("; ", clocks)).append(String.format("%n%n"));
        b.append("ratios").append(String.format("%n"));
        int w = 10;
        for (BenchRatio r : ratios) {
            w = Math.max(w, r.description().length());
        }
        for (BenchRatio r : ratios) {
            b.append(String.format(Locale.ROOT, "  %-" + w + "s  %9s  %-9s %s%n", r.description(),
                    BenchFormat.number(r.value()), r.target() == null ? "" : r.target(),
                    r.met() == null ? "" : (r.met() ? "met" : "MISSED")));
        }
        b.append(String.format("%ntimes (median per call; per item; spread min-max)%n"));
        int wn = 10;
        for (BenchTiming t : timings) {
            wn = Math.max(wn, t.name().length());
        }
        for (BenchTiming t : timings) {
            b.append(String.format(Locale.ROOT, "  %-" + wn + "s  %10s  %12s  %s - %s  (%d x %d calls, %s, %d thr)%n",
                    t.name(), BenchFormat.duration(t.median()),
                    t.items() > 1 ? BenchFormat.duration(t.perItem()) + "/" + (t.items() > 1 ? "atom" : "") : "",
                    BenchFormat.duration(t.min()), BenchFormat.duration(t.max()), t.batches(),
                    t.calls() / Math.max(1, t.batches()), t.clock(),
                    t.threads()));
        }
        for (String n : notes) {
            b.append(String.format("%nnote: %s", n));
        }
        if (!notes.isEmpty()) {
            b.append(String.format("%n"));
        }
        return b.toString();
    }
}

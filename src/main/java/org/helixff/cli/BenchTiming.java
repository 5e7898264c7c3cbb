package org.helixff.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.helixff.bench.Parallelism;

/**
 * One measured workload: the median, fastest and slowest time of one call over several batches, in seconds.
 *
 * @param name        what was measured
 * @param parallelism how the work could use the cores (and hence which clock: thread CPU or wall)
 * @param threads     threads the work could run on
 * @param median      median seconds per call over the batches
 * @param min         fastest batch, seconds per call
 * @param max         slowest batch, seconds per call
 * @param batches     batches measured (after warm-up)
 * @param calls       calls measured in total
 * @param items       items one call processes (atoms, environments; 1 when not meaningful), for per-item times
 */
record BenchTiming(String name, Parallelism parallelism, int threads, double median, double min, double max,
        int batches, long calls, long items) {
    /** Median seconds per item. */
    public double perItem() {
        return median / Math.max(1, items);
    }

    /** The clock used ("thread-cpu" or "wall"). */
    public String clock() {
        return parallelism.clock();
    }

    /** JSON-compatible view (seconds). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("parallelism", parallelism.label());
        m.put("threads", threads);
        m.put("clock", clock());
        m.put("median_s", median);
        m.put("min_s", min);
        m.put("max_s", max);
        m.put("batches", batches);
        m.put("calls", calls);
        m.put("items", items);
        m.put("median_per_item_s", perItem());
        return m;
    }
}

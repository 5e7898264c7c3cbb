package org.helixff.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.helixff.bench.BenchFormat;

/**
 * A ratio of two measured times, with the project's target for it.
 *
 * @param name        stable key (JSON)
 * @param description one line for people
 * @param value       numerator median / denominator median
 * @param numerator   the slower (or reference) measurement
 * @param denominator the other one
 * @param target      the goal, e.g. ">= 35" or "<= 100", or null when none applies
 * @param met         whether the goal holds (null when there is no goal)
 */
record BenchRatio(String name, String description, double value, BenchTiming numerator, BenchTiming denominator,
        String target, Boolean met) {
    /** A ratio that must be at least {@code goal}. */
    static BenchRatio atLeast(String name, String description, BenchTiming num, BenchTiming den, double goal) {
        double v = num.median() / den.median();
        return new BenchRatio(name, description, v, num, den, ">= " + BenchFormat.number(goal), v >= goal);
    }

    /** A ratio that must be at most {@code goal}. */
    static BenchRatio atMost(String name, String description, BenchTiming num, BenchTiming den, double goal) {
        double v = num.median() / den.median();
        return new BenchRatio(name, description, v, num, den, "<= " + BenchFormat.number(goal), v <= goal);
    }

    /** A ratio without a goal. */
    static BenchRatio plain(String name, String description, BenchTiming num, BenchTiming den) {
        return new BenchRatio(name, description, num.median() / den.median(), num, den, null, null);
    }

    /** JSON-compatible view. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("description", description);
        m.put("value", value);
        m.put("target", target);
        m.put("met", met);
        m.put("numerator", numerator.name());
        m.put("denominator", denominator.name());
        return m;
    }
}

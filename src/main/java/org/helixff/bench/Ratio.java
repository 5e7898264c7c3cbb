package org.helixff.bench;

import java.util.LinkedHashMap;
import java.util.Map;

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
public record Ratio(String name, String description, double value, Timing numerator, Timing denominator,
        String target, Boolean met) {
    /** A ratio that must be at least {@code goal}. */
    static Ratio atLeast(String name, String description, Timing num, Timing den, double goal) {
        double v = num.median() / den.median();
        return new Ratio(name, description, v, num, den, ">= " + BenchReport.number(goal), v >= goal);
    }

    /** A ratio that must be at most {@code goal}. */
    static Ratio atMost(String name, String description, Timing num, Timing den, double goal) {
        double v = num.median() / den.median();
        return new Ratio(name, description, v, num, den, "<= " + BenchReport.number(goal), v <= goal);
    }

    /** A ratio without a goal. */
    static Ratio plain(String name, String description, Timing num, Timing den) {
        return new Ratio(name, description, num.median() / den.median(), num, den, null, null);
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

package org.helixff.dynamics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The counters and wall times of one on-the-fly run: teacher calls during the MD, uncertainty checks, whether
 * the call budget ran out, and seconds spent in the teacher, refits, model evaluations and uncertainties.
 */
final class LoopAccounting {
    private int mdCalls;
    private long checks;
    private boolean budgetExhausted;
    private double teacherSeconds;
    private double refitSeconds;
    private double modelSeconds;
    private double uncertaintySeconds;

    int mdCalls() {
        return mdCalls;
    }

    long checks() {
        return checks;
    }

    boolean budgetExhausted() {
        return budgetExhausted;
    }

    /** Counts a teacher call during the MD (also a resumed one). */
    void mdCall() {
        mdCalls++;
    }

    void check() {
        checks++;
    }

    void exhausted() {
        budgetExhausted = true;
    }

    void teacher(double seconds) {
        teacherSeconds += seconds;
    }

    void refit(double seconds) {
        refitSeconds += seconds;
    }

    void model(double seconds) {
        modelSeconds += seconds;
    }

    void uncertainty(double seconds) {
        uncertaintySeconds += seconds;
    }

    /** Seconds since {@code t0} (a {@link System#nanoTime()} reading). */
    static double since(long t0) {
        return (System.nanoTime() - t0) * 1e-9;
    }

    /** The timings of {@link OnTheFly.Result#timings()}: teacher, refit, model, uncertainty and the MD total. */
    Map<String, Double> timings(List<MdResult> runs) {
        Map<String, Double> timings = new LinkedHashMap<>();
        timings.put("teacher", teacherSeconds);
        timings.put("refit", refitSeconds);
        timings.put("model", modelSeconds);
        timings.put("uncertainty", uncertaintySeconds);
        double mdSeconds = 0;
        for (MdResult r : runs) {
            mdSeconds += r.seconds();
        }
        timings.put("md", mdSeconds);
        return timings;
    }
}

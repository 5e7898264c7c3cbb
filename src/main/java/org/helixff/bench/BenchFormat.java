package org.helixff.bench;

import java.util.Locale;

/** How both harnesses print times and ratios (the {@code helixff bench} report and the JMH runner's tables). */
public final class BenchFormat {
    private BenchFormat() {
    }

    /** A duration in seconds with a unit that keeps 3-4 significant digits (ns, us, ms, s). */
    public static String duration(double seconds) {
        double a = Math.abs(seconds);
        if (a < 1e-6) {
            return String.format(Locale.ROOT, "%.1f ns", seconds * 1e9);
        }
        if (a < 1e-3) {
            return String.format(Locale.ROOT, "%.2f us", seconds * 1e6);
        }
        if (a < 1) {
            return String.format(Locale.ROOT, "%.2f ms", seconds * 1e3);
        }
        return String.format(Locale.ROOT, "%.3f s", seconds);
    }

    /** A ratio or goal with 3 significant digits. */
    public static String number(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        double a = Math.abs(v);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}

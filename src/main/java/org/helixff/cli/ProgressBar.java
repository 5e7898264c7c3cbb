package org.helixff.cli;

import java.io.PrintWriter;
import org.helixff.Progress;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A one-line progress bar on stderr for long work: shown only after the first second, redrawn at most ten
 * times a second, erased by {@link #finish()}.
 */
final class ProgressBar implements Progress {
    private final PrintWriter err;
    private final long start = System.nanoTime();
    private long last;
    private boolean shown;

    ProgressBar(PrintWriter err) {
        this.err = err;
    }

    static ProgressBar stderr(CommandSpec spec) {
        return new ProgressBar(spec.commandLine().getErr());
    }

    @Override
    public synchronized void update(String stage, long done, long total) {
        long now = System.nanoTime();
        if (now - start < 1_000_000_000L || (now - last < 100_000_000L && done != total)) {
            return;
        }
        last = now;
        int width = 30;
        int fill = total > 0 ? (int) Math.min(width, width * done / total) : 0;
        err.print("\r[" + "#".repeat(fill) + " ".repeat(width - fill) + "] "
                + (total > 0 ? (100 * done / total) + "% " : "") + stage + "   ");
        err.flush();
        shown = true;
    }

    /** Erases the bar (call before printing results). */
    synchronized void finish() {
        if (shown) {
            err.print("\r" + " ".repeat(80) + "\r");
            err.flush();
            shown = false;
        }
    }
}

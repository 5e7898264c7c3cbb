package org.helixff.cli;

import java.io.PrintWriter;
import org.helixff.Progress;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Progress of long work on stderr. On a terminal: a one-line bar shown only after the first second, redrawn at
 * most ten times a second, erased by {@link #finish()}. When stderr is a file or a pipe (a log): no carriage
 * returns, one plain line "helixff: progress: STAGE P% (DONE/TOTAL)" every {@link #PLAIN_INTERVAL_NS} at most.
 */
final class ProgressBar implements Progress {
    /** Interval of the plain progress lines when stderr is not a terminal. */
    static final long PLAIN_INTERVAL_NS = 10_000_000_000L;
    private final PrintWriter err;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private long last;
    private boolean shown;

    ProgressBar(PrintWriter err) {
        this(err, Main.stderrIsTerminal());
    }

    ProgressBar(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    static ProgressBar stderr(CommandSpec spec) {
        return new ProgressBar(spec.commandLine().getErr());
    }

    @Override
    public synchronized void update(String stage, long done, long total) {
        long now = System.nanoTime();
        if (!terminal) {
            if (now - (last == 0 ? start : last) >= PLAIN_INTERVAL_NS && done < total) {
                last = now;
                err.println("helixff: progress: " + stage + " " + (total > 0 ? (100 * done / total) + "% " : "") + "("
                        + done + "/" + total + ")");
                err.flush();
            }
            return;
        }
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

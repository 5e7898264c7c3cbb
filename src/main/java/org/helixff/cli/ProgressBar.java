package org.helixff.cli;

import java.io.PrintWriter;
import org.helixff.Progress;
import picocli.CommandLine.Model.CommandSpec;

/** A one-line progress bar on stderr (redrawn at most ~10 times per second, newline when a stage ends). */
final class ProgressBar implements Progress {
    private final PrintWriter err;
    private long lastDraw;
    private String lastStage = "";
    private boolean open;

    private ProgressBar(PrintWriter err) {
        this.err = err;
    }

    static Progress stderr(CommandSpec spec) {
        return new ProgressBar(spec.commandLine().getErr());
    }

    @Override
    public synchronized void update(String stage, long done, long total) {
        long now = System.nanoTime();
        boolean finished = total > 0 && done >= total;
        if (!stage.equals(lastStage) && open) {
            err.println();
            open = false;
        }
        lastStage = stage;
        if (!finished && now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        int width = 30;
        int filled = total > 0 ? (int) Math.min(width, width * done / total) : 0;
        String bar = "#".repeat(filled) + ".".repeat(width - filled);
        err.print("\r" + String.format("%-16s [%s] %d/%d", stage, bar, done, total));
        open = true;
        if (finished) {
            err.println();
            open = false;
        }
        err.flush();
    }
}

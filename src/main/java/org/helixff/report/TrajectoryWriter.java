package org.helixff.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.helixff.HelixException;
import org.helixff.dynamics.MdFrame;
import org.helixff.io.AtomicFiles;
import org.helixff.io.ExtXyz;
import org.helixff.io.FileUnits;
import org.helixff.io.ShutdownCleanup;

/**
 * Writes an MD trajectory as extxyz ({@link MdFrame#toFrame()}; symmetric frames in Hartree/Bohr with
 * the symmetry keys, full cells in Hartree/Bohr too so that the velocity column and the positions share
 * units). Frames are streamed to a temporary file next to the target, which {@link #close()} moves onto
 * the target: the target never holds a partly written frame. Closing after a failed run still moves the
 * complete frames written so far into place, and so does an interrupted process (SIGINT, SIGTERM: through
 * {@link ShutdownCleanup}, the frames finished so far become the target, a valid extxyz). The file gets mode
 * rw-r--r--. Writes from one thread; the interrupt hook may run on another.
 */
public final class TrajectoryWriter implements AutoCloseable {
    private final Path target;
    private final Path tmp;
    private final BufferedWriter out;
    private final ShutdownCleanup.Handle hook;
    private long frames;
    private boolean closed;
    private boolean moved;

    private TrajectoryWriter(Path target, Path tmp, BufferedWriter out) {
        this.target = target;
        this.tmp = tmp;
        this.out = out;
        this.hook = ShutdownCleanup.register(this::finishOnInterrupt);
    }

    /** Opens a trajectory; the target is replaced when the writer is closed. */
    public static TrajectoryWriter open(Path target) {
        Path abs = target.toAbsolutePath();
        try {
            Path dir = abs.getParent();
            if (dir != null) {
                AtomicFiles.createDirectories(dir);
            }
            if (Files.isDirectory(abs)) {
                throw new HelixException("cannot write trajectory " + target + ": it is a directory");
            }
            Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
            AtomicFiles.setNormalMode(tmp);
            return new TrajectoryWriter(abs, tmp, Files.newBufferedWriter(tmp, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new HelixException("cannot write trajectory " + target + ": " + AtomicFiles.reason(e), e);
        }
    }

    /** Appends one frame (a no-op once the process is being interrupted). */
    public void write(MdFrame frame) {
        String text = ExtXyz.format(List.of(frame.toFrame()), FileUnits.HARTREE_BOHR);
        synchronized (this) {
            if (moved) {
                return;
            }
            if (closed) {
                throw new IllegalStateException("trajectory " + target + " is closed");
            }
            try {
                out.write(text);
                frames++;
            } catch (IOException e) {
                throw new HelixException("cannot write trajectory " + target + ": " + AtomicFiles.reason(e), e);
            }
        }
    }

    /** Frames written so far. */
    public synchronized long frames() {
        return frames;
    }

    /** The interrupt hook: the complete frames written so far become the target. */
    private void finishOnInterrupt() {
        synchronized (this) {
            if (moved) {
                return;
            }
            try {
                if (!closed) {
                    closed = true;
                    out.close();
                }
                AtomicFiles.moveReplacing(tmp, target);
            } catch (IOException e) {
                ShutdownCleanup.deleteTree(tmp);
            }
            moved = true;
        }
    }

    /** Flushes and moves the file onto the target. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            out.close();
            ShutdownCleanup.commit(() -> {
                synchronized (this) {
                    if (!moved) {
                        AtomicFiles.moveReplacing(tmp, target);
                        moved = true;
                    }
                }
                return null;
            });
            hook.close();
        } catch (IOException e) {
            if (ShutdownCleanup.shuttingDown()) {
                return; // the hook moves the frames into place
            }
            hook.close();
            ShutdownCleanup.deleteTree(tmp);
            throw new HelixException("cannot write trajectory " + target + ": " + AtomicFiles.reason(e), e);
        }
    }
}

package org.helixff.dynamics;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.helixff.HelixException;
import org.helixff.io.ExtXyz;
import org.helixff.io.FileUnits;

/**
 * Writes an MD trajectory as extxyz ({@link MdFrame#toFrame()}; symmetric frames in Hartree/Bohr with
 * the symmetry keys, full cells in Hartree/Bohr too so that the velocity column and the positions share
 * units). Frames are streamed to a temporary file next to the target, which {@link #close()} moves onto
 * the target: the target never holds a partly written frame. Closing after a failed run still moves the
 * complete frames written so far into place. Not thread-safe.
 */
public final class TrajectoryWriter implements AutoCloseable {
    private final Path target;
    private final Path tmp;
    private final BufferedWriter out;
    private long frames;
    private boolean closed;

    private TrajectoryWriter(Path target, Path tmp, BufferedWriter out) {
        this.target = target;
        this.tmp = tmp;
        this.out = out;
    }

    /** Opens a trajectory; the target is replaced when the writer is closed. */
    public static TrajectoryWriter open(Path target) {
        Path abs = target.toAbsolutePath();
        try {
            Path dir = abs.getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
            return new TrajectoryWriter(abs, tmp, Files.newBufferedWriter(tmp, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new HelixException("cannot write trajectory " + target + ": " + e.getMessage(), e);
        }
    }

    /** Appends one frame. */
    public void write(MdFrame frame) {
        if (closed) {
            throw new IllegalStateException("trajectory " + target + " is closed");
        }
        try {
            ExtXyz.write(out, List.of(frame.toFrame()), FileUnits.HARTREE_BOHR);
            frames++;
        } catch (IOException e) {
            throw new HelixException("cannot write trajectory " + target + ": " + e.getMessage(), e);
        }
    }

    /** Frames written so far. */
    public long frames() {
        return frames;
    }

    /** Flushes and moves the file onto the target. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort
            }
            throw new HelixException("cannot write trajectory " + target + ": " + e.getMessage(), e);
        }
    }
}

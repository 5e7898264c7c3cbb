package org.helixff.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.helixff.HelixException;
import org.helixff.InvalidInputException;

/**
 * An append-only extxyz file of labelled frames that survives a kill: {@link #append} writes one whole frame
 * and forces it to the disk ({@code fsync}) before it returns, so every frame appended before a SIGKILL, a
 * power cut or a crash is in the file, and the file is always a valid extxyz except possibly for one
 * incomplete last frame, which {@link #open} drops (it truncates the file to the last complete frame and says
 * how many bytes it dropped). Frames are written in Hartree/Bohr ({@link FileUnits#HARTREE_BOHR}). Mode
 * rw-r--r--. Not thread-safe.
 */
public final class FrameJournal implements AutoCloseable {
    /** Largest journal read back on resume, bytes (a 2-atom frame is ~600 bytes: over a million frames). */
    public static final long MAX_BYTES = 1L << 30;
    private final Path path;
    private final FileChannel channel;
    private final List<Frame> existing;
    private final long droppedBytes;
    private long frames;

    private FrameJournal(Path path, FileChannel channel, List<Frame> existing, long droppedBytes) {
        this.path = path;
        this.channel = channel;
        this.existing = List.copyOf(existing);
        this.droppedBytes = droppedBytes;
        this.frames = existing.size();
    }

    /**
     * Opens a journal.
     *
     * @param path   the file
     * @param resume true: keep the frames already in the file ({@link #existing()}) and append after them; false:
     *               the file must not hold frames yet (it is created, or an empty one is reused), so that a new
     *               run never overwrites labels of an earlier one
     * @throws InvalidInputException if {@code resume} is false and the file holds data, or the file is not a
     *                               valid extxyz
     * @throws HelixException        if it cannot be read or written
     */
    public static FrameJournal open(Path path, boolean resume) {
        try {
            Path dir = path.toAbsolutePath().getParent();
            if (dir != null) {
                AtomicFiles.createDirectories(dir);
            }
            boolean exists = Files.exists(path);
            if (exists && Files.isDirectory(path)) {
                throw new InvalidInputException("training set " + path + " is a directory");
            }
            if (!resume && exists && Files.size(path) > 0) {
                throw new InvalidInputException("training set " + path + " already holds data: continue that run with"
                        + " --resume, or move the file away");
            }
            List<Frame> old = new ArrayList<>();
            long dropped = 0;
            if (resume && exists) {
                long size = Files.size(path);
                if (size > MAX_BYTES) {
                    throw new InvalidInputException("training set " + path + " is larger than " + MAX_BYTES
                            + " bytes: not a training set of on-the-fly learning");
                }
                byte[] bytes = Files.readAllBytes(path);
                long complete = completeLength(bytes);
                dropped = bytes.length - complete;
                String text = new String(bytes, 0, (int) complete, StandardCharsets.UTF_8);
                old.addAll(ExtXyz.parse(path.toString(), text));
                if (dropped > 0) {
                    try (FileChannel c = FileChannel.open(path, StandardOpenOption.WRITE)) {
                        c.truncate(complete);
                        c.force(true);
                    }
                }
            }
            FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            AtomicFiles.setNormalMode(path);
            return new FrameJournal(path, ch, old, dropped);
        } catch (IOException e) {
            throw new HelixException("cannot open training set " + path + ": " + AtomicFiles.reason(e), e);
        }
    }

    /**
     * Bytes of the complete frames at the start of an extxyz text: frames are an atom count line, a comment line
     * and that many atom lines, each ending in a newline. What follows the last complete frame (a frame cut by a
     * kill) is not counted; a count line that is not a number ends the scan there (the parser reports it).
     */
    static long completeLength(byte[] b) {
        long complete = 0;
        int pos = 0;
        while (pos < b.length) {
            int eol = indexOf(b, pos);
            if (eol < 0) {
                break;
            }
            String count = new String(b, pos, eol - pos, StandardCharsets.US_ASCII).strip();
            if (count.isEmpty() && complete == pos) {
                // blank lines between frames belong to the complete part
                pos = eol + 1;
                complete = pos;
                continue;
            }
            long n;
            try {
                n = Long.parseLong(count);
            } catch (NumberFormatException e) {
                return b.length; // not our concern: the extxyz parser names the line
            }
            int p = eol + 1;
            boolean whole = true;
            for (long i = 0; i < n + 1; i++) {
                int e = p < b.length ? indexOf(b, p) : -1;
                if (e < 0) {
                    whole = false;
                    break;
                }
                p = e + 1;
            }
            if (!whole) {
                break;
            }
            pos = p;
            complete = pos;
        }
        return complete;
    }

    private static int indexOf(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** The frames that were in the file when it was opened with {@code resume} (else empty). */
    public List<Frame> existing() {
        return existing;
    }

    /** Bytes of an incomplete last frame dropped on opening (0 if the file ended with a complete frame). */
    public long droppedBytes() {
        return droppedBytes;
    }

    /** Frames in the file now. */
    public long frames() {
        return frames;
    }

    /** The journal file. */
    public Path path() {
        return path;
    }

    /** Appends one frame and forces it to the disk before returning. */
    public void append(Frame frame) {
        byte[] text = ExtXyz.format(frame, FileUnits.HARTREE_BOHR).getBytes(StandardCharsets.UTF_8);
        try {
            ByteBuffer buf = ByteBuffer.wrap(text);
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            channel.force(false);
            frames++;
        } catch (IOException e) {
            throw new HelixException("cannot append to training set " + path + ": " + AtomicFiles.reason(e), e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new HelixException("cannot close training set " + path + ": " + AtomicFiles.reason(e), e);
        }
    }
}

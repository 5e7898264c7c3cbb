package org.helixff.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.helixff.HelixException;

/**
 * Writes files so that a reader never sees a half-written one: the content goes to a temporary file
 * in the same directory, which is then moved over the target (atomically where the file system
 * allows). On any failure the temporary file is deleted and the target is left untouched; so it is when the
 * process is interrupted (SIGINT, SIGTERM: {@link ShutdownCleanup}). Outputs get mode rw-r--r--.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Something that writes the content of a text file. */
    @FunctionalInterface
    public interface TextContent {
        /** Writes the whole content to {@code out}; an IOException aborts the write and keeps the old file. */
        void writeTo(Writer out) throws IOException;
    }

    /** Something that writes the content of a binary file. */
    @FunctionalInterface
    public interface BinaryContent {
        /** Writes the whole content to {@code out}; an IOException aborts the write and keeps the old file. */
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes a UTF-8 text file atomically. */
    public static void writeText(Path target, TextContent content) {
        writeBinary(target, out -> {
            Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8));
            content.writeTo(w);
            w.flush();
        });
    }

    /** Writes a UTF-8 string atomically. */
    public static void writeString(Path target, String text) {
        writeText(target, w -> w.write(text));
    }

    /**
     * Writes a binary file atomically, with mode rw-r--r-- (not the temporary file's 0600). The temporary file
     * is deleted on failure and, through {@link ShutdownCleanup}, when the process is interrupted.
     *
     * @throws HelixException naming the target and the reason ("permission denied", "not a directory", ...)
     */
    public static void writeBinary(Path target, BinaryContent content) {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = null;
        ShutdownCleanup.Handle cleanup = null;
        try {
            if (Files.isDirectory(abs)) {
                throw new HelixException("cannot write " + target + ": it is a directory");
            }
            // created and registered under the cleanup lock: once the shutdown hook has run, nothing new appears
            Object[] made = ShutdownCleanup.commit(() -> {
                if (dir != null) {
                    createDirectories(dir);
                }
                Path t = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
                return new Object[] {t, ShutdownCleanup.deleteOnInterrupt(t)};
            });
            tmp = (Path) made[0];
            cleanup = (ShutdownCleanup.Handle) made[1];
            setNormalMode(tmp);
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp))) {
                content.writeTo(out);
            }
            Path from = tmp;
            ShutdownCleanup.commit(() -> {
                moveReplacing(from, abs);
                return null;
            });
            tmp = null;
        } catch (IOException e) {
            throw new HelixException("cannot write " + target + ": " + reason(e), e);
        } catch (UncheckedIOException e) {
            throw new HelixException("cannot write " + target + ": " + reason(e.getCause()), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the target was not touched
                }
            }
            if (cleanup != null) {
                cleanup.close();
            }
        }
    }

    /** Gives a file mode rw-r--r-- where the file system has POSIX modes. */
    public static void setNormalMode(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep the default permissions
        }
    }

    /** Moves a file or directory onto a target, atomically where the file system allows. */
    public static void moveReplacing(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Creates a directory and its parents; a file in the way is reported as "not a directory". Runs under the
     * cleanup lock and fails once the process is being interrupted (so an interrupted run recreates nothing that
     * its shutdown hook has removed).
     */
    public static void createDirectories(Path dir) throws IOException {
        ShutdownCleanup.commit(() -> {
            for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
                if (Files.exists(p)) {
                    if (!Files.isDirectory(p)) {
                        throw new NotDirectoryException(p.toString());
                    }
                    break;
                }
            }
            Files.createDirectories(dir);
            return null;
        });
    }

    /**
     * The reason of an I/O error in words ("permission denied: DIR", "not a directory: PATH", "no space left on
     * device"), for messages that already name the target. The JDK's exceptions often carry only a path.
     */
    public static String reason(IOException e) {
        String file = e instanceof FileSystemException f && f.getFile() != null ? ": " + f.getFile() : "";
        if (e instanceof AccessDeniedException) {
            return "permission denied" + file;
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory" + file;
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory" + file;
        }
        if (e instanceof FileAlreadyExistsException) {
            return "already exists" + file;
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "directory not empty" + file;
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason() + file;
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * A directory of outputs that appear together: files are written into a hidden staging directory next to
     * the target ({@code .NAME.staging-*}), and {@link #commit()} moves them into the target in one step (a
     * rename of the whole directory when the target is new; otherwise file by file with the manifest file last,
     * under the {@link ShutdownCleanup} lock, and files of an earlier run that this run does not write are
     * removed). An interrupted run (SIGINT/SIGTERM) removes the staging directory and leaves the target as it was;
     * {@link #close()} without commit does the same.
     */
    public static final class StagedDirectory implements AutoCloseable {
        private final Path target;
        private final Path staging;
        private final ShutdownCleanup.Handle cleanup;
        private boolean done;

        private StagedDirectory(Path target, Path staging, ShutdownCleanup.Handle cleanup) {
            this.target = target;
            this.staging = staging;
            this.cleanup = cleanup;
        }

        /**
         * Opens a staging directory for {@code target}.
         *
         * @throws HelixException if the target exists and is not a directory, or the parent is not writable
         */
        public static StagedDirectory open(Path target) {
            Path abs = target.toAbsolutePath();
            Path parent = abs.getParent();
            try {
                checkDirectoryTarget(target);
                createDirectories(parent);
                Object[] made = ShutdownCleanup.commit(() -> {
                    Path st = Files.createTempDirectory(parent, "." + abs.getFileName() + ".staging-");
                    return new Object[] {st, ShutdownCleanup.deleteOnInterrupt(st)};
                });
                Path staging = (Path) made[0];
                ShutdownCleanup.Handle h = (ShutdownCleanup.Handle) made[1];
                try {
                    Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system
                }
                return new StagedDirectory(abs, staging, h);
            } catch (IOException e) {
                throw new HelixException("cannot write " + target + ": " + reason(e), e);
            }
        }

        /** Fails early (before any work) if {@code target} exists and is not a directory. */
        public static void checkDirectoryTarget(Path target) {
            if (Files.exists(target) && !Files.isDirectory(target)) {
                throw new HelixException("cannot write into " + target + ": not a directory");
            }
        }

        /** Where to write the file {@code name} now (inside the staging directory). */
        public Path resolve(String name) {
            return staging.resolve(name);
        }

        /** The final directory. */
        public Path target() {
            return target;
        }

        /**
         * Moves the staged files into the target.
         *
         * @param manifest file moved last (e.g. summary.json), or null
         * @param owned    file names an earlier run of the same command may have left in the target; those this
         *                 run did not write are removed, so the directory never mixes two runs
         */
        public void commit(String manifest, List<String> owned) {
            try {
                ShutdownCleanup.commit(() -> {
                    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                        return null;
                    }
                    if (!Files.isDirectory(target)) {
                        throw new NotDirectoryException(target.toString());
                    }
                    List<Path> files = new ArrayList<>();
                    try (Stream<Path> s = Files.list(staging)) {
                        s.sorted().forEach(files::add);
                    }
                    Path last = null;
                    for (Path f : files) {
                        if (manifest != null && f.getFileName().toString().equals(manifest)) {
                            last = f;
                            continue;
                        }
                        Path dest = target.resolve(f.getFileName().toString());
                        if (Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS)
                                && Files.isDirectory(dest, LinkOption.NOFOLLOW_LINKS)) {
                            ShutdownCleanup.deleteTree(dest); // a sub-directory of an earlier run is replaced whole
                        }
                        moveReplacing(f, dest);
                    }
                    Set<String> written = new HashSet<>();
                    for (Path f : files) {
                        written.add(f.getFileName().toString());
                    }
                    for (String o : owned) {
                        if (!written.contains(o)) {
                            Path old = target.resolve(o);
                            if (Files.isDirectory(old, LinkOption.NOFOLLOW_LINKS)) {
                                ShutdownCleanup.deleteTree(old);
                            } else {
                                Files.deleteIfExists(old);
                            }
                        }
                    }
                    if (last != null) {
                        moveReplacing(last, target.resolve(manifest));
                    }
                    Files.deleteIfExists(staging);
                    return null;
                });
                done = true;
            } catch (IOException e) {
                throw new HelixException("cannot write " + target + ": " + reason(e), e);
            } finally {
                close();
            }
        }

        /** Removes the staging directory if the outputs were not committed. */
        @Override
        public void close() {
            if (!done) {
                ShutdownCleanup.deleteTree(staging);
            }
            cleanup.close();
        }
    }
}

package org.helixff.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * What an interrupted run must tidy up: temporary files, staging directories, a trajectory whose finished
 * frames must still reach their target, child processes. Writers register an action while they own such a
 * thing and remove it when they are done; one JVM shutdown hook (installed on first use) runs the actions
 * still registered, newest first, when the process ends on SIGINT or SIGTERM (or {@code System.exit} in the
 * middle of a write). SIGKILL runs nothing: temporary files of a killed process stay (their names start with
 * a dot and end in {@code .tmp}).
 *
 * <p>Commits (moving a finished temporary file or directory onto its target) run under {@link #commit}, which
 * holds the same lock as the hook: the hook never sees a half-done move, and once the hook has started no new
 * commit happens, so a run's outputs appear together or not at all. Thread-safe.
 */
public final class ShutdownCleanup {
    private static final System.Logger LOG = System.getLogger(ShutdownCleanup.class.getName());
    private static final ReentrantLock LOCK = new ReentrantLock();
    private static final Map<Long, Runnable> ACTIONS = new LinkedHashMap<>();
    private static long next;
    private static boolean installed;
    private static volatile boolean shuttingDown;

    private ShutdownCleanup() {
    }

    /** A registered action; {@link #close()} removes it without running it. */
    public static final class Handle implements AutoCloseable {
        private final long id;

        private Handle(long id) {
            this.id = id;
        }

        /** Removes the action (it has become unnecessary: the file was moved into place or deleted). */
        @Override
        public void close() {
            LOCK.lock();
            try {
                ACTIONS.remove(id);
            } finally {
                LOCK.unlock();
            }
        }
    }

    /** Registers an action to run if the process is interrupted before the handle is closed. */
    public static Handle register(Runnable action) {
        LOCK.lock();
        try {
            if (!installed) {
                Runtime.getRuntime().addShutdownHook(new Thread(ShutdownCleanup::runAll, "helixff-cleanup"));
                installed = true;
            }
            long id = next++;
            ACTIONS.put(id, action);
            return new Handle(id);
        } finally {
            LOCK.unlock();
        }
    }

    /** Registers the deletion of a file or a directory tree. */
    public static Handle deleteOnInterrupt(Path path) {
        return register(() -> deleteTree(path));
    }

    /** True once the shutdown hook has started (work in progress should stop committing). */
    public static boolean shuttingDown() {
        return shuttingDown;
    }

    /**
     * Runs a commit step (a move into place) atomically with respect to the shutdown hook.
     *
     * @throws IOException from the step, or if the process is shutting down (nothing is committed then)
     */
    public static <T> T commit(IoStep<T> step) throws IOException {
        LOCK.lock();
        try {
            if (shuttingDown) {
                throw new IOException("the process is being interrupted");
            }
            return step.run();
        } finally {
            LOCK.unlock();
        }
    }

    /** A step that may fail with an I/O error. */
    @FunctionalInterface
    public interface IoStep<T> {
        /** Runs the step. */
        T run() throws IOException;
    }

    /** Runs the registered actions now, newest first (the shutdown hook; public for tests of the actions). */
    static void runAll() {
        LOCK.lock();
        try {
            shuttingDown = true;
            List<Runnable> todo = new ArrayList<>(ACTIONS.values());
            ACTIONS.clear();
            for (int i = todo.size() - 1; i >= 0; i--) {
                try {
                    todo.get(i).run();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.DEBUG, "cleanup action failed", e);
                }
            }
        } finally {
            LOCK.unlock();
        }
    }

    /** Number of actions registered now (tests). */
    static int pending() {
        return snapshot(ACTIONS::size);
    }

    private static <T> T snapshot(Supplier<T> s) {
        LOCK.lock();
        try {
            return s.get();
        } finally {
            LOCK.unlock();
        }
    }

    /** Deletes a file or directory tree, best effort. */
    public static void deleteTree(Path path) {
        if (path == null || !Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // best effort
            }
            return;
        }
        try (Stream<Path> s = Files.walk(path)) {
            s.sorted(Comparator.reverseOrder()).forEach(q -> {
                try {
                    Files.deleteIfExists(q);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException | java.io.UncheckedIOException ignored) {
            // best effort
        }
    }
}

package org.helixff.teacher;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.helixff.InvalidInputException;
import org.helixff.io.ShutdownCleanup;

/**
 * A user-given command template run through {@code /bin/sh -c} in a work directory. Placeholders
 * {@code {name}} in the template are replaced by the shell-quoted value given for that name (e.g.
 * {@code {in}}, {@code {out}}, {@code {dir}}); other braces are left alone, so shell and awk syntax
 * survive. Standard input is empty; standard output and error go to {@code teacher.stdout} and
 * {@code teacher.stderr} in the work directory. A non-zero exit status, a timeout or a command that cannot
 * be started is a {@link TeacherException} naming the command, the status and the tail of the stderr.
 * Immutable.
 */
public final class ExternalCommand {
    /** Characters of stderr quoted in error messages. */
    public static final int STDERR_TAIL = 600;
    /** File receiving the command's standard output in the work directory. */
    public static final String STDOUT_FILE = "teacher.stdout";
    /** File receiving the command's standard error in the work directory. */
    public static final String STDERR_FILE = "teacher.stderr";

    private final String template;
    private final double timeoutSeconds;

    /**
     * @param template       the command, e.g. {@code mpirun -np 2 sparc -name {name}}
     * @param timeoutSeconds wall-time limit, s (0 or negative: none)
     */
    public ExternalCommand(String template, double timeoutSeconds) {
        if (template == null || template.isBlank()) {
            throw new InvalidInputException("external teacher: the command template is empty");
        }
        if (Double.isNaN(timeoutSeconds)) {
            throw new InvalidInputException("external teacher: timeout is NaN");
        }
        this.template = template.strip();
        this.timeoutSeconds = timeoutSeconds;
    }

    /** The command template, stripped ({name} and the other placeholders not yet filled). */
    public String template() {
        return template;
    }

    /** The template with each {@code {key}} replaced by the single-quoted value. */
    public String expand(Map<String, String> values) {
        String s = template;
        for (Map.Entry<String, String> e : values.entrySet()) {
            s = s.replace("{" + e.getKey() + "}", quote(e.getValue()));
        }
        return s;
    }

    /** POSIX shell single quoting. */
    public static String quote(String v) {
        return "'" + v.replace("'", "'\\''") + "'";
    }

    /** What a finished command did. */
    public record Outcome(String command, int exitStatus, double seconds, Path directory) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("command", command);
            m.put("exit_status", exitStatus);
            m.put("seconds", seconds);
            m.put("directory", directory.toString());
            return m;
        }
    }

    /**
     * Runs the command in {@code dir} (which must exist).
     *
     * @throws TeacherException on a non-zero exit status, a timeout, or when it cannot be started
     */
    public Outcome run(Path dir, Map<String, String> values) {
        String cmd = expand(values);
        Path out = dir.resolve(STDOUT_FILE);
        Path err = dir.resolve(STDERR_FILE);
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", cmd).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        long t0 = System.nanoTime();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new TeacherException("cannot start teacher command '" + cmd + "' in " + dir + ": " + e.getMessage(), e);
        }
        int status;
        // an interrupted HelixFF (SIGINT/SIGTERM) takes its teacher with it: no orphaned DFT run
        try (ShutdownCleanup.Handle h = ShutdownCleanup.register(() -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        })) {
            if (timeoutSeconds > 0) {
                if (!p.waitFor((long) Math.ceil(timeoutSeconds * 1000), TimeUnit.MILLISECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                    throw new TeacherException(String.format(Locale.ROOT,
                            "teacher command '%s' in %s did not finish within %.0f s and was killed%s", cmd, dir,
                            timeoutSeconds, stderrTail(err)));
                }
                status = p.exitValue();
            } else {
                status = p.waitFor();
            }
        } catch (InterruptedException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new TeacherException("interrupted while waiting for teacher command '" + cmd + "'", e);
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        if (status != 0) {
            String hint = status == 127 ? " (command not found)" : status == 126 ? " (not executable)" : "";
            throw new TeacherException("teacher command '" + cmd + "' failed with exit status " + status + hint
                    + " in " + dir + stderrTail(err));
        }
        return new Outcome(cmd, status, seconds, dir);
    }

    /**
     * Creates a fresh directory {@code root/prefix-NNNNNN} (the first free number from 1), creating root if
     * needed.
     */
    public static Path newCallDirectory(Path root, String prefix) {
        return newCallDirectory(root, prefix, 1);
    }

    /**
     * Creates a fresh directory {@code root/prefix-NNNNNN} with the first free number from {@code from} (a teacher
     * passes its call number, so that the directory of call k is numbered k like the call log, unless a directory
     * of an earlier run has that number).
     */
    public static Path newCallDirectory(Path root, String prefix, int from) {
        try {
            Files.createDirectories(root);
            for (int i = Math.max(1, from); i < 100_000_000; i++) {
                Path d = root.resolve(String.format(Locale.ROOT, "%s-%06d", prefix, i));
                try {
                    return Files.createDirectory(d);
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    // taken: try the next number
                }
            }
        } catch (IOException e) {
            throw new TeacherException("cannot create a teacher work directory in " + root + ": " + e.getMessage(), e);
        }
        throw new TeacherException("no free teacher work directory name left in " + root);
    }

    /** Deletes a call directory and its files (best effort; used after a successful call). */
    public static void deleteTree(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(q -> {
                try {
                    Files.deleteIfExists(q);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }

    /** "; stderr: ..." with the last {@link #STDERR_TAIL} characters of the stderr file, or "" if empty. */
    static String stderrTail(Path err) {
        try {
            if (!Files.exists(err)) {
                return "";
            }
            String s;
            try (java.nio.channels.SeekableByteChannel ch = Files.newByteChannel(err)) {
                // only the tail is quoted: never read a teacher's whole (possibly huge) stderr
                long from = Math.max(0, ch.size() - 4L * STDERR_TAIL);
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate((int) (ch.size() - from));
                ch.position(from);
                while (buf.hasRemaining() && ch.read(buf) > 0) {
                    // read the tail
                }
                s = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).strip();
            }
            if (s.isEmpty()) {
                return "; stderr empty";
            }
            if (s.length() > STDERR_TAIL) {
                s = "..." + s.substring(s.length() - STDERR_TAIL);
            }
            return "; stderr: " + org.helixff.Messages.printable(s.replace('\n', ' ').replace('\r', ' '));
        } catch (IOException | java.io.UncheckedIOException e) {
            return "; stderr unreadable: " + e.getMessage();
        }
    }
}

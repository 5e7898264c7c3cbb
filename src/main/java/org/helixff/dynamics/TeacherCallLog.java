package org.helixff.dynamics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.helixff.HelixException;

/**
 * The log of teacher calls as JSON lines ({@link TeacherCall#toMap()}, one object per line, flushed after
 * every call so that a run that stops leaves every finished call logged). Not thread-safe.
 */
public final class TeacherCallLog implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path path;
    private final BufferedWriter out;

    private TeacherCallLog(Path path, BufferedWriter out) {
        this.path = path;
        this.out = out;
    }

    /** Creates (or truncates) the log. */
    public static TeacherCallLog open(Path path) {
        return open(path, false);
    }

    /** Creates the log, or appends to it ({@code append}: a resumed run). */
    public static TeacherCallLog open(Path path, boolean append) {
        try {
            Path dir = path.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            java.nio.file.OpenOption[] mode = append
                    ? new java.nio.file.OpenOption[] {java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND}
                    : new java.nio.file.OpenOption[0];
            return new TeacherCallLog(path, Files.newBufferedWriter(path, StandardCharsets.UTF_8, mode));
        } catch (IOException e) {
            throw new HelixException("cannot write teacher log " + path + ": " + e.getMessage(), e);
        }
    }

    /** Appends one call. */
    public void write(TeacherCall call) {
        try {
            out.write(line(call));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new HelixException("cannot write teacher log " + path + ": " + e.getMessage(), e);
        }
    }

    /** The JSON line of a call (without the newline). */
    public static String line(TeacherCall call) {
        try {
            return JSON.writeValueAsString(call.toMap());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new HelixException("cannot write teacher log " + path + ": " + e.getMessage(), e);
        }
    }
}

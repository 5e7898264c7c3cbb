package org.helixff.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.helixff.InvalidInputException;
import org.helixff.io.AtomicFiles;
import org.helixff.teacher.ExternalCommand;

/**
 * The shipped GPAW teacher ({@code teachers/gpaw_teacher.py} in the jar): resolves the Python interpreter,
 * checks once that it imports GPAW and ASE, extracts the script into the teacher's work directory and builds
 * the external teacher's command line. Settings are those of the shipped GPAW data (see the script).
 */
final class GpawTeacherScript {
    /** Resource path of the script inside the jar. */
    static final String RESOURCE = "/teachers/gpaw_teacher.py";
    private static final long PROBE_SECONDS = 60;

    private GpawTeacherScript() {
    }

    /** The interpreter: the given one, else /usr/bin/python3 when present (Debian's GPAW), else python3. */
    static String interpreter(String requested) {
        if (requested != null && !requested.isBlank()) {
            return requested;
        }
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    /**
     * The GPAW version the interpreter imports ("22.8.0").
     *
     * @throws InvalidInputException when GPAW or ASE cannot be imported
     */
    static String gpawVersion(String python) {
        ProcessBuilder pb = new ProcessBuilder(List.of(python, "-c",
                "import ase, gpaw; print(gpaw.__version__)")).redirectErrorStream(true);
        try {
            Process p = pb.start();
            String text;
            try (InputStream in = p.getInputStream()) {
                text = new String(in.readNBytes(4096), StandardCharsets.UTF_8).trim();
            }
            if (!p.waitFor(PROBE_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new InvalidInputException("--teacher gpaw: '" + python + "' did not answer within "
                        + PROBE_SECONDS + " s");
            }
            if (p.exitValue() != 0 || text.isEmpty()) {
                throw new InvalidInputException("--teacher gpaw: '" + python + "' cannot import gpaw and ase"
                        + " (install them with native-setup/install-dft.sh, or name an interpreter with --python)");
            }
            String[] lines = text.split("\\R");
            return lines[lines.length - 1].trim();
        } catch (IOException e) {
            throw new InvalidInputException("--teacher gpaw: cannot run '" + python + "': " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvalidInputException("--teacher gpaw: interrupted while probing '" + python + "'");
        }
    }

    /** Writes the script into {@code dir} and returns its path. */
    static Path extract(Path dir) {
        try (InputStream in = GpawTeacherScript.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " missing from the jar");
            }
            byte[] bytes = in.readAllBytes();
            Files.createDirectories(dir);
            Path script = dir.resolve("gpaw_teacher.py");
            AtomicFiles.writeBinary(script, o -> o.write(bytes));
            return script.toAbsolutePath();
        } catch (IOException e) {
            throw new InvalidInputException("--teacher gpaw: cannot write the teacher script into " + dir + ": "
                    + e.getMessage());
        }
    }

    /** Command template for {@link org.helixff.teacher.ExternalTeacher}: python script {in} {out} --cache DIR. */
    static String command(String python, Path script, Path cache) {
        return ExternalCommand.quote(python) + " " + ExternalCommand.quote(script.toString()) + " {in} {out} --cache "
                + ExternalCommand.quote(cache.toAbsolutePath().toString());
    }
}

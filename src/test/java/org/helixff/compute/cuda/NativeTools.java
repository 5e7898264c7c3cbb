package org.helixff.compute.cuda;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Finding nvcc / ptxas on the PATH and running them (tests skip when they are absent). */
final class NativeTools {
    private NativeTools() {
    }

    /** The executable on the PATH, if any. */
    static Optional<Path> find(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Result of a finished process. */
    record Run(int code, String output) {
    }

    /** Runs a command (working directory: the project root) with a time limit. */
    static Run run(long timeoutSeconds, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(List.of(command)).redirectErrorStream(true);
        Path log = Files.createTempFile("helixff-native", ".log");
        try {
            pb.redirectOutput(log.toFile());
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor();
                return new Run(-1, "timed out after " + timeoutSeconds + " s: " + String.join(" ", command));
            }
            return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Every kernels/*.cu, sorted. */
    static List<Path> kernelSources() throws IOException {
        List<Path> out = new ArrayList<>();
        try (var s = Files.list(Path.of("kernels"))) {
            s.filter(p -> p.getFileName().toString().endsWith(".cu")).sorted().forEach(out::add);
        }
        return out;
    }
}

package org.helixff.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Manifest;
import org.helixff.backend.Backends;
import org.helixff.compute.BackendReport;

/**
 * Where a benchmark ran: CPU model and cores, JVM, operating system, the code's git commit, and the GPU (device
 * and driver) or why there is none. Immutable.
 *
 * @param cpu         CPU model (from /proc/cpuinfo on Linux, else the architecture)
 * @param cores       processors available to the JVM
 * @param jvm         JVM name and version
 * @param os          operating system name, version and architecture
 * @param commit      git commit of the code (with "-dirty" when the work tree had changes), or "unknown"
 * @param commitSource where the commit came from ("manifest", "git", or "none")
 * @param gpu         the CUDA device name(s) and driver, or "none"
 * @param gpuReason   why the CUDA backend is unavailable (null when available)
 */
public record Environment(String cpu, int cores, String jvm, String os, String commit, String commitSource, String gpu,
        String gpuReason) {
    /** Name of the manifest attribute carrying the commit, when a build puts it there. */
    public static final String MANIFEST_COMMIT = "Git-Commit";

    /** Describes this machine and this code (probes CUDA once, may run {@code git}; never throws). */
    public static Environment detect() {
        String[] commit = detectCommit();
        BackendReport r = Backends.report();
        String gpu = "none";
        String reason = r.cudaAvailable() ? null : r.reason();
        if (r.cudaAvailable()) {
            Object devices = r.details().get("devices");
            Object driver = r.details().get("driver_cuda_version");
            gpu = String.valueOf(devices) + ", driver CUDA " + driver;
        }
        return new Environment(cpuModel(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                commit[0], commit[1], gpu, reason);
    }

    /** JSON-compatible view. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu", cpu);
        m.put("cores", cores);
        m.put("jvm", jvm);
        m.put("os", os);
        m.put("commit", commit);
        m.put("commit_source", commitSource);
        m.put("gpu", gpu);
        m.put("gpu_unavailable_reason", gpuReason);
        return m;
    }

    static String cpuModel() {
        Path p = Path.of("/proc/cpuinfo");
        if (Files.isReadable(p)) {
            try {
                for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                    if (line.startsWith("model name")) {
                        int c = line.indexOf(':');
                        if (c > 0) {
                            return line.substring(c + 1).trim();
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                // fall through
            }
        }
        return System.getProperty("os.arch");
    }

    /** {commit, source}: the jar manifest's {@value #MANIFEST_COMMIT}, else git where the code lives, else unknown. */
    static String[] detectCommit() {
        String m = manifestCommit();
        if (m != null) {
            return new String[] {m, "manifest"};
        }
        for (Path dir : candidateDirectories()) {
            String g = gitCommit(dir);
            if (g != null) {
                return new String[] {g, "git"};
            }
        }
        return new String[] {"unknown", "none"};
    }

    private static String manifestCommit() {
        try (InputStream in = Environment.class.getResourceAsStream("/META-INF/MANIFEST.MF")) {
            if (in == null) {
                return null;
            }
            String v = new Manifest(in).getMainAttributes().getValue(MANIFEST_COMMIT);
            return v == null || v.isBlank() ? null : v.trim();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static List<Path> candidateDirectories() {
        Path code = null;
        try {
            var src = Environment.class.getProtectionDomain().getCodeSource();
            if (src != null) {
                code = Path.of(src.getLocation().toURI()).toAbsolutePath();
            }
        } catch (URISyntaxException | RuntimeException e) {
            code = null;
        }
        Path cwd = Path.of("").toAbsolutePath();
        if (code == null) {
            return List.of(cwd);
        }
        Path dir = Files.isDirectory(code) ? code : code.getParent();
        return dir == null ? List.of(cwd) : List.of(dir, cwd);
    }

    /** HEAD of the git work tree containing dir (suffix -dirty for uncommitted changes), or null. */
    static String gitCommit(Path dir) {
        String head = git(dir, "rev-parse", "HEAD");
        if (head == null || !head.matches("[0-9a-f]{40}")) {
            return null;
        }
        String status = git(dir, "status", "--porcelain", "--untracked-files=no");
        return status != null && !status.isBlank() ? head + "-dirty" : head;
    }

    private static String git(Path dir, String... args) {
        String[] cmd = new String[args.length + 3];
        cmd[0] = "git";
        cmd[1] = "-C";
        cmd[2] = dir.toString();
        System.arraycopy(args, 0, cmd, 3, args.length);
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8).trim() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}

package org.helixff.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Only {@code org.helixff.compute.cuda} uses JCuda: no other source file names a {@code jcuda} package
 * and no other compiled class refers to one (constant-pool scan of target/classes), so JCuda's natives
 * can only ever be touched behind the probe.
 */
class ArchitectureTest {
    private static final String CUDA_PACKAGE = "org/helixff/compute/cuda/";
    private static final Pattern JCUDA_SOURCE = Pattern.compile("\\bjcuda\\.");

    @Test
    void onlyTheCudaPackageImportsJcudaInSources() throws Exception {
        List<String> offenders = new ArrayList<>();
        int cudaFiles = 0;
        Path root = Path.of("src/main/java");
        try (var s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s.filter(f -> f.toString().endsWith(".java"))::iterator) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                boolean uses = JCUDA_SOURCE.matcher(Files.readString(p)).find();
                if (rel.startsWith(CUDA_PACKAGE)) {
                    cudaFiles += uses ? 1 : 0;
                } else if (uses) {
                    offenders.add(rel);
                }
            }
        }
        assertEquals(List.of(), offenders, "sources outside compute.cuda that name jcuda");
        assertTrue(cudaFiles >= 5, "the scan sees the JCuda users (runtime, buffers, launchers): " + cudaFiles);
    }

    @Test
    void onlyTheCudaPackageReferencesJcudaInClasses() throws Exception {
        Path root = Path.of("target/classes");
        List<String> offenders = new ArrayList<>();
        int scanned = 0;
        int cudaUsers = 0;
        try (var s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s.filter(f -> f.toString().endsWith(".class"))::iterator) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                // class names in the constant pool are UTF-8 "jcuda/..." strings
                boolean uses = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1).contains("jcuda/");
                scanned++;
                if (rel.startsWith(CUDA_PACKAGE)) {
                    cudaUsers += uses ? 1 : 0;
                } else if (uses) {
                    offenders.add(rel);
                }
            }
        }
        assertTrue(scanned > 50, "compiled classes found: " + scanned);
        assertTrue(cudaUsers >= 5, "the scan sees the JCuda users: " + cudaUsers);
        assertEquals(List.of(), offenders, "classes outside compute.cuda that reference jcuda");
    }
}

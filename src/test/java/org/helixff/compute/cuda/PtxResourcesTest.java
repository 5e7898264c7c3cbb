package org.helixff.compute.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The committed PTX matches the kernel sources: one module per kernels/*.cu, the SHA-256 of the source
 * and of every project header it includes recorded in the header equals the file's (rerun
 * native-setup/build-ptx.sh after editing a kernel), the header names toolkit, target and ISA, the
 * entry points are the ones the launchers call, and every module assembles with ptxas for sm_80 and
 * sm_90 when ptxas is on the PATH.
 */
class PtxResourcesTest {
    private static final Pattern INCLUDE = Pattern.compile("^\\s*#\\s*include\\s*\"([^\"]+)\"", Pattern.MULTILINE);

    /** The entry points each launcher calls (kernel names in the launcher classes). */
    private static final Map<String, Set<String>> ENTRIES = Map.of(
            SoapCoefficientsLauncher.MODULE, Set.of(SoapCoefficientsLauncher.KERNEL,
                    SoapCoefficientsLauncher.CONSTANTS_KERNEL),
            SoapBackpropLauncher.MODULE, Set.of(SoapBackpropLauncher.KERNEL),
            SoapJacobianLauncher.MODULE, Set.of(SoapJacobianLauncher.KERNEL),
            KernelEvalLauncher.MODULE, Set.of("helixff_kernel_normalise", "helixff_kernel_k0", "helixff_kernel_energy",
                    "helixff_kernel_gradient", "helixff_kernel_project"),
            KernelDesignLauncher.MODULE, Set.of("helixff_design_site", "helixff_design_xj", "helixff_design_rows",
                    "helixff_design_epilogue"));

    /** The PTX ISA the modules declare: the oldest that allows .target sm_75 (CUDA 10.0; drivers >= 410). */
    static final String ISA = "6.3";

    static List<String> modules() {
        return PtxResource.MODULES;
    }

    private static String sha256(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }

    /** Project headers included by a file, transitively, in discovery order (as build-ptx.sh lists them). */
    private static void includes(Path file, Map<String, Path> out) throws Exception {
        Matcher m = INCLUDE.matcher(Files.readString(file));
        while (m.find()) {
            Path h = file.getParent().resolve(m.group(1)).normalize();
            String key = h.toString().replace('\\', '/');
            if (Files.isRegularFile(h) && !out.containsKey(key)) {
                out.put(key, h);
                includes(h, out);
            }
        }
    }

    @Test
    void oneModulePerKernelSource() throws Exception {
        Set<String> sources = new TreeSet<>();
        for (Path p : NativeTools.kernelSources()) {
            String name = p.getFileName().toString();
            sources.add(name.substring(0, name.length() - 3));
        }
        assertEquals(sources, new TreeSet<>(PtxResource.MODULES), "kernels/*.cu vs PtxResource.MODULES");
        assertEquals(sources, new TreeSet<>(ENTRIES.keySet()), "every module has a launcher");
    }

    @ParameterizedTest
    @MethodSource("modules")
    void recordedHashesMatchTheSources(String module) throws Exception {
        PtxResource.Header h = PtxResource.header(module);
        Path src = Path.of("kernels", module + ".cu");
        assertEquals("kernels/" + module + ".cu", h.source());
        assertEquals(sha256(src), h.sourceSha256(),
                src + " changed since its PTX was built: run native-setup/build-ptx.sh");
        Map<String, Path> inc = new LinkedHashMap<>();
        includes(src, inc);
        assertTrue(!inc.isEmpty(), "the kernels share their device code through headers");
        assertEquals(new ArrayList<>(inc.keySet()), new ArrayList<>(h.includes().keySet()), "headers recorded");
        for (Map.Entry<String, Path> e : inc.entrySet()) {
            assertEquals(sha256(e.getValue()), h.includes().get(e.getKey()),
                    e.getKey() + " changed since " + module + ".ptx was built: run native-setup/build-ptx.sh");
        }
    }

    @ParameterizedTest
    @MethodSource("modules")
    void headerEntryPointsAndImage(String module) {
        PtxResource.Header h = PtxResource.header(module);
        assertNotNull(h.toolkit(), "toolkit recorded");
        assertTrue(h.toolkit().startsWith("nvcc "), h.toolkit());
        assertEquals("compute_75", h.target(), "virtual architecture (Turing and newer)");
        assertEquals(ISA, h.isa(), "PTX ISA lowered by build-ptx.sh (drivers older than 580 load it)");
        String text = PtxResource.text(module);
        assertTrue(text.contains("// helixff-ptx isa " + ISA + " "), "header records the declared ISA");
        assertTrue(text.contains("--fmad=false"), "built without FMA contraction: flags recorded");
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (!l.startsWith("//")) {
                assertTrue(!l.startsWith("fma.") && !l.contains(" fma.") && !l.contains("\tfma."),
                        module + ": fused multiply-add in the PTX: " + l);
            }
        }
        assertTrue(text.contains("mul.rn.f64") && text.contains("add.rn.f64"),
                "explicitly rounded (never contracted) double operations");
        assertTrue(PtxResource.text(module).contains(".target sm_75"), "compiled for the recorded target");
        assertEquals(ENTRIES.get(module), Set.copyOf(PtxResource.entryPoints(module)), "entry points");
        for (String e : PtxResource.entryPoints(module)) {
            assertTrue(e.startsWith("helixff_"), "project prefix: " + e);
        }
        byte[] image = PtxResource.image(module);
        assertEquals(0, image[image.length - 1], "cuModuleLoadData needs a terminating 0 byte");
        assertTrue(image[image.length - 2] != 0, "exactly one terminator");
        assertEquals(PtxResource.text(module).length(), image.length - 1);
    }

    /** The launch constants the launchers use are the ones the kernels are written for. */
    @Test
    void launchConstantsMatchTheKernelSources() throws Exception {
        String eval = Files.readString(Path.of("kernels", "kernel_eval.cu"));
        String gemm = Files.readString(Path.of("kernels", "helixff_gemm.cuh"));
        assertTrue(eval.contains("#define ROW_TILE " + LaunchPlans.ROW_TILE + "\n"), "ROW_TILE");
        assertTrue(eval.contains("#define ROW_THREADS " + LaunchPlans.ROW_THREADS + "\n"), "ROW_THREADS");
        assertTrue(LaunchPlans.ROW_THREADS >= LaunchPlans.ROW_TILE, "one thread per row sums the tiles");
        assertTrue(gemm.contains("#define GEMM_TILE " + LaunchPlans.GEMM_TILE + "\n"), "GEMM_TILE");
    }

    /**
     * Negative control of the ISA check: ptxas does check the declared version (the same module declared as
     * ISA 6.0, older than sm_75 allows, is rejected), so the passing runs below are a real check of ISA 6.3.
     */
    @Test
    void ptxasRejectsAnIsaTooOldForTheTarget() throws Exception {
        Path ptxas = NativeTools.find("ptxas").orElse(null);
        Assumptions.assumeTrue(ptxas != null, "ptxas not on the PATH");
        Path ptx = Files.createTempFile("helixff-old-isa", ".ptx");
        try {
            Files.writeString(ptx, PtxResource.text("kernel_eval").replace(".version " + ISA + "\n", ".version 6.0\n"));
            NativeTools.Run r = NativeTools.run(120, ptxas.toString(), "-arch=sm_80", ptx.toString(), "-o", "/dev/null");
            assertTrue(r.code() != 0 && r.output().contains("version"), "ptxas must reject ISA 6.0 for sm_75:\n" + r.output());
        } finally {
            Files.deleteIfExists(ptx);
        }
    }

    @ParameterizedTest
    @MethodSource("modules")
    void assemblesForAmpereAndHopper(String module) throws Exception {
        Path ptxas = NativeTools.find("ptxas").orElse(null);
        Assumptions.assumeTrue(ptxas != null, "ptxas not on the PATH");
        Path ptx = Files.createTempFile("helixff-" + module, ".ptx");
        Path cubin = Files.createTempFile("helixff-" + module, ".cubin");
        try {
            Files.writeString(ptx, PtxResource.text(module));
            for (String sm : new String[] {"sm_80", "sm_90"}) {
                NativeTools.Run r = NativeTools.run(120, ptxas.toString(), "-arch=" + sm, ptx.toString(), "-o",
                        cubin.toString());
                assertEquals(0, r.code(), module + ".ptx does not assemble for " + sm + ":\n" + r.output());
                assertTrue(Files.size(cubin) > 0, "ptxas wrote a cubin");
            }
        } finally {
            Files.deleteIfExists(ptx);
            Files.deleteIfExists(cubin);
        }
    }
}

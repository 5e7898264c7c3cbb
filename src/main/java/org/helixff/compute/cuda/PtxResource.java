package org.helixff.compute.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.helixff.HelixException;

/**
 * The PTX modules shipped in the jar ({@code /org/helixff/compute/cuda/NAME.ptx}, one per
 * {@code kernels/NAME.cu}, written by {@code native-setup/build-ptx.sh}) and their header. Each file
 * starts with comment lines
 * <pre>
 *   // helixff-ptx source kernels/NAME.cu sha256 HEX
 *   // helixff-ptx include kernels/HEADER.cuh sha256 HEX      (one per project header it includes)
 *   // helixff-ptx toolkit nvcc 13.0 V13.0.88
 *   // helixff-ptx target compute_75
 * </pre>
 * followed by the compiler's output (whose {@code .version} line is the PTX ISA version). Pure Java:
 * reading a module never touches JCuda.
 */
public final class PtxResource {
    /** The modules, one per kernels/*.cu, in load order. */
    public static final List<String> MODULES = List.of("soap_coefficients", "soap_backprop", "soap_jacobian",
            "kernel_eval", "kernel_design");
    /** Prefix of the header comment lines. */
    public static final String HEADER_PREFIX = "// helixff-ptx ";

    private PtxResource() {
    }

    /** Resource path of a module. */
    public static String resourcePath(String module) {
        return "/org/helixff/compute/cuda/" + module + ".ptx";
    }

    /**
     * The module text as a zero-terminated byte array, ready for {@code cuModuleLoadData}.
     *
     * @throws HelixException when the resource is missing (a broken build)
     */
    public static byte[] image(String module) {
        byte[] text = read(module);
        byte[] out = Arrays.copyOf(text, text.length + 1);
        out[text.length] = 0;
        return out;
    }

    /** The module text. */
    public static String text(String module) {
        return new String(read(module), StandardCharsets.UTF_8);
    }

    private static byte[] read(String module) {
        try (InputStream in = PtxResource.class.getResourceAsStream(resourcePath(module))) {
            if (in == null) {
                throw new HelixException("PTX resource " + resourcePath(module) + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new HelixException("cannot read PTX resource " + resourcePath(module) + ": " + e.getMessage(), e);
        }
    }

    /** A parsed header. */
    public record Header(String source, String sourceSha256, Map<String, String> includes, String toolkit,
            String target, String isa) {
        public Header {
            includes = Collections.unmodifiableMap(new LinkedHashMap<>(includes));
        }
    }

    /** The header of a module (missing fields are null). */
    public static Header header(String module) {
        return parse(text(module));
    }

    /** Parses the header of a PTX text. */
    public static Header parse(String text) {
        String source = null;
        String sha = null;
        String toolkit = null;
        String target = null;
        String isa = null;
        Map<String, String> includes = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.startsWith(HEADER_PREFIX)) {
                String[] f = l.substring(HEADER_PREFIX.length()).trim().split("\\s+");
                switch (f[0]) {
                    case "source" -> {
                        source = f[1];
                        sha = f.length > 3 ? f[3] : null;
                    }
                    case "include" -> includes.put(f[1], f.length > 3 ? f[3] : null);
                    case "toolkit" -> toolkit = String.join(" ", Arrays.asList(f).subList(1, f.length));
                    case "target" -> target = f[1];
                    default -> {
                    }
                }
            } else if (l.startsWith(".version") && isa == null) {
                isa = l.substring(".version".length()).trim();
            }
        }
        return new Header(source, sha, includes, toolkit, target, isa);
    }

    /** Names of the entry points ({@code .entry NAME(}) of a module, in file order. */
    public static List<String> entryPoints(String module) {
        List<String> out = new ArrayList<>();
        for (String line : text(module).split("\n")) {
            String l = line.strip();
            int i = l.indexOf(".entry ");
            if (i >= 0) {
                String rest = l.substring(i + 7).trim();
                int p = rest.indexOf('(');
                out.add((p >= 0 ? rest.substring(0, p) : rest).trim());
            }
        }
        return out;
    }
}

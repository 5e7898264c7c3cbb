package org.helixff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The package order of {@code src/main/java}, stated once and checked: every package belongs to one
 * layer of {@link #LAYERS}, imports only from its own layer or the layers below, and no two packages
 * depend on each other, directly or through others (no cycles, also inside a layer).
 *
 * <p>Dependencies are read from the sources: {@code import} lines (plain, static and on-demand) and
 * fully qualified names {@code org.helixff.x.Type} in code, with comments and string literals removed
 * (a javadoc mention is not a dependency). {@link ArchitectureTest} states the same order with ArchUnit on
 * the bytecode; this source scan stays because it sees what bytecode loses (an import of a compile-time
 * constant is inlined and leaves no trace in the class file) and because it checks that every package has a
 * {@code package-info.java} naming its dependencies. {@link #LAYERS} is the one table both tests use.
 */
class LayerArchitectureTest {
    private static final String ROOT = "org.helixff";

    /**
     * The layers from the bottom up (see docs/architecture in README and style.md). A package may depend
     * on its own layer (without cycles) and any layer listed before it, never on one listed after it.
     */
    static final List<List<String>> LAYERS = List.of(
            List.of(""), // org.helixff: units, exceptions, messages, progress
            List.of("structure", "symmetry", "neighbors"), // geometry
            List.of("descriptor.math", "descriptor", "compute", "compute.cpu", "compute.cuda", "backend"),
            List.of("calculator", "model"), // the one Calculator contract and the kernel model
            List.of("io", "io.sparc", "io.ipi"), // formats: read/write data, know no workflow
            List.of("teacher"), // reference calculators that use the formats to talk to other codes
            List.of("training"), // learning
            List.of("relax"), // relaxation, below every other workflow
            List.of("phonon", "dynamics", "interop"), // workflows
            List.of("report"), // result writers: JSON, CSV, band.yaml, plots, trajectories
            List.of("app", "bench"), // wiring: models, teachers and backends by name; benchmark workloads
            List.of("cli")); // picocli commands (and, package-private, the timing harness behind helixff bench)

    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");
    private static final Pattern IMPORT = Pattern.compile(
            "(?m)^import\\s+(?:static\\s+)?(org\\.helixff(?:\\.[a-z]\\w*)*)(?:\\.[A-Z][\\w.]*)?(?:\\.\\*)?\\s*;");
    private static final Pattern QUALIFIED = Pattern.compile("(?<![\\w.])(org\\.helixff(?:\\.[a-z]\\w*)*)\\.[A-Z]");
    private static final Pattern COMMENTS_AND_STRINGS = Pattern.compile(
            "/\\*.*?\\*/|//[^\\n]*|\"\"\"(?:.|\\n)*?\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\\\n])*'",
            Pattern.DOTALL);

    @Test
    void everyPackageHasALayerAndDependsOnlyDownwards() throws IOException {
        Map<String, Set<String>> deps = scan(Path.of("src/main/java"));
        assertTrue(deps.size() >= 20, "the scan sees the main packages: " + deps.keySet());
        assertTrue(deps.get("cli").contains("phonon"), "the scan sees imports (cli -> phonon)");
        assertEquals(List.of(), unlayered(deps.keySet()), "packages missing from LAYERS (place them)");
        assertEquals(List.of(), upwardEdges(deps), "dependencies that point up the layer order");
    }

    @Test
    void packagesAreFreeOfCycles() throws IOException {
        assertEquals(List.of(), cycles(scan(Path.of("src/main/java"))), "package cycles in src/main/java");
    }

    /** The checks can fail: a re-added io -> phonon import (the old knot) is caught by both rules. */
    @Test
    void theChecksCatchAReAddedKnot() {
        Map<String, Set<String>> g = new TreeMap<>();
        g.put("phonon", new TreeSet<>(Set.of("relax", "io")));
        g.put("relax", new TreeSet<>(Set.of("calculator")));
        g.put("calculator", new TreeSet<>());
        g.put("io", new TreeSet<>(Set.of("phonon")));
        List<String> cyc = cycles(g);
        assertEquals(List.of("[io, phonon]"), cyc, "the io <-> phonon cycle is reported");
        assertEquals(List.of("io -> phonon"), upwardEdges(g), "the upward edge is reported");
        g.get("io").clear();
        assertTrue(cycles(g).isEmpty() && upwardEdges(g).isEmpty(), "and nothing once it is gone");
    }

    @Test
    void theScannerIgnoresCommentsButSeesQualifiedNames() {
        Set<String> d = dependencies("package org.helixff.io;\n"
                + "import org.helixff.structure.Structure;\nimport static org.helixff.Units.bohrToAngstrom;\n"
                + "/** see {@link org.helixff.phonon.TubePhonons} */\nclass X { String s = \"org.helixff.cli.Main\";\n"
                + "// org.helixff.dynamics.OnTheFly\n Object o = new org.helixff.relax.Lbfgs(); }\n", "io");
        assertEquals(Set.of("structure", "", "relax"), d);
    }

    // ---------------------------------------------------------------- the checker

    /** Package (relative to org.helixff, "" for the root) -> the other packages it uses. */
    static Map<String, Set<String>> scan(Path root) throws IOException {
        Map<String, Set<String>> deps = new TreeMap<>();
        List<Path> files;
        try (var s = Files.walk(root)) {
            files = s.filter(p -> p.toString().endsWith(".java")).toList();
        }
        for (Path p : files) {
            String src = Files.readString(p);
            Matcher m = PACKAGE.matcher(src);
            if (!m.find()) {
                continue;
            }
            String pkg = relative(m.group(1));
            deps.computeIfAbsent(pkg, k -> new TreeSet<>()).addAll(dependencies(src, pkg));
        }
        return deps;
    }

    static Set<String> dependencies(String source, String pkg) {
        Set<String> out = new TreeSet<>();
        Matcher im = IMPORT.matcher(source);
        while (im.find()) {
            out.add(relative(im.group(1)));
        }
        String code = COMMENTS_AND_STRINGS.matcher(source).replaceAll(" ")
                .replaceAll("(?m)^(package|import)\\s[^;]*;", "");
        Matcher q = QUALIFIED.matcher(code);
        while (q.find()) {
            out.add(relative(q.group(1)));
        }
        out.remove(pkg);
        return out;
    }

    private static String relative(String fqn) {
        return fqn.equals(ROOT) ? "" : fqn.substring(ROOT.length() + 1);
    }

    private static int layerOf(String pkg) {
        for (int i = 0; i < LAYERS.size(); i++) {
            if (LAYERS.get(i).contains(pkg)) {
                return i;
            }
        }
        return -1;
    }

    static List<String> unlayered(Set<String> packages) {
        return packages.stream().filter(p -> layerOf(p) < 0).sorted().toList();
    }

    static List<String> upwardEdges(Map<String, Set<String>> deps) {
        List<String> out = new ArrayList<>();
        deps.forEach((from, tos) -> tos.stream().filter(to -> layerOf(to) > layerOf(from))
                .forEach(to -> out.add(name(from) + " -> " + name(to))));
        return out;
    }

    private static String name(String pkg) {
        return pkg.isEmpty() ? ROOT : pkg;
    }

    /** The strongly connected components with more than one package (Tarjan), each sorted. */
    static List<String> cycles(Map<String, Set<String>> deps) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<String> out = new ArrayList<>();
        int[] counter = {0};
        for (String v : new TreeSet<>(deps.keySet())) {
            if (!index.containsKey(v)) {
                strongConnect(v, deps, index, low, stack, onStack, counter, out);
            }
        }
        return out;
    }

    private static void strongConnect(String v, Map<String, Set<String>> deps, Map<String, Integer> index,
            Map<String, Integer> low, Deque<String> stack, Set<String> onStack, int[] counter, List<String> out) {
        index.put(v, counter[0]);
        low.put(v, counter[0]);
        counter[0]++;
        stack.push(v);
        onStack.add(v);
        for (String w : deps.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                strongConnect(w, deps, index, low, stack, onStack, counter, out);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> comp = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                comp.add(name(w));
            } while (!w.equals(v));
            if (comp.size() > 1) {
                out.add(comp.toString());
            }
        }
    }

    /** Every package says in a package-info.java what it holds and what it may depend on. */
    @Test
    void everyPackageHasAPackageInfo() throws IOException {
        List<String> missing = new ArrayList<>();
        Path root = Path.of("src/main/java");
        for (String pkg : scan(root).keySet()) {
            Path info = root.resolve((ROOT + (pkg.isEmpty() ? "" : "." + pkg)).replace('.', '/'))
                    .resolve("package-info.java");
            if (!Files.isRegularFile(info) || !Files.readString(info).toLowerCase(java.util.Locale.ROOT).contains("depend")) {
                missing.add(name(pkg));
            }
        }
        assertEquals(List.of(), missing, "packages without a package-info.java naming their dependencies");
    }

    @Test
    void theLayerTableNamesEachPackageOnce() {
        List<String> all = LAYERS.stream().flatMap(List::stream).toList();
        assertEquals(all.size(), new TreeSet<>(all).size(), "a package in two layers: " + all);
        assertFalse(all.isEmpty());
    }
}

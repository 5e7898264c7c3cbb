package org.helixff.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.helixff.HelixException;
import org.helixff.InvalidInputException;

/**
 * The DFT data sets shipped inside the library (classpath resources under
 * {@code org/helixff/data/<set>/}, so they work from the shaded jar too):
 * <ul>
 *   <li>{@code sparc-cnt}: SPARC cyclix (PBE) energies and forces of the 2-atom symmetric domain of
 *       the (7,7), (12,0) and (10,5) tubes, short MD trajectories plus a convergence/diagnostic file,
 *       and the untouched SPARC input and output files of every run under {@code raw/};</li>
 *   <li>{@code gpaw-cnt}: GPAW plane-wave (PBE) energies and forces of periodic full cells of (5,5),
 *       (7,7), (8,0), (9,0), eV/Angstrom in the files;</li>
 *   <li>{@code gpaw-helixff}: GPAW data gathered by HelixFF itself at the same settings: the flat (graphene)
 *       limit chosen by {@code helixff select} and the calls of {@code learn 5 5 --teacher gpaw}, with the raw
 *       record (provenance and GPAW log) of every call under {@code raw/}.</li>
 * </ul>
 * Each set's {@code README.md} ({@link #readme(String)}) gives the settings and caveats. A jar cannot
 * list its directories, so the files are named in the index resource {@value #INDEX} (one
 * {@code set/path} per line); a test checks that it matches the resource tree.
 */
public final class Datasets {
    /** Classpath folder of the data sets. */
    public static final String ROOT = "org/helixff/data/";
    /** Index of all shipped files, relative to {@link #ROOT}. */
    public static final String INDEX = ROOT + "index.txt";

    private static volatile Map<String, List<String>> index;

    private Datasets() {
    }

    /** Names of the shipped data sets, sorted ("gpaw-cnt", "gpaw-helixff", "sparc-cnt"). */
    public static List<String> names() {
        return List.copyOf(index().keySet());
    }

    /**
     * The extxyz files of a set (top level, sorted), e.g. {@code cnt_7_7.extxyz}.
     *
     * @throws InvalidInputException for an unknown set
     */
    public static List<String> files(String set) {
        List<String> out = new ArrayList<>();
        for (String p : allFiles(set)) {
            if (!p.contains("/") && p.endsWith(".extxyz")) {
                out.add(p);
            }
        }
        return out;
    }

    /** Every file of a set, paths relative to the set (README.md, raw/md_7_7/cnt.out, ...), sorted. */
    public static List<String> allFiles(String set) {
        List<String> files = index().get(set);
        if (files == null) {
            throw new InvalidInputException("unknown data set '" + set + "' (known: " + String.join(", ", names()) + ")");
        }
        return files;
    }

    /** All frames of all extxyz files of a set, file by file; provenance file is {@code set/file}. */
    public static List<Frame> load(String set) {
        List<Frame> out = new ArrayList<>();
        for (String f : files(set)) {
            out.addAll(load(set, f));
        }
        return out;
    }

    /** The frames of one file of a set; provenance file is {@code set/file}. */
    public static List<Frame> load(String set, String file) {
        try (LineReader in = LineReader.of(set + "/" + file, open(set, file))) {
            return ExtXyz.read(in);
        }
    }

    /** The README.md of a set. */
    public static String readme(String set) {
        return readText(set, "README.md");
    }

    /** A shipped file as UTF-8 text. */
    public static String readText(String set, String path) {
        try (InputStream in = open(set, path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new HelixException("cannot read data file " + set + "/" + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens a shipped file (the caller closes the stream).
     *
     * @throws InvalidInputException if the set or file is not shipped
     */
    public static InputStream open(String set, String path) {
        if (!allFiles(set).contains(path)) {
            throw new InvalidInputException("data set " + set + " has no file '" + path + "'");
        }
        InputStream in = Datasets.class.getClassLoader().getResourceAsStream(ROOT + set + "/" + path);
        if (in == null) {
            throw new HelixException("data file " + set + "/" + path + " is listed in " + INDEX
                    + " but missing from the classpath");
        }
        return in;
    }

    private static Map<String, List<String>> index() {
        Map<String, List<String>> m = index;
        if (m == null) {
            synchronized (Datasets.class) {
                m = index;
                if (m == null) {
                    m = loadIndex();
                    index = m;
                }
            }
        }
        return m;
    }

    private static Map<String, List<String>> loadIndex() {
        InputStream in = Datasets.class.getClassLoader().getResourceAsStream(INDEX);
        if (in == null) {
            throw new HelixException("data index " + INDEX + " is missing from the classpath");
        }
        Map<String, List<String>> m = new LinkedHashMap<>();
        try (LineReader r = LineReader.of(INDEX, in)) {
            String line;
            while ((line = r.next()) != null) {
                String p = line.strip();
                if (p.isEmpty() || p.startsWith("#")) {
                    continue;
                }
                int slash = p.indexOf('/');
                if (slash <= 0 || slash == p.length() - 1) {
                    throw r.error("expected set/path, found '" + p + "'");
                }
                m.computeIfAbsent(p.substring(0, slash), k -> new ArrayList<>()).add(p.substring(slash + 1));
            }
        }
        Map<String, List<String>> sorted = new java.util.TreeMap<>();
        for (Map.Entry<String, List<String>> e : m.entrySet()) {
            List<String> l = new ArrayList<>(e.getValue());
            l.sort(null);
            sorted.put(e.getKey(), List.copyOf(l));
        }
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sorted));
    }
}

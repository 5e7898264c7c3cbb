package org.helixff.io.sparc;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.helixff.FileFormatException;
import org.helixff.InvalidInputException;
import org.helixff.io.AtomicFiles;
import org.helixff.io.LineReader;

/**
 * A SPARC input file ({@code .inpt}): {@code KEY: value} lines in order, {@code #} comments and blank
 * lines ignored. Keys are kept as written (SPARC's are upper case); values as text, with typed
 * accessors for the ones the library uses. Immutable.
 *
 * <p>Cyclix keys: {@code CELL: L1 L2 L3} (radial width in Bohr, angular width 2 pi / N in radians,
 * helical period h in Bohr), {@code TWIST_ANGLE} (alpha / h, rad/Bohr), {@code BC: D C H},
 * {@code FD_GRID} (grid points along r, theta, z) or {@code MESH_SPACING}, {@code KPOINT_GRID: 1 N eta}.
 */
public final class SparcInput {
    private final String name;
    private final Map<String, String> values;
    private final Map<String, Integer> lines;

    private SparcInput(String name, Map<String, String> values, Map<String, Integer> lines) {
        this.name = name;
        this.values = Collections.unmodifiableMap(values);
        this.lines = lines;
    }

    /** An input made in code from ordered key/value pairs (values are written as given). */
    public static SparcInput of(Map<String, String> keyValues) {
        LinkedHashMap<String, String> m = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : keyValues.entrySet()) {
            String k = e.getKey();
            String v = e.getValue();
            if (k == null || !k.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new InvalidInputException("SPARC input key '" + k + "' must be a word");
            }
            if (v == null || v.isBlank() || v.indexOf('\n') >= 0 || v.indexOf('#') >= 0) {
                throw new InvalidInputException("SPARC input value of " + k + " must be one non-empty line without '#'");
            }
            m.put(k, v.strip());
        }
        return new SparcInput("(generated)", m, Map.of());
    }

    /** Reads a {@code .inpt} file. */
    public static SparcInput read(Path path) {
        try (LineReader in = LineReader.open(path)) {
            return read(in);
        }
    }

    /** Parses {@code .inpt} text; {@code name} is used in messages. */
    public static SparcInput parse(String name, String text) {
        try (LineReader in = LineReader.ofText(name, text)) {
            return read(in);
        }
    }

    static SparcInput read(LineReader in) {
        LinkedHashMap<String, String> m = new LinkedHashMap<>();
        LinkedHashMap<String, Integer> at = new LinkedHashMap<>();
        String line;
        while ((line = in.next()) != null) {
            int hash = line.indexOf('#');
            String t = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (t.isEmpty()) {
                continue;
            }
            int colon = t.indexOf(':');
            if (colon <= 0) {
                throw in.error("expected 'KEY: value', found '" + abbreviate(t) + "'");
            }
            String key = t.substring(0, colon).strip();
            String value = t.substring(colon + 1).strip();
            if (!key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw in.error("bad key '" + abbreviate(key) + "'");
            }
            if (value.isEmpty()) {
                throw in.error(key + " has no value");
            }
            if (m.containsKey(key)) {
                throw in.error(key + " appears twice (first on line " + at.get(key) + ")");
            }
            m.put(key, value);
            at.put(key, in.lineNumber());
        }
        return new SparcInput(in.name(), m, at);
    }

    /** The source name (file) of a parsed input. */
    public String name() {
        return name;
    }

    /** All keys and values in file order; unmodifiable. */
    public Map<String, String> values() {
        return values;
    }

    /** One value as text. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** The whitespace-separated numbers of a key. */
    public double[] numbers(String key) {
        String v = require(key);
        String[] f = LineReader.fields(v);
        double[] out = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            Double d = LineReader.parseNumber(f[i]);
            if (d == null) {
                throw error(key, key + " value '" + v + "' is not a list of finite numbers");
            }
            out[i] = d;
        }
        return out;
    }

    /** The whitespace-separated integers of a key. */
    public int[] integers(String key) {
        String v = require(key);
        String[] f = LineReader.fields(v);
        int[] out = new int[f.length];
        for (int i = 0; i < f.length; i++) {
            try {
                out[i] = Integer.parseInt(f[i]);
            } catch (NumberFormatException e) {
                throw error(key, key + " value '" + v + "' is not a list of integers");
            }
        }
        return out;
    }

    /** {@code CELL}: L1 (Bohr), L2 (radians for cyclix), L3 (Bohr). */
    public double[] cell() {
        return exactly(numbers("CELL"), 3, "CELL");
    }

    /** {@code TWIST_ANGLE} in rad/Bohr (0 if absent). */
    public double twistAngle() {
        return values.containsKey("TWIST_ANGLE") ? exactly(numbers("TWIST_ANGLE"), 1, "TWIST_ANGLE")[0] : 0.0;
    }

    /** {@code BC}, upper case, single spaces (e.g. "D C H"). */
    public String boundaryConditions() {
        return String.join(" ", LineReader.fields(require("BC"))).toUpperCase(Locale.ROOT);
    }

    /** True for SPARC's cyclix mode ({@code BC: D C H}). */
    public boolean isCyclix() {
        return values.containsKey("BC") && boundaryConditions().equals("D C H");
    }

    /** {@code FD_GRID}: grid points along the three directions. */
    public int[] fdGrid() {
        return exactlyInt(integers("FD_GRID"), "FD_GRID");
    }

    /** {@code KPOINT_GRID}. */
    public int[] kpointGrid() {
        return exactlyInt(integers("KPOINT_GRID"), "KPOINT_GRID");
    }

    /**
     * The cyclix coordinates of this input (N from L2 = 2 pi / N, h = L3, tau = TWIST_ANGLE).
     *
     * @throws InvalidInputException if the input is not cyclix ({@code BC: D C H})
     */
    public CyclixCoordinates cyclix() {
        if (!isCyclix()) {
            throw new InvalidInputException(name + ": not a cyclix input (BC is '" + values.get("BC") + "', need D C H)");
        }
        double[] c = cell();
        try {
            return CyclixCoordinates.of(c[1], c[2], twistAngle());
        } catch (InvalidInputException e) {
            throw error("CELL", e.getMessage());
        }
    }

    /** The text of the input: one {@code KEY: value} line per key. */
    public String format() {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : values.entrySet()) {
            b.append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
        return b.toString();
    }

    /** Writes the input atomically. */
    public void write(Path path) {
        AtomicFiles.writeString(path, format());
    }

    private String require(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new FileFormatException(name + ": no " + key + " key");
        }
        return v;
    }

    private double[] exactly(double[] v, int n, String key) {
        if (v.length != n) {
            throw error(key, key + " needs " + n + " number" + (n == 1 ? "" : "s") + ", found " + v.length);
        }
        return v;
    }

    private int[] exactlyInt(int[] v, String key) {
        if (v.length != 3) {
            throw error(key, key + " needs 3 integers, found " + v.length);
        }
        return v;
    }

    private FileFormatException error(String key, String message) {
        Integer line = lines.get(key);
        return new FileFormatException(name + (line == null ? "" : ":" + line) + ": " + message);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    @Override
    public String toString() {
        return "SparcInput[" + name + ", " + values.size() + " keys]";
    }
}

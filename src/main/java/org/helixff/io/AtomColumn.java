package org.helixff.io;

import java.util.Arrays;
import java.util.regex.Pattern;
import org.helixff.InvalidInputException;

/**
 * An extra per-atom property of an extxyz frame (a {@code Properties} entry other than species,
 * positions and forces, e.g. ASE's {@code Z:I:1}, {@code masses:R:1}, {@code tags:I:1}), kept so that
 * it round-trips. Values are stored atom-major ({@code width} per atom) in the array matching the
 * type: {@code double[]} for R, {@code long[]} for I, {@code boolean[]} for L, {@code String[]} for S.
 * Values are copied verbatim in the file's units; the only converted column is {@code energies}
 * (per-atom energies, Hartree inside). Immutable.
 */
public final class AtomColumn {
    /** Column types of the extxyz Properties key. */
    public enum Type {
        /** Real numbers. */
        R,
        /** Integers. */
        I,
        /** Strings without whitespace. */
        S,
        /** Logicals T/F. */
        L
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    private final String name;
    private final Type type;
    private final int width;
    private final Object data;

    private AtomColumn(String name, Type type, int width, Object data, int length) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException("per-atom column name '" + name + "' must match [A-Za-z_][A-Za-z0-9_-]*");
        }
        if (width < 1) {
            throw new InvalidInputException("per-atom column " + name + " has width " + width + " (must be >= 1)");
        }
        if (length % width != 0) {
            throw new InvalidInputException("per-atom column " + name + ": " + length + " values is not a multiple of width " + width);
        }
        this.name = name;
        this.type = type;
        this.width = width;
        this.data = data;
    }

    /** A real column; values finite, {@code width} per atom. */
    public static AtomColumn reals(String name, int width, double[] values) {
        double[] v = values.clone();
        for (double x : v) {
            if (!Double.isFinite(x)) {
                throw new InvalidInputException("per-atom column " + name + " holds non-finite value " + x);
            }
        }
        return new AtomColumn(name, Type.R, width, v, v.length);
    }

    /** An integer column. */
    public static AtomColumn ints(String name, int width, long[] values) {
        return new AtomColumn(name, Type.I, width, values.clone(), values.length);
    }

    /** A logical column. */
    public static AtomColumn logicals(String name, int width, boolean[] values) {
        return new AtomColumn(name, Type.L, width, values.clone(), values.length);
    }

    /** A string column; each value non-empty without whitespace. */
    public static AtomColumn strings(String name, int width, String[] values) {
        String[] v = values.clone();
        for (String s : v) {
            if (s == null || s.isEmpty() || s.chars().anyMatch(Character::isWhitespace)) {
                throw new InvalidInputException("per-atom column " + name + " value '" + s
                        + "' must be non-empty without whitespace");
            }
        }
        return new AtomColumn(name, Type.S, width, v, v.length);
    }

    /** Column name as written in the extxyz Properties. */
    public String name() {
        return name;
    }

    /** Value type (R, I, S or L in the Properties string). */
    public Type type() {
        return type;
    }

    /** Values per atom. */
    public int width() {
        return width;
    }

    /** Number of atoms covered. */
    public int atoms() {
        return length() / width;
    }

    private int length() {
        return switch (type) {
            case R -> ((double[]) data).length;
            case I -> ((long[]) data).length;
            case L -> ((boolean[]) data).length;
            case S -> ((String[]) data).length;
        };
    }

    /** Copy of a real column's values. */
    public double[] realValues() {
        require(Type.R);
        return ((double[]) data).clone();
    }

    /** Copy of an integer column's values. */
    public long[] intValues() {
        require(Type.I);
        return ((long[]) data).clone();
    }

    /** Copy of a logical column's values. */
    public boolean[] logicalValues() {
        require(Type.L);
        return ((boolean[]) data).clone();
    }

    /** Copy of a string column's values. */
    public String[] stringValues() {
        require(Type.S);
        return ((String[]) data).clone();
    }

    /** The value of column component c of atom i as extxyz text (reals in shortest exact form). */
    String token(int i, int c) {
        int k = i * width + c;
        return switch (type) {
            case R -> Double.toString(((double[]) data)[k]);
            case I -> Long.toString(((long[]) data)[k]);
            case L -> ((boolean[]) data)[k] ? "T" : "F";
            case S -> ((String[]) data)[k];
        };
    }

    private void require(Type t) {
        if (type != t) {
            throw new InvalidInputException("per-atom column " + name + " is of type " + type + ", not " + t);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof AtomColumn c) || !c.name.equals(name) || c.type != type || c.width != width) {
            return false;
        }
        return switch (type) {
            case R -> Arrays.equals((double[]) data, (double[]) c.data);
            case I -> Arrays.equals((long[]) data, (long[]) c.data);
            case L -> Arrays.equals((boolean[]) data, (boolean[]) c.data);
            case S -> Arrays.equals((String[]) data, (String[]) c.data);
        };
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + width;
    }

    @Override
    public String toString() {
        return name + ":" + type + ":" + width;
    }
}

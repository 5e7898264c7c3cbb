package org.helixff.io;

import java.util.Arrays;
import org.helixff.InvalidInputException;

/**
 * A typed value of a frame's free-form {@code key=value} information (the extxyz comment line), as
 * ASE types it: text, integer, real, boolean or a whitespace-separated array of one of the last three.
 * Immutable; arrays are copied in and out. Real values must be finite.
 *
 * <p>Round trip through extxyz keeps the type, with the limits the format (and ASE) has: text that
 * reads as a number or boolean comes back as that number or boolean, and a one-element array comes
 * back as a scalar.
 */
public sealed interface InfoValue {

    /** The value as written on the comment line (before quoting). */
    String text();

    /** A string value. */
    record Text(String value) implements InfoValue {
        public Text {
            if (value == null) {
                throw new InvalidInputException("info text value is null");
            }
            if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                throw new InvalidInputException("info text value contains a line break: '" + value.replace("\n", "\\n") + "'");
            }
        }

        @Override
        public String text() {
            return value;
        }
    }

    /** An integer value. */
    record Int(long value) implements InfoValue {
        @Override
        public String text() {
            return Long.toString(value);
        }
    }

    /** A finite real value, written in its shortest exact decimal form. */
    record Real(double value) implements InfoValue {
        public Real {
            if (!Double.isFinite(value)) {
                throw new InvalidInputException("info real value " + value + " is not finite");
            }
        }

        @Override
        public String text() {
            return Double.toString(value);
        }
    }

    /** A boolean, written T or F. */
    record Bool(boolean value) implements InfoValue {
        @Override
        public String text() {
            return value ? "T" : "F";
        }
    }

    /** An array of finite reals. */
    record Reals(double[] values) implements InfoValue {
        public Reals {
            values = values.clone();
            for (double v : values) {
                if (!Double.isFinite(v)) {
                    throw new InvalidInputException("info real array holds non-finite value " + v);
                }
            }
        }

        @Override
        public double[] values() {
            return values.clone();
        }

        @Override
        public String text() {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < values.length; i++) {
                b.append(i == 0 ? "" : " ").append(Double.toString(values[i]));
            }
            return b.toString();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Reals r && Arrays.equals(values, r.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return "Reals" + Arrays.toString(values);
        }
    }

    /** An array of integers. */
    record Ints(long[] values) implements InfoValue {
        public Ints {
            values = values.clone();
        }

        @Override
        public long[] values() {
            return values.clone();
        }

        @Override
        public String text() {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < values.length; i++) {
                b.append(i == 0 ? "" : " ").append(values[i]);
            }
            return b.toString();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Ints r && Arrays.equals(values, r.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return "Ints" + Arrays.toString(values);
        }
    }

    /** An array of booleans, written {@code "T F T"}. */
    record Bools(boolean[] values) implements InfoValue {
        public Bools {
            values = values.clone();
        }

        @Override
        public boolean[] values() {
            return values.clone();
        }

        @Override
        public String text() {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < values.length; i++) {
                b.append(i == 0 ? "" : " ").append(values[i] ? 'T' : 'F');
            }
            return b.toString();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bools r && Arrays.equals(values, r.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return "Bools" + Arrays.toString(values);
        }
    }

    /** A text value. */
    static InfoValue of(String s) {
        return new Text(s);
    }

    /** An integer value. */
    static InfoValue of(long v) {
        return new Int(v);
    }

    /** A real value. */
    static InfoValue of(double v) {
        return new Real(v);
    }

    /** A boolean value. */
    static InfoValue of(boolean v) {
        return new Bool(v);
    }

    /** A list of reals (copied). */
    static InfoValue of(double... v) {
        return new Reals(v);
    }

    /**
     * Types a raw value the way ASE's extxyz reader does: split on whitespace and commas; all integers
     * gives {@link Int}/{@link Ints}, all decimal numbers {@link Real}/{@link Reals}, all of
     * T/F/True/False/true/false/TRUE/FALSE {@link Bool}/{@link Bools}; anything else the text itself.
     * An integer too large for a long is taken as a real.
     *
     * @return the typed value, or null if a number token is non-finite ({@code nan}, {@code inf},
     *         {@code 1e999}); the caller reports that
     */
    static InfoValue parse(String raw) {
        String[] parts = raw.strip().isEmpty() ? new String[0] : raw.strip().split("[\\s,]+");
        if (parts.length == 0) {
            return new Text(raw);
        }
        boolean allInt = true;
        boolean allNum = true;
        boolean anyNonFinite = false;
        for (String p : parts) {
            boolean isInt = LineReader.isInteger(p);
            boolean isNum = LineReader.isDecimal(p);
            if (LineReader.isNonFinite(p)) {
                anyNonFinite = true;
            }
            allInt &= isInt;
            allNum &= isNum;
        }
        if (allNum) {
            long[] ints = new long[parts.length];
            if (allInt) {
                try {
                    for (int i = 0; i < parts.length; i++) {
                        ints[i] = Long.parseLong(parts[i].startsWith("+") ? parts[i].substring(1) : parts[i]);
                    }
                    return parts.length == 1 ? new Int(ints[0]) : new Ints(ints);
                } catch (NumberFormatException overflow) {
                    // falls through to reals, as ASE does
                }
            }
            double[] d = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                Double v = LineReader.parseNumber(parts[i]);
                if (v == null) {
                    return null;
                }
                d[i] = v;
            }
            return parts.length == 1 ? new Real(d[0]) : new Reals(d);
        }
        boolean[] b = new boolean[parts.length];
        boolean allBool = true;
        for (int i = 0; i < parts.length && allBool; i++) {
            Boolean v = parseBoolean(parts[i]);
            if (v == null) {
                allBool = false;
            } else {
                b[i] = v;
            }
        }
        if (allBool) {
            return parts.length == 1 ? new Bool(b[0]) : new Bools(b);
        }
        if (anyNonFinite && parts.length > 0) {
            boolean numericOtherwise = true;
            for (String p : parts) {
                numericOtherwise &= LineReader.isDecimal(p) || LineReader.isNonFinite(p);
            }
            if (numericOtherwise) {
                return null;
            }
        }
        return new Text(raw);
    }

    /** T, F, True, False, true, false, TRUE, FALSE (ASE's spellings), else null. */
    static Boolean parseBoolean(String s) {
        switch (s) {
            case "T", "True", "true", "TRUE":
                return Boolean.TRUE;
            case "F", "False", "false", "FALSE":
                return Boolean.FALSE;
            default:
                return null;
        }
    }
}

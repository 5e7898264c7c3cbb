package org.helixff.io;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Fast fixed-precision number formatting for the writers (millions of coordinates): the same text as
 * {@code %.Nf} / {@code %.Ne} up to the rounding of exact ties. What matters for round trips is that the
 * printed value is within half a unit of the last printed digit of the number and that formatting the
 * parsed text again gives the same text; both are tested.
 */
final class Decimal {
    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private Decimal() {
    }

    /** {@code x} with {@code decimals} digits after the point (no exponent); zero is printed unsigned. */
    static String fixed(double x, int decimals) {
        StringBuilder b = new StringBuilder(24);
        appendFixed(b, x, decimals);
        return b.toString();
    }

    static void appendFixed(StringBuilder b, double x, int decimals) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("non-finite value " + x);
        }
        double scale = POW10[decimals];
        if (decimals <= 12 && Math.abs(x) * scale < 1e15) {
            long k = Math.round(x * scale);
            if (k < 0) {
                b.append('-');
                k = -k;
            }
            b.append(k / POW10[decimals]);
            if (decimals > 0) {
                b.append('.');
                String frac = Long.toString(k % POW10[decimals]);
                for (int i = frac.length(); i < decimals; i++) {
                    b.append('0');
                }
                b.append(frac);
            }
            return;
        }
        String s = new BigDecimal(x).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        b.append(s.startsWith("-") && new BigDecimal(s).signum() == 0 ? s.substring(1) : s);
    }

    /** {@code x} as d.ddd...e+XX with {@code digits} digits after the point. */
    static String scientific(double x, int digits) {
        StringBuilder b = new StringBuilder(24);
        appendScientific(b, x, digits);
        return b.toString();
    }

    static void appendScientific(StringBuilder b, double x, int digits) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("non-finite value " + x);
        }
        if (x == 0) {
            b.append("0.");
            for (int i = 0; i < digits; i++) {
                b.append('0');
            }
            b.append("e+00");
            return;
        }
        double a = Math.abs(x);
        int e = (int) Math.floor(Math.log10(a));
        if (digits > 15 || e > 290 || e < -290) {
            b.append(String.format(Locale.ROOT, "%." + digits + "e", x));
            return;
        }
        long lo = POW10[digits];
        long hi = POW10[digits + 1];
        long k = Math.round(a / Math.pow(10, e) * lo);
        if (k >= hi) {
            e++;
            k = Math.round(a / Math.pow(10, e) * lo);
        } else if (k < lo) {
            e--;
            k = Math.round(a / Math.pow(10, e) * lo);
        }
        if (k >= hi) {
            k = hi / 10;
            e++;
        }
        if (x < 0) {
            b.append('-');
        }
        b.append(k / lo).append('.');
        String frac = Long.toString(k % lo);
        for (int i = frac.length(); i < digits; i++) {
            b.append('0');
        }
        b.append(frac).append('e').append(e < 0 ? '-' : '+');
        int ae = Math.abs(e);
        if (ae < 10) {
            b.append('0');
        }
        b.append(ae);
    }
}

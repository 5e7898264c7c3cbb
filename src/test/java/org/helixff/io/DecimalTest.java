package org.helixff.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Random;
import org.helixff.Tolerances;
import org.junit.jupiter.api.Test;

/** The fast fixed-precision formatter: correct to half a printed unit and stable under re-parsing. */
class DecimalTest {
    /** Relative slack on the bound itself, which is computed in floating point. */
    private static final double BOUND_SLACK = 1e-9;
    /** A scaled value this close to half a unit of the last digit may round either way. */
    private static final double TIE_WINDOW = 1e-4;
    /** Ten decimals: the rounding error is at most half of 1e-10 of the magnitude. */
    private static final double HALF_LAST_DIGIT = 0.5e-10;
    /** The mantissa printed with ten decimals, read back. */
    private static final double MANTISSA_DIGITS = 2e-10;
    /** Ten significant decimals, relative. */
    private static final double RELATIVE_DIGITS = 1e-10;
    /** Half a unit of the 10th decimal plus the round-off of the scaled product (relative 1e-15). */
    private static final double HALF_UNIT = 0.5e-10;

    @Test
    void fixedMatchesJavaFormatAwayFromTiesAndIsStable() {
        Random r = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            double x = (r.nextDouble() * 2 - 1) * Math.pow(10, r.nextInt(12) - 6);
            String s = Decimal.fixed(x, 10);
            double back = Double.parseDouble(s);
            assertTrue(Math.abs(back - x) <= HALF_UNIT + Tolerances.ULP * Math.abs(x), s + " vs " + x);
            assertEquals(s, Decimal.fixed(back, 10), "re-formatting the parsed text changes it: " + s);
            String j = String.format(Locale.ROOT, "%.10f", x);
            if (!j.equals(s)) {
                // only exact-tie neighbourhoods may differ (and "-0.0000000000", printed unsigned here)
                // Java rounds the shortest decimal text half-up, this code the scaled double: they differ only
                // where the scaled value lies within its own round-off of a tie
                double scaled = Math.abs(x) * 1e10;
                double frac = scaled - Math.floor(scaled);
                assertTrue(Math.abs(frac - 0.5) < TIE_WINDOW + 4 * Math.ulp(scaled) || j.equals("-" + s), j + " vs " + s);
            }
        }
        assertEquals("0.0000000000", Decimal.fixed(-1e-13, 10));
        assertEquals("-12.0372549478", Decimal.fixed(-12.0372549478, 10));
        assertEquals("123456.7890000000", Decimal.fixed(123456.789, 10));
    }

    @Test
    void scientificMatchesJavaFormatAwayFromTiesAndIsStable() {
        Random r = new Random(11);
        for (int i = 0; i < 100_000; i++) {
            double x = (r.nextDouble() * 2 - 1) * Math.pow(10, r.nextInt(40) - 20);
            String s = Decimal.scientific(x, 10);
            double back = Double.parseDouble(s);
            assertTrue(Math.abs(back - x) <= HALF_LAST_DIGIT * Math.abs(x) * 10 * (1 + BOUND_SLACK), s + " vs " + x);
            assertEquals(s, Decimal.scientific(back, 10), "re-formatting the parsed text changes it: " + s);
            String j = String.format(Locale.ROOT, "%.10e", x);
            if (!j.equals(s)) {
                String m = j.substring(0, j.indexOf('e'));
                assertTrue(Math.abs(Double.parseDouble(m) - Double.parseDouble(s.substring(0, s.indexOf('e')))) < MANTISSA_DIGITS
                        || Math.abs(Double.parseDouble(j) - Double.parseDouble(s)) <= RELATIVE_DIGITS * Math.abs(x), j + " vs " + s);
            }
        }
        assertEquals("-4.1361746730e-03", Decimal.scientific(-4.1361746730e-03, 10));
        assertEquals("0.0000000000e+00", Decimal.scientific(0.0, 10));
        assertEquals("1.0000000000e+00", Decimal.scientific(0.99999999999999, 10));
        assertEquals("1.0000000000e-300", Decimal.scientific(1e-300, 10));
    }
}

package org.helixff;

/**
 * The tolerance kinds many tests share, each with the reason for its value. A test whose tolerance is
 * specific to it (a measured model error, a finite-difference error, a printed precision) names it in a
 * constant of its own, next to the test, with the reason in its comment.
 */
public final class Tolerances {
    /**
     * Bit for bit: the same operations in the same order (same code path, same thread-independent summation
     * order), or a number stored and read back exactly (binary files, Java's shortest round-trip decimal).
     */
    public static final double EXACT = 0.0;
    /** One or two roundings of a number of order 1 (a unit conversion, a sum of two terms): a few ulp of 1. */
    public static final double ULP = 1e-15;
    /**
     * Round-off of a chain of double operations (trigonometry, a few hundred sums, an eigen-solver) on numbers
     * of order 1 to 100: absolute, or relative where the assertion multiplies it by a scale.
     */
    public static final double ROUND_OFF = 1e-12;
    /**
     * Below this a force, derivative or displacement would be "trivially zero" (in Hartree, Bohr, radians):
     * a comparison of two such numbers could not fail, so the test first checks they are larger.
     */
    public static final double NON_TRIVIAL = 1e-3;

    private Tolerances() {
    }
}

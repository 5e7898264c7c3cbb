package org.helixff.compute;

import org.helixff.InvalidInputException;

/**
 * Sizes of flat arrays computed in long arithmetic and checked: a product of two ints silently wraps above 2^31
 * (9,000 atoms x 3 x 5,000 references is 1.35e8, but 9,000 x 30 neighbours x 3 x 5,000 is 4e9), which would give a
 * truncated array or a NegativeArraySizeException. Every size product that can pass 2^31 goes through here.
 */
public final class ArraySizes {
    /** Largest Java array length on common JVMs (a few below Integer.MAX_VALUE). */
    public static final long MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    private ArraySizes() {
    }

    /**
     * a x b as an array length.
     *
     * @param what names the array in the error
     * @throws InvalidInputException if the product is negative or larger than one Java array can hold
     */
    public static int product(String what, long a, long b) {
        if (a < 0 || b < 0) {
            throw new InvalidInputException(what + ": negative size " + a + " x " + b);
        }
        if (a != 0 && b > MAX_ARRAY_LENGTH / a) {
            throw new InvalidInputException(what + ": " + a + " x " + b + " numbers exceed one array ("
                    + MAX_ARRAY_LENGTH + "); use fewer atoms per call or fewer references");
        }
        return (int) (a * b);
    }

    /** a x b x c as an array length (see {@link #product(String, long, long)}). */
    public static int product(String what, long a, long b, long c) {
        return product(what, product(what, a, b), c);
    }
}

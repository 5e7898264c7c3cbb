package org.helixff.neighbors;

import java.util.Arrays;

/** Growable double array (package-private helper for list building). */
final class DoubleBuffer {
    private double[] data = new double[192];
    private int size;

    void add(double v) {
        if (size == data.length) {
            data = Arrays.copyOf(data, size * 2);
        }
        data[size++] = v;
    }

    int size() {
        return size;
    }

    double[] toArray() {
        return Arrays.copyOf(data, size);
    }
}

package org.helixff.compute.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The blocked, vectorisable products give exactly the numbers of the plain loops (the sums of the original kernel
 * code, which saved models and the CUDA kernels follow): every shape class (odd row counts, inner lengths that are
 * not multiples of the unrolling, more columns than one chunk, zeros in the left factor) is compared bit for bit.
 */
class CpuGemmTest {
    private static double[] random(Random r, int n, double zeroFraction) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextDouble() < zeroFraction ? 0.0 : r.nextGaussian();
        }
        return v;
    }

    @Test
    void multTransBRowsIsTheDotProductBitForBit() {
        Random r = new Random(11);
        int[][] shapes = {{1, 1, 1}, {2, 3, 5}, {3, 7, 4}, {5, 9, 252}, {32, 37, 253}, {7, CpuGemm.COLUMN_CHUNK + 37, 10},
            {4, 2 * CpuGemm.COLUMN_CHUNK, 6}};
        for (int[] sh : shapes) {
            int n = sh[0];
            int m = sh[1];
            int d = sh[2];
            int off = 3;
            double[] a = random(r, off + n * d, n * d < 10 ? 0.0 : 0.1);
            double[] b = random(r, m * d, 0.0);
            double[] want = new double[n * m];
            CpuGemm.multTransB(a, off, n, b, m, d, want, 0);
            double[][] got = new double[n][m];
            CpuGemm.multTransBRows(a, off, n, d, CpuGemm.transposedRows(b, m, d), m, got);
            boolean anyNonZero = false;
            for (int i = 0; i < n; i++) {
                for (int t = 0; t < m; t++) {
                    assertEquals(Double.doubleToRawLongBits(want[i * m + t]), Double.doubleToRawLongBits(got[i][t]),
                            "shape " + n + "x" + m + "x" + d + " element " + i + "," + t);
                    anyNonZero |= want[i * m + t] != 0;
                }
            }
            assertTrue(anyNonZero, "non-trivial product");
        }
    }

    @Test
    void multRowsIsTheAxpyLoopBitForBit() {
        Random r = new Random(12);
        int[][] shapes = {{1, 1, 1}, {2, 5, 3}, {3, 4, 7}, {5, 252, 9}, {32, 1001, 252}, {7, CpuGemm.ROW_CHUNK + 3, 11}};
        for (int[] sh : shapes) {
            int n = sh[0];
            int m = sh[1];
            int d = sh[2];
            double[] a = random(r, n * m, 0.3); // zeros: the plain loop skips them
            double[] b = random(r, m * d, 0.0);
            double[] want = new double[n * d];
            CpuGemm.mult(a, 0, n, b, m, d, want, 0);
            double[][] ar = CpuGemm.rows(a, n, m);
            double[][] got = new double[n][d];
            CpuGemm.multRows(ar, n, CpuGemm.rows(b, m, d), m, d, got);
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < d; k++) {
                    assertEquals(Double.doubleToRawLongBits(want[i * d + k]), Double.doubleToRawLongBits(got[i][k]),
                            "shape " + n + "x" + m + "x" + d + " element " + i + "," + k);
                }
            }
        }
    }

    @Test
    void layoutsHoldTheMatrix() {
        double[] b = {1, 2, 3, 4, 5, 6}; // 2 x 3
        double[][] rows = CpuGemm.rows(b, 2, 3);
        double[][] cols = CpuGemm.transposedRows(b, 2, 3);
        assertEquals(6.0, rows[1][2]);
        assertEquals(2.0, rows[0][1]);
        assertEquals(4.0, cols[0][1]);
        assertEquals(3.0, cols[2][0]);
    }
}

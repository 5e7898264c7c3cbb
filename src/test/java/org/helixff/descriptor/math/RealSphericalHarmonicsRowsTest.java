package org.helixff.descriptor.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The row-layout batch harmonics (used by the CPU SOAP engine for vectorisable loops) give exactly the numbers of
 * the pair-contiguous flat batch routines, for every l <= 12 and vectors including the poles and the axes.
 */
class RealSphericalHarmonicsRowsTest {
    @Test
    void rowsEqualTheFlatBatchBitForBit() {
        Random r = new Random(21);
        for (int lmax : new int[] {0, 1, 4, 6, 12}) {
            RealSphericalHarmonics sh = new RealSphericalHarmonics(lmax);
            int ll = (lmax + 1) * (lmax + 1);
            int np = 37;
            double[] x = new double[np];
            double[] y = new double[np];
            double[] z = new double[np];
            for (int p = 0; p < np; p++) {
                double[] v = p == 0 ? new double[] {0, 0, 1} : p == 1 ? new double[] {0, 0, -1}
                        : p == 2 ? new double[] {1, 0, 0} : new double[] {r.nextGaussian(), r.nextGaussian(),
                            r.nextGaussian()};
                double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
                x[p] = v[0] / n;
                y[p] = v[1] / n;
                z[p] = v[2] / n;
            }
            double[] flat = new double[ll * np];
            sh.evaluateBatch(np, x, y, z, flat, new double[5 * np]);
            double[][] rows = new double[ll][np];
            sh.evaluateBatchRows(np, x, y, z, rows, new double[5][np]);
            double[] f = new double[ll * np];
            double[] fx = new double[ll * np];
            double[] fy = new double[ll * np];
            double[] fz = new double[ll * np];
            sh.evaluateBatchWithGradient(np, x, y, z, f, fx, fy, fz, new double[10 * np]);
            double[][] g = new double[ll][np];
            double[][] gx = new double[ll][np];
            double[][] gy = new double[ll][np];
            double[][] gz = new double[ll][np];
            sh.evaluateBatchWithGradientRows(np, x, y, z, g, gx, gy, gz, new double[10][np]);
            boolean nonZeroGradient = false;
            for (int lm = 0; lm < ll; lm++) {
                for (int p = 0; p < np; p++) {
                    int i = lm * np + p;
                    assertEquals(Double.doubleToRawLongBits(flat[i]), Double.doubleToRawLongBits(rows[lm][p]));
                    assertEquals(Double.doubleToRawLongBits(f[i]), Double.doubleToRawLongBits(g[lm][p]));
                    assertEquals(Double.doubleToRawLongBits(fx[i]), Double.doubleToRawLongBits(gx[lm][p]));
                    assertEquals(Double.doubleToRawLongBits(fy[i]), Double.doubleToRawLongBits(gy[lm][p]));
                    assertEquals(Double.doubleToRawLongBits(fz[i]), Double.doubleToRawLongBits(gz[lm][p]));
                    nonZeroGradient |= gx[lm][p] != 0;
                }
            }
            assertTrue(lmax == 0 || nonZeroGradient, "gradients are non-trivial");
        }
    }
}

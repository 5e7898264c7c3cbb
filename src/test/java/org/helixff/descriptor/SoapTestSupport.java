package org.helixff.descriptor;

import java.util.Random;
import org.helixff.neighbors.NeighborList;
import org.helixff.structure.Nanotube;
import org.helixff.symmetry.SymmetricStructure;

/** Shared builders for the SOAP tests. */
final class SoapTestSupport {
    private SoapTestSupport() {
    }

    /** A random environment: centre 0 with {@code n} neighbours at distances in [rmin, rmax). */
    static NeighborList cluster(long seed, int n, double rmin, double rmax, double listCutoff) {
        Random r = new Random(seed);
        double[] d = new double[3 * n];
        for (int j = 0; j < n; j++) {
            double[] u = unit(r);
            double len = rmin + (rmax - rmin) * r.nextDouble();
            for (int c = 0; c < 3; c++) {
                d[3 * j + c] = len * u[c];
            }
        }
        return single(d, listCutoff);
    }

    /** One centre with the given displacements (3 per neighbour). */
    static NeighborList single(double[] d, double listCutoff) {
        int n = d.length / 3;
        int[] nb = new int[n];
        for (int j = 0; j < n; j++) {
            nb[j] = j + 1;
        }
        return NeighborList.of(listCutoff, new int[] {0, n}, nb, d);
    }

    static double[] unit(Random r) {
        double[] v = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
        double len = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        return new double[] {v[0] / len, v[1] / len, v[2] / len};
    }

    /** Rotation matrix (row-major) about a unit axis by an angle (Rodrigues). */
    static double[] rotation(double[] axis, double angle) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        double x = axis[0];
        double y = axis[1];
        double z = axis[2];
        double t = 1 - c;
        return new double[] {
            c + x * x * t, x * y * t - z * s, x * z * t + y * s,
            y * x * t + z * s, c + y * y * t, y * z * t - x * s,
            z * x * t - y * s, z * y * t + x * s, c + z * z * t};
    }

    static void rotate(double[] rot, double[] v, int off, double[] out) {
        double x = v[off];
        double y = v[off + 1];
        double z = v[off + 2];
        out[off] = rot[0] * x + rot[1] * y + rot[2] * z;
        out[off + 1] = rot[3] * x + rot[4] * y + rot[5] * z;
        out[off + 2] = rot[6] * x + rot[7] * y + rot[8] * z;
    }

    /** The tube (n, m) with axial strain, optionally a commensurate twist, and a random motif perturbation. */
    static SymmetricStructure perturbedTube(int n, int m, long seed, double strain, boolean twist, double amplitude) {
        Nanotube t = Nanotube.of(n, m);
        SymmetricStructure s = SymmetricStructure.fromTube(t, strain, 0.0);
        if (twist) {
            int steps = (int) t.periodSteps() * 6;
            double tw = s.group().commensurateTwist(0.002, steps);
            s = SymmetricStructure.fromTube(t, strain, tw);
        }
        Random r = new Random(seed);
        double[] x = s.motif();
        for (int i = 0; i < x.length; i++) {
            x[i] += amplitude * (2 * r.nextDouble() - 1);
        }
        return s.withMotif(x);
    }

    static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}

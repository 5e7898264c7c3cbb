package org.helixff.io;

import org.helixff.symmetry.HelicalGroup;
import org.helixff.symmetry.SymmetricStructure;

/** Test helpers: is one tube a rigid rotation/shift (or mirror) of another, image search. */
public final class TubeMatch {
    /** Positions in the SPARC files carry 10 decimals (5e-11 Bohr); rotations spread that a little. */
    public static final double TOL = 1e-9;

    private TubeMatch() {
    }

    /** z -> -z: motif z negated, screw angle negated. */
    public static SymmetricStructure mirrored(SymmetricStructure s) {
        double[] x = s.motif();
        for (int a = 0; a < s.motifSize(); a++) {
            x[3 * a + 2] = -x[3 * a + 2];
        }
        HelicalGroup g = s.group();
        return new SymmetricStructure(s.species(), x, g.withScrew(-g.screwAngle(), g.screwShift()), null);
    }

    /**
     * True if one rotation phi about z and one shift dz along z map every atom of {@code a} onto an image
     * of a distinct atom of {@code b} (same group assumed; searched by pinning atom 0 of b on each atom of a).
     */
    public static boolean matchesRigidly(SymmetricStructure a, SymmetricStructure b) {
        double[] xb = b.motif();
        double rb = Math.hypot(xb[0], xb[1]);
        for (int pin = 0; pin < a.motifSize(); pin++) {
            double[] xa = a.motif();
            if (Math.abs(Math.hypot(xa[3 * pin], xa[3 * pin + 1]) - rb) > TOL) {
                continue;
            }
            double phi = Math.atan2(xb[1], xb[0]) - Math.atan2(xa[3 * pin + 1], xa[3 * pin]);
            double dz = xb[2] - xa[3 * pin + 2];
            boolean[] used = new boolean[b.motifSize()];
            boolean all = true;
            for (int i = 0; i < a.motifSize() && all; i++) {
                double c = Math.cos(phi);
                double s = Math.sin(phi);
                double[] p = {c * xa[3 * i] - s * xa[3 * i + 1], s * xa[3 * i] + c * xa[3 * i + 1], xa[3 * i + 2] + dz};
                int hit = imageOf(b, p);
                all = hit >= 0 && !used[hit];
                if (all) {
                    used[hit] = true;
                }
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    /** Index of the motif atom of s that has an image at p (within TOL), or -1. */
    public static int imageOf(SymmetricStructure s, double[] p) {
        HelicalGroup g = s.group();
        int jmax = (int) Math.ceil(Math.abs(p[2]) / g.screwShift()) + 3;
        for (int a = 0; a < s.motifSize(); a++) {
            for (int j = -jmax; j <= jmax; j++) {
                for (int k = 0; k < g.cyclicOrder(); k++) {
                    double[] q = s.image(a, k, j);
                    if (Math.abs(q[0] - p[0]) < TOL && Math.abs(q[1] - p[1]) < TOL
                            && Math.abs(q[2] - p[2]) < TOL) {
                        return a;
                    }
                }
            }
        }
        return -1;
    }

}

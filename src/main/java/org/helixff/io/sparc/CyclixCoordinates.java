package org.helixff.io.sparc;

import org.helixff.InvalidInputException;
import org.helixff.symmetry.GroupElement;
import org.helixff.symmetry.HelicalGroup;

/**
 * The one place that converts between Cartesian coordinates and SPARC's cyclix (helical)
 * coordinates, for a tube whose axis is the z axis through the origin (data README, "Symmetry
 * convention"). Immutable.
 *
 * <p>With cyclic order N, screw rotation alpha and screw translation h (SPARC: {@code CELL: L1 L2 L3}
 * with L2 = 2 pi / N and L3 = h, {@code TWIST_ANGLE} tau = alpha / h):
 * <pre>
 *   helical (r, theta, z)  ->  Cartesian  x = r cos(theta + tau z),  y = r sin(theta + tau z),  z = z
 *   Cartesian (x, y, z)    ->  helical    r = hypot(x, y),  theta = atan2(y, x) - tau z,  z = z
 * </pre>
 * The fundamental domain is theta in [0, L2), z in [0, L3). Moving by L3 along z at fixed theta is the
 * screw (rotation tau L3 = alpha plus shift h), and adding L2 to theta is the cyclic rotation, so the
 * group image (k, j) of a point has helical coordinates (r, theta + 2 pi k / N, z + j h): folding a point
 * into the domain picks the unique image with theta and z in range.
 *
 * <p>SPARC's fractional coordinates (printed in {@code .static} files) are (r / L1, theta / L2, z / L3);
 * the radial one is r / L1 measured from the axis, not from the inner boundary (checked against the
 * shipped runs).
 */
public final class CyclixCoordinates {
    private final int cyclicOrder;
    private final double twist;
    private final double helicalPeriod;
    private final HelicalGroup group;

    private CyclixCoordinates(int cyclicOrder, double twist, double helicalPeriod, HelicalGroup group) {
        if (cyclicOrder < 1) {
            throw new InvalidInputException("cyclix coordinates: cyclic order " + cyclicOrder + " must be >= 1");
        }
        if (!(helicalPeriod > 0) || !Double.isFinite(helicalPeriod) || !Double.isFinite(twist)) {
            throw new InvalidInputException("cyclix coordinates: helical period " + helicalPeriod
                    + " Bohr must be positive and twist " + twist + " finite");
        }
        this.cyclicOrder = cyclicOrder;
        this.twist = twist;
        this.helicalPeriod = helicalPeriod;
        this.group = group != null ? group : new HelicalGroup(cyclicOrder, twist * helicalPeriod, helicalPeriod);
    }

    /** The coordinates of a tube with this group: tau = alpha / h, L2 = 2 pi / N, L3 = h. */
    public static CyclixCoordinates of(HelicalGroup group) {
        return new CyclixCoordinates(group.cyclicOrder(), group.twistPerLength(), group.screwShift(), group);
    }

    /**
     * The coordinates named by a SPARC input: {@code CELL} L2 (must be 2 pi / N for an integer N, to
     * 1e-9 relative), L3 and {@code TWIST_ANGLE}.
     *
     * @throws InvalidInputException if L2 is not 2 pi / N
     */
    public static CyclixCoordinates of(double angularWidth, double helicalPeriod, double twist) {
        return new CyclixCoordinates(cyclicOrderOf(angularWidth), twist, helicalPeriod, null);
    }

    /** N with 2 pi / N = L2 (to 1e-9 relative). */
    public static int cyclicOrderOf(double angularWidth) {
        if (!(angularWidth > 0) || angularWidth > 2 * Math.PI * (1 + 1e-9)) {
            throw new InvalidInputException("cyclix angular width L2 = " + angularWidth + " rad is not in (0, 2 pi]");
        }
        long n = Math.round(2 * Math.PI / angularWidth);
        if (n < 1 || n > Integer.MAX_VALUE || Math.abs(2 * Math.PI / n - angularWidth) > 1e-9 * angularWidth) {
            throw new InvalidInputException("cyclix angular width L2 = " + angularWidth + " rad is not 2 pi / N for an integer N");
        }
        return (int) n;
    }

    /** Cyclic order N of the cyclix cell (2 pi / N = L2). */
    public int cyclicOrder() {
        return cyclicOrder;
    }

    /** tau = alpha / h, radians per Bohr (SPARC's TWIST_ANGLE). */
    public double twist() {
        return twist;
    }

    /** L2 = 2 pi / N, radians. */
    public double angularWidth() {
        return 2 * Math.PI / cyclicOrder;
    }

    /** L3 = h, Bohr. */
    public double helicalPeriod() {
        return helicalPeriod;
    }

    /** The group (N, alpha = tau h, h); the given group itself when made from one. */
    public HelicalGroup group() {
        return group;
    }

    /** (x, y, z) Bohr -> (r, theta, z): r Bohr, theta radians (not wrapped), z Bohr. */
    public double[] toHelical(double x, double y, double z) {
        return new double[] {Math.hypot(x, y), Math.atan2(y, x) - twist * z, z};
    }

    /** (r, theta, z) -> (x, y, z), Bohr. */
    public double[] toCartesian(double r, double theta, double z) {
        double phi = theta + twist * z;
        return new double[] {r * Math.cos(phi), r * Math.sin(phi), z};
    }

    /** SPARC fractional coordinates (r / L1, theta / L2, z / L3) of a Cartesian point, theta not wrapped. */
    public double[] toFractional(double x, double y, double z, double radialWidth) {
        double[] h = toHelical(x, y, z);
        return new double[] {h[0] / radialWidth, h[1] / angularWidth(), h[2] / helicalPeriod};
    }

    /** Cartesian point of SPARC fractional coordinates (r / L1, theta / L2, z / L3), Bohr. */
    public double[] fromFractional(double fr, double ftheta, double fz, double radialWidth) {
        return toCartesian(fr * radialWidth, ftheta * angularWidth(), fz * helicalPeriod);
    }

    /** A point folded into the fundamental domain, and the group element that maps the point there. */
    public record Fold(double[] position, GroupElement element) {
        public Fold {
            position = position.clone();
        }

        @Override
        public double[] position() {
            return position.clone();
        }
    }

    /**
     * The image of a Cartesian point with theta in [0, L2) and z in [0, L3) (up to round-off at the
     * faces), and the element (k, j) with image = R(2 pi k / N + j alpha) p + j h z^.
     */
    public Fold fold(double x, double y, double z) {
        long j = -(long) Math.floor(z / helicalPeriod);
        double zf = z + j * helicalPeriod;
        if (zf >= helicalPeriod) {
            j--;
        }
        double theta = Math.atan2(y, x) - twist * z;
        long k = -(long) Math.floor(theta / angularWidth());
        if (Math.abs(j) > Integer.MAX_VALUE / 2) {
            throw new InvalidInputException("cyclix fold: point at z = " + z + " Bohr is too far from the origin");
        }
        GroupElement g = new GroupElement((int) Math.floorMod(k, (long) cyclicOrder), (int) j);
        double[] out = group.apply(g, new double[] {x, y, z});
        return new Fold(out, g);
    }
}

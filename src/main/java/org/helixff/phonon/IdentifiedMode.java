package org.helixff.phonon;

/**
 * One normal mode picked out by a physical criterion (zero mode, RBM, ring mode, G mode).
 *
 * @param name         what it is, e.g. "twist", "RBM", "ring m=2", "G m=0 axial"
 * @param angularMomentum the angular momentum m of its pattern where one applies (zero and ring modes, RBM,
 *                     G modes), else 0
 * @param nu           cyclic index of its block
 * @param kappa        helical phase of its block, radians in [-pi, pi)
 * @param branch       index of the mode in its block (ascending frequency)
 * @param frequencyCm1 signed frequency, cm^-1
 * @param overlap      fraction of the expected pattern in the mode's (near-)degenerate eigenspace, [0, 1]
 *                     (NaN when no pattern is defined, e.g. G modes)
 * @param radial       fraction of the mode's displacement along the local radial directions
 * @param tangential   fraction along the local tangential (circumferential) directions
 * @param axial        fraction along the axis
 */
public record IdentifiedMode(String name, int angularMomentum, int nu, double kappa, int branch,
        double frequencyCm1, double overlap, double radial, double tangential, double axial) {

    /** "radial", "circumferential" or "axial": the largest of the three fractions. */
    public String character() {
        if (axial >= radial && axial >= tangential) {
            return "axial";
        }
        return tangential >= radial ? "circumferential" : "radial";
    }
}

package org.helixff.symmetry;

import java.util.Optional;
import org.helixff.InvalidInputException;
import org.helixff.structure.Nanotube;
import org.helixff.structure.Structure;

/**
 * An infinite tube as a motif (usually 2 atoms) plus its cyclic x helical group. Every atom of the
 * tube is exactly one image X(a; k, j) = R(2 pi k/N + j alpha) X_a + (0, 0, j h) of a motif atom.
 * Immutable. Positions in Bohr, flat, 3 per motif atom.
 *
 * <p>{@link #expand(int)} produces the equivalent periodic full cell, the oracle for every
 * symmetry-reduced result.
 */
public final class SymmetricStructure {
    /** Vacuum between the outermost atom and the lateral cell face in expanded cells (Bohr). */
    public static final double DEFAULT_VACUUM = 15.0;

    private final String[] species;
    private final double[] motif;
    private final HelicalGroup group;
    private final Nanotube tube;

    /**
     * @param species chemical symbol per motif atom
     * @param motif   motif positions, 3 per atom, Bohr
     * @param group   the tube's symmetry group
     * @param tube    the tube this came from (for provenance; may be null)
     */
    public SymmetricStructure(String[] species, double[] motif, HelicalGroup group, Nanotube tube) {
        if (species == null || motif == null || group == null) {
            throw new InvalidInputException("symmetric structure: species, motif and group must be given");
        }
        if (motif.length != 3 * species.length || species.length == 0) {
            throw new InvalidInputException("symmetric structure: " + motif.length + " coordinates for "
                    + species.length + " motif atoms");
        }
        for (int i = 0; i < motif.length; i++) {
            if (!Double.isFinite(motif[i])) {
                throw new InvalidInputException("symmetric structure: non-finite coordinate " + motif[i]
                        + " of motif atom " + (i / 3));
            }
        }
        this.species = species.clone();
        this.motif = motif.clone();
        this.group = group;
        this.tube = tube;
    }

    /** The ideal tube as built (no strain, no twist). */
    public static SymmetricStructure fromTube(Nanotube tube) {
        return fromTube(tube, 0.0, 0.0);
    }

    /**
     * The tube under homogeneous axial strain and twist: every point (r, phi, z) of the ideal tube moves
     * to (r, phi + twist z', z') with z' = (1 + strain) z, so the group becomes h' = h (1 + strain),
     * alpha' = alpha + twist h'.
     *
     * @param strain axial strain, dimensionless
     * @param twist  radians per Bohr
     */
    public static SymmetricStructure fromTube(Nanotube tube, double strain, double twist) {
        HelicalGroup g0 = new HelicalGroup(tube.cyclicOrder(), tube.screwAngle(), tube.screwShift(),
                new HelicalGroup.Period(tube.periodSteps(), tube.periodRotation()));
        return new SymmetricStructure(new String[] {"C", "C"}, tube.motif(), g0, tube).deformed(strain, twist);
    }

    /**
     * This tube under a further homogeneous axial strain and twist: every point (r, phi, z) moves to
     * (r, phi + twist z', z') with z' = (1 + strain) z; the group becomes h' = h (1 + strain),
     * alpha' = alpha + twist h' (see {@link HelicalGroup#deformed}).
     *
     * @param strain axial strain, dimensionless, in (-0.5, 1)
     * @param twist  radians per Bohr
     */
    public SymmetricStructure deformed(double strain, double twist) {
        HelicalGroup g = group.deformed(strain, twist);
        double[] x = motif.clone();
        for (int a = 0; a < species.length; a++) {
            double z = x[3 * a + 2] * (1 + strain);
            double ang = twist * z;
            double c = Math.cos(ang);
            double s = Math.sin(ang);
            double px = x[3 * a];
            double py = x[3 * a + 1];
            x[3 * a] = c * px - s * py;
            x[3 * a + 1] = s * px + c * py;
            x[3 * a + 2] = z;
        }
        return new SymmetricStructure(species, x, g, tube);
    }

    /** Number of motif atoms (>= 1). */
    public int motifSize() {
        return species.length;
    }

    /** Chemical symbol of motif atom a ({@code 0 <= a < motifSize()}). */
    public String species(int a) {
        return species[a];
    }

    /** Copy of the chemical symbols of the motif atoms. */
    public String[] species() {
        return species.clone();
    }

    /** Coordinate d of motif atom a, Bohr. */
    public double motifPosition(int a, int d) {
        return motif[3 * a + d];
    }

    /**
     * Mean distance of the motif atoms from the z axis (the tube axis), Bohr. Every image of a motif
     * atom has the same distance, so this is also the mean radius of the whole tube.
     */
    public double meanRadius() {
        double sum = 0;
        for (int a = 0; a < motifSize(); a++) {
            sum += Math.hypot(motifPosition(a, 0), motifPosition(a, 1));
        }
        return sum / motifSize();
    }

    /** Copy of the motif positions, 3 per atom, Bohr. */
    public double[] motif() {
        return motif.clone();
    }

    /** The cyclic x helical group whose images of the motif make the tube. */
    public HelicalGroup group() {
        return group;
    }

    /** The tube this structure was built from, if known. */
    public Optional<Nanotube> tube() {
        return Optional.ofNullable(tube);
    }

    /** Same group, new motif positions. */
    public SymmetricStructure withMotif(double[] newMotif) {
        return new SymmetricStructure(species, newMotif, group, tube);
    }

    /** Same motif, new group. */
    public SymmetricStructure withGroup(HelicalGroup newGroup) {
        return new SymmetricStructure(species, motif, newGroup, tube);
    }

    /** Position of image (k, j) of motif atom a, Bohr. */
    public double[] image(int a, int k, int j) {
        double[] out = new double[3];
        group.apply(k, j, motif, 3 * a, out, 0);
        return out;
    }

    /** Screw steps in one translational period; throws for an incommensurate (aperiodic) group. */
    public long periodSteps() {
        return group.period().orElseThrow(() -> new InvalidInputException(
                "the tube has no translational period (incommensurate twist: alpha N / 2 pi is irrational"
                        + " to within " + HelicalGroup.PERIOD_TOLERANCE + "); use a commensurate twist"))
                .steps();
    }

    /** Atoms in {@code cells} translational cells: motif size x N x q x cells. */
    public long expandedSize(int cells) {
        return (long) motifSize() * group.cyclicOrder() * periodSteps() * cells;
    }

    /**
     * Index of image (a; k, j), 0 <= j < cells q, in {@link #expand(int)}: ((j N) + k) motifSize + a.
     */
    public int expandedIndex(int a, int k, int j) {
        return (j * group.cyclicOrder() + k) * motifSize() + a;
    }

    /**
     * The periodic full cell: {@code cells} translational periods along z (pbc F F T), atoms ordered as
     * in {@link #expandedIndex(int, int, int)}, the tube axis on the z axis through the origin, lateral
     * box 2 (r_max + {@value #DEFAULT_VACUUM}) Bohr.
     *
     * @throws InvalidInputException for cells < 1, an aperiodic group or more than 5 million atoms
     */
    public Structure expand(int cells) {
        if (cells < 1) {
            throw new InvalidInputException("cells = " + cells + " must be >= 1");
        }
        long q = periodSteps();
        long total = expandedSize(cells);
        if (total > 5_000_000L) {
            throw new InvalidInputException("expanded cell would hold " + total + " atoms (> 5,000,000)");
        }
        int steps = (int) (q * cells);
        int n = group.cyclicOrder();
        int nm = motifSize();
        double[] pos = new double[(int) (3 * total)];
        String[] sp = new String[(int) total];
        double rmax = 0;
        for (int a = 0; a < nm; a++) {
            rmax = Math.max(rmax, Math.hypot(motif[3 * a], motif[3 * a + 1]));
        }
        for (int j = 0; j < steps; j++) {
            for (int k = 0; k < n; k++) {
                for (int a = 0; a < nm; a++) {
                    int idx = expandedIndex(a, k, j);
                    group.apply(k, j, motif, 3 * a, pos, 3 * idx);
                    sp[idx] = species[a];
                }
            }
        }
        double lat = 2 * (rmax + DEFAULT_VACUUM);
        double[] cell = {lat, 0, 0, 0, lat, 0, 0, 0, steps * group.screwShift()};
        return new Structure(sp, pos, cell, new boolean[] {false, false, true});
    }
}

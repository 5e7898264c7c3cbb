package org.helixff.structure;

import java.util.Arrays;
import org.helixff.InvalidInputException;

/**
 * An immutable set of atoms in a (possibly partly) periodic cell: the full-cell view of a tube and
 * the oracle for every symmetry-reduced result.
 *
 * <p>Positions: flat {@code double[3 * size]} in Bohr, atom-major (x0, y0, z0, x1, ...). Cell:
 * {@code double[9]} in Bohr, row-major, rows are the lattice vectors a, b, c (ASE's convention).
 * A lattice vector along a non-periodic direction only matters for output (it may be zero).
 * Species: chemical symbols ("C").
 */
public final class Structure {
    private final String[] species;
    private final double[] positions;
    private final double[] cell;
    private final boolean[] pbc;

    /**
     * @param species   chemical symbol of every atom
     * @param positions Cartesian positions, 3 per atom, Bohr
     * @param cell      lattice vectors as rows, 9 numbers, Bohr
     * @param pbc       periodicity along a, b, c
     * @throws InvalidInputException on mismatched lengths, non-finite numbers or a degenerate periodic cell
     */
    public Structure(String[] species, double[] positions, double[] cell, boolean[] pbc) {
        if (species == null || positions == null || cell == null || pbc == null) {
            throw new InvalidInputException("structure: species, positions, cell and pbc must all be given");
        }
        if (positions.length != 3 * species.length) {
            throw new InvalidInputException("structure: " + positions.length + " coordinates for "
                    + species.length + " atoms (need 3 per atom)");
        }
        if (cell.length != 9 || pbc.length != 3) {
            throw new InvalidInputException("structure: cell needs 9 numbers and pbc 3 flags");
        }
        for (int i = 0; i < positions.length; i++) {
            if (!Double.isFinite(positions[i])) {
                throw new InvalidInputException("structure: non-finite coordinate " + positions[i]
                        + " of atom " + (i / 3) + " (" + "xyz".charAt(i % 3) + ")");
            }
        }
        for (double c : cell) {
            if (!Double.isFinite(c)) {
                throw new InvalidInputException("structure: non-finite cell component " + c);
            }
        }
        for (int d = 0; d < 3; d++) {
            if (pbc[d]) {
                double len = Math.sqrt(cell[3 * d] * cell[3 * d] + cell[3 * d + 1] * cell[3 * d + 1]
                        + cell[3 * d + 2] * cell[3 * d + 2]);
                if (!(len > 1e-8)) {
                    throw new InvalidInputException("structure: periodic lattice vector " + "abc".charAt(d)
                            + " has length " + len + " Bohr");
                }
            }
        }
        this.species = species.clone();
        this.positions = positions.clone();
        this.cell = cell.clone();
        this.pbc = pbc.clone();
        int periodic = (pbc[0] ? 1 : 0) + (pbc[1] ? 1 : 0) + (pbc[2] ? 1 : 0);
        if ((periodic == 3 && !(Math.abs(spannedVolume()) > 1e-10)) || (periodic == 2 && !periodicPairIndependent())) {
            throw new InvalidInputException("structure: periodic lattice vectors are linearly dependent");
        }
        for (String s : species) {
            if (s == null || s.isEmpty()) {
                throw new InvalidInputException("structure: empty chemical symbol");
            }
        }
    }

    /** Number of atoms. */
    public int size() {
        return species.length;
    }

    /** Chemical symbol of atom i ({@code 0 <= i < size()}); throws IndexOutOfBoundsException outside. */
    public String species(int i) {
        return species[i];
    }

    /** Copy of the chemical symbols, one per atom. */
    public String[] species() {
        return species.clone();
    }

    /** Coordinate d (0 = x, 1 = y, 2 = z) of atom i, Bohr. */
    public double position(int i, int d) {
        return positions[3 * i + d];
    }

    /** Copy of all positions, 3 per atom, Bohr. */
    public double[] positions() {
        return positions.clone();
    }

    /** Copy of the cell, 9 numbers, rows are lattice vectors, Bohr. */
    public double[] cell() {
        return cell.clone();
    }

    /** Component d of lattice vector v (0 = a, 1 = b, 2 = c), Bohr. */
    public double cell(int v, int d) {
        return cell[3 * v + d];
    }

    /** Copy of the periodic flags of the three lattice vectors (a, b, c). */
    public boolean[] pbc() {
        return pbc.clone();
    }

    /** Whether lattice vector d (0 = a, 1 = b, 2 = c) is periodic. */
    public boolean pbc(int d) {
        return pbc[d];
    }

    /** Volume a . (b x c) of the cell in Bohr^3 (with non-periodic vectors as given; may be 0). */
    public double volume() {
        return Math.abs(spannedVolume());
    }

    private boolean periodicPairIndependent() {
        int p = -1;
        int q = -1;
        for (int d = 0; d < 3; d++) {
            if (pbc[d]) {
                if (p < 0) {
                    p = d;
                } else {
                    q = d;
                }
            }
        }
        double cx = cell[3 * p + 1] * cell[3 * q + 2] - cell[3 * p + 2] * cell[3 * q + 1];
        double cy = cell[3 * p + 2] * cell[3 * q] - cell[3 * p] * cell[3 * q + 2];
        double cz = cell[3 * p] * cell[3 * q + 1] - cell[3 * p + 1] * cell[3 * q];
        return Math.sqrt(cx * cx + cy * cy + cz * cz) > 1e-10;
    }

    private double spannedVolume() {
        double[] a = {cell[0], cell[1], cell[2]};
        double[] b = {cell[3], cell[4], cell[5]};
        double[] c = {cell[6], cell[7], cell[8]};
        return a[0] * (b[1] * c[2] - b[2] * c[1]) - a[1] * (b[0] * c[2] - b[2] * c[0])
                + a[2] * (b[0] * c[1] - b[1] * c[0]);
    }

    /** Same atoms and cell with new positions (3 per atom, Bohr). */
    public Structure withPositions(double[] newPositions) {
        return new Structure(species, newPositions, cell, pbc);
    }

    /** Same atoms with new positions and a new cell. */
    public Structure withPositionsAndCell(double[] newPositions, double[] newCell) {
        return new Structure(species, newPositions, newCell, pbc);
    }

    @Override
    public String toString() {
        return "Structure[" + size() + " atoms, pbc=" + Arrays.toString(pbc) + "]";
    }
}

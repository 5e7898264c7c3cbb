package org.helixff.training;

import org.helixff.InvalidInputException;
import org.helixff.structure.Structure;
import org.helixff.symmetry.SymmetricStructure;

/**
 * One labelled structure for training or testing: a tube (symmetric motif) or a periodic full cell,
 * with its energy per atom (Hartree; NaN when absent), forces (Ha/Bohr, 3 per motif atom or per cell
 * atom; null when absent), optionally dE/dh per motif (Ha/Bohr; NaN when absent), the energy group it
 * belongs to (energies of different groups, e.g. different DFT codes, get separate offsets) and a name.
 */
public final class TrainingFrame {
    private final SymmetricStructure symmetric;
    private final Structure cell;
    private final double energyPerAtom;
    private final double[] forces;
    private final double dEdh;
    private final String group;
    private final String name;

    private TrainingFrame(SymmetricStructure symmetric, Structure cell, double energyPerAtom, double[] forces,
            double dEdh, String group, String name) {
        int atoms = symmetric != null ? symmetric.motifSize() : cell.size();
        if (forces != null) {
            if (forces.length != 3 * atoms) {
                throw new InvalidInputException("frame " + name + ": " + forces.length + " force components for "
                        + atoms + " atoms");
            }
            for (double f : forces) {
                if (!Double.isFinite(f)) {
                    throw new InvalidInputException("frame " + name + ": non-finite force component " + f);
                }
            }
        }
        if (Double.isInfinite(energyPerAtom) || Double.isInfinite(dEdh)) {
            throw new InvalidInputException("frame " + name + ": infinite label");
        }
        if (group == null || group.isEmpty()) {
            throw new InvalidInputException("frame " + name + ": empty energy group");
        }
        this.symmetric = symmetric;
        this.cell = cell;
        this.energyPerAtom = energyPerAtom;
        this.forces = forces == null ? null : forces.clone();
        this.dEdh = dEdh;
        this.group = group;
        this.name = name == null ? "" : name;
    }

    /**
     * A tube frame.
     *
     * @param s             the tube (motif plus group)
     * @param energyPerAtom Hartree, NaN when absent
     * @param forces        symmetry-adapted forces, 3 per motif atom, Ha/Bohr; null when absent
     * @param dEdh          d(energy per motif)/dh, Ha/Bohr, NaN when absent
     * @param group         energy group (non-empty)
     * @param name          a name for reports (may be null)
     * @throws org.helixff.InvalidInputException for a wrong force count, a non-finite force or an infinite label
     */
    public static TrainingFrame symmetric(SymmetricStructure s, double energyPerAtom, double[] forces, double dEdh,
            String group, String name) {
        return new TrainingFrame(s, null, energyPerAtom, forces, dEdh, group, name);
    }

    /**
     * A full-cell frame (as {@link #symmetric}, without dE/dh; forces 3 per cell atom).
     *
     * @throws org.helixff.InvalidInputException for a wrong force count, a non-finite force or an infinite label
     */
    public static TrainingFrame cell(Structure s, double energyPerAtom, double[] forces, String group, String name) {
        return new TrainingFrame(null, s, energyPerAtom, forces, Double.NaN, group, name);
    }

    /** True for a tube frame, false for a full cell. */
    public boolean isSymmetric() {
        return symmetric != null;
    }

    /** The tube (symmetric frames only). */
    public SymmetricStructure symmetricStructure() {
        if (symmetric == null) {
            throw new IllegalStateException("frame " + name + " is a full cell");
        }
        return symmetric;
    }

    /** The full cell (cell frames only). */
    public Structure cellStructure() {
        if (cell == null) {
            throw new IllegalStateException("frame " + name + " is symmetric");
        }
        return cell;
    }

    /** Motif atoms or cell atoms. */
    public int atoms() {
        return symmetric != null ? symmetric.motifSize() : cell.size();
    }

    /** True when the frame has an energy label. */
    public boolean hasEnergy() {
        return !Double.isNaN(energyPerAtom);
    }

    /** Energy per atom, Hartree (NaN when absent). */
    public double energyPerAtom() {
        return energyPerAtom;
    }

    /** True when the frame has force labels. */
    public boolean hasForces() {
        return forces != null;
    }

    /** Copy of the forces, Ha/Bohr, 3 per atom, or null when absent. */
    public double[] forces() {
        return forces == null ? null : forces.clone();
    }

    /** Force component q (3 atom + c), Ha/Bohr; only when {@link #hasForces()}. */
    public double force(int q) {
        return forces[q];
    }

    /** True when the frame has a dE/dh label. */
    public boolean hasDEdh() {
        return !Double.isNaN(dEdh);
    }

    /** d(energy per motif)/dh, Ha/Bohr (NaN when absent). */
    public double dEdh() {
        return dEdh;
    }

    /** The energy group (its energies share one fitted offset). */
    public String group() {
        return group;
    }

    /** The name given at construction ("" when none). */
    public String name() {
        return name;
    }

    /** The same frame without its energy label. */
    public static TrainingFrame symmetricOrCellWithoutEnergy(TrainingFrame f) {
        return new TrainingFrame(f.symmetric, f.cell, Double.NaN, f.forces, f.dEdh, f.group, f.name);
    }

    /** The same frame in another energy group. */
    public TrainingFrame withGroup(String g) {
        return new TrainingFrame(symmetric, cell, energyPerAtom, forces, dEdh, g, name);
    }
}

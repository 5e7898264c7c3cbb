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

    public static TrainingFrame symmetric(SymmetricStructure s, double energyPerAtom, double[] forces, double dEdh,
            String group, String name) {
        return new TrainingFrame(s, null, energyPerAtom, forces, dEdh, group, name);
    }

    public static TrainingFrame cell(Structure s, double energyPerAtom, double[] forces, String group, String name) {
        return new TrainingFrame(null, s, energyPerAtom, forces, Double.NaN, group, name);
    }

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

    public boolean hasEnergy() {
        return !Double.isNaN(energyPerAtom);
    }

    public double energyPerAtom() {
        return energyPerAtom;
    }

    public boolean hasForces() {
        return forces != null;
    }

    public double[] forces() {
        return forces == null ? null : forces.clone();
    }

    public double force(int q) {
        return forces[q];
    }

    public boolean hasDEdh() {
        return !Double.isNaN(dEdh);
    }

    public double dEdh() {
        return dEdh;
    }

    public String group() {
        return group;
    }

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

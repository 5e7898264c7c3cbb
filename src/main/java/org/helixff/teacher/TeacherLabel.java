package org.helixff.teacher;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.helixff.InvalidInputException;
import org.helixff.io.ExtXyz;

/**
 * A teacher's label of one tube (Hartree, Bohr). Immutable.
 *
 * @param energyPerMotif energy of the infinite tube per motif, Hartree
 * @param forces         symmetry-adapted forces on the motif atoms, 3 per atom, Ha/Bohr
 * @param dEdh           dE/dh per motif at fixed motif coordinates, Ha/Bohr; NaN when the teacher gives none
 * @param details        what the teacher reports about the call (work directory, SCF iterations, fold
 *                       spread, seconds, ...), JSON-compatible values; unmodifiable
 */
public record TeacherLabel(double energyPerMotif, double[] forces, double dEdh, Map<String, Object> details) {
    public TeacherLabel {
        if (!Double.isFinite(energyPerMotif)) {
            throw new InvalidInputException("teacher label: non-finite energy " + energyPerMotif);
        }
        if (forces == null || forces.length == 0 || forces.length % 3 != 0) {
            throw new InvalidInputException("teacher label: forces must have 3 components per motif atom");
        }
        forces = forces.clone();
        for (double f : forces) {
            if (!Double.isFinite(f)) {
                throw new InvalidInputException("teacher label: non-finite force component " + f);
            }
            if (!(Math.abs(f) <= ExtXyz.MAX_FORCE_HA_PER_BOHR)) {
                throw new InvalidInputException("teacher label: force component " + f + " Ha/Bohr is implausible (|F| <= "
                        + ExtXyz.MAX_FORCE_HA_PER_BOHR + ")");
            }
        }
        if (!(Math.abs(energyPerMotif / (forces.length / 3)) <= ExtXyz.MAX_ENERGY_PER_ATOM_HA)) {
            throw new InvalidInputException("teacher label: energy " + energyPerMotif / (forces.length / 3)
                    + " Ha/atom is implausible (|E| <= " + ExtXyz.MAX_ENERGY_PER_ATOM_HA + " Ha/atom)");
        }
        if (Double.isInfinite(dEdh)) {
            throw new InvalidInputException("teacher label: infinite dE/dh");
        }
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details == null ? Map.of() : details));
    }

    @Override
    public double[] forces() {
        return forces.clone();
    }

    /** Motif atoms labelled. */
    public int atoms() {
        return forces.length / 3;
    }

    /** Energy per atom, Hartree. */
    public double energyPerAtom() {
        return energyPerMotif / atoms();
    }

    /** True when dE/dh is given. */
    public boolean hasDEdh() {
        return !Double.isNaN(dEdh);
    }

    /** Largest absolute force component, Ha/Bohr. */
    public double maxForce() {
        double m = 0;
        for (double f : forces) {
            m = Math.max(m, Math.abs(f));
        }
        return m;
    }
}

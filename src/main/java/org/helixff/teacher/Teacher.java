package org.helixff.teacher;

import org.helixff.symmetry.SymmetricStructure;

/**
 * Labels tubes with reference data: the energy per motif, the symmetry-adapted forces on the motif atoms
 * and, when the teacher can give it, dE/dh. The contract of the on-the-fly loop
 * ({@code dynamics.OnTheFly}); implementations: {@link CalculatorTeacher} (any in-process calculator, e.g.
 * Tersoff), {@link SparcTeacher} (SPARC cyclix as an external process), {@link ExternalTeacher} (any code
 * that reads and writes extxyz, on the expanded periodic full cell).
 *
 * <p>A teacher that fails (a command that cannot be run or exits non-zero, missing or malformed output)
 * throws {@link TeacherException} naming the command, its exit status and the tail of its stderr.
 * Implementations need not be thread-safe: the loop calls them one at a time.
 */
public interface Teacher {
    /** A short name for logs ("tersoff-lb", "sparc", "external"). */
    String name();

    /**
     * The energy group of the frames this teacher labels: frames of one group share one energy reference in
     * a fit (e.g. "SPARC" for SPARC, matching the shipped SPARC data).
     */
    default String energyGroup() {
        return name();
    }

    /**
     * True if the teacher works on a periodic full cell ({@link SymmetricStructure#expand(int)}), so it can
     * label only tubes with a translational period: no arbitrary twist.
     */
    default boolean needsPeriodicCell() {
        return false;
    }

    /**
     * Labels one tube.
     *
     * @throws TeacherException when the teacher fails
     */
    TeacherLabel label(SymmetricStructure structure);
}

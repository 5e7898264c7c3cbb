package org.helixff.phonon;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One check of the phonon workflow that did not pass: what failed ({@link Code}), the numbers behind it and the
 * one line printed for it. Immutable. Tests and callers decide by {@link #code()} and {@link #values()}; the
 * {@link #message()} is what the CLI prints after {@code helixff: warning:} and what the JSON's {@code warnings}
 * list holds.
 *
 * @param code    what failed
 * @param message the line shown to a user (no line break)
 * @param values  the numbers behind the warning by name, in the order of the message (units in the name:
 *                {@code _ha_per_bohr}, {@code _cm1}, {@code _rad}, {@code relative}); may be empty
 */
public record PhononWarning(Code code, String message, Map<String, Double> values) {
    /** What a warning is about. */
    public enum Code {
        /** The largest force of the structure exceeds {@link TubePhonons#UNRELAXED_FORCE}. */
        NOT_RELAXED,
        /** No translational period (incommensurate twist): no Gamma point of a cell, no linear dispersion. */
        NO_PERIOD,
        /** Frequencies below minus the imaginary tolerance (see {@link TubePhonons.Instability}). */
        IMAGINARY_FREQUENCIES,
        /** A zero mode away from 0 cm^-1 or with a poor pattern overlap. */
        POOR_ZERO_MODE,
        /** Force constants read from files are not symmetric under the tube's group (the symmetric part is used). */
        ASYMMETRIC_FORCE_CONSTANTS,
        /** The helical group of force constants read from files matches no (n, m) tube. */
        UNKNOWN_TUBE
    }

    public PhononWarning {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * The structure is not relaxed.
     *
     * @param maxForce largest force, Ha/Bohr
     */
    public static PhononWarning notRelaxed(double maxForce) {
        return new PhononWarning(Code.NOT_RELAXED, String.format(Locale.ROOT, "structure is not relaxed (largest force"
                + " %.3e Ha/Bohr): expect imaginary frequencies; use relaxation", maxForce),
                Map.of("max_force_ha_per_bohr", maxForce));
    }

    /** The tube has no translational period. */
    public static PhononWarning noPeriod() {
        return new PhononWarning(Code.NO_PERIOD, "the tube has no translational period (incommensurate twist): no"
                + " Gamma point of a translational cell, no linear dispersion", Map.of());
    }

    /**
     * Imaginary frequencies were found.
     *
     * @param inst       what was found (count, lowest frequency in cm^-1 and where)
     * @param tolerance  the imaginary tolerance, cm^-1
     * @param unrelaxed  whether the structure was computed here and not relaxed (adds a hint to the message)
     */
    public static PhononWarning imaginary(TubePhonons.Instability inst, double tolerance, boolean unrelaxed) {
        Map<String, Double> v = new LinkedHashMap<>();
        v.put("count", (double) inst.count());
        v.put("tolerance_cm1", tolerance);
        v.put("lowest_cm1", inst.lowest());
        v.put("lowest_at_nu", (double) inst.nu());
        v.put("lowest_at_kappa_rad", inst.kappa());
        return new PhononWarning(Code.IMAGINARY_FREQUENCIES, String.format(Locale.ROOT, "%d imaginary frequencies below"
                + " -%.3g cm^-1 (lowest %.3f cm^-1 at nu = %d, kappa = %.4f)%s", inst.count(), tolerance, inst.lowest(),
                inst.nu(), inst.kappa(), unrelaxed ? ": the structure was not relaxed" : ""), v);
    }

    /**
     * A zero mode is off.
     *
     * @param z the zero mode (frequency in cm^-1, pattern overlap in [0, 1])
     */
    public static PhononWarning poorZeroMode(IdentifiedMode z) {
        Map<String, Double> v = new LinkedHashMap<>();
        v.put("frequency_cm1", z.frequencyCm1());
        v.put("overlap", z.overlap());
        String m = String.format(Locale.ROOT, "zero mode '%s' at %.3f cm^-1 with pattern overlap %.4f (expected 0"
                + " cm^-1 and overlap 1)", z.name(), z.frequencyCm1(), z.overlap());
        return new PhononWarning(Code.POOR_ZERO_MODE, m, v);
    }

    /**
     * Force constants read from files break the tube's symmetry.
     *
     * @param residualRms relative RMS residual of the projection onto the symmetric blocks
     * @param residualMax relative largest entry of that residual
     */
    public static PhononWarning asymmetricForceConstants(double residualRms, double residualMax) {
        Map<String, Double> v = new LinkedHashMap<>();
        v.put("residual_relative", residualRms);
        v.put("residual_max_relative", residualMax);
        return new PhononWarning(Code.ASYMMETRIC_FORCE_CONSTANTS, String.format(Locale.ROOT, "the force constants are"
                + " not symmetric under the tube's group: relative residual %.3e (largest entry %.3e); the symmetric"
                + " part is analysed", residualRms, residualMax), v);
    }

    /** The helical group of force constants read from files matches no (n, m) tube. */
    public static PhononWarning unknownTube() {
        return new PhononWarning(Code.UNKNOWN_TUBE, "the helical group matches no (n, m) tube of this shape: modes are"
                + " labelled, the tube is not named", Map.of());
    }

    /** The message. */
    @Override
    public String toString() {
        return message;
    }
}

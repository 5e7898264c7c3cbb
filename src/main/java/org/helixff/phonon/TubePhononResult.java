package org.helixff.phonon;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.helixff.calculator.SymmetricResult;
import org.helixff.relax.RelaxationResult;
import org.helixff.symmetry.SymmetricStructure;

/**
 * Everything {@link TubePhonons#run} computed for one tube. Immutable. The workflow's intermediates (the raw force
 * constants, the sum-rule correction's own copy of them) stay in {@link TubePhonons.Prepared}; the result keeps
 * the corrected phonons and the numbers that describe how they were obtained ({@link ForceConstantSummary}).
 *
 * @param model                the calculator's name
 * @param options              the settings used
 * @param structure            the structure the phonons belong to (relaxed when asked)
 * @param relaxation           the relaxation, when one was run
 * @param energy               energy, forces and screw derivatives at the final structure; null for force
 *                             constants read from files
 * @param phonons              the symmetry-adapted phonons (force constants with sum rules when imposed)
 * @param forceConstantSummary how the force constants were obtained and corrected
 * @param dispersion           helical band structure on the requested kappa grid
 * @param gamma                Gamma spectrum of the translational cell (null without a period)
 * @param linear               dispersion of the translational cell from Gamma to pi/T (null without a period)
 * @param dos                  density of states per motif
 * @param zeroModes            axial translation, twist, transverse x+iy, transverse x-iy
 * @param rbm                  radial breathing mode
 * @param ringModes            ring modes m = 2..ringMax
 * @param gModes               G-band candidates (two highest modes of m = 0, 1, 2)
 * @param instability          imaginary frequencies found
 * @param warnings             checks that did not pass: unrelaxed structure, imaginary modes, missing period,
 *                             poor zero modes (and those of the caller, e.g. asymmetric force constants read
 *                             from files)
 * @param timingsMs            wall time of each stage, milliseconds (measured, informative only)
 */
public record TubePhononResult(String model, TubePhonons.Options options, SymmetricStructure structure,
        Optional<RelaxationResult> relaxation, SymmetricResult energy, HelicalPhonons phonons,
        ForceConstantSummary forceConstantSummary, HelicalDispersion dispersion, CellSpectrum gamma,
        LinearDispersion linear, DensityOfStates dos, List<IdentifiedMode> zeroModes, IdentifiedMode rbm,
        List<IdentifiedMode> ringModes, List<IdentifiedMode> gModes, TubePhonons.Instability instability,
        List<PhononWarning> warnings, Map<String, Double> timingsMs) {
    public TubePhononResult {
        Objects.requireNonNull(relaxation, "relaxation (Optional.empty() when none was run)");
        zeroModes = List.copyOf(zeroModes);
        ringModes = List.copyOf(ringModes);
        gModes = List.copyOf(gModes);
        warnings = List.copyOf(warnings);
        timingsMs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(timingsMs));
    }

    /**
     * How the force constants were obtained and corrected.
     *
     * @param method        how they were computed or where they were read ({@link ForceConstants#method()})
     * @param rawAsymmetry  relative Hessian asymmetry before symmetrisation ({@link ForceConstants#asymmetry()})
     * @param sumRules      the sum-rule correction, or null when the rules were not imposed
     */
    public record ForceConstantSummary(String method, double rawAsymmetry, SumRuleCorrection sumRules) {
        static ForceConstantSummary of(ForceConstants raw, SumRules.Outcome sr) {
            SumRuleCorrection c = sr == null ? null
                    : new SumRuleCorrection(sr.residualBefore(), sr.residualAfter(), sr.maxCorrection(), sr.maxEntry());
            return new ForceConstantSummary(raw.method(), raw.asymmetry(), c);
        }
    }

    /**
     * The numbers of an imposed sum-rule correction ({@link SumRules.Outcome} without the corrected constants).
     *
     * @param residualBefore largest rule residual before, Ha/Bohr
     * @param residualAfter  largest rule residual after, Ha/Bohr
     * @param maxCorrection  largest change of a force-constant entry, Ha/Bohr^2
     * @param maxEntry       largest force-constant entry, Ha/Bohr^2
     */
    public record SumRuleCorrection(double residualBefore, double residualAfter, double maxCorrection,
            double maxEntry) {
    }

    /** Whether a check of the given kind failed. */
    public boolean warned(PhononWarning.Code code) {
        return warnings.stream().anyMatch(w -> w.code() == code);
    }

    /** Whether every check passed: no imaginary frequencies beyond tolerance and no warnings. */
    public boolean clean() {
        return warnings.isEmpty();
    }
}

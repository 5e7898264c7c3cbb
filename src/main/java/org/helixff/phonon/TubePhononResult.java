package org.helixff.phonon;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.helixff.calculator.SymmetricResult;
import org.helixff.relax.RelaxationResult;
import org.helixff.symmetry.SymmetricStructure;

/**
 * Everything {@link TubePhonons#run} computed for one tube. Immutable.
 *
 * @param model        the calculator's name
 * @param options      the settings used
 * @param prepared     structure, relaxation, energy, raw and corrected force constants, the phonon object
 * @param dispersion   helical band structure on the requested kappa grid
 * @param gamma        Gamma spectrum of the translational cell (null without a period)
 * @param linear       dispersion of the translational cell from Gamma to pi/T (null without a period)
 * @param dos          density of states per motif
 * @param zeroModes    axial translation, twist, transverse x+iy, transverse x-iy
 * @param rbm          radial breathing mode
 * @param ringModes    ring modes m = 2..ringMax
 * @param gModes       G-band candidates (two highest modes of m = 0, 1, 2)
 * @param instability  imaginary frequencies found
 * @param warnings     one line each: unrelaxed structure, imaginary modes, missing period, poor zero modes
 * @param timingsMs    wall time of each stage, milliseconds (measured, informative only)
 */
public record TubePhononResult(String model, TubePhonons.Options options, TubePhonons.Prepared prepared,
        HelicalDispersion dispersion, CellSpectrum gamma, LinearDispersion linear, DensityOfStates dos,
        List<IdentifiedMode> zeroModes, IdentifiedMode rbm, List<IdentifiedMode> ringModes, List<IdentifiedMode> gModes,
        TubePhonons.Instability instability, List<String> warnings, Map<String, Double> timingsMs) {
    public TubePhononResult {
        zeroModes = List.copyOf(zeroModes);
        ringModes = List.copyOf(ringModes);
        gModes = List.copyOf(gModes);
        warnings = List.copyOf(warnings);
        timingsMs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(timingsMs));
    }

    /** The structure the phonons belong to (relaxed when asked). */
    public SymmetricStructure structure() {
        return prepared.structure();
    }

    /** The relaxation, when one was run. */
    public Optional<RelaxationResult> relaxation() {
        return Optional.ofNullable(prepared.relaxation());
    }

    /** Energy, forces and screw derivatives at the final structure; null for force constants read from files. */
    public SymmetricResult energy() {
        return prepared.energy();
    }

    /** The symmetry-adapted phonons (force constants with sum rules). */
    public HelicalPhonons phonons() {
        return prepared.phonons();
    }

    /** Whether every check passed: no imaginary frequencies beyond tolerance and no warnings. */
    public boolean clean() {
        return warnings.isEmpty();
    }
}

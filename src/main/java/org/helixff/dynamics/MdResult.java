package org.helixff.dynamics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Summary of a molecular-dynamics run (energies per atom in Hartree, temperatures in K, times in fs).
 *
 * @param steps                   steps taken
 * @param timestepFs              time step, fs
 * @param degreesOfFreedom        DOF used for the temperature
 * @param meanTemperature         mean kinetic temperature over steps 1..steps
 * @param temperatureStd          its standard deviation (instantaneous values)
 * @param initialConservedPerAtom conserved energy at step 0
 * @param driftPerAtom            conserved energy at the end minus at step 0
 * @param driftRatePerAtomPerPs   slope of a least-squares line through the conserved energy, Ha/atom/ps
 * @param maxDeviationPerAtom     largest |E(t) - E(0)| of the conserved energy
 * @param fluctuationPerAtom      standard deviation of the conserved energy
 * @param meanPotentialPerAtom    mean potential energy
 * @param meanScrewShift          mean screw shift h over the frames, Bohr (NaN for cells)
 * @param screwShiftStd           its standard deviation, Bohr (0 without axial coupling)
 * @param maxForceSigmaEpistemic  largest epistemic force sigma of a learned model over the frames where it was
 *                                computed, Ha/Bohr (NaN if never)
 * @param evaluations             force evaluations of the integrator since it was made
 * @param seconds                 wall time
 * @param last                    the final instant
 */
public record MdResult(long steps, double timestepFs, int degreesOfFreedom, double meanTemperature,
        double temperatureStd, double initialConservedPerAtom, double driftPerAtom, double driftRatePerAtomPerPs,
        double maxDeviationPerAtom, double fluctuationPerAtom, double meanPotentialPerAtom, double meanScrewShift,
        double screwShiftStd,
        double maxForceSigmaEpistemic, long evaluations, double seconds, MdFrame last) {

    static MdResult of(MdIntegrator md, long steps, MdStatistics s, double seconds) {
        return new MdResult(steps, md.options().timestepFs(), md.degreesOfFreedom(), s.meanTemperature(),
                s.temperatureStd(), s.initialConservedPerAtom(), s.driftPerAtom(), s.driftRatePerAtomPerPs(),
                s.maxDeviationPerAtom(), s.fluctuationPerAtom(), s.meanPotentialPerAtom(), s.meanScrewShift(),
                s.screwShiftStd(), s.maxForceSigmaEpistemic(),
                md.evaluations(), seconds, md.state());
    }

    /** JSON-ready form (NaN as null). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("steps", steps);
        m.put("timestep_fs", timestepFs);
        m.put("simulated_time_fs", steps * timestepFs);
        m.put("degrees_of_freedom", degreesOfFreedom);
        m.put("mean_temperature_K", nan(meanTemperature));
        m.put("temperature_std_K", nan(temperatureStd));
        m.put("initial_conserved_energy_per_atom_ha", nan(initialConservedPerAtom));
        m.put("energy_drift_per_atom_ha", nan(driftPerAtom));
        m.put("energy_drift_rate_per_atom_ha_per_ps", nan(driftRatePerAtomPerPs));
        m.put("energy_max_deviation_per_atom_ha", nan(maxDeviationPerAtom));
        m.put("energy_fluctuation_per_atom_ha", nan(fluctuationPerAtom));
        m.put("mean_potential_energy_per_atom_ha", nan(meanPotentialPerAtom));
        m.put("mean_screw_shift_bohr", nan(meanScrewShift));
        m.put("screw_shift_std_bohr", nan(screwShiftStd));
        m.put("max_force_sigma_epistemic_ha_per_bohr", nan(maxForceSigmaEpistemic));
        m.put("evaluations", evaluations);
        m.put("seconds", seconds);
        m.put("final_temperature_K", last.temperature());
        return m;
    }

    static Double nan(double v) {
        return Double.isFinite(v) ? v : null;
    }
}

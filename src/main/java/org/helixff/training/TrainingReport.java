package org.helixff.training;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a fit did: data sizes, the evidence iteration and training errors (physical units: Hartree per
 * atom, Hartree/Bohr). Training errors are in-sample; judge models by held-out tests.
 */
public record TrainingReport(int frames, int environments, int referenceCount, long energyRows, long forceRows,
        long stressRows, int iterations, boolean converged, boolean lambdaAtFloor, double lambda, double sigmaV2,
        double sigmaW2, double gamma, double logEvidence, double energyScale, double forceScale,
        Map<String, Double> energyOffsets, double trainEnergyRmse, double trainForceRmse, double seconds) {

    /** JSON-ready form. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("frames", frames);
        m.put("environments", environments);
        m.put("reference_count", referenceCount);
        m.put("energy_rows", energyRows);
        m.put("force_rows", forceRows);
        m.put("stress_rows", stressRows);
        m.put("evidence_iterations", iterations);
        m.put("evidence_converged", converged);
        m.put("lambda_at_floor", lambdaAtFloor);
        m.put("lambda", lambda);
        m.put("noise_variance_scaled", sigmaV2);
        m.put("weight_variance", sigmaW2);
        m.put("noise_precision_scaled", 1 / sigmaV2);
        m.put("weight_precision", 1 / sigmaW2);
        m.put("effective_parameters", gamma);
        m.put("log_evidence", logEvidence);
        m.put("energy_scale_ha_per_atom", energyScale);
        m.put("force_scale_ha_per_bohr", forceScale);
        m.put("energy_offsets_ha_per_atom", energyOffsets);
        m.put("train_energy_rmse_ha_per_atom", trainEnergyRmse);
        m.put("train_force_rmse_ha_per_bohr", trainForceRmse);
        m.put("seconds", seconds);
        return m;
    }
}

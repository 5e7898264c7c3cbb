package org.helixff.training;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Error statistics of predictions against labels: energy RMSE and max error per atom (Hartree), the
 * energy RMSE after removing the mean error of the set (what is left once a constant offset, e.g. the
 * curvature energy of an unseen tube, is taken out), force-component RMSE and max (Ha/Bohr).
 */
public record ErrorStats(int frames, int energyCount, double energyRmse, double energyMaxAbs, double energyMeanError,
        double energyRmseMeanRemoved, long forceCount, double forceRmse, double forceMaxAbs) {

    /** Statistics of the given predictions (frames without an energy or forces add nothing to that part). */
    public static ErrorStats of(List<FramePrediction> preds) {
        int ne = 0;
        double e2 = 0;
        double emax = 0;
        double esum = 0;
        long nfc = 0;
        double f2 = 0;
        double fmax = 0;
        for (FramePrediction p : preds) {
            TrainingFrame f = p.frame();
            if (f.hasEnergy()) {
                double err = p.energyError();
                ne++;
                e2 += err * err;
                esum += err;
                emax = Math.max(emax, Math.abs(err));
            }
            if (f.hasForces()) {
                double[] pf = p.forces();
                for (int q = 0; q < pf.length; q++) {
                    double err = pf[q] - f.force(q);
                    f2 += err * err;
                    fmax = Math.max(fmax, Math.abs(err));
                    nfc++;
                }
            }
        }
        double mean = ne > 0 ? esum / ne : Double.NaN;
        double var = ne > 0 ? Math.max(0, e2 / ne - mean * mean) : Double.NaN;
        return new ErrorStats(preds.size(), ne, ne > 0 ? Math.sqrt(e2 / ne) : Double.NaN, ne > 0 ? emax : Double.NaN,
                mean, Math.sqrt(var), nfc, nfc > 0 ? Math.sqrt(f2 / nfc) : Double.NaN, nfc > 0 ? fmax : Double.NaN);
    }

    /** JSON-ready form (NaN written as null by callers that need strict JSON). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("frames", frames);
        m.put("energy_frames", energyCount);
        m.put("energy_rmse_ha_per_atom", nanToNull(energyRmse));
        m.put("energy_max_abs_ha_per_atom", nanToNull(energyMaxAbs));
        m.put("energy_mean_error_ha_per_atom", nanToNull(energyMeanError));
        m.put("energy_rmse_mean_removed_ha_per_atom", nanToNull(energyRmseMeanRemoved));
        m.put("force_components", forceCount);
        m.put("force_rmse_ha_per_bohr", nanToNull(forceRmse));
        m.put("force_max_abs_ha_per_bohr", nanToNull(forceMaxAbs));
        return m;
    }

    private static Double nanToNull(double v) {
        return Double.isNaN(v) ? null : v;
    }
}

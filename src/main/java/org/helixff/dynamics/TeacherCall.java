package org.helixff.dynamics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One call of the teacher in the on-the-fly loop (Hartree per atom, Ha/Bohr, seconds). Errors compare
 * the model in use before the call (before the refit) with the teacher's label; they are NaN for the
 * initial frames, which are labelled before any model exists.
 *
 * @param index            1-based number of the call
 * @param tube             the tube being simulated, e.g. "(10,10)"
 * @param step             MD step of the labelled configuration (0 for the initial frames)
 * @param timeFs           simulated time of that step, fs
 * @param reason           "initial" or "uncertainty"
 * @param forceSigma       largest epistemic force sigma of the model over the motif components, Ha/Bohr
 * @param threshold        the threshold it exceeded, Ha/Bohr
 * @param energyError      model minus teacher energy per atom, Hartree
 * @param forceMaxError    largest |model - teacher| force component, Ha/Bohr
 * @param forceRmsError    RMS of the force component errors, Ha/Bohr
 * @param teacherEnergy    the teacher's energy per atom, Hartree
 * @param teacherMaxForce  the teacher's largest force component, Ha/Bohr
 * @param trainingFrames   training frames after adding this one
 * @param references       reference environments of the refitted model (0 when no refit followed)
 * @param trainForceRmse   training force RMSE of the refitted model, Ha/Bohr (NaN when no refit followed)
 * @param teacherSeconds   wall time of the teacher call
 * @param refitSeconds     wall time of the refit that followed (0 when none)
 * @param details          the teacher's own report (work directory, SCF iterations, fold spread, ...)
 */
public record TeacherCall(int index, String tube, long step, double timeFs, String reason, double forceSigma, double threshold,
        double energyError, double forceMaxError, double forceRmsError, double teacherEnergy, double teacherMaxForce,
        int trainingFrames, int references, double trainForceRmse, double teacherSeconds, double refitSeconds,
        Map<String, Object> details) {

    /** The same call with the refit that followed it. */
    TeacherCall withRefit(int refs, double rmse, double seconds) {
        return new TeacherCall(index, tube, step, timeFs, reason, forceSigma, threshold, energyError, forceMaxError,
                forceRmsError, teacherEnergy, teacherMaxForce, trainingFrames, refs, rmse, teacherSeconds, seconds,
                details);
    }

    /** JSON-ready form (NaN as null); the keys of the JSON-lines log. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("call", index);
        m.put("tube", tube);
        m.put("step", step);
        m.put("time_fs", timeFs);
        m.put("reason", reason);
        m.put("force_sigma_max_epistemic_ha_per_bohr", MdResult.nan(forceSigma));
        m.put("threshold_ha_per_bohr", MdResult.nan(threshold));
        m.put("energy_error_ha_per_atom", MdResult.nan(energyError));
        m.put("force_max_error_ha_per_bohr", MdResult.nan(forceMaxError));
        m.put("force_rms_error_ha_per_bohr", MdResult.nan(forceRmsError));
        m.put("teacher_energy_per_atom_ha", teacherEnergy);
        m.put("teacher_max_force_ha_per_bohr", teacherMaxForce);
        m.put("training_frames", trainingFrames);
        m.put("references", references);
        m.put("train_force_rmse_ha_per_bohr", MdResult.nan(trainForceRmse));
        m.put("teacher_seconds", teacherSeconds);
        m.put("refit_seconds", refitSeconds);
        m.put("teacher", details);
        return m;
    }
}

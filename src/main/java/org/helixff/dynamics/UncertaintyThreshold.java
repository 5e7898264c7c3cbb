package org.helixff.dynamics;

import java.util.Locale;
import org.helixff.InvalidInputException;
import org.helixff.model.KernelModel;
import org.helixff.model.ModelPosterior;

/**
 * When the on-the-fly loop calls the teacher: the largest epistemic force sigma exceeds
 * max(absolute, factor x sigma_noise), with sigma_noise the current model's fitted force-noise standard
 * deviation ({@link #noiseLevel}: sqrt(sigma_v^2) x force scale of its posterior, close to its training force
 * RMSE). An absolute threshold alone (factor 0) is predictable; a relative one follows the data's own noise
 * level (useful for DFT teachers whose labels are noisy).
 *
 * @param absolute Ha/Bohr, >= 0
 * @param factor   multiple of the noise level, >= 0
 */
public record UncertaintyThreshold(double absolute, double factor) {
    /**
     * @throws InvalidInputException for a negative or non-finite value, or both zero
     */
    public UncertaintyThreshold {
        if (!(absolute >= 0) || !(factor >= 0) || !Double.isFinite(absolute) || !Double.isFinite(factor)
                || (absolute == 0 && factor == 0)) {
            throw new InvalidInputException("uncertainty threshold: absolute " + absolute + " Ha/Bohr and factor "
                    + factor + " must be >= 0 and not both zero");
        }
    }

    /** An absolute threshold, Ha/Bohr (> 0). */
    public static UncertaintyThreshold absolute(double haPerBohr) {
        return new UncertaintyThreshold(haPerBohr, 0);
    }

    /** A threshold of {@code factor} (> 0) times the model's noise level. */
    public static UncertaintyThreshold relative(double factor) {
        return new UncertaintyThreshold(0, factor);
    }

    /**
     * Parses "3e-4" (absolute, Ha/Bohr) or "4x" (relative to the noise level).
     *
     * @throws InvalidInputException for anything else
     */
    public static UncertaintyThreshold parse(String s) {
        String t = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("x")) {
                return relative(Double.parseDouble(t.substring(0, t.length() - 1)));
            }
            return absolute(Double.parseDouble(t));
        } catch (NumberFormatException e) {
            throw new InvalidInputException("threshold '" + s + "' must be a number in Ha/Bohr (e.g. 3e-4) or a"
                    + " multiple of the model's force noise level (e.g. 4x)");
        }
    }

    /** The threshold for a model, Ha/Bohr. */
    public double value(KernelModel model) {
        return Math.max(absolute, factor * noiseLevel(model));
    }

    /** The fitted force-noise standard deviation of a model, Ha/Bohr (NaN without a posterior). */
    public static double noiseLevel(KernelModel model) {
        ModelPosterior p = model.posterior();
        return p == null ? Double.NaN : p.forceScale() * Math.sqrt(p.sigmaV2());
    }

    @Override
    public String toString() {
        if (factor == 0) {
            return absolute + " Ha/Bohr";
        }
        return factor + " x noise" + (absolute > 0 ? " (at least " + absolute + " Ha/Bohr)" : "");
    }
}

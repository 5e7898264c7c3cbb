package org.helixff.app;

import java.nio.file.Files;
import java.nio.file.Path;
import org.helixff.InvalidInputException;
import org.helixff.backend.Backends;
import org.helixff.calculator.Calculator;
import org.helixff.compute.Backend;
import org.helixff.io.ModelFile;
import org.helixff.model.KernelModel;
import org.helixff.model.ModelCalculator;
import org.helixff.teacher.Teachers;

/**
 * Resolves what a user names as a model: "default" (or nothing) is the bundled learned model,
 * "tersoff"/"tersoff-lb" the analytic teachers, anything else a model file. Learned models run on the
 * engine pair of the backend passed in ({@link Backends#engines}); the one-argument forms use the default
 * request ({@link Backends#requested()}).
 */
public final class Models {
    /** Name of the bundled model. */
    public static final String DEFAULT = "default";

    private Models() {
    }

    /**
     * A calculator for a model name or file, learned models on the default backend request.
     *
     * @throws InvalidInputException for an empty or unknown name
     */
    public static Calculator resolve(String spec) {
        return resolve(spec, Backends.requested());
    }

    /**
     * A calculator for a model name or file; learned models on the given backend.
     *
     * @param spec    "default" (or null), a teacher name, or a model file
     * @param backend the backend for learned models (null: AUTO); teachers ignore it
     * @throws InvalidInputException for an empty or unknown name
     * @throws org.helixff.compute.BackendUnavailableException for CUDA without a usable GPU
     */
    public static Calculator resolve(String spec, Backend backend) {
        if (spec != null && spec.isBlank()) {
            throw new InvalidInputException("empty model name: give default, " + String.join(", ", Teachers.names())
                    + " or a model file");
        }
        if (spec == null || spec.equals(DEFAULT)) {
            return calculator(DefaultModel.load(), backend);
        }
        if (Teachers.names().contains(spec)) {
            return Teachers.byName(spec);
        }
        Path p = Path.of(spec);
        if (!Files.exists(p)) {
            throw new InvalidInputException("unknown model '" + spec + "': neither default, "
                    + String.join(", ", Teachers.names()) + " nor an existing model file");
        }
        return calculator(ModelFile.read(p), backend);
    }

    /** A learned model as a calculator on the default backend request. */
    public static ModelCalculator calculator(KernelModel model) {
        return calculator(model, Backends.requested());
    }

    /**
     * A learned model as a calculator on the given backend.
     *
     * @throws org.helixff.compute.BackendUnavailableException for CUDA without a usable GPU
     */
    public static ModelCalculator calculator(KernelModel model, Backend backend) {
        return new ModelCalculator(model, Backends.engines(model.soap(), backend));
    }
}

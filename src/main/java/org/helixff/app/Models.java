package org.helixff.app;

import java.nio.file.Files;
import java.nio.file.Path;
import org.helixff.InvalidInputException;
import org.helixff.backend.Backends;
import org.helixff.calculator.Calculator;
import org.helixff.io.ModelFile;
import org.helixff.model.KernelModel;
import org.helixff.model.ModelCalculator;
import org.helixff.teacher.Teachers;

/**
 * Resolves what a user names as a model: "default" (or nothing) is the bundled learned model,
 * "tersoff"/"tersoff-lb" the analytic teachers, anything else a model file. Learned models get the
 * descriptor engine of the backend chosen in {@link Backends}.
 */
public final class Models {
    /** Name of the bundled model. */
    public static final String DEFAULT = "default";

    private Models() {
    }

    /** A calculator for a model name or file. */
    public static Calculator resolve(String spec) {
        if (spec != null && spec.isBlank()) {
            throw new InvalidInputException("empty model name: give default, " + String.join(", ", Teachers.names())
                    + " or a model file");
        }
        if (spec == null || spec.equals(DEFAULT)) {
            return calculator(DefaultModel.load());
        }
        if (Teachers.names().contains(spec)) {
            return Teachers.byName(spec);
        }
        Path p = Path.of(spec);
        if (!Files.exists(p)) {
            throw new InvalidInputException("unknown model '" + spec + "': neither default, "
                    + String.join(", ", Teachers.names()) + " nor an existing model file");
        }
        return calculator(ModelFile.read(p));
    }

    /** A learned model as a calculator on the requested backend. */
    public static ModelCalculator calculator(KernelModel model) {
        return new ModelCalculator(model, Backends.descriptorEngine(model.soap()));
    }
}

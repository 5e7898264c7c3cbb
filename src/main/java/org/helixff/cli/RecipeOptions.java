package org.helixff.cli;

import java.util.List;
import java.util.function.UnaryOperator;
import org.helixff.InvalidInputException;
import org.helixff.app.DefaultModel;
import org.helixff.training.TrainingOptions;
import picocli.CommandLine.Option;

/**
 * The options {@code train} and {@code cv} share (a picocli mixin): the data, the reference size and the offset
 * group; and the one rule that turns them, or {@code --default-recipe}, into a {@link Recipe}.
 */
final class RecipeOptions {
    @Option(names = "--data", arity = "1..*", description = "training data (files or dataset:...)")
    List<String> data;

    @Option(names = "--reference-size", defaultValue = "1000", description = "reference environments M (default: ${DEFAULT-VALUE})")
    int referenceSize;

    @Option(names = "--offset-group", description = "energy group whose reference the model predicts in (default: the first)")
    String offsetGroup;

    /**
     * The data and settings of a fit.
     *
     * @param sources       data sources (files or dataset:...)
     * @param options       the fit's settings
     * @param defaultRecipe whether they are the bundled default model's
     */
    record Recipe(List<String> sources, TrainingOptions options, boolean defaultRecipe) {
    }

    /**
     * The bundled default model's data and settings ({@link DefaultModel}), or {@code --data} with the reference
     * size, the offset group and the command's own settings.
     *
     * @param defaultRecipe the command's {@code --default-recipe}
     * @param settings      the command's other settings, applied to a builder holding the shared ones (not called
     *                      for the default recipe)
     * @throws InvalidInputException without {@code --data} and without {@code --default-recipe}, or for settings out
     *                               of range
     */
    Recipe resolve(boolean defaultRecipe, UnaryOperator<TrainingOptions.Builder> settings) {
        if (defaultRecipe) {
            return new Recipe(DefaultModel.SOURCES, DefaultModel.options(), true);
        }
        if (data == null || data.isEmpty()) {
            throw new InvalidInputException("--data is required (or --default-recipe)");
        }
        TrainingOptions.Builder b = TrainingOptions.builder().referenceSize(referenceSize).offsetGroup(offsetGroup);
        return new Recipe(data, settings.apply(b).build(), false);
    }
}

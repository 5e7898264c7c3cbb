package org.helixff.cli;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.helixff.InvalidInputException;
import org.helixff.app.DefaultModel;
import org.helixff.training.BayesianRegression;
import org.helixff.training.TrainingOptions;
import picocli.CommandLine.Option;

/**
 * The options {@code train} and {@code cv} share (a picocli mixin): the data, the reference size, the offset
 * group, the group weights and the ridge floor; and the one rule that turns them, or {@code --default-recipe},
 * into a {@link Recipe}.
 */
final class RecipeOptions {
    @Option(names = "--data", arity = "1..*", description = "training data (files or dataset:...)")
    List<String> data;

    @Option(names = "--reference-size", defaultValue = "1000", description = "reference environments M (default: ${DEFAULT-VALUE})")
    int referenceSize;

    @Option(names = "--offset-group", description = "energy group whose reference the model predicts in (default: the first)")
    String offsetGroup;

    @Option(names = "--group-weight", paramLabel = "GROUP=W", description = "weigh every row (energies and forces)"
            + " of energy group GROUP by W > 0, e.g. SPARC=0.1 for data taken as sqrt(10) times noisier; repeatable"
            + " (default: 1 for every group)")
    Map<String, String> groupWeights;

    @Option(names = "--lambda-floor", defaultValue = "" + BayesianRegression.Options.DEFAULT_FLOOR, description = "floor of the ridge relative to the"
            + " largest eigenvalue of the design's normal matrix (default: ${DEFAULT-VALUE}); a higher floor keeps the"
            + " weights, and the energy's round-off, smaller")
    double lambdaFloor;

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
        TrainingOptions.Builder b = TrainingOptions.builder().referenceSize(referenceSize).offsetGroup(offsetGroup)
                .groupWeights(parsedGroupWeights())
                .regression(regression());
        return new Recipe(data, settings.apply(b).build(), false);
    }

    /** The evidence maximisation's defaults with {@code --lambda-floor}. */
    private BayesianRegression.Options regression() {
        BayesianRegression.Options d = BayesianRegression.Options.defaults();
        return new BayesianRegression.Options(lambdaFloor, d.maxIterations(), d.tolerance());
    }

    /** {@code --group-weight} as numbers; one line naming the entry when a weight is not a number. */
    private Map<String, Double> parsedGroupWeights() {
        Map<String, Double> w = new TreeMap<>();
        if (groupWeights != null) {
            for (Map.Entry<String, String> e : groupWeights.entrySet()) {
                try {
                    w.put(e.getKey(), Double.parseDouble(e.getValue().trim()));
                } catch (NumberFormatException ex) {
                    throw new InvalidInputException("--group-weight " + e.getKey() + "=" + e.getValue()
                            + ": the weight is not a number");
                }
            }
        }
        return w;
    }
}

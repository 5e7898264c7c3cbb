package org.helixff.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.helixff.InvalidInputException;
import org.helixff.Progress;
import org.helixff.model.ModelCalculator;
import org.helixff.model.ModelFixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Per-group row weights ({@link TrainingOptions#groupWeights()}): data from a noisier source weighed down. Oracle:
 * a model trained on exact teacher frames plus frames of other tubes whose forces carry strong random noise
 * predicts exact frames of an unseen tube better when the noisy group is weighed down; weights of 1 change nothing;
 * a weight for a group the data lack, or a weight that is not positive, is refused.
 */
class GroupWeightTest {
    private static final double NOISE_OF_RMS_FORCE = 0.5;

    private static List<TrainingFrame> training;
    private static List<TrainingFrame> unseen;

    @BeforeAll
    static void data() {
        training = new ArrayList<>();
        for (TrainingFrame f : ModelFixtures.toyFrames(6, 5, new int[] {7, 7}, new int[] {12, 0})) {
            training.add(f.withGroup("exact"));
        }
        List<TrainingFrame> other = ModelFixtures.toyFrames(6, 41, new int[] {10, 5}, new int[] {8, 0});
        double sum = 0;
        int n = 0;
        for (TrainingFrame f : other) {
            for (double x : f.forces()) {
                sum += x * x;
                n++;
            }
        }
        double sigma = NOISE_OF_RMS_FORCE * Math.sqrt(sum / n);
        Random rnd = new Random(3);
        for (TrainingFrame f : other) {
            double[] noisy = f.forces().clone();
            for (int q = 0; q < noisy.length; q++) {
                noisy[q] += sigma * rnd.nextGaussian();
            }
            training.add(TrainingFrame.symmetric(f.symmetricStructure(), f.energyPerAtom(), noisy, Double.NaN,
                    "noisy", f.name()));
        }
        unseen = new ArrayList<>();
        for (TrainingFrame f : ModelFixtures.toyFrames(4, 77, new int[] {9, 3})) {
            unseen.add(f.withGroup("exact"));
        }
    }

    private static TrainingOptions.Builder options() {
        return TrainingOptions.builder().soap(ModelFixtures.TOY_SOAP).referenceSize(60).offsetGroup("exact");
    }

    private static Trainer.Result train(TrainingOptions opt) {
        return Trainer.train(training, opt, ModelFixtures.toyEngine(), Progress.NONE);
    }

    private static double unseenForceRmse(Trainer.Result r) {
        return Evaluation.evaluate(new ModelCalculator(r.model(), ModelFixtures.toyEngine()), unseen,
                r.report().energyOffsets(), Progress.NONE).forceRmse();
    }

    @Test
    void weighingTheNoisyGroupDownHelpsOnAnUnseenTube() {
        double plain = unseenForceRmse(train(options().build()));
        double down = unseenForceRmse(train(options().groupWeight("noisy", 0.01).build()));
        double up = unseenForceRmse(train(options().groupWeight("noisy", 100).build()));
        System.err.printf("GroupWeightTest: unseen (9,3) force RMSE, noisy group weighed 0.01 / 1 / 100: %.3e %.3e"
                + " %.3e%n", down, plain, up);
        assertTrue(down < plain, "weighing noisy data down: " + down + " vs " + plain);
        assertTrue(plain < up, "weighing noisy data up: " + plain + " vs " + up);
    }

    @Test
    void unitWeightsChangeNothing() {
        Trainer.Result plain = train(options().build());
        Trainer.Result ones = train(options().groupWeight("noisy", 1).groupWeight("exact", 1).build());
        assertArrayEquals(plain.model().weights(), ones.model().weights(), 0.0);
        assertEquals(Map.of("exact", 1.0, "noisy", 1.0), ones.model().metadata().get("group_weights"));
        assertTrue(!plain.model().metadata().containsKey("group_weights"), "no key without weights");
    }

    @Test
    void refusesUnknownGroupsAndNonPositiveWeights() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> train(options().groupWeight("SPARC", 0.1).build()));
        assertTrue(e.getMessage().contains("'SPARC'") && e.getMessage().contains("exact, noisy"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> options().groupWeight("noisy", 0).build());
        assertThrows(InvalidInputException.class, () -> options().groupWeight("noisy", Double.NaN).build());
        assertThrows(InvalidInputException.class, () -> options().groupWeight("noisy", -1).build());
    }
}

package org.helixff.model;

import java.util.ArrayList;
import java.util.List;
import org.helixff.Progress;
import org.helixff.calculator.SiteCalculator;
import org.helixff.calculator.ToySiteModel;
import org.helixff.descriptor.DescriptorEngine;
import org.helixff.descriptor.SoapParameters;
import org.helixff.structure.Nanotube;
import org.helixff.symmetry.SymmetricStructure;
import org.helixff.training.TeacherData;
import org.helixff.training.Trainer;
import org.helixff.training.TrainingFrame;
import org.helixff.training.TrainingOptions;

/** Small models trained on a toy teacher with the toy descriptor, for machinery tests. */
public final class ModelFixtures {
    private ModelFixtures() {
    }

    public static final SoapParameters TOY_SOAP = new SoapParameters(7.0, 0.8, 8, 0, SoapParameters.SPHERICAL_BESSEL);

    public static DescriptorEngine toyEngine() {
        return new ToyDescriptorEngine(TOY_SOAP);
    }

    public static SiteCalculator toyTeacher() {
        return new SiteCalculator(new ToySiteModel(4.5));
    }

    public static List<TrainingFrame> toyFrames(int perTube, long seed, int[]... tubes) {
        List<TrainingFrame> all = new ArrayList<>();
        for (int[] t : tubes) {
            SymmetricStructure s = SymmetricStructure.fromTube(Nanotube.of(t[0], t[1]));
            all.addAll(TeacherData.generate(List.of(s), perTube, toyTeacher(),
                    TeacherData.Options.builder().seed(seed + 31L * t[0] + t[1]).build(), "toy", Progress.NONE));
        }
        return all;
    }

    public static Trainer.Result trainToy(int perTube, int references) {
        List<TrainingFrame> frames = toyFrames(perTube, 5, new int[] {7, 7}, new int[] {12, 0}, new int[] {10, 5});
        TrainingOptions opt = TrainingOptions.builder().soap(TOY_SOAP).referenceSize(references).name("toy").build();
        return Trainer.train(frames, opt, toyEngine(), Progress.NONE);
    }
}

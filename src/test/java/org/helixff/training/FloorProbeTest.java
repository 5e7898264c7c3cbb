package org.helixff.training;

import java.util.ArrayList;
import java.util.List;
import org.helixff.Progress;
import org.helixff.calculator.Calculator;
import org.helixff.descriptor.CpuSoapEngine;
import org.helixff.descriptor.DescriptorEngine;
import org.helixff.descriptor.SoapParameters;
import org.helixff.dynamics.RelaxationResult;
import org.helixff.dynamics.Relaxer;
import org.helixff.model.ModelCalculator;
import org.helixff.phonon.TubePhononResult;
import org.helixff.phonon.TubePhonons;
import org.helixff.structure.Nanotube;
import org.helixff.symmetry.SymmetricStructure;
import org.helixff.teacher.Teachers;
import org.junit.jupiter.api.Test;

class FloorProbeTest {
    @Test
    void probe() {
        Calculator teacher = Teachers.byName("tersoff-lb");
        List<TrainingFrame> train = new ArrayList<>();
        for (int[] t : new int[][] {{7, 7}, {12, 0}, {10, 5}}) {
            SymmetricStructure ideal = SymmetricStructure.fromTube(Nanotube.of(t[0], t[1]));
            SymmetricStructure relaxed = new Relaxer(teacher, Relaxer.Options.defaults().withFreeAxial(true))
                    .relax(ideal).structure();
            train.addAll(TeacherData.generate(List.of(ideal, relaxed), 80, teacher,
                    TeacherData.Options.defaults().withSeed(100 + 31L * t[0] + t[1]), "tersoff-lb", Progress.NONE));
            int cells = t[0] == 10 && t[1] == 5 ? 1 : 2;
            train.addAll(TeacherData.generateCells(List.of(relaxed), cells, 4, teacher,
                    new TeacherData.Options(0.1, 0.01, 0.0, 7 + t[0]), "tersoff-lb", Progress.NONE));
        }
        DescriptorEngine engine = new CpuSoapEngine(SoapParameters.defaults());
        TubePhonons.Options o = TubePhonons.Options.defaults().withRelax(true, true);
        TubePhononResult pt = TubePhonons.run(teacher, SymmetricStructure.fromTube(Nanotube.of(8, 8)), o, Progress.NONE);
        for (double floor : new double[] {1e-18, 1e-17, 1e-16, 1e-15}) {
            TrainingOptions opt = TrainingOptions.defaults().withReferenceSize(600).withRegression(new BayesianRegression.Options(floor, 500, 1e-9));
            Trainer.Result r = Trainer.train(train, opt, engine, Progress.NONE);
            double sw = 0;
            for (double w : r.model().weights()) sw += Math.abs(w);
            ModelCalculator model = new ModelCalculator(r.model(), engine);
            TubePhononResult pm = TubePhonons.run(model, SymmetricStructure.fromTube(Nanotube.of(8, 8)), o, Progress.NONE);
            double[] gm = pm.gamma().sortedFrequencies();
            double[] gt = pt.gamma().sortedFrequencies();
            double s = 0;
            for (int i = 0; i < gm.length; i++) s += (gm[i] - gt[i]) * (gm[i] - gt[i]);
            StringBuilder b = new StringBuilder();
            for (int[] t : new int[][] {{20, 20}, {40, 39}}) {
                RelaxationResult rr = new Relaxer(model, Relaxer.Options.defaults().withFreeAxial(true))
                        .relax(SymmetricStructure.fromTube(Nanotube.of(t[0], t[1])));
                b.append(String.format(" (%d,%d) %s %s", t[0], t[1], rr.converged(), rr.converged() ? "" : rr.status()));
            }
            System.out.printf("FLOOR %.0e lambda %.3e floored %s sum|w| %.3e trainF %.2e (8,8) Gamma RMSE %.2f imag %d |%s%n", floor,
                    r.report().lambda(), r.report().lambdaAtFloor(), sw, r.report().trainForceRmse(), Math.sqrt(s / gm.length),
                    pm.instability().count(), b);
        }
    }
}

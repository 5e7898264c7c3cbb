package org.helixff.phonon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.helixff.Progress;
import org.helixff.calculator.Calculator;
import org.helixff.compute.cpu.CpuSoapEngine;
import org.helixff.descriptor.DescriptorEngine;
import org.helixff.descriptor.SoapParameters;
import org.helixff.model.ModelCalculator;
import org.helixff.relax.Relaxer;
import org.helixff.structure.Nanotube;
import org.helixff.symmetry.SymmetricStructure;
import org.helixff.teacher.Teachers;
import org.helixff.training.TeacherData;
import org.helixff.training.Trainer;
import org.helixff.training.TrainingFrame;
import org.helixff.training.TrainingOptions;
import org.junit.jupiter.api.Test;

/**
 * The learned model reproduces its teacher's phonons on a tube it never saw. Trained on Lindsay-Broido-Tersoff
 * frames of (7,7), (12,0), (10,5): 80 symmetric frames each (as in the model issue) plus 4 non-symmetric full
 * cells each (every atom displaced independently by up to 0.1 Bohr). Symmetric frames alone constrain only
 * motions in which every image moves alike, i.e. the (kappa, nu) = (0, 0) block; measured without the cells:
 * RBM within 0.3 cm^-1 but hundreds of imaginary branches elsewhere (README). Compared on (8,8), each model
 * relaxed with free axial period.
 */
class LearnedPhononTransferTest {
    /** The paper's phonon RMSE against DFPT (arXiv:2408.07554) is 4.8 cm^-1; the issue asks for <= 5. */
    private static final double PHONON_RMSE_BAR = 5.0;

    @Test
    void modelPhononsOfAnUnseenTubeMatchTheTeacher() {
        Calculator teacher = Teachers.byName("tersoff-lb");
        List<TrainingFrame> train = new ArrayList<>();
        for (int[] t : new int[][] {{7, 7}, {12, 0}, {10, 5}}) {
            SymmetricStructure ideal = SymmetricStructure.fromTube(Nanotube.of(t[0], t[1]));
            SymmetricStructure relaxed = new Relaxer(teacher, Relaxer.Options.builder().freeAxial(true).build())
                    .relax(ideal).structure();
            train.addAll(TeacherData.generate(List.of(ideal, relaxed), 80, teacher,
                    TeacherData.Options.builder().seed(100 + 31L * t[0] + t[1]).build(), "tersoff-lb", Progress.NONE));
            int cells = t[0] == 10 && t[1] == 5 ? 1 : 2; // (10,5) has 140 atoms per cell already
            train.addAll(TeacherData.generateCells(List.of(relaxed), cells, 4, teacher,
                    new TeacherData.Options(0.1, 0.01, 0.0, 7 + t[0]), "tersoff-lb", Progress.NONE));
        }
        DescriptorEngine engine = new CpuSoapEngine(SoapParameters.defaults());
        Trainer.Result r = Trainer.train(train, TrainingOptions.builder().referenceSize(600).build(), engine,
                Progress.NONE);
        ModelCalculator model = new ModelCalculator(r.model(), engine);

        TubePhonons.Options o = TubePhonons.Options.builder().relax(true).freeAxial(true).build();
        TubePhononResult pm = TubePhonons.run(model, SymmetricStructure.fromTube(Nanotube.of(8, 8)), o, Progress.NONE);
        TubePhononResult pt = TubePhonons.run(teacher, SymmetricStructure.fromTube(Nanotube.of(8, 8)), o, Progress.NONE);
        double[] gm = pm.gamma().sortedFrequencies();
        double[] gt = pt.gamma().sortedFrequencies();
        assertEquals(gt.length, gm.length);
        double s = 0;
        for (int i = 0; i < gm.length; i++) {
            s += (gm[i] - gt[i]) * (gm[i] - gt[i]);
        }
        double gammaRmse = Math.sqrt(s / gm.length);
        HelicalDispersion dm = pm.dispersion();
        HelicalDispersion dt = pt.dispersion();
        double s2 = 0;
        int c = 0;
        for (int nu = 0; nu < dm.cyclicOrder(); nu++) {
            for (int k = 0; k < dm.kappaPoints(); k++) {
                for (int b = 0; b < dm.branches(); b++) {
                    double d = dm.frequency(nu, k, b) - dt.frequency(nu, k, b);
                    s2 += d * d;
                    c++;
                }
            }
        }
        double dispRmse = Math.sqrt(s2 / c);
        System.out.printf("(8,8) learned vs Lindsay-Broido Tersoff: Gamma RMSE %.2f cm^-1, (kappa, nu) dispersion RMSE"
                + " %.2f cm^-1, RBM %.2f vs %.2f cm^-1%n", gammaRmse, dispRmse, pm.rbm().frequencyCm1(),
                pt.rbm().frequencyCm1());
        assertTrue(gammaRmse <= PHONON_RMSE_BAR, "Gamma RMSE " + gammaRmse);
        assertTrue(dispRmse <= PHONON_RMSE_BAR, "dispersion RMSE " + dispRmse);
        assertEquals(0, pm.instability().count(), "imaginary modes of the learned model");
    }
}

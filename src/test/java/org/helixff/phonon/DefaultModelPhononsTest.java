package org.helixff.phonon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.helixff.Progress;
import org.helixff.Tolerances;
import org.helixff.Units;
import org.helixff.calculator.Calculator;
import org.helixff.app.Models;
import org.helixff.structure.Nanotube;
import org.helixff.symmetry.SymmetricStructure;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 acceptance: the default model, relaxed with free axial period, has no mode below -1 cm^-1 (apart from
 * the four zero modes, which the sum rules put at 0) for tubes from 0.56 to 5.4 nm, armchair, zigzag and chiral;
 * the 0.1.0 model had 114-5280 imaginary modes on every tube of d >= 2 nm. And the laws over the same ten tubes
 * (what {@code phonons --series} prints): log-log RBM slope -1 +- 0.03, A of RBM = A/d + B in 227-248 cm^-1 nm
 * (experiment), ring m=2 law R^2 >= 0.99. Measured with the 0.3 model: slope -0.996, A 228.6, R^2 0.994.
 */
@Tag("heavy")
class DefaultModelPhononsTest {
    private static final int[][] TUBES = {{5, 5}, {8, 0}, {6, 5}, {10, 10}, {12, 6}, {15, 15}, {20, 20}, {26, 0},
        {30, 10}, {40, 39}};

    @Test
    void noImaginaryModesAcrossTheTubeSpace() {
        Calculator model = Models.resolve("default");
        TubePhonons.Options o = TubePhonons.Options.builder().relax(true).freeAxial(true).build();
        List<String> bad = new ArrayList<>();
        List<PhononLaws.TubeModes> modes = new ArrayList<>();
        for (int[] t : TUBES) {
            TubePhononResult r = TubePhonons.run(model, SymmetricStructure.fromTube(Nanotube.of(t[0], t[1])), o,
                    Progress.NONE);
            double[] ring = r.ringModes().stream().mapToDouble(m -> m.frequencyCm1()).toArray();
            double d = Units.bohrToAngstrom(2 * r.structure().meanRadius()) / 10;
            modes.add(new PhononLaws.TubeModes(t[0], t[1], d, r.rbm().frequencyCm1(), r.rbm().overlap(), ring, true));
            assertEquals(1.0, r.instability().tolerance(), Tolerances.EXACT, "the issue's bar: modes below -1 cm^-1");
            if (r.instability().count() != 0) {
                bad.add("(" + t[0] + "," + t[1] + "): " + r.instability().count() + " modes, lowest "
                        + r.instability().lowest() + " cm^-1");
            }
        }
        assertTrue(bad.isEmpty(), "imaginary modes: " + bad);
        PhononLaws.LawFit fit = PhononLaws.fit(modes);
        System.err.printf("DefaultModelPhononsTest: RBM log-log slope %.4f, A %.1f cm^-1 nm (B %.2f), ring m=2 R^2"
                + " %.4f%n", fit.logSlope(), fit.rbmA(), fit.rbmB(), fit.ringR2()[0]);
        assertEquals(-1.0, fit.logSlope(), 0.03, "RBM log-log slope");
        assertTrue(fit.rbmA() >= 227 && fit.rbmA() <= 248, "RBM law A = " + fit.rbmA() + " cm^-1 nm");
        assertEquals(2, fit.ringM()[0]);
        assertTrue(fit.ringR2()[0] >= 0.99, "ring m=2 law R^2 = " + fit.ringR2()[0]);
    }
}

package org.helixff.phonon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.helixff.Progress;
import org.helixff.Tolerances;
import org.helixff.calculator.Calculator;
import org.helixff.app.Models;
import org.helixff.structure.Nanotube;
import org.helixff.symmetry.SymmetricStructure;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 acceptance: the default model, relaxed with free axial period, has no mode below -1 cm^-1 (apart from
 * the four zero modes, which the sum rules put at 0) for tubes from 0.56 to 5.4 nm, armchair, zigzag and chiral;
 * the RBM law over them has a log-log slope near -1. The 0.1.0 model had 114-5280 imaginary modes on every tube of
 * d >= 2 nm.
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
        for (int[] t : TUBES) {
            TubePhononResult r = TubePhonons.run(model, SymmetricStructure.fromTube(Nanotube.of(t[0], t[1])), o,
                    Progress.NONE);
            assertEquals(1.0, r.instability().tolerance(), Tolerances.EXACT, "the issue's bar: modes below -1 cm^-1");
            if (r.instability().count() != 0) {
                bad.add("(" + t[0] + "," + t[1] + "): " + r.instability().count() + " modes, lowest "
                        + r.instability().lowest() + " cm^-1");
            }
        }
        assertTrue(bad.isEmpty(), "imaginary modes: " + bad);
    }
}

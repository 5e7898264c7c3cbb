package org.helixff.phonon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.helixff.Progress;
import org.helixff.calculator.Calculator;
import org.helixff.relax.Relaxer;
import org.helixff.structure.Nanotube;
import org.helixff.symmetry.SymmetricStructure;
import org.helixff.teacher.Teachers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The four zero modes after the sum rules, where docs/method.md eqs. (5.11a-c) put them, for several cyclic orders. */
class ZeroModeTest {
    /** The issue's threshold for a zero mode, cm^-1. */
    private static final double ZERO_CM1 = 1.0;
    /** Kappa grid of the search (plus kappa = 0, +-alpha); coarse enough that no flexural point falls below 1 cm^-1. */
    private static final int GRID = 24;
    /** Overlap of an identified zero mode with its pattern (the sum rules make the patterns exact eigenvectors). */
    private static final double OVERLAP = 0.9999;

    private static HelicalPhonons phonons(Calculator c, int n, int m) {
        SymmetricStructure s = new Relaxer(c, Relaxer.Options.builder().forceTolerance(1e-8).freeAxial(true).build())
                .relax(SymmetricStructure.fromTube(Nanotube.of(n, m))).structure();
        ForceConstants raw = new FiniteDifferenceForceConstants(c, DisplacementScheme.defaults()).compute(s,
                Progress.NONE);
        return new HelicalPhonons(SumRules.impose(raw).forceConstants());
    }

    @ParameterizedTest
    @CsvSource({"tersoff-lb,10,10", "tersoff-lb,10,5", "tersoff,12,0", "tersoff-lb,8,2", "tersoff-lb,9,2"})
    void exactlyFourZeroModesAtTheirPredictedBlocks(String model, int n, int m) {
        HelicalPhonons ph = phonons(Teachers.byName(model), n, m);
        int nn = ph.cyclicOrder();
        double alpha = ph.group().screwAngle();
        List<ModeAnalysis.LowMode> low = ModeAnalysis.lowModes(ph, GRID, ZERO_CM1);
        assertEquals(4, low.size(), "zero modes found: " + low);
        List<String> found = new ArrayList<>();
        for (ModeAnalysis.LowMode z : low) {
            found.add(z.nu() + "@" + Math.round(z.kappa() * 1e9));
        }
        List<String> expected = new ArrayList<>(List.of("0@0", "0@0",
                Math.floorMod(1, nn) + "@" + Math.round(HelicalPhonons.wrap(alpha) * 1e9),
                Math.floorMod(-1, nn) + "@" + Math.round(HelicalPhonons.wrap(-alpha) * 1e9)));
        found.sort(null);
        expected.sort(null);
        assertEquals(expected, found);

        List<IdentifiedMode> zm = ModeAnalysis.zeroModes(ph);
        for (IdentifiedMode z : zm) {
            assertTrue(Math.abs(z.frequencyCm1()) < ZERO_CM1, z.toString());
            assertTrue(z.overlap() > OVERLAP, z.toString());
        }
        IdentifiedMode axial = zm.get(0);
        IdentifiedMode twist = zm.get(1);
        assertEquals("twist", twist.name());
        assertTrue(twist.tangential() > OVERLAP, "the twist is tangential: " + twist);
        assertTrue(axial.axial() > OVERLAP, "the axial translation is axial: " + axial);
        assertTrue(twist.branch() != axial.branch(), "two different eigenvectors");
        // the flexural branch next to the transverse zero mode is real after the rotational sum rules
        // (axial wave vector 0.01 / Bohr: kappa = alpha + kz h)
        double[] near = ph.frequencies(alpha + 0.01 * ph.group().screwShift(), 1);
        assertTrue(near[0] > 0 && near[0] < 10, "flexural mode near (1, alpha): " + near[0]);
    }
}

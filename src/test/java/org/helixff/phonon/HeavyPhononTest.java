package org.helixff.phonon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.helixff.Progress;
import org.helixff.calculator.Calculator;
import org.helixff.relax.Relaxer;
import org.helixff.structure.Nanotube;
import org.helixff.symmetry.SymmetricStructure;
import org.helixff.teacher.Teachers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Heavy variants (run with -Pheavy): a large chiral cell against the full-cell oracle, and the (40,39) workflow. */
@Tag("heavy")
class HeavyPhononTest {
    /** The RBM law of small tubes carried to d = 5.4 nm, relative: B/d and curvature corrections. */
    private static final double RBM_LAW_REL = 0.05;
    /** A zero mode after the sum rules is its rigid pattern to this fraction. */
    private static final double ZERO_MODE_OVERLAP = 0.999;
    /** The DOS integrates to 3 x motif size: Gaussian tails cut at the grid ends. */
    private static final double DOS_NORMALISATION = 1e-6;
    /** As in FullCellConsistencyTest: all frequencies within 1e-6 of the largest. */
    private static final double REL_TOL = 1e-6;

    @Test
    void largeChiralCellAgreesWithTheFullCellOracle() {
        Calculator c = Teachers.byName("tersoff-lb");
        SymmetricStructure s = new Relaxer(c, Relaxer.Options.builder().forceTolerance(1e-8).build())
                .relax(SymmetricStructure.fromTube(Nanotube.of(9, 6))).structure();
        FullCellPhonons full = FullCellPhonons.compute(c, s.expand(1), DisplacementScheme.defaults(), Progress.NONE);
        HelicalPhonons ph = new HelicalPhonons(
                new FiniteDifferenceForceConstants(c, DisplacementScheme.defaults()).compute(s).symmetrized());
        for (double k : new double[] {0, 0.3 * Math.PI / full.period(), Math.PI / full.period()}) {
            double[] ff = full.frequenciesCm1(k);
            double[] fs = ph.cellSpectrum(k).sortedFrequencies();
            double fmax = Math.max(Math.abs(ff[0]), Math.abs(ff[ff.length - 1]));
            assertEquals(ff.length, fs.length);
            for (int i = 0; i < ff.length; i++) {
                assertEquals(ff[i], fs[i], REL_TOL * fmax, "mode " + i + " at k = " + k);
            }
        }
    }

    @Test
    void fortyThirtyNineWorkflow() {
        TubePhononResult r = TubePhonons.run(Teachers.byName("tersoff-lb"),
                SymmetricStructure.fromTube(Nanotube.of(40, 39)),
                TubePhonons.Options.builder().relax(true).freeAxial(true).build(), Progress.NONE);
        assertEquals(18724, r.phonons().cellAtoms());
        for (IdentifiedMode z : r.zeroModes()) {
            assertTrue(Math.abs(z.frequencyCm1()) < 1 && z.overlap() > ZERO_MODE_OVERLAP, z.toString());
        }
        assertEquals(0, r.instability().count(), r.warnings().toString());
        double d = 2 * r.structure().meanRadius() * org.helixff.Units.ANGSTROM_PER_BOHR / 10;
        // the RBM law of the small tubes (A ~ 230 cm^-1 nm) carried to d = 5.4 nm
        assertEquals(230 / d, r.rbm().frequencyCm1(), RBM_LAW_REL * 230 / d);
        assertEquals(6.0, r.dos().integral(), DOS_NORMALISATION);
        assertEquals(3 * 18724, r.gamma().sortedFrequencies().length);
    }
}

package org.helixff.symmetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.helixff.InvalidInputException;
import org.helixff.Tolerances;
import org.helixff.structure.Nanotube;
import org.helixff.structure.Structure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The group found in a bare cell is the one the tube was built with, whatever the cell's frame and noise. */
class TubeRecognitionTest {
    /** A cell disguised by 0.05 Bohr of noise and recognised at a loose tolerance reports a mismatch above this. */
    private static final double DISGUISE_MISMATCH = 0.01;
    /** Noise put on every coordinate (Bohr), well inside the default tolerance of 0.01 Bohr. */
    private static final double NOISE = 1e-3;

    /** The cell of (n, m), moved laterally, rotated about the axis, shifted along it and shuffled, with noise. */
    static Structure disguised(int n, int m, long seed, double noise) {
        Structure s = SymmetricStructure.fromTube(Nanotube.of(n, m)).expand(1);
        Random r = new Random(seed);
        double ang = r.nextDouble() * 2 * Math.PI;
        double c = Math.cos(ang);
        double sn = Math.sin(ang);
        double t = s.cell(2, 2);
        double dz = r.nextDouble() * t;
        int size = s.size();
        int[] perm = new int[size];
        for (int i = 0; i < size; i++) {
            perm[i] = i;
        }
        for (int i = size - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int x = perm[i];
            perm[i] = perm[j];
            perm[j] = x;
        }
        double[] p0 = s.positions();
        double[] p = new double[3 * size];
        for (int i = 0; i < size; i++) {
            int k = perm[i];
            double x = p0[3 * k];
            double y = p0[3 * k + 1];
            p[3 * i] = c * x - sn * y + 7.0 + noise * r.nextGaussian();
            p[3 * i + 1] = sn * x + c * y - 3.0 + noise * r.nextGaussian();
            double z = p0[3 * k + 2] + dz + noise * r.nextGaussian();
            p[3 * i + 2] = z - t * Math.floor(z / t);
        }
        return new Structure(s.species(), p, s.cell(), s.pbc());
    }

    @ParameterizedTest
    @CsvSource({"10,5", "5,10", "12,0", "8,8", "7,1", "6,6"})
    void recognisesTheBuiltTubeInANoisyDisguisedCell(int n, int m) {
        Nanotube tube = Nanotube.of(n, m);
        TubeRecognition.Result r = TubeRecognition.recognise(disguised(n, m, 31L * n + m, NOISE),
                TubeRecognition.DEFAULT_TOLERANCE);
        assertEquals(tube.toString(), r.tube().orElseThrow().toString());
        HelicalGroup g = r.structure().group();
        assertEquals(tube.cyclicOrder(), g.cyclicOrder());
        assertEquals(tube.periodSteps(), g.period().orElseThrow().steps());
        assertEquals(tube.screwAngle(), g.screwAngle(), Tolerances.ROUND_OFF, "alpha is exact: a rational multiple of 2 pi");
        assertTrue(r.mismatch() < 5 * NOISE, "mismatch " + r.mismatch());
        assertEquals(7.0, r.axis()[0], 5 * NOISE);
        assertEquals(-3.0, r.axis()[1], 5 * NOISE);
    }

    @ParameterizedTest
    @CsvSource({"10,5", "8,8"})
    void noiseAboveTheToleranceIsRejectedWithOneLine(int n, int m) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TubeRecognition.recognise(
                disguised(n, m, 5, 0.05), TubeRecognition.DEFAULT_TOLERANCE));
        assertTrue(e.getMessage().startsWith("tube cell: "), e.getMessage());
        assertTrue(TubeRecognition.recognise(disguised(n, m, 5, 0.05), 0.5).mismatch() > DISGUISE_MISMATCH);
    }
}

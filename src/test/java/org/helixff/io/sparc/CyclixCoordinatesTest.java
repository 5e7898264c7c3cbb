package org.helixff.io.sparc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.helixff.InvalidInputException;
import org.helixff.Tolerances;
import org.helixff.structure.Nanotube;
import org.helixff.symmetry.GroupElement;
import org.helixff.symmetry.HelicalGroup;
import org.helixff.symmetry.SymmetricStructure;
import org.junit.jupiter.api.Test;

/**
 * The Cartesian <-> SPARC helical coordinate rules (data README, "Symmetry convention"):
 * x = r cos(theta + tau z), y = r sin(theta + tau z); fundamental domain theta in [0, 2 pi / N),
 * z in [0, h); fractional (r / L1, theta / L2, z / L3). Checked against SPARC's own printout.
 */
class CyclixCoordinatesTest {
    /** SPARC prints fractional coordinates with 10 decimals: half a unit of the last digit plus round-off. */
    private static final double FRACTIONAL_DECIMALS = 0.6e-10;
    /** A fractional coordinate printed with 10 decimals. */
    private static final double DIAGONAL_DECIMALS = 1e-10;
    /** The diagonal fractional coordinate is not the 0.5 a wrong convention would give. */
    private static final double NOT_HALF = 0.05;
    /** Conversions are a few trigonometric operations: round-off only. */
    private static final double ROUND_OFF = 1e-12;
    /** SPARC prints fractional coordinates with 10 decimals: times L1 = 15 Bohr gives < 1e-9 Bohr. */
    private static final double FRACTIONAL_PRINT = 1e-9;

    @Test
    void helicalAndCartesianAreInverse() {
        CyclixCoordinates c = CyclixCoordinates.of(SymmetricStructure.fromTube(Nanotube.of(10, 5)).group());
        Random r = new Random(3);
        for (int i = 0; i < 1000; i++) {
            double x = 20 * (r.nextDouble() - 0.5);
            double y = 20 * (r.nextDouble() - 0.5);
            double z = 40 * (r.nextDouble() - 0.5);
            double[] h = c.toHelical(x, y, z);
            double[] back = c.toCartesian(h[0], h[1], h[2]);
            assertEquals(x, back[0], ROUND_OFF);
            assertEquals(y, back[1], ROUND_OFF);
            assertEquals(z, back[2], Tolerances.EXACT);
            double[] f = c.toFractional(x, y, z, 15.0);
            double[] fb = c.fromFractional(f[0], f[1], f[2], 15.0);
            assertEquals(x, fb[0], ROUND_OFF);
            assertEquals(y, fb[1], ROUND_OFF);
        }
    }

    @Test
    void stepAlongZAtFixedThetaIsTheScrew() {
        for (int[] nm : new int[][] {{7, 7}, {12, 0}, {10, 5}, {5, 10}}) {
            HelicalGroup g = SymmetricStructure.fromTube(Nanotube.of(nm[0], nm[1])).group();
            CyclixCoordinates c = CyclixCoordinates.of(g);
            double[] p = c.toCartesian(9.0, 0.3, 0.7);
            double[] up = c.toCartesian(9.0, 0.3, 0.7 + c.helicalPeriod());
            double[] screw = g.apply(new GroupElement(0, 1), p);
            double[] turned = c.toCartesian(9.0, 0.3 + c.angularWidth(), 0.7);
            double[] cyclic = g.apply(new GroupElement(1, 0), p);
            for (int d = 0; d < 3; d++) {
                assertEquals(screw[d], up[d], ROUND_OFF, "L3 along z = screw (alpha, h)");
                assertEquals(cyclic[d], turned[d], ROUND_OFF, "L2 in theta = rotation 2 pi / N");
            }
        }
    }

    @Test
    void foldPicksTheImageInTheFundamentalDomain() {
        SymmetricStructure s = SymmetricStructure.fromTube(Nanotube.of(10, 5), 0.02, 0.0);
        HelicalGroup g = s.group();
        CyclixCoordinates c = CyclixCoordinates.of(g);
        Random r = new Random(5);
        int nonTrivial = 0;
        for (int i = 0; i < 500; i++) {
            double[] p = c.toCartesian(9 + r.nextDouble(), 20 * (r.nextDouble() - 0.5), 60 * (r.nextDouble() - 0.5));
            CyclixCoordinates.Fold f = c.fold(p[0], p[1], p[2]);
            double[] q = f.position();
            double[] h = c.toHelical(q[0], q[1], q[2]);
            assertTrue(h[1] >= -ROUND_OFF && h[1] < c.angularWidth() + ROUND_OFF, "theta in [0, L2): " + h[1]);
            assertTrue(h[2] >= 0 && h[2] < c.helicalPeriod(), "z in [0, L3): " + h[2]);
            double[] viaGroup = g.apply(f.element(), p);
            for (int d = 0; d < 3; d++) {
                assertEquals(viaGroup[d], q[d], Tolerances.EXACT, "the fold is the group element it reports");
            }
            if (!f.element().isIdentity()) {
                nonTrivial++;
            }
        }
        assertTrue(nonTrivial > 400, "the random points mostly lie outside the domain");
    }

    /** SPARC's .static prints (r/L1, theta/L2, z/L3) of the atoms whose Cartesian coordinates the .ion gives. */
    @Test
    void fractionalCoordinatesAgreeWithSparcPrintout() {
        int runs = 0;
        for (String run : SparcRun.datasetRuns()) {
            SparcRun r = SparcRun.fromDataset(run);
            if (r.statics().isEmpty()) {
                continue;
            }
            SparcInput in = r.input();
            CyclixCoordinates c = in.cyclix();
            double l1 = in.cell()[0];
            double[] ion = r.ion().cartesian(in);
            double[] frac = r.statics().orElseThrow().fractional();
            for (int a = 0; a < ion.length / 3; a++) {
                double[] f = c.toFractional(ion[3 * a], ion[3 * a + 1], ion[3 * a + 2], l1);
                for (int d = 0; d < 3; d++) {
                    assertEquals(frac[3 * a + d], f[d], FRACTIONAL_DECIMALS, run + " atom " + a + " fractional " + d);
                }
                double[] x = c.fromFractional(frac[3 * a], frac[3 * a + 1], frac[3 * a + 2], l1);
                for (int d = 0; d < 3; d++) {
                    assertEquals(ion[3 * a + d], x[d], FRACTIONAL_PRINT, run + " atom " + a);
                }
                // the shipped atoms already lie in the fundamental domain
                assertTrue(c.fold(ion[3 * a], ion[3 * a + 1], ion[3 * a + 2]).element().isIdentity());
            }
            runs++;
        }
        assertEquals(4, runs, "three convergence runs and the K_eta = 7 diagnostic are single points");
        // the radial fraction is r / L1 from the axis (not from the inner boundary r_in = r - 7.5)
        SparcRun diag = SparcRun.fromDataset("diag_77_k7");
        assertEquals(8.9686409490 / 15.0, diag.statics().orElseThrow().fractional()[0], DIAGONAL_DECIMALS);
        assertNotEquals(0.5, diag.statics().orElseThrow().fractional()[0], NOT_HALF);
    }

    @Test
    void angularWidthMustBeTwoPiOverN() {
        assertEquals(7, CyclixCoordinates.cyclicOrderOf(0.897597901025655));
        assertEquals(12, CyclixCoordinates.cyclicOrderOf(0.523598775598299));
        assertThrows(InvalidInputException.class, () -> CyclixCoordinates.cyclicOrderOf(0.9));
        assertThrows(InvalidInputException.class, () -> CyclixCoordinates.cyclicOrderOf(-1));
        assertThrows(InvalidInputException.class, () -> CyclixCoordinates.of(0.897597901025655, 0.0, 0.1));
    }
}

package org.helixff.neighbors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.helixff.structure.Nanotube;
import org.helixff.structure.Structure;
import org.helixff.symmetry.SymmetricStructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NeighborAgreementTest {
    /** Distances of the two lists come from the same coordinates through different sums. */
    private static final double DIST_TOL = 1e-9;

    @ParameterizedTest
    @CsvSource({"7,7,4", "7,7,10", "7,7,15", "10,5,4", "10,5,10", "10,5,15", "12,0,4", "12,0,10", "12,0,15"})
    void imageNeighboursEqualCellNeighbours(int n, int m, double rc) {
        SymmetricStructure s = SymmetricStructure.fromTube(Nanotube.of(n, m), 0.01, 0.0);
        Random r = new Random(5);
        double[] x = s.motif();
        for (int i = 0; i < 6; i++) {
            x[i] += 0.05 * r.nextGaussian();
        }
        s = s.withMotif(x);
        NeighborList img = ImageNeighbors.build(s, rc);
        int cells = (int) Math.ceil(2.5 * rc / (s.periodSteps() * s.group().screwShift()));
        Structure full = s.expand(cells);
        NeighborList cl = CellNeighbors.build(full, rc);
        for (int a = 0; a < 2; a++) {
            // compare at an atom in the middle of the stack and at the first one (periodic wrap)
            for (int j : new int[] {0, (int) (s.periodSteps() * cells / 2)}) {
                for (int k = 0; k < s.group().cyclicOrder(); k += Math.max(1, s.group().cyclicOrder() / 3)) {
                    int idx = s.expandedIndex(a, k, j);
                    double[] di = img.sortedDistances(a);
                    double[] dc = cl.sortedDistances(idx);
                    assertEquals(di.length, dc.length, "neighbour count of motif atom " + a + " at rc " + rc);
                    assertArrayEquals(di, dc, DIST_TOL);
                }
            }
        }
    }

    @Test
    void triclinicFullyPeriodicBruteForce() {
        double[] cell = {7.0, 0, 0, 2.0, 6.5, 0, 1.0, -1.5, 8.0};
        Random r = new Random(11);
        int n = 25;
        double[] pos = new double[3 * n];
        String[] sp = new String[n];
        for (int i = 0; i < n; i++) {
            sp[i] = "C";
            for (int d = 0; d < 3; d++) {
                pos[3 * i + d] = 20 * r.nextDouble() - 5; // partly outside the cell: must wrap
            }
        }
        Structure s = new Structure(sp, pos, cell, new boolean[] {true, true, true});
        for (double rc : new double[] {3.0, 9.5}) {
            NeighborList nl = CellNeighbors.build(s, rc);
            for (int i = 0; i < n; i++) {
                java.util.List<Double> brute = new java.util.ArrayList<>();
                int L = 4;
                for (int a = -L; a <= L; a++) {
                    for (int b = -L; b <= L; b++) {
                        for (int c = -L; c <= L; c++) {
                            for (int j = 0; j < n; j++) {
                                if (j == i && a == 0 && b == 0 && c == 0) {
                                    continue;
                                }
                                double dx = pos[3 * j] - pos[3 * i] + a * cell[0] + b * cell[3] + c * cell[6];
                                double dy = pos[3 * j + 1] - pos[3 * i + 1] + a * cell[1] + b * cell[4] + c * cell[7];
                                double dz = pos[3 * j + 2] - pos[3 * i + 2] + a * cell[2] + b * cell[5] + c * cell[8];
                                double d = Math.sqrt(dx * dx + dy * dy + dz * dz);
                                if (d < rc) {
                                    brute.add(d);
                                }
                            }
                        }
                    }
                }
                double[] bd = brute.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                assertArrayEquals(bd, nl.sortedDistances(i), DIST_TOL, "atom " + i + " rc " + rc);
            }
            // displacement reconstruction: d = r_j + S.cell - r_i
            for (int e = 0; e < nl.entries(); e += 17) {
                int i = nl.centerOf(e);
                int j = nl.neighbor(e);
                for (int d = 0; d < 3; d++) {
                    double v = pos[3 * j + d] - pos[3 * i + d] + nl.shift(e, 0) * cell[d] + nl.shift(e, 1) * cell[3 + d]
                            + nl.shift(e, 2) * cell[6 + d];
                    assertEquals(v, nl.disp(e, d), DIST_TOL);
                }
            }
        }
    }

    @Test
    void mixedPeriodicitySlab() {
        double[] cell = {6.0, 0, 0, 0, 0, 0, 0, 0, 5.0};
        Random r = new Random(2);
        int n = 12;
        double[] pos = new double[3 * n];
        String[] sp = new String[n];
        for (int i = 0; i < n; i++) {
            sp[i] = "C";
            for (int d = 0; d < 3; d++) {
                pos[3 * i + d] = 8 * r.nextDouble();
            }
        }
        Structure s = new Structure(sp, pos, cell, new boolean[] {true, false, true});
        double rc = 7.0;
        NeighborList nl = CellNeighbors.build(s, rc);
        for (int i = 0; i < n; i++) {
            int count = 0;
            for (int a = -3; a <= 3; a++) {
                for (int c = -3; c <= 3; c++) {
                    for (int j = 0; j < n; j++) {
                        if (j == i && a == 0 && c == 0) {
                            continue;
                        }
                        double dx = pos[3 * j] - pos[3 * i] + a * 6.0;
                        double dy = pos[3 * j + 1] - pos[3 * i + 1];
                        double dz = pos[3 * j + 2] - pos[3 * i + 2] + c * 5.0;
                        if (dx * dx + dy * dy + dz * dz < rc * rc) {
                            count++;
                        }
                    }
                }
            }
            assertEquals(count, nl.count(i));
        }
    }

    /**
     * A cell above the parallel threshold (2048 atoms, blocks of 512): every atom of the expanded tube has the
     * neighbour distances of its motif atom's images, and every entry's displacement is r_j + S.cell - r_i, so the
     * blocks are concatenated with the right offsets, indices and shifts.
     */
    @Test
    void parallelBlocksOfALargeCell() {
        SymmetricStructure s = SymmetricStructure.fromTube(Nanotube.of(10, 5), 0.0, 0.0);
        double rc = 10.0;
        int cells = 20;
        Structure full = s.expand(cells);
        assertEquals(2800, full.size());
        NeighborList cl = CellNeighbors.build(full, rc);
        NeighborList img = ImageNeighbors.build(s, rc);
        double[][] motifDist = {img.sortedDistances(0), img.sortedDistances(1)};
        int q = (int) s.periodSteps();
        for (int a = 0; a < 2; a++) {
            for (int k = 0; k < s.group().cyclicOrder(); k++) {
                for (int j = 0; j < q * cells; j++) {
                    int idx = s.expandedIndex(a, k, j);
                    assertArrayEquals(motifDist[a], cl.sortedDistances(idx), DIST_TOL, "atom " + idx);
                }
            }
        }
        double[] pos = full.positions();
        double[] cell = full.cell();
        for (int e = 0; e < cl.entries(); e++) {
            int i = cl.centerOf(e);
            int j = cl.neighbor(e);
            for (int d = 0; d < 3; d++) {
                double v = pos[3 * j + d] - pos[3 * i + d] + cl.shift(e, 0) * cell[d] + cl.shift(e, 1) * cell[3 + d]
                        + cl.shift(e, 2) * cell[6 + d];
                assertEquals(v, cl.disp(e, d), DIST_TOL, "entry " + e);
            }
        }
    }
}

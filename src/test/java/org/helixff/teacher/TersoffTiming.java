package org.helixff.teacher;

import org.helixff.calculator.SiteCalculator;
import org.helixff.neighbors.CellNeighbors;
import org.helixff.neighbors.ImageNeighbors;
import org.helixff.neighbors.NeighborList;
import org.helixff.structure.Nanotube;
import org.helixff.structure.Structure;
import org.helixff.symmetry.SymmetricStructure;

/**
 * Wall-clock cost of Tersoff energy + forces (a measurement, not a test: run by hand,
 * {@code java -cp target/classes:target/test-classes org.helixff.teacher.TersoffTiming [cells]}).
 * Prints the fastest of many ~20 ms batches (the machine may be shared), in microseconds per atom per evaluation for the full cell (whole compute, neighbour list alone, site
 * evaluation alone) and for the symmetry-adapted 2-atom path.
 */
public final class TersoffTiming {
    private TersoffTiming() {
    }

    private static volatile double sink;

    public static void main(String[] args) {
        int cells = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        Tersoff model = new Tersoff(Tersoff.Variant.ORIGINAL);
        SiteCalculator calc = new SiteCalculator(model);
        SymmetricStructure sym = SymmetricStructure.fromTube(Nanotube.of(10, 10));
        Structure cell = sym.expand(cells);
        int n = cell.size();
        System.out.printf("(10,10) full cell: %d atoms, %d threads available%n", n,
                Runtime.getRuntime().availableProcessors());
        double full = time(() -> sink += calc.compute(cell).energy(), 3.0);
        NeighborList nl = CellNeighbors.build(cell, model.cutoff());
        double list = time(() -> sink += CellNeighbors.build(cell, model.cutoff()).entries(), 3.0);
        double[] eps = new double[n];
        double[] grad = new double[3 * nl.entries()];
        double eval = time(() -> {
            model.evaluate(nl, eps, grad);
            sink += eps[0];
        }, 3.0);
        double gather = time(() -> sink += SiteCalculator.gatherCell(n, nl, eps, grad).energy(), 3.0);
        System.out.printf("  compute(Structure) total   %8.3f us/atom%n", 1e6 * full / n);
        System.out.printf("    neighbour list            %8.3f us/atom%n", 1e6 * list / n);
        System.out.printf("    Tersoff site evaluation   %8.3f us/atom%n", 1e6 * eval / n);
        System.out.printf("    gather forces and virial  %8.3f us/atom%n", 1e6 * gather / n);
        double s = time(() -> sink += calc.compute(sym).energyPerMotif(), 3.0);
        double img = time(() -> sink += ImageNeighbors.build(sym, model.cutoff()).entries(), 2.0);
        NeighborList il = ImageNeighbors.build(sym, model.cutoff());
        double[] e2 = new double[2];
        double[] g2 = new double[3 * il.entries()];
        double ev2 = time(() -> {
            model.evaluate(il, e2, g2);
            sink += e2[0];
        }, 2.0);
        System.out.printf("symmetric 2-atom path: compute(SymmetricStructure) %8.3f us per call (%.3f us/motif atom)%n",
                1e6 * s, 1e6 * s / 2);
        System.out.printf("    image neighbour list      %8.3f us per call%n", 1e6 * img);
        System.out.printf("    Tersoff site evaluation   %8.3f us per call%n", 1e6 * ev2);
    }

    /**
     * Seconds per call: warm-up for a third of the budget, then the fastest of batches of ~20 ms (the machine
     * is shared: the minimum is the cost without interference).
     */
    private static double time(Runnable r, double seconds) {
        long end = System.nanoTime() + (long) (seconds / 3 * 1e9);
        long calls = 0;
        long t0 = System.nanoTime();
        while (System.nanoTime() < end) {
            r.run();
            calls++;
        }
        long perBatch = Math.max(1, calls * 20_000_000L / Math.max(1, System.nanoTime() - t0));
        end = System.nanoTime() + (long) (seconds * 2 / 3 * 1e9);
        double best = Double.POSITIVE_INFINITY;
        while (System.nanoTime() < end) {
            long b0 = System.nanoTime();
            for (long i = 0; i < perBatch; i++) {
                r.run();
            }
            best = Math.min(best, (System.nanoTime() - b0) / 1e9 / perBatch);
        }
        return best;
    }
}

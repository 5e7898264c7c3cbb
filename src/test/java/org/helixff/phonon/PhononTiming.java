package org.helixff.phonon;

import java.util.function.Supplier;
import org.helixff.Progress;
import org.helixff.calculator.Calculator;
import org.helixff.relax.Relaxer;
import org.helixff.structure.Nanotube;
import org.helixff.symmetry.SymmetricStructure;
import org.helixff.teacher.Teachers;

/**
 * Wall-clock cost of the phonon paths (a measurement, not a test: run by hand,
 * {@code java -cp target/classes:target/test-classes:<dependencies> org.helixff.phonon.PhononTiming [model]}).
 * Prints the fastest of several repetitions (the machine may be shared) of: the symmetric path for (10,5)
 * (force constants + sum rules + dispersion of every nu on 100 kappa points), the full-cell Gamma point of (10,5)
 * (finite displacements of all 140 atoms + a 420 x 420 complex eigenproblem), and the symmetric path for (40,39)
 * (18,724 atoms per translational cell).
 */
public final class PhononTiming {
    private PhononTiming() {
    }

    private static volatile Object sink;

    private static double best(int reps, Supplier<Object> work) {
        double best = Double.POSITIVE_INFINITY;
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            sink = work.get();
            best = Math.min(best, (System.nanoTime() - t0) / 1e6);
        }
        return best;
    }

    private static SymmetricStructure relaxed(Calculator c, int n, int m) {
        return new Relaxer(c, Relaxer.Options.builder().freeAxial(true).build())
                .relax(SymmetricStructure.fromTube(Nanotube.of(n, m))).structure();
    }

    private static Object symmetric(Calculator c, SymmetricStructure s, int kappa) {
        ForceConstants raw = new FiniteDifferenceForceConstants(c, DisplacementScheme.defaults()).compute(s);
        HelicalPhonons ph = new HelicalPhonons(SumRules.impose(raw).forceConstants());
        return ph.dispersion(kappa, Progress.NONE);
    }

    public static void main(String[] args) {
        Calculator c = Teachers.byName(args.length > 0 ? args[0] : "tersoff");
        System.out.printf("model %s, %d threads available%n", c.name(), Runtime.getRuntime().availableProcessors());
        SymmetricStructure s105 = relaxed(c, 10, 5);
        double sym = best(10, () -> symmetric(c, s105, 100));
        System.out.printf("(10,5) symmetric: force constants + sum rules + %d nu x 100 kappa: %.1f ms%n",
                s105.group().cyclicOrder(), sym);
        double fc = best(3, () -> FullCellPhonons.compute(c, s105.expand(1), DisplacementScheme.defaults(),
                Progress.NONE));
        FullCellPhonons full = FullCellPhonons.compute(c, s105.expand(1), DisplacementScheme.defaults(), Progress.NONE);
        double eig = best(3, () -> full.frequenciesCm1(0));
        System.out.printf("(10,5) full cell (140 atoms, supercell x%d): force constants %.1f ms + Gamma eigenproblem"
                + " %.1f ms = %.1f ms%n", full.supercellCells(), fc, eig, fc + eig);
        SymmetricStructure s4039 = relaxed(c, 40, 39);
        double big = best(10, () -> symmetric(c, s4039, 100));
        System.out.printf("(40,39) symmetric (%d atoms per cell): force constants + sum rules + 100 kappa: %.1f ms%n",
                s4039.expandedSize(1), big);
    }
}

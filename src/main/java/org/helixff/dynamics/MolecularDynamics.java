package org.helixff.dynamics;

import java.util.Locale;
import java.util.function.Consumer;
import org.helixff.InvalidInputException;
import org.helixff.Progress;
import org.helixff.calculator.Calculator;
import org.helixff.calculator.UncertaintyCalculator;
import org.helixff.model.ModelCalculator;
import org.helixff.symmetry.SymmetricStructure;

/**
 * Runs an integrator for a number of steps, hands every {@code interval}-th instant (and the first and
 * the last) to a sink, e.g. a {@code TrajectoryWriter} (package {@code report}), and summarises
 * temperature and energy conservation ({@link MdResult}).
 *
 * <pre>{@code
 * Calculator lb = Teachers.byName("tersoff-lb");
 * SymmetricMd md = new SymmetricMd(SymmetricStructure.fromTube(Nanotube.of(10, 10)), null,
 *         SymmetricForceField.of(lb), MdOptions.builder().temperatureK(300).build());
 * try (TrajectoryWriter w = TrajectoryWriter.open(Path.of("traj.extxyz"))) {
 *     MdResult r = MolecularDynamics.run(md, 2000, 10, w::write, null, Progress.NONE);
 * }
 * }</pre>
 */
public final class MolecularDynamics {
    private MolecularDynamics() {
    }

    /**
     * @param md          the integrator (its current instant is the first frame)
     * @param steps       steps to take (>= 0)
     * @param interval    sink every this many steps (>= 1)
     * @param sink        receives the sampled instants (may be null)
     * @param uncertainty if not null, frames handed to the sink without an uncertainty get this model's
     *                    uncertainty (tube runs only)
     * @param progress    progress per step
     */
    public static MdResult run(MdIntegrator md, long steps, int interval, Consumer<MdFrame> sink,
            UncertaintyCalculator uncertainty, Progress progress) {
        if (steps < 0) {
            throw new InvalidInputException("steps " + steps + " must be >= 0");
        }
        if (interval < 1) {
            throw new InvalidInputException("sampling interval " + interval + " must be >= 1");
        }
        long t0 = System.nanoTime();
        MdStatistics stats = new MdStatistics();
        MdFrame f = md.state();
        stats.add(f);
        emit(f, sink, uncertainty);
        long first = md.steps();
        DomainGuard guard = DomainGuard.of(f);
        for (long s = 1; s <= steps; s++) {
            f = md.step();
            guard.check(f);
            boolean sampled = s % interval == 0 || s == steps;
            if (sampled) {
                f = emit(f, sink, uncertainty);
            }
            stats.add(f);
            progress.update("md", s, steps);
        }
        if (md.steps() - first != steps) {
            throw new IllegalStateException("integrator stepped " + (md.steps() - first) + " times");
        }
        return MdResult.of(md, steps, stats, (System.nanoTime() - t0) * 1e-9);
    }

    /** Largest radial excursion of a motif atom from its start, Bohr, before the run is stopped (3 Bohr ~ 2 bonds). */
    public static final double MAX_RADIAL_EXCURSION_BOHR = 3.0;
    /** Largest change of a distance between motif atoms, Bohr, before the run is stopped (bonds break near 1 Bohr). */
    public static final double MAX_PAIR_CHANGE_BOHR = 3.0;
    /** Highest instantaneous temperature, K, before the run is stopped (the structure has left any model's domain). */
    public static final double MAX_INSTANT_TEMPERATURE_K = 50_000;

    /**
     * Stops a symmetric run whose tube comes apart: an atom more than {@link #MAX_RADIAL_EXCURSION_BOHR} from its
     * starting radius, a motif distance changed by more than {@link #MAX_PAIR_CHANGE_BOHR}, an instantaneous
     * temperature above {@link #MAX_INSTANT_TEMPERATURE_K} or a non-finite energy: no model or teacher was made for
     * such states, and the numbers that would follow mean nothing.
     */
    private record DomainGuard(double[] radius, double[] pair) {
        static DomainGuard of(MdFrame f) {
            if (!f.isSymmetric()) {
                return new DomainGuard(null, null);
            }
            SymmetricStructure s = f.symmetric().get();
            return new DomainGuard(radii(s), pairs(s));
        }

        void check(MdFrame f) {
            if (!Double.isFinite(f.potentialEnergy()) || !Double.isFinite(f.kineticEnergy())) {
                throw new InvalidInputException("md: non-finite energy at step " + f.step()
                        + ": the structure left the model's domain");
            }
            if (f.temperature() > MAX_INSTANT_TEMPERATURE_K) {
                throw new InvalidInputException(String.format(Locale.ROOT, "md: instantaneous temperature %.3g K at"
                        + " step %d exceeds %.0f K: the tube is coming apart (lower --temperature or --dt)",
                        f.temperature(), f.step(), MAX_INSTANT_TEMPERATURE_K));
            }
            if (radius == null || !f.isSymmetric()) {
                return;
            }
            SymmetricStructure s = f.symmetric().get();
            double[] r = radii(s);
            for (int a = 0; a < r.length; a++) {
                if (!(Math.abs(r[a] - radius[a]) <= MAX_RADIAL_EXCURSION_BOHR)) {
                    throw new InvalidInputException(String.format(Locale.ROOT, "md: the tube came apart at step %d:"
                            + " atom %d moved %.3g Bohr radially (limit %.1f; temperature %.3g K); lower --temperature"
                            + " or --dt", f.step(), a, Math.abs(r[a] - radius[a]), MAX_RADIAL_EXCURSION_BOHR,
                            f.temperature()));
                }
            }
            double[] p = pairs(s);
            for (int q = 0; q < p.length; q++) {
                if (!(Math.abs(p[q] - pair[q]) <= MAX_PAIR_CHANGE_BOHR)) {
                    throw new InvalidInputException(String.format(Locale.ROOT, "md: the tube came apart at step %d:"
                            + " a motif distance changed by %.3g Bohr (limit %.1f; temperature %.3g K); lower"
                            + " --temperature or --dt", f.step(), Math.abs(p[q] - pair[q]), MAX_PAIR_CHANGE_BOHR,
                            f.temperature()));
                }
            }
        }

        private static double[] radii(SymmetricStructure s) {
            double[] r = new double[s.motifSize()];
            for (int a = 0; a < r.length; a++) {
                r[a] = Math.hypot(s.motifPosition(a, 0), s.motifPosition(a, 1));
            }
            return r;
        }

        private static double[] pairs(SymmetricStructure s) {
            int n = s.motifSize();
            double[] p = new double[n * (n - 1) / 2];
            int q = 0;
            for (int a = 0; a < n; a++) {
                for (int b = a + 1; b < n; b++) {
                    double dx = s.motifPosition(a, 0) - s.motifPosition(b, 0);
                    double dy = s.motifPosition(a, 1) - s.motifPosition(b, 1);
                    double dz = s.motifPosition(a, 2) - s.motifPosition(b, 2);
                    p[q++] = Math.sqrt(dx * dx + dy * dy + dz * dz);
                }
            }
            return p;
        }
    }

    private static MdFrame emit(MdFrame f, Consumer<MdFrame> sink, UncertaintyCalculator u) {
        if (sink == null) {
            return f;
        }
        if (u != null && f.uncertainty().isEmpty() && f.isSymmetric()) {
            f = f.withUncertainty(u.uncertainty(f.symmetric().get()));
        }
        sink.accept(f);
        return f;
    }

    /** The calculator as an uncertainty source when it can give one (a model with a posterior), else null. */
    public static UncertaintyCalculator uncertaintySource(Calculator c) {
        if (c instanceof ModelCalculator mc) {
            return mc.model().hasPosterior() ? mc : null;
        }
        return null;
    }
}

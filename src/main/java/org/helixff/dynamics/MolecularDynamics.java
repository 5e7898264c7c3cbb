package org.helixff.dynamics;

import java.util.function.Consumer;
import org.helixff.InvalidInputException;
import org.helixff.Progress;
import org.helixff.calculator.Calculator;
import org.helixff.calculator.UncertaintyCalculator;
import org.helixff.model.ModelCalculator;

/**
 * Runs an integrator for a number of steps, hands every {@code interval}-th instant (and the first and
 * the last) to a sink, e.g. a {@link TrajectoryWriter}, and summarises temperature and energy
 * conservation ({@link MdResult}).
 *
 * <pre>{@code
 * Calculator lb = Teachers.byName("tersoff-lb");
 * SymmetricMd md = new SymmetricMd(SymmetricStructure.fromTube(Nanotube.of(10, 10)), null,
 *         SymmetricForceField.of(lb), MdOptions.defaults().withTemperature(300));
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
        for (long s = 1; s <= steps; s++) {
            f = md.step();
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

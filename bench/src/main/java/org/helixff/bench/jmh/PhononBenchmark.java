package org.helixff.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.helixff.bench.Workloads;
import org.helixff.calculator.Calculator;
import org.helixff.symmetry.SymmetricStructure;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * (c): phonons of a tube. {@code symmetricDispersion}: force constants by finite differences on the clusters around
 * the 2 motif atoms, symmetrisation and sum rules, and every nu on 100 kappa points. {@code fullCellGamma}: the
 * full-cell route to the Gamma point alone (every atom of the translational cell displaced in the supercell that
 * avoids aliasing, then the dense (3 x atoms)^2 eigenproblem). Single shots: one full-cell call of the learned model
 * for (10,5) takes about a minute on one core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class PhononBenchmark {
    @Param({"10,5"})
    public String tube;

    @Param({"tersoff", "model-cpu"})
    public String engine;

    Calculator calc;
    SymmetricStructure motif;

    @Setup
    public void setup() {
        calc = BenchSetup.calculator(engine, engine.startsWith("model") ? BenchSetup.model() : null);
        motif = BenchSetup.symmetric(tube);
    }

    /** Tens to hundreds of milliseconds per call: timed over 1-s iterations after a JIT warm-up. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Warmup(iterations = 5, time = 1)
    @Measurement(iterations = 5, time = 1)
    public Object symmetricDispersion() {
        return Workloads.symmetricDispersion(calc, motif, Workloads.KAPPA_POINTS).get();
    }

    @Benchmark
    public Object fullCellGamma() {
        return Workloads.fullCellGamma(calc, motif).get();
    }
}

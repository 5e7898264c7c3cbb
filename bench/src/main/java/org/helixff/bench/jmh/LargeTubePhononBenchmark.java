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
 * (f): the whole symmetry-adapted phonon dispersion (force constants, sum rules, every nu on 100 kappa points) of
 * large chiral tubes, where the full-cell route is out of reach: (40,39) has 18,724 atoms per translational cell
 * (a 56,172 x 56,172 dynamical matrix), (25,24) 7,204.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class LargeTubePhononBenchmark {
    @Param({"40,39", "25,24"})
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
}

package org.helixff.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.helixff.calculator.Calculator;
import org.helixff.calculator.CellResult;
import org.helixff.calculator.SymmetricResult;
import org.helixff.structure.Structure;
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
 * (a), (b): energy + forces of one tube, symmetry-adapted (the 2-atom motif, image neighbour search included) and
 * full translational cell (2 N q atoms, cell-list neighbour search included, as a user pays it), with Tersoff and
 * with the learned model on the CPU (and the GPU where the runner adds {@code model-cuda}). Score: time per call;
 * the runner divides by the atoms (2, or the cell's) and forms full / symmetric per tube.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EnergyForcesBenchmark {
    /** (10,10), (10,5), (20,20), (17,13): 40, 140, 80, 2716 atoms per cell; (23,22): 6076. */
    @Param({"10,10", "10,5", "20,20", "17,13", "23,22"})
    public String tube;

    @Param({"tersoff", "model-cpu"})
    public String engine;

    /** Translational cells of the full cell (the GPU comparison uses (10,10) x 1250 = 50,000 atoms). */
    @Param({"1"})
    public int cells;

    Calculator calc;
    SymmetricStructure motif;
    Structure cell;

    @Setup
    public void setup() {
        calc = BenchSetup.calculator(engine, engine.startsWith("model") ? BenchSetup.model() : null);
        motif = BenchSetup.symmetric(tube);
        cell = motif.expand(cells);
    }

    @Benchmark
    public SymmetricResult symmetric() {
        return calc.compute(motif);
    }

    @Benchmark
    public CellResult fullCell() {
        return calc.compute(cell);
    }
}

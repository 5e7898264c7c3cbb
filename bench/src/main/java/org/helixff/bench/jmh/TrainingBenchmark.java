package org.helixff.bench.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.helixff.Progress;
import org.helixff.bench.Parallelism;
import org.helixff.bench.Workloads;
import org.helixff.calculator.Calculator;
import org.helixff.compute.cpu.CpuSoapEngine;
import org.helixff.descriptor.DescriptorEngine;
import org.helixff.symmetry.SymmetricStructure;
import org.helixff.training.TeacherData;
import org.helixff.training.Trainer;
import org.helixff.training.TrainingFrame;
import org.helixff.training.TrainingOptions;
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
 * (e): training (descriptors, farthest-point selection of M references, design rows through the descriptor
 * Jacobians, the streamed QR, the SVD and the evidence iteration, the in-sample errors) with M reference
 * environments chosen from labelled non-symmetric full cells of (10,5) (140 distinct environments each; enough
 * cells for 1.2 M environments) plus 10 symmetric frames, all labelled by Lindsay-Broido Tersoff. One shot per
 * iteration. M = 5000 needs ~7 GB of heap and, on one core of the development machine, 16.5 min (the runner measures the scaling with smaller M
 * and says so).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(1)
public class TrainingBenchmark {
    @Param({"1000", "5000"})
    public int references;

    List<TrainingFrame> frames;
    DescriptorEngine engine;
    TrainingOptions options;

    /** Full cells of (10,5) needed for 1.2 M environments. */
    public static int cellsFor(int references) {
        return (int) Math.ceil(1.2 * references / 140.0);
    }

    @Setup
    public void setup() {
        SymmetricStructure base = Workloads.tube(10, 5);
        Calculator teacher = Workloads.tersoff();
        TeacherData.Options opt = TeacherData.Options.defaults();
        frames = new ArrayList<>(TeacherData.generate(List.of(base), 10, teacher, opt, "tersoff-lb", Progress.NONE));
        frames.addAll(TeacherData.generateCells(List.of(base), 1, cellsFor(references), teacher, opt, "tersoff-lb",
                Progress.NONE));
        options = TrainingOptions.builder().referenceSize(references).build();
        engine = BenchSetup.mode() == Parallelism.SINGLE ? CpuSoapEngine.sequential(options.soap())
                : new CpuSoapEngine(options.soap());
    }

    @Benchmark
    public Object train() {
        return Trainer.train(frames, options, engine, Progress.NONE);
    }
}

package org.helixff.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.helixff.backend.Backends;
import org.helixff.bench.Parallelism;
import org.helixff.compute.Backend;
import org.helixff.compute.KernelEngine;
import org.helixff.compute.KernelSpec;
import org.helixff.compute.cpu.CpuSoapEngine;
import org.helixff.descriptor.DescriptorEngine;
import org.helixff.descriptor.DescriptorSet;
import org.helixff.model.KernelModel;
import org.helixff.neighbors.CellNeighbors;
import org.helixff.neighbors.NeighborList;
import org.helixff.structure.Structure;
import org.helixff.teacher.Tersoff;
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
 * (d): the stages of one full-cell evaluation, each timed alone on the same cell ({@code cells} translational cells
 * of the tube): the cell-list neighbour search at the model's cutoff, the SOAP descriptors, the descriptors plus the
 * reverse-mode product (what forces cost), the kernel stage (normalisation, K0 = X^ R^T, site energies, dE/dp =
 * coef R: two M x D products per atom) and, for scale, Tersoff's site energies and gradients on its own list. The
 * runner divides by the atoms.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StageBenchmark {
    @Param({"10,5"})
    public String tube;

    /** Translational cells in the cell (10 x 140 = 1400 atoms for (10,5)). */
    @Param({"10"})
    public int cells;

    @Param({"cpu"})
    public String backend;

    Structure cell;
    DescriptorEngine engine;
    KernelEngine kernels;
    KernelSpec spec;
    NeighborList list;
    DescriptorSet descriptors;
    double[] values;
    double[] dEdp;
    double[] energies;
    Tersoff tersoff;
    NeighborList tersoffList;
    double[] tersoffEnergies;
    double[] tersoffGradient;

    @Setup
    public void setup() {
        KernelModel model = BenchSetup.model();
        Backend b = "cuda".equals(backend) ? Backend.CUDA : Backend.CPU;
        engine = b == Backend.CPU && BenchSetup.mode() == Parallelism.SINGLE ? CpuSoapEngine.sequential(model.soap())
                : Backends.descriptorEngine(model.soap(), b);
        kernels = Backends.kernelEngine(b);
        spec = new KernelSpec(model.reference(), model.weights(), model.descriptorLength(), model.energyOffset(),
                model.zeta());
        cell = BenchSetup.symmetric(tube).expand(cells);
        list = CellNeighbors.build(cell, model.soap().cutoff());
        descriptors = engine.compute(list);
        values = descriptors.values();
        energies = new double[cell.size()];
        dEdp = kernels.energiesAndGradients(spec, values, cell.size(), energies);
        tersoff = new Tersoff(Tersoff.Variant.LINDSAY_BROIDO);
        tersoffList = CellNeighbors.build(cell, tersoff.cutoff());
        tersoffEnergies = new double[cell.size()];
        tersoffGradient = new double[3 * tersoffList.entries()];
    }

    @Benchmark
    public NeighborList neighborList() {
        return CellNeighbors.build(cell, list.cutoff());
    }

    @Benchmark
    public DescriptorSet descriptors() {
        return engine.compute(list);
    }

    @Benchmark
    public double[] descriptorsAndBackprop() {
        return engine.compute(list).backpropagate(dEdp);
    }

    @Benchmark
    public double[] kernel() {
        return kernels.energiesAndGradients(spec, values, cell.size(), energies);
    }

    @Benchmark
    public double[] tersoffSites() {
        tersoff.evaluate(tersoffList, tersoffEnergies, tersoffGradient);
        return tersoffGradient;
    }
}

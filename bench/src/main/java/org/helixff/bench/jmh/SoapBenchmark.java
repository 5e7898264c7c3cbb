package org.helixff.bench.jmh;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.helixff.compute.cpu.CpuSoapEngine;
import org.helixff.compute.cpu.SoapDescriptorSet;
import org.helixff.descriptor.DescriptorGradients;
import org.helixff.descriptor.SoapParameters;
import org.helixff.neighbors.CellNeighbors;
import org.helixff.neighbors.ImageNeighbors;
import org.helixff.neighbors.NeighborList;
import org.helixff.structure.Nanotube;
import org.helixff.structure.Structure;
import org.helixff.symmetry.SymmetricStructure;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SOAP descriptor cost per atom for a (10,10) tube with the default parameters (r_c = 10 Bohr,
 * sigma = 1 Bohr, Nmax = 8, Lmax = 6, D = 252; 36 neighbours per atom).
 *
 * <p>Full cell: 10 translational cells, 400 atoms, one neighbour list built in setup; every score is
 * per atom ({@link OperationsPerInvocation}). Symmetric: the 2-atom motif with image neighbours; scores
 * per motif atom. {@code threads = 1} runs the engine in the calling thread (the figure to compare
 * with a classical potential per core); {@code threads = 0} uses the common fork/join pool.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class SoapBenchmark {
    /** Translational cells of the full-cell benchmark. */
    static final int CELLS = 10;
    /** Atoms in them: 40 per (10,10) cell. */
    static final int ATOMS = 400;

    @Param({"1", "0"})
    int threads;

    CpuSoapEngine engine;
    NeighborList cell;
    NeighborList motif;
    Structure structure;
    double[] dEdpCell;
    double[] dEdpMotif;

    @Setup
    public void setup() {
        SoapParameters p = SoapParameters.defaults();
        engine = threads == 1 ? CpuSoapEngine.sequential(p) : new CpuSoapEngine(p);
        SymmetricStructure s = SymmetricStructure.fromTube(Nanotube.of(10, 10));
        structure = s.expand(CELLS);
        if (structure.size() != ATOMS) {
            throw new IllegalStateException("expected " + ATOMS + " atoms, got " + structure.size());
        }
        cell = CellNeighbors.build(structure, p.cutoff());
        motif = ImageNeighbors.build(s, p.cutoff());
        Random r = new Random(1);
        dEdpCell = new double[ATOMS * p.descriptorLength()];
        for (int i = 0; i < dEdpCell.length; i++) {
            dEdpCell[i] = r.nextGaussian();
        }
        dEdpMotif = new double[2 * p.descriptorLength()];
        System.arraycopy(dEdpCell, 0, dEdpMotif, 0, dEdpMotif.length);
    }

    /** Descriptors only. */
    @Benchmark
    @OperationsPerInvocation(ATOMS)
    public SoapDescriptorSet cellDescriptors() {
        return engine.compute(cell);
    }

    /** Descriptors plus the reverse-mode product dE/dp -> dE/dd (what energy + forces cost). */
    @Benchmark
    @OperationsPerInvocation(ATOMS)
    public double[] cellDescriptorsAndBackprop() {
        return engine.compute(cell).backpropagate(dEdpCell);
    }

    /** Descriptors with the full Jacobian (training rows). */
    @Benchmark
    @OperationsPerInvocation(ATOMS)
    public DescriptorGradients cellDescriptorsWithJacobian() {
        return engine.computeWithGradients(cell);
    }

    /** The cell-list neighbour search that precedes every full-cell evaluation. */
    @Benchmark
    @OperationsPerInvocation(ATOMS)
    public NeighborList cellNeighborList() {
        return CellNeighbors.build(structure, 10.0);
    }

    /** Symmetry-adapted: descriptors plus reverse mode of the 2 motif atoms of the infinite tube. */
    @Benchmark
    @OperationsPerInvocation(2)
    public double[] motifDescriptorsAndBackprop() {
        return engine.compute(motif).backpropagate(dEdpMotif);
    }
}

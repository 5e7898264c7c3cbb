package org.helixff.bench;

import java.util.function.Supplier;
import org.helixff.InvalidInputException;
import org.helixff.Progress;
import org.helixff.backend.Backends;
import org.helixff.calculator.Calculator;
import org.helixff.compute.Backend;
import org.helixff.compute.Engines;
import org.helixff.compute.cpu.CpuKernelEngine;
import org.helixff.compute.cpu.CpuSoapEngine;
import org.helixff.descriptor.DescriptorEngine;
import org.helixff.model.KernelModel;
import org.helixff.model.ModelCalculator;
import org.helixff.phonon.DisplacementScheme;
import org.helixff.phonon.FiniteDifferenceForceConstants;
import org.helixff.phonon.ForceConstants;
import org.helixff.phonon.FullCellPhonons;
import org.helixff.phonon.HelicalPhonons;
import org.helixff.phonon.SumRules;
import org.helixff.structure.Nanotube;
import org.helixff.structure.Structure;
import org.helixff.symmetry.SymmetricStructure;
import org.helixff.teacher.Teachers;

/**
 * The workloads every benchmark of the project times (the {@code helixff bench} command and the JMH project in
 * {@code bench/} use these same definitions), and calculators set up for a {@link Parallelism}.
 *
 * <p>Geometry: the ideal rolled tube of {@link Nanotube#of} (not relaxed: the cost of energy, forces and phonons
 * does not depend on the exact positions, and relaxing large chiral tubes would dominate a benchmark). Full cells
 * are {@code SymmetricStructure.expand(cells)}.
 */
public final class Workloads {
    /** Kappa points per nu of the symmetric dispersion that both harnesses time. */
    public static final int KAPPA_POINTS = 100;

    private Workloads() {
    }

    /** The 2-atom motif of tube (n, m). */
    public static SymmetricStructure tube(int n, int m) {
        return SymmetricStructure.fromTube(Nanotube.of(n, m));
    }

    /** Lindsay-Broido Tersoff (the teacher; its own blocks follow the current fork/join pool). */
    public static Calculator tersoff() {
        return Teachers.byName("tersoff-lb");
    }

    /**
     * A learned model as a calculator for the given mode and backend: on the CPU, {@link Parallelism#SINGLE} gets
     * the sequential SOAP engine (so no work leaves the measuring thread), {@link Parallelism#ALL} the engine on
     * the common pool; CUDA gets the GPU engines.
     *
     * @throws org.helixff.compute.BackendUnavailableException for CUDA where it cannot run
     */
    public static ModelCalculator model(KernelModel model, Parallelism mode, Backend backend) {
        Engines engines;
        if (backend == Backend.CUDA) {
            engines = Backends.engines(model.soap(), Backend.CUDA);
        } else if (backend == Backend.CPU) {
            DescriptorEngine engine = mode == Parallelism.SINGLE ? CpuSoapEngine.sequential(model.soap())
                    : new CpuSoapEngine(model.soap());
            engines = new Engines(engine, CpuKernelEngine.INSTANCE);
        } else {
            throw new InvalidInputException("benchmark backend must be cpu or cuda, not " + backend);
        }
        return new ModelCalculator(model, engines);
    }

    /** Energy and symmetry-adapted forces of the 2-atom motif (image neighbour search included). */
    public static Supplier<Object> symmetricEnergyForces(Calculator c, SymmetricStructure s) {
        return () -> c.compute(s);
    }

    /** Energy and forces of a full cell (cell-list neighbour search included, as a user pays it). */
    public static Supplier<Object> cellEnergyForces(Calculator c, Structure cell) {
        return () -> c.compute(cell);
    }

    /**
     * The symmetry-adapted phonon dispersion: finite-difference force constants on the clusters around the motif
     * atoms, symmetrisation and sum rules, and the frequencies of every nu on {@code kappaPoints} kappa points.
     */
    public static Supplier<Object> symmetricDispersion(Calculator c, SymmetricStructure s, int kappaPoints) {
        return () -> {
            ForceConstants raw = new FiniteDifferenceForceConstants(c, DisplacementScheme.defaults()).compute(s);
            HelicalPhonons ph = new HelicalPhonons(SumRules.impose(raw).forceConstants());
            return ph.dispersion(kappaPoints, Progress.NONE);
        };
    }

    /**
     * The full-cell route to the Gamma point of one translational cell: force constants by displacing every atom
     * of the cell (in the supercell that avoids aliasing) and the dense Gamma eigenproblem (3 x atoms)^2.
     */
    public static Supplier<Object> fullCellGamma(Calculator c, SymmetricStructure s) {
        Structure cell = s.expand(1);
        return () -> FullCellPhonons.compute(c, cell, DisplacementScheme.defaults(), Progress.NONE).frequenciesCm1(0);
    }
}

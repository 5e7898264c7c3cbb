package org.helixff.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.helixff.InvalidInputException;
import org.helixff.Tolerances;
import org.helixff.backend.Backends;
import org.helixff.calculator.SymmetricResult;
import org.helixff.calculator.UncertaintyCalculator.Uncertainty;
import org.helixff.compute.Backend;
import org.helixff.compute.DesignBlocks;
import org.helixff.compute.Engines;
import org.helixff.compute.KernelEngine;
import org.helixff.compute.KernelSpec;
import org.helixff.compute.cpu.CpuKernelEngine;
import org.helixff.descriptor.DescriptorGradients;
import org.helixff.neighbors.NeighborList;
import org.helixff.structure.Nanotube;
import org.helixff.symmetry.SymmetricStructure;
import org.junit.jupiter.api.Test;

/**
 * A backend is a value held by each calculator: two calculators of one model with different engine pairs
 * live side by side in one JVM, each runs its kernel products (energies and the design rows behind the
 * uncertainties) on its own kernel engine, and the process-wide default request does not reach them. The
 * second pair's kernel engine is the CPU reference behind a counter (a GPU is not needed to show the
 * routing; {@code CudaParityTest.modelThroughEitherBackend} runs a CPU and a CUDA calculator side by side on
 * a GPU machine), so both calculators must agree bit for bit.
 */
class EnginesAsValuesTest {
    /** Counts the calls, then runs the CPU reference. */
    private static final class CountingKernels implements KernelEngine {
        final AtomicInteger energies = new AtomicInteger();
        final AtomicInteger designs = new AtomicInteger();

        @Override
        public Backend backend() {
            return Backend.CPU;
        }

        @Override
        public double[] energiesAndGradients(KernelSpec spec, double[] descriptors, int centers,
                double[] siteEnergies) {
            energies.incrementAndGet();
            return CpuKernelEngine.INSTANCE.energiesAndGradients(spec, descriptors, centers, siteEnergies);
        }

        @Override
        public DesignBlocks designBlocks(KernelSpec spec, DescriptorGradients gradients, NeighborList neighbors) {
            designs.incrementAndGet();
            return CpuKernelEngine.INSTANCE.designBlocks(spec, gradients, neighbors);
        }
    }

    @Test
    void twoCalculatorsWithTheirOwnEnginesInOneJvm() {
        KernelModel model = ModelFixtures.trainToy(3, 40).model();
        CountingKernels counting = new CountingKernels();
        ModelCalculator reference = new ModelCalculator(model,
                new Engines(ModelFixtures.toyEngine(), CpuKernelEngine.INSTANCE));
        ModelCalculator counted = new ModelCalculator(model, new Engines(ModelFixtures.toyEngine(), counting));
        assertSame(CpuKernelEngine.INSTANCE, reference.engines().kernels());
        assertSame(counting, counted.engines().kernels());

        SymmetricStructure s = SymmetricStructure.fromTube(Nanotube.of(6, 3), 0.01, 0.0);
        SymmetricResult a;
        SymmetricResult b;
        Uncertainty ua;
        Uncertainty ub;
        // a process-wide default request for CUDA must not reach calculators that hold their engines
        String before = System.getProperty(Backends.PROPERTY);
        System.setProperty(Backends.PROPERTY, Backend.CUDA.name());
        try {
            a = reference.compute(s);
            b = counted.compute(s);
            ua = reference.uncertainty(s);
            ub = counted.uncertainty(s);
        } finally {
            if (before == null) {
                System.clearProperty(Backends.PROPERTY);
            } else {
                System.setProperty(Backends.PROPERTY, before);
            }
        }
        assertTrue(counting.energies.get() > 0, "the second calculator's energies ran on its kernel engine");
        assertTrue(counting.designs.get() > 0, "and so did the design rows behind its uncertainties");
        int calls = counting.energies.get() + counting.designs.get();
        reference.compute(s);
        reference.uncertainty(s);
        assertEquals(calls, counting.energies.get() + counting.designs.get(),
                "the first calculator never touches the second one's engine");
        assertEquals(a.energyPerAtom(), b.energyPerAtom(), Tolerances.EXACT, "same CPU arithmetic: bit for bit");
        assertArrayEquals(a.forces(), b.forces(), Tolerances.EXACT);
        assertEquals(ua.energyPerAtom(), ub.energyPerAtom(), Tolerances.EXACT);
        assertTrue(a.energyPerAtom() != 0 && ua.energyPerAtom() > 0, "non-trivial energy and uncertainty");
    }

    @Test
    void aPairNeedsBothEngines() {
        assertThrows(InvalidInputException.class, () -> new Engines(ModelFixtures.toyEngine(), null));
        assertThrows(InvalidInputException.class, () -> new Engines(null, CpuKernelEngine.INSTANCE));
    }
}

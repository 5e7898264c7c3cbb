package org.helixff.compute.cuda;

import static org.helixff.compute.cuda.HostKernelParityTest.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.helixff.backend.Backends;
import org.helixff.calculator.CellResult;
import org.helixff.calculator.SymmetricResult;
import org.helixff.compute.Backend;
import org.helixff.compute.CudaTestSupport;
import org.helixff.compute.DesignBlocks;
import org.helixff.compute.KernelSpec;
import org.helixff.compute.cpu.CpuKernelEngine;
import org.helixff.compute.cpu.CpuSoapEngine;
import org.helixff.descriptor.DescriptorGradients;
import org.helixff.descriptor.DescriptorSet;
import org.helixff.descriptor.SoapParameters;
import org.helixff.model.DesignRows;
import org.helixff.model.KernelModel;
import org.helixff.model.ModelCalculator;
import org.helixff.neighbors.CellNeighbors;
import org.helixff.neighbors.NeighborList;
import org.helixff.structure.Nanotube;
import org.helixff.structure.Structure;
import org.helixff.symmetry.SymmetricStructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * GPU against CPU on the same inputs, element by element: descriptors, reverse mode, Jacobians, kernel
 * energies and dE/dp, design blocks, and a kernel model evaluated through ModelCalculator and
 * DesignRows with each backend. Needs a GPU: skipped without one, a failure with
 * -Dhelixff.requireCuda=true. (HostKernelParityTest checks the same kernels' arithmetic without a GPU.)
 */
@Tag("cuda")
class CudaParityTest {
    /**
     * Kernel products: cuBLAS sums in its own blocked order (round-off of the products, relative to the largest
     * value); the built-in GEMM kernels would meet SOAP_TOL.
     */
    private static final double GPU_TOL = 1e-12;
    /**
     * SOAP kernels: PTX without FMA, the CPU's operations in its order: bit for bit (the host-build test's
     * comparison, whose tolerance is 0).
     */

    @BeforeEach
    void needsGpu() {
        CudaTestSupport.assumeCuda();
    }

    @Test
    void descriptorsReverseModeAndJacobians() {
        for (SoapParameters p : new SoapParameters[] {SoapParameters.defaults(),
            new SoapParameters(6.0, 0.8, 5, 4, SoapParameters.SPHERICAL_BESSEL)}) {
            NeighborList nl = CellNeighbors.build(HostKernelParityTest.tubeCell(6, 3, 5, 0.1), p.cutoff());
            CpuSoapEngine cpu = new CpuSoapEngine(p);
            CudaSoapEngine gpu = new CudaSoapEngine(p);
            DescriptorSet a = cpu.compute(nl);
            DescriptorSet b = gpu.compute(nl);
            assertExact("descriptors", a.values(), b.values());
            double[] v = new Random(3).doubles(a.values().length).map(x -> x - 0.5).toArray();
            assertExact("reverse mode", a.backpropagate(v), b.backpropagate(v));
            DescriptorGradients ga = cpu.computeWithGradients(nl);
            DescriptorGradients gb = gpu.computeWithGradients(nl);
            assertExact("Jacobian values", ga.values(), gb.values());
            assertExact("Jacobian", ga.rawGradients(), gb.rawGradients());
        }
    }

    private static void assertExact(String what, double[] expected, double[] actual) {
        HostKernelParityTest.assertClose(what, expected, actual);
    }

    /**
     * Chunked runs (forced small with helixff.cuda.maxChunkItems, as after out-of-memory) give the unchunked
     * numbers; a set whose device buffers were overwritten by a later compute still back-propagates right
     * (upload path), and a new KernelSpec is uploaded anew (resident data keyed by spec).
     */
    @Test
    void chunkedRunsResidencyAndInvalidation() {
        SoapParameters p = SoapParameters.defaults();
        NeighborList nl = CellNeighbors.build(HostKernelParityTest.tubeCell(6, 3, 5, 0.1), p.cutoff());
        NeighborList other = CellNeighbors.build(HostKernelParityTest.tubeCell(5, 5, 8, 0.1), p.cutoff());
        CpuSoapEngine cpu = new CpuSoapEngine(p);
        CudaSoapEngine gpu = new CudaSoapEngine(p);
        DescriptorSet a = cpu.compute(nl);
        double[] v = new Random(3).doubles(a.values().length).map(x -> x - 0.5).toArray();
        DescriptorSet first = gpu.compute(nl);
        gpu.compute(other); // takes over the scratch buffers
        assertExact("reverse mode after another compute", a.backpropagate(v), first.backpropagate(v));
        System.setProperty(Chunks.MAX_CHUNK_PROPERTY, "7");
        try {
            DescriptorSet b = gpu.compute(nl);
            assertExact("descriptors in chunks of 7 centres", a.values(), b.values());
            assertExact("reverse mode in chunks", a.backpropagate(v), b.backpropagate(v));
            assertExact("Jacobian in chunks", cpu.computeWithGradients(nl).rawGradients(),
                    gpu.computeWithGradients(nl).rawGradients());
            KernelModel model = model(p, 2);
            int d = p.descriptorLength();
            int n = nl.centers();
            for (double scale : new double[] {1.0, -3.0}) {
                double[] w = Arrays.stream(model.weights()).map(x -> x * scale).toArray();
                KernelSpec spec = new KernelSpec(model.reference(), w, d, model.energyOffset(), model.zeta());
                double[] e0 = new double[n];
                double[] e1 = new double[n];
                assertClose("dE/dp in chunks, weights x " + scale,
                        CpuKernelEngine.INSTANCE.energiesAndGradients(spec, a.values(), n, e0),
                        new CudaKernelEngine().energiesAndGradients(spec, a.values(), n, e1));
                assertClose("site energies, weights x " + scale + " (a new spec is uploaded anew)", e0, e1);
            }
        } finally {
            System.clearProperty(Chunks.MAX_CHUNK_PROPERTY);
        }
    }

    private static KernelModel model(SoapParameters p, long seed) {
        int d = p.descriptorLength();
        double[] src = new CpuSoapEngine(p).compute(
                CellNeighbors.build(HostKernelParityTest.tubeCell(5, 5, seed, 0.15), p.cutoff())).values();
        Random r = new Random(seed);
        int m = 40;
        double[] ref = new double[m * d];
        for (int t = 0; t < m; t++) {
            int row = r.nextInt(src.length / d);
            for (int k = 0; k < d; k++) {
                ref[t * d + k] = src[row * d + k] * (1 + 0.05 * r.nextGaussian());
            }
        }
        double[] w = r.doubles(m).map(x -> (x - 0.5) * 1e-3).toArray();
        return new KernelModel(p, 4, ref, w, -0.21, null, null);
    }

    @Test
    void kernelEnginesAgree() {
        SoapParameters p = SoapParameters.defaults();
        KernelModel model = model(p, 2);
        int d = p.descriptorLength();
        NeighborList nl = CellNeighbors.build(HostKernelParityTest.tubeCell(6, 3, 7, 0.1), p.cutoff());
        DescriptorGradients dg = new CpuSoapEngine(p).computeWithGradients(nl);
        int n = nl.centers();
        double[] pv = Arrays.copyOf(dg.rawValues(), (n + 1) * d); // plus an isolated atom
        KernelSpec spec = new KernelSpec(model.reference(), model.weights(), d, model.energyOffset(), model.zeta());
        double[] e0 = new double[n + 1];
        double[] e1 = new double[n + 1];
        double[] g0 = CpuKernelEngine.INSTANCE.energiesAndGradients(spec, pv, n + 1, e0);
        double[] g1 = new CudaKernelEngine().energiesAndGradients(spec, pv, n + 1, e1);
        assertClose("site energies", e0, e1);
        assertClose("dE/dp", g0, g1);
        DesignBlocks b0 = CpuKernelEngine.INSTANCE.designBlocks(spec, dg, nl);
        DesignBlocks b1 = new CudaKernelEngine().designBlocks(spec, dg, nl);
        assertClose("kernel values", b0.kernel(), b1.kernel());
        assertClose("kernel derivatives", b0.entryGradient(), b1.entryGradient());
    }

    @Test
    void modelThroughEitherBackend() {
        SoapParameters p = SoapParameters.defaults();
        KernelModel model = model(p, 4);
        ModelCalculator cpu = new ModelCalculator(model, Backends.engines(p, Backend.CPU));
        ModelCalculator gpu = new ModelCalculator(model, Backends.engines(p, Backend.CUDA));
        assertEquals(Backend.CUDA, gpu.engines().kernels().backend(), "the CUDA pair brings the CUDA kernel engine");
        assertEquals(Backend.CPU, cpu.engines().kernels().backend(), "the CPU calculator beside it stays on the CPU");
        SymmetricStructure s = SymmetricStructure.fromTube(Nanotube.of(8, 4), 0.005, 0.0);
        SymmetricResult a = cpu.compute(s);
        SymmetricResult b = gpu.compute(s);
        assertEquals(a.energyPerAtom(), b.energyPerAtom(), GPU_TOL * Math.abs(a.energyPerAtom()));
        assertClose("symmetric forces", a.forces(), b.forces());
        Structure cell = HostKernelParityTest.tubeCell(6, 6, 9, 0.1);
        CellResult ca = cpu.compute(cell);
        CellResult cb = gpu.compute(cell);
        assertClose("cell forces", ca.forces(), cb.forces());
        DesignRows ra = DesignRows.cell(model, cpu.engines(), cell);
        DesignRows rb = DesignRows.cell(model, gpu.engines(), cell);
        assertClose("energy row", ra.energyRow(), rb.energyRow());
        assertClose("force rows", ra.forceRows(), rb.forceRows());
        assertTrue(Arrays.stream(ra.forceRows()).anyMatch(x -> x != 0), "non-trivial rows");
    }

    @Test
    void selfCheckPasses() {
        CudaSelfCheck.Result r = CudaSelfCheck.run(1, 1);
        assertEquals(8, r.rows().size());
        assertTrue(r.atoms() == 40 && r.entries() > 40 * 20, "a (10,10) period with its neighbours");
        assertTrue(r.passed(), r.toString());
    }
}

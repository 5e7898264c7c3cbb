package org.helixff.compute.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.helixff.Tolerances;
import org.helixff.compute.DesignBlocks;
import org.helixff.compute.KernelSpec;
import org.helixff.compute.cpu.CpuKernelEngine;
import org.helixff.compute.cpu.CpuSoapEngine;
import org.helixff.compute.cpu.SoapDescriptorSet;
import org.helixff.descriptor.DescriptorGradients;
import org.helixff.descriptor.RadialTable;
import org.helixff.descriptor.SoapParameters;
import org.helixff.neighbors.CellNeighbors;
import org.helixff.neighbors.NeighborList;
import org.helixff.structure.Nanotube;
import org.helixff.structure.Structure;
import org.helixff.symmetry.SymmetricStructure;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The CUDA kernels' arithmetic checked without a GPU: kernels/host/host_driver.cu includes every .cu
 * and runs each grid on the host, block by block, with the block programs the GPU runs (HostBlock
 * executes the threads of a block phase by phase), the launch sizes of {@link LaunchPlans}, NaN-filled
 * shared memory and outputs (an element read before it is written, or never written, shows up as NaN),
 * and a guard after the shared memory. Its outputs are compared with the CPU engines: expansion
 * coefficients, descriptors, reverse-mode gradients, full Jacobians (CpuSoapEngine), kernel energies,
 * dE/dp and design blocks (CpuKernelEngine). Runs where nvcc is on the PATH, skipped otherwise.
 */
class HostKernelParityTest {
    /**
     * Bit for bit: the kernels run the CPU code's operations in its order, and neither the PTX (built with
     * --fmad=false) nor this x86-64 host build (no FMA instructions without -mfma) fuses multiply-adds.
     */
    private static final double HOST_TOL = 0.0;

    private static Path driver;

    /** Builds the driver once per JVM (each test reports as skipped without nvcc). */
    @BeforeEach
    void buildDriver() throws Exception {
        Path nvcc = NativeTools.find("nvcc").orElse(null);
        Assumptions.assumeTrue(nvcc != null, "nvcc not on the PATH: host build of the CUDA kernels skipped");
        synchronized (HostKernelParityTest.class) {
            if (driver == null) {
                driver = build(nvcc);
            }
        }
    }

    private static Path build(Path nvcc) throws Exception {
        List<Path> inputs = new ArrayList<>();
        try (var s = Files.list(Path.of("kernels"))) {
            s.filter(Files::isRegularFile).sorted().forEach(inputs::add);
        }
        inputs.add(Path.of("kernels/host/host_driver.cu"));
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (Path p : inputs) {
            md.update(p.toString().getBytes(StandardCharsets.UTF_8));
            md.update(Files.readAllBytes(p));
        }
        String hash = HexFormat.of().formatHex(md.digest());
        Path dir = Path.of("target", "cuda-host");
        Files.createDirectories(dir);
        Path exe = dir.resolve("helixff-host-driver");
        Path stamp = dir.resolve("helixff-host-driver.sha256");
        if (Files.isExecutable(exe) && Files.exists(stamp) && Files.readString(stamp).equals(hash)) {
            return exe; // sources unchanged since the last build
        }
        Files.deleteIfExists(stamp);
        NativeTools.Run r = NativeTools.run(300, nvcc.toString(), "-x", "cu", "-std=c++17", "-O2",
                "--compiler-options", "-fPIC", "-gencode", "arch=compute_75,code=compute_75", "-Ikernels",
                "kernels/host/host_driver.cu", "-o", exe.toString());
        assertEquals(0, r.code(), "host build of the kernels failed:\n" + r.output());
        Files.writeString(stamp, hash);
        return exe;
    }

    private static HostArrays runDriver(HostArrays in) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("helixff-host");
        try {
            Path input = dir.resolve("in.bin");
            Path output = dir.resolve("out.bin");
            in.write(input);
            NativeTools.Run r = NativeTools.run(300, driver.toString(), input.toString(), output.toString());
            assertEquals(0, r.code(), "host driver failed:\n" + r.output());
            return HostArrays.read(output);
        } finally {
            try (var s = Files.list(dir)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /**
     * Asserts |expected - actual| <= HOST_TOL max|expected| elementwise (with HOST_TOL = 0: identical values);
     * the scale must be non-trivial.
     */
    static void assertClose(String what, double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, what + ": length");
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertTrue(scale > 0, what + ": the compared quantity is not all zero");
        for (int i = 0; i < expected.length; i++) {
            double diff = Math.abs(expected[i] - actual[i]);
            if (!(diff <= HOST_TOL * scale)) {
                throw new AssertionError(what + "[" + i + "]: CPU " + expected[i] + ", host-built kernel " + actual[i]
                        + " (difference " + diff / scale + " of the largest |value| " + scale + ")");
            }
        }
    }

    static Structure tubeCell(int n, int m, long seed, double amplitude) {
        SymmetricStructure s = SymmetricStructure.fromTube(Nanotube.of(n, m), 0.01, 0.0);
        Random r = new Random(seed);
        double[] x = s.motif();
        for (int i = 0; i < x.length; i++) {
            x[i] += amplitude * (2 * r.nextDouble() - 1);
        }
        return s.withMotif(x).expand(1);
    }

    /**
     * Centre 0: no entries; centre 1: one entry beyond r_c; centre 2: {@code many} neighbours inside r_c
     * (several pair tiles) and two beyond; centre 3: three neighbours.
     */
    static NeighborList edgeCases(double rc, int many, long seed) {
        Random r = new Random(seed);
        List<double[]> d = new ArrayList<>();
        int[] offsets = new int[5];
        d.add(new double[] {0.0, rc + 0.3, 0.0});
        offsets[2] = 1;
        for (int j = 0; j < many + 2; j++) {
            double len = j == 5 || j == 17 ? rc + 0.01 * j : 1.0 + (rc - 1.01) * r.nextDouble();
            d.add(scaled(unit(r), len));
        }
        offsets[3] = d.size();
        for (int j = 0; j < 3; j++) {
            d.add(scaled(unit(r), 1.2 + j));
        }
        offsets[4] = d.size();
        offsets[1] = 0;
        double[] disp = new double[3 * d.size()];
        int[] nb = new int[d.size()];
        for (int e = 0; e < d.size(); e++) {
            System.arraycopy(d.get(e), 0, disp, 3 * e, 3);
            nb[e] = e % 4;
        }
        return NeighborList.of(rc + 1.0, offsets, nb, disp);
    }

    private static double[] unit(Random r) {
        double[] v = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
        double len = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        return new double[] {v[0] / len, v[1] / len, v[2] / len};
    }

    private static double[] scaled(double[] u, double len) {
        return new double[] {u[0] * len, u[1] * len, u[2] * len};
    }

    /** Runs the three SOAP kernels on the host and compares them with the CPU engine. */
    private static void checkSoap(SoapParameters p, NeighborList nl, long seed) throws Exception {
        CpuSoapEngine cpu = new CpuSoapEngine(p);
        SoapDescriptorSet set = cpu.compute(nl);
        DescriptorGradients jac = cpu.computeWithGradients(nl);
        double[] dEdp = new double[set.values().length];
        Random r = new Random(seed);
        for (int k = 0; k < dEdp.length; k++) {
            dEdp[k] = r.nextGaussian();
        }
        double[] back = set.backpropagate(dEdp);

        PairBatch b = PairBatch.of(nl, p.cutoff());
        RadialTable t = RadialTable.of(p);
        SoapDims dims = SoapDims.of(p, t);
        LaunchPlans.SoapPlan pc = LaunchPlans.coefficients(p.nmax(), p.lmax(), b.maxPairs);
        LaunchPlans.SoapPlan pb = LaunchPlans.backprop(p.nmax(), p.lmax(), b.maxPairs);
        LaunchPlans.SoapPlan pj = LaunchPlans.jacobian(p.nmax(), p.lmax());
        assertEquals(pc.threads(), pb.threads());
        assertEquals(pc.threads(), pj.threads());
        HostArrays in = new HostArrays().put("job", 1)
                .put("dims", p.nmax(), p.lmax(), t.intervals(), b.centers, pc.tile(), pb.tile(), pc.threads(), b.entries)
                .put("inv_spacing", dims.invSpacing()).put("table", t.coefficients()).put("pair_offsets", b.offsets)
                .put("pair_geom", b.geometry).put("pair_entry", b.entry).put("pair_centre", b.centre).put("dEdp", dEdp);
        HostArrays out = runDriver(in);

        assertArrayEquals(new int[] {(int) pc.sharedDoubles(), (int) pb.sharedDoubles(), (int) pj.sharedDoubles()},
                out.ints("smem"), "shared memory of the launch plans equals what the kernels index");
        assertClose("coefficients", set.coefficients(), out.doubles("coef"));
        assertClose("descriptors", set.values(), out.doubles("values"));
        assertClose("reverse mode", back, out.doubles("backprop"));
        assertClose("Jacobian", jac.rawGradients(), out.doubles("jacobian"));
    }

    /**
     * Out-of-memory chunking: the batch cut into centre ranges with PairBatch.slice (as CudaSoapEngine does),
     * each run on its own and the outputs put back at the offsets the engine uses, equals the CPU engine bit
     * for bit (one range of a single centre, ranges with and without pairs).
     */
    @Test
    void soapKernelsOnSlicedBatchesEqualTheWholeCell() throws Exception {
        SoapParameters p = SoapParameters.defaults();
        NeighborList nl = CellNeighbors.build(tubeCell(6, 3, 11, 0.12), p.cutoff());
        CpuSoapEngine cpu = new CpuSoapEngine(p);
        SoapDescriptorSet set = cpu.compute(nl);
        DescriptorGradients jac = cpu.computeWithGradients(nl);
        int dlen = set.length();
        double[] dEdp = new Random(5).doubles(set.values().length).map(x -> x - 0.5).toArray();
        double[] back = set.backpropagate(dEdp);
        PairBatch b = PairBatch.of(nl, p.cutoff());
        RadialTable t = RadialTable.of(p);
        SoapDims dims = SoapDims.of(p, t);
        double[] values = new double[set.values().length];
        double[] rev = new double[back.length];
        double[] grad = new double[jac.rawGradients().length];
        int[] cuts = {0, 30, 31, b.centers};
        for (int c = 0; c + 1 < cuts.length; c++) {
            int from = cuts[c];
            int to = cuts[c + 1];
            PairBatch s = b.slice(from, to);
            LaunchPlans.SoapPlan pc = LaunchPlans.coefficients(p.nmax(), p.lmax(), s.maxPairs);
            LaunchPlans.SoapPlan pb = LaunchPlans.backprop(p.nmax(), p.lmax(), s.maxPairs);
            HostArrays in = new HostArrays().put("job", 1)
                    .put("dims", p.nmax(), p.lmax(), t.intervals(), s.centers, pc.tile(), pb.tile(), pc.threads(), s.entries)
                    .put("inv_spacing", dims.invSpacing()).put("table", t.coefficients()).put("pair_offsets", s.offsets)
                    .put("pair_geom", s.geometry).put("pair_entry", s.entry).put("pair_centre", s.centre)
                    .put("dEdp", java.util.Arrays.copyOfRange(dEdp, from * dlen, to * dlen));
            HostArrays out = runDriver(in);
            System.arraycopy(out.doubles("values"), 0, values, from * dlen, s.centers * dlen);
            System.arraycopy(out.doubles("backprop"), 0, rev, 3 * b.entryStart[from], 3 * s.entries);
            System.arraycopy(out.doubles("jacobian"), 0, grad, 3 * b.entryStart[from] * dlen, 3 * s.entries * dlen);
        }
        assertEquals(b, b.slice(0, b.centers), "the whole range is the batch itself");
        assertClose("descriptors (chunked)", set.values(), values);
        assertClose("reverse mode (chunked)", back, rev);
        assertClose("Jacobian (chunked)", jac.rawGradients(), grad);
    }

    @Test
    void soapKernelsOnATubeCellWithDefaultParameters() throws Exception {
        SoapParameters p = SoapParameters.defaults();
        Structure cell = tubeCell(6, 3, 5, 0.1);
        NeighborList nl = CellNeighbors.build(cell, p.cutoff());
        PairBatch b = PairBatch.of(nl, p.cutoff());
        assertTrue(b.maxPairs > LaunchPlans.backprop(p.nmax(), p.lmax(), b.maxPairs).tile(),
                "several pair tiles per centre in the reverse mode");
        checkSoap(p, nl, 1);
    }

    @Test
    void soapKernelsOnEdgeCasesWithOddSizes() throws Exception {
        // Nmax 5: the reverse mode's four-n blocks and its remainder; empty centres; entries beyond r_c
        SoapParameters p = new SoapParameters(6.0, 0.8, 5, 4, SoapParameters.SPHERICAL_BESSEL);
        NeighborList nl = edgeCases(p.cutoff(), 45, 3);
        assertTrue(PairBatch.of(nl, p.cutoff()).maxPairs > LaunchPlans.coefficients(5, 4, 1000).tile(),
                "several pair tiles per centre for the coefficients");
        checkSoap(p, nl, 2);
    }

    @Test
    void soapKernelsWithALargeBasis() throws Exception {
        // small pair tiles (the shared-memory budget binds), Lmax 9, Nmax 10
        SoapParameters p = new SoapParameters(7.0, 0.9, 10, 9, SoapParameters.SPHERICAL_BESSEL);
        assertTrue(LaunchPlans.backprop(p.nmax(), p.lmax(), 1000).tile() < 10, "budget-limited tile");
        checkSoap(p, edgeCases(p.cutoff(), 30, 8), 4);
    }

    private static double[] normalisedReferences(double[] source, int rows, int d, int count, long seed) {
        Random r = new Random(seed);
        double[] ref = new double[count * d];
        for (int t = 0; t < count; t++) {
            int row = r.nextInt(rows);
            double n2 = 0;
            for (int k = 0; k < d; k++) {
                double v = source[row * d + k] * (1 + 0.05 * r.nextGaussian());
                ref[t * d + k] = v;
                n2 += v * v;
            }
            if (n2 == 0) {
                t--; // an empty environment: draw again
                continue;
            }
            double inv = 1 / Math.sqrt(n2);
            for (int k = 0; k < d; k++) {
                ref[t * d + k] *= inv;
            }
        }
        return ref;
    }

    private static double[] gaussians(int n, long seed) {
        Random r = new Random(seed);
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = r.nextGaussian();
        }
        return w;
    }

    @Test
    void kernelEnergiesAndDerivativesOnRealDescriptors() throws Exception {
        SoapParameters p = SoapParameters.defaults();
        int d = p.descriptorLength();
        double[] desc = new CpuSoapEngine(p).compute(CellNeighbors.build(tubeCell(6, 3, 7, 0.1), p.cutoff())).values();
        int n = desc.length / d + 1; // one extra all-zero descriptor (an isolated atom)
        double[] pv = java.util.Arrays.copyOf(desc, n * d);
        double[] refSource = new CpuSoapEngine(p).compute(CellNeighbors.build(tubeCell(5, 5, 9, 0.15), p.cutoff()))
                .values();
        int m = 37;
        double[] ref = normalisedReferences(refSource, refSource.length / d, d, m, 11);
        double[] w = gaussians(m, 12);
        for (int zeta : new int[] {1, 4}) {
            KernelSpec spec = new KernelSpec(ref, w, d, -0.37, zeta);
            double[] e = new double[n];
            double[] g = CpuKernelEngine.INSTANCE.energiesAndGradients(spec, pv, n, e);
            HostArrays out = runDriver(new HostArrays().put("job", 2)
                    .put("dims", n, m, d, zeta, LaunchPlans.ELEMENTWISE_THREADS).put("mu", -0.37).put("p", pv)
                    .put("ref", ref).put("w", w));
            assertClose("site energies, zeta " + zeta, e, out.doubles("energies"));
            assertEquals(-0.37, out.doubles("energies")[n - 1], Tolerances.EXACT, "isolated atom: mu exactly");
            assertClose("dE/dp, zeta " + zeta, g, out.doubles("dEdp"));
        }
    }

    @Test
    void designBlocksOnEdgeCases() throws Exception {
        SoapParameters p = new SoapParameters(6.0, 0.8, 5, 4, SoapParameters.SPHERICAL_BESSEL);
        int d = p.descriptorLength();
        NeighborList nl = edgeCases(p.cutoff(), 20, 21);
        DescriptorGradients dg = new CpuSoapEngine(p).computeWithGradients(nl);
        double[] refSource = new CpuSoapEngine(p).compute(edgeCases(p.cutoff(), 33, 22)).values();
        int m = 19;
        double[] ref = normalisedReferences(refSource, nl.centers(), d, m, 23);
        double[] w = gaussians(m, 24);
        int zeta = 3;
        KernelSpec spec = new KernelSpec(ref, w, d, 0.1, zeta);
        DesignBlocks cpu = CpuKernelEngine.INSTANCE.designBlocks(spec, dg, nl);
        PairBatch b = PairBatch.of(nl, p.cutoff());
        HostArrays out = runDriver(new HostArrays().put("job", 2)
                .put("dims", nl.centers(), m, d, zeta, LaunchPlans.ELEMENTWISE_THREADS).put("mu", 0.1)
                .put("p", dg.rawValues()).put("ref", ref).put("w", w).put("jac", dg.rawGradients())
                .put("entry_centre", b.entryCentre));
        assertClose("kernel values", cpu.kernel(), out.doubles("kernel"));
        assertClose("kernel derivatives per entry", cpu.entryGradient(), out.doubles("entry_grad"));
        // the cuBLAS path's epilogue kernel on J R^T summed in the CPU's order: also bit for bit, on a 3-block
        // grid whose grid-stride loop wraps several times
        assertClose("kernel derivatives per entry, epilogue kernel", cpu.entryGradient(),
                out.doubles("entry_grad_epilogue"));
    }
}

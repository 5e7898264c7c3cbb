package org.helixff.compute.cuda;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.helixff.compute.BackendUnavailableException;
import org.helixff.compute.DesignBlocks;
import org.helixff.compute.KernelSpec;
import org.helixff.compute.cpu.CpuKernelEngine;
import org.helixff.compute.cpu.CpuSoapEngine;
import org.helixff.descriptor.DescriptorGradients;
import org.helixff.descriptor.DescriptorSet;
import org.helixff.descriptor.SoapParameters;
import org.helixff.neighbors.CellNeighbors;
import org.helixff.neighbors.NeighborList;
import org.helixff.structure.Nanotube;
import org.helixff.structure.Structure;
import org.helixff.symmetry.SymmetricStructure;

/**
 * GPU against CPU on one fixed input, for machines with a GPU but no build tools ({@code helixff backend
 * --check}, runs from the shaded jar): a perturbed (10,10) tube cell of {@code periods} axial periods
 * (40 atoms each), default SOAP parameters, a kernel model of 200 references drawn from the cell's own
 * descriptors (zeta 4; {@code references} sets M). Compares descriptors, reverse mode, full Jacobians, kernel energies, dE/dp and
 * design blocks element by element (largest difference relative to the largest |CPU value|) and times
 * both engines on the same input (best of {@code repeats}; GPU times include transfers), plus the whole
 * energy-and-forces chain (descriptors, kernel energies and dE/dp, reverse mode) with the GPU's time split
 * ({@link CudaStats}). Above {@value #FULL_CHECK_PERIODS} periods the Jacobian and design rows are left out
 * (their arrays grow with entries x D), so large cells time E+F only. The same comparisons as the test
 * CudaParityTest.
 *
 * <p>Tolerances: the PTX has no fused multiply-adds and every kernel sums in the CPU's order, so the SOAP
 * quantities, and the kernel products when the built-in GEMM kernels run, must equal the CPU's bit for bit
 * ({@link #EXACT_TOLERANCE}); cuBLAS blocks its sums differently, so rows that go through cuBLAS products
 * get {@link #TOLERANCE}.
 */
public final class CudaSelfCheck {
    /** Largest accepted difference relative to the largest |value| for rows through cuBLAS products (sum order). */
    public static final double TOLERANCE = 1e-12;
    /** Rows computed in the CPU's operation order without FMA: bit for bit. */
    public static final double EXACT_TOLERANCE = 0.0;
    /** Largest cell (periods) on which the Jacobian and design rows are checked too. */
    public static final int FULL_CHECK_PERIODS = 100;
    /** References of the check's model unless told otherwise. */
    public static final int DEFAULT_REFERENCES = 200;
    /** Most references of the check's model. */
    public static final int MAX_REFERENCES = 20000;
    /** Largest cell (periods, 40 atoms each: 80 000 atoms). */
    public static final int MAX_PERIODS = 2000;

    private CudaSelfCheck() {
    }

    /** One compared quantity, with the tolerance it must meet. */
    public record Row(String quantity, long elements, double maxRelativeDifference, double cpuSeconds,
            double gpuSeconds, double tolerance) {
        /** True when the largest relative difference is within the tolerance. */
        public boolean passed() {
            return maxRelativeDifference <= tolerance;
        }
    }

    /**
     * The check's outcome: the device, the atoms and neighbour pairs, how the products ran, one row per
     * quantity and the GPU time split of the E+F chain ({@link CudaStats#snapshot()} keys).
     */
    public record Result(String device, int atoms, int entries, String gemm, List<Row> rows,
            java.util.Map<String, Object> gpuSplit) {
        public Result {
            rows = List.copyOf(rows);
            gpuSplit = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(gpuSplit));
        }

        /** True when every row passed. */
        public boolean passed() {
            return rows.stream().allMatch(Row::passed);
        }
    }

    /**
     * Runs the comparison.
     *
     * @param periods axial periods of the (10,10) cell, 1..{@value #MAX_PERIODS} (40 atoms each)
     * @param repeats timing repetitions, 1..20
     * @return the comparison with {@link #DEFAULT_REFERENCES} references
     * @throws BackendUnavailableException when CUDA is unusable
     */
    public static Result run(int periods, int repeats) {
        return run(periods, repeats, DEFAULT_REFERENCES);
    }

    /**
     * Runs the comparison with a model of {@code references} references (the products' cost grows with it:
     * the bundled model has 624, training runs up to a few thousand).
     *
     * @param periods    axial periods of the (10,10) cell, 1..{@value #MAX_PERIODS} (40 atoms each)
     * @param repeats    timing repetitions, 1..20
     * @param references M, 1..{@value #MAX_REFERENCES}
     * @throws BackendUnavailableException when CUDA is unusable
     */
    public static Result run(int periods, int repeats, int references) {
        CudaProbe probe = CudaRuntime.probe();
        if (!probe.available()) {
            throw new BackendUnavailableException(probe.oneLine());
        }
        if (periods < 1 || periods > MAX_PERIODS || repeats < 1 || repeats > 20 || references < 1
                || references > MAX_REFERENCES) {
            throw new org.helixff.InvalidInputException("self check: periods " + periods + " must lie in [1, "
                    + MAX_PERIODS + "], repeats " + repeats + " in [1, 20], references " + references + " in [1, "
                    + MAX_REFERENCES + "]");
        }
        boolean full = periods <= FULL_CHECK_PERIODS;
        String gemm = CudaRuntime.gemmPath();
        double products = gemm != null && gemm.startsWith("cuBLAS") ? TOLERANCE : EXACT_TOLERANCE;
        SoapParameters p = SoapParameters.defaults();
        SymmetricStructure s = SymmetricStructure.fromTube(Nanotube.of(10, 10), 0.01, 0.0);
        Random r = new Random(2024);
        double[] x = s.motif();
        for (int i = 0; i < x.length; i++) {
            x[i] += 0.1 * (2 * r.nextDouble() - 1);
        }
        Structure cell = s.withMotif(x).expand(periods);
        NeighborList nl = CellNeighbors.build(cell, p.cutoff());
        CpuSoapEngine cpu = new CpuSoapEngine(p);
        CudaSoapEngine gpu = new CudaSoapEngine(p);
        List<Row> rows = new ArrayList<>();

        Timed<DescriptorSet> dc = time(repeats, () -> cpu.compute(nl));
        Timed<DescriptorSet> dg = time(repeats, () -> gpu.compute(nl));
        rows.add(row("descriptors", dc, dg, dc.value.values(), dg.value.values(), EXACT_TOLERANCE));
        double[] v = r.doubles(dc.value.values().length).map(q -> q - 0.5).toArray();
        Timed<double[]> bc = time(repeats, () -> dc.value.backpropagate(v));
        Timed<double[]> bg = time(repeats, () -> dg.value.backpropagate(v));
        rows.add(row("reverse mode dE/dd", bc, bg, bc.value, bg.value, EXACT_TOLERANCE));
        Timed<DescriptorGradients> jc = full ? time(repeats, () -> cpu.computeWithGradients(nl)) : null;
        if (full) {
            Timed<DescriptorGradients> jg = time(repeats, () -> gpu.computeWithGradients(nl));
            rows.add(row("Jacobian dp/dd", jc, jg, jc.value.rawGradients(), jg.value.rawGradients(), EXACT_TOLERANCE));
        }

        int d = p.descriptorLength();
        int n = nl.centers();
        double[] desc = dc.value.values();
        int m = references;
        double[] ref = new double[m * d];
        for (int t = 0; t < m; t++) {
            int row = r.nextInt(n);
            double n2 = 0;
            for (int k = 0; k < d; k++) {
                ref[t * d + k] = desc[row * d + k] * (1 + 0.05 * r.nextGaussian());
                n2 += ref[t * d + k] * ref[t * d + k];
            }
            for (int k = 0; k < d; k++) {
                ref[t * d + k] /= Math.sqrt(n2);
            }
        }
        double[] w = r.doubles(m).map(q -> (q - 0.5) * 1e-3).toArray();
        KernelSpec spec = new KernelSpec(ref, w, d, -0.2, 4);
        CudaKernelEngine gk = new CudaKernelEngine();
        double[] ec = new double[n];
        double[] eg = new double[n];
        Timed<double[]> kc = time(repeats, () -> CpuKernelEngine.INSTANCE.energiesAndGradients(spec, desc, n, ec));
        Timed<double[]> kg = time(repeats, () -> gk.energiesAndGradients(spec, desc, n, eg));
        rows.add(row("kernel site energies", kc, kg, ec, eg, products));
        rows.add(row("kernel dE/dp", kc, kg, kc.value, kg.value, products));
        if (full) {
            Timed<DesignBlocks> zc = time(repeats, () -> CpuKernelEngine.INSTANCE.designBlocks(spec, jc.value, nl));
            Timed<DesignBlocks> zg = time(repeats, () -> gk.designBlocks(spec, jc.value, nl));
            rows.add(row("design kernel values", zc, zg, zc.value.kernel(), zg.value.kernel(), products));
            rows.add(row("design dk/dd", zc, zg, zc.value.entryGradient(), zg.value.entryGradient(), products));
        }
        // the energy-and-forces chain as ModelCalculator runs it: descriptors, kernel, reverse mode
        Timed<double[]> fc = time(repeats, () -> energyAndForces(cpu, CpuKernelEngine.INSTANCE, spec, nl));
        CudaStats.reset();
        Timed<double[]> fg = time(repeats, () -> energyAndForces(gpu, gk, spec, nl));
        java.util.Map<String, Object> split = new java.util.LinkedHashMap<>(CudaStats.snapshot());
        split.put("repeats", repeats);
        rows.add(row("E+F chain dE/dd", fc, fg, fc.value, fg.value, products));
        Object dev = ((List<?>) probe.details().get("devices")).get(0);
        return new Result(String.valueOf(dev), n, nl.entries(), gemm, rows, split);
    }

    /** dE/dd per entry (the forces before gathering) through the given engines. */
    private static double[] energyAndForces(org.helixff.descriptor.DescriptorEngine soap,
            org.helixff.compute.KernelEngine kernel, KernelSpec spec, NeighborList nl) {
        DescriptorSet set = soap.compute(nl);
        int n = set.centers();
        double[] e = new double[n];
        double[] dEdp = kernel.energiesAndGradients(spec, set.values(), n, e);
        return set.backpropagate(dEdp);
    }

    private record Timed<T>(T value, double seconds) {
    }

    private static <T> Timed<T> time(int repeats, Supplier<T> f) {
        T value = null;
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            value = f.get();
            best = Math.min(best, (System.nanoTime() - t0) * 1e-9);
        }
        return new Timed<>(value, best);
    }

    private static Row row(String name, Timed<?> c, Timed<?> g, double[] a, double[] b, double tolerance) {
        double scale = 0;
        for (double q : a) {
            scale = Math.max(scale, Math.abs(q));
        }
        double diff = a.length == b.length ? 0 : Double.POSITIVE_INFINITY;
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            double e = Math.abs(a[i] - b[i]);
            diff = Double.isNaN(e) ? Double.POSITIVE_INFINITY : Math.max(diff, e);
        }
        double rel = scale > 0 ? diff / scale : (diff == 0 ? 0 : Double.POSITIVE_INFINITY);
        return new Row(name, a.length, rel, c.seconds, g.seconds, tolerance);
    }

}

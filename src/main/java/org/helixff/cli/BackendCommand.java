package org.helixff.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.helixff.backend.Backends;
import org.helixff.compute.BackendReport;
import org.helixff.compute.cuda.CudaSelfCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code helixff backend}: the compute-backend probe report (JSON with --json). */
@Command(name = "backend", mixinStandardHelpOptions = true,
        description = {"Probe the compute backends: whether the CUDA backend can run here, why not and how to fix it,"
                + " the JCuda native library, driver, devices and shipped PTX.",
            "Exit code 0 (the report is printed either way); 2 when --backend cuda or --check is given and CUDA is"
                + " unusable, or when --check finds a difference."})
final class BackendCommand implements Callable<Integer> {
    @Mixin
    BackendOptions backend;

    @Option(names = "--json", description = "print JSON to stdout")
    boolean json;

    @Option(names = "--check", description = "also compare the GPU with the CPU on a perturbed (10,10) tube cell"
            + " (descriptors, reverse mode, Jacobians, kernel energies, dE/dp, design blocks, the E+F chain) and time"
            + " both; exit code 2 when CUDA is unusable or a difference exceeds its tolerance (0 for the SOAP"
            + " kernels and built-in products, 1e-12 of the largest value for cuBLAS products)")
    boolean check;

    @Option(names = "--periods", defaultValue = "5",
            description = "axial periods of the --check cell, 40 atoms each, 1..2000; above 100 only the E+F"
                    + " quantities are checked (default: ${DEFAULT-VALUE})")
    int periods;

    @Option(names = "--references", defaultValue = "200",
            description = "references M of the --check model, 1..20000 (the products' cost grows with M; the bundled"
                    + " model has 624) (default: ${DEFAULT-VALUE})")
    int references;

    @Option(names = "--repeats", defaultValue = "3",
            description = "timing repetitions of --check, best kept (default: ${DEFAULT-VALUE})")
    int repeats;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return backend.run(this::print);
    }

    private int print() {
        BackendReport r = Backends.report(backend.requested());
        PrintWriter out = spec.commandLine().getOut();
        CudaSelfCheck.Result c = check ? CudaSelfCheck.run(periods, repeats, references) : null;
        if (json) {
            Map<String, Object> m = r.toMap();
            if (c != null) {
                Map<String, Object> cm = Json.object();
                cm.put("device", c.device());
                cm.put("atoms", c.atoms());
                cm.put("entries", c.entries());
                cm.put("gemm", c.gemm());
                cm.put("references", references);
                cm.put("passed", c.passed());
                List<Map<String, Object>> rows = new java.util.ArrayList<>();
                for (CudaSelfCheck.Row row : c.rows()) {
                    Map<String, Object> rm = Json.object();
                    rm.put("quantity", row.quantity());
                    rm.put("elements", row.elements());
                    rm.put("max_relative_difference", row.maxRelativeDifference());
                    rm.put("cpu_seconds", row.cpuSeconds());
                    rm.put("gpu_seconds", row.gpuSeconds());
                    rm.put("tolerance", row.tolerance());
                    rm.put("passed", row.passed());
                    rows.add(rm);
                }
                cm.put("rows", rows);
                cm.put("gpu_time_split_e_f", c.gpuSplit());
                m = new java.util.LinkedHashMap<>(m);
                m.put("check", cm);
            }
            Json.print(out, m);
            return finish(c);
        }
        out.printf("backend: requested %s, runs on %s%n", name(r.requested()),
                r.resolved() == null ? "nothing (CUDA unavailable)" : name(r.resolved()));
        out.printf("cuda: %s%n", r.cudaAvailable() ? "available" : "unavailable");
        if (!r.cudaAvailable()) {
            out.printf("  reason: %s%n", r.reason());
            out.printf("  fix:    %s%n", r.fix());
        }
        for (Map.Entry<String, Object> e : r.details().entrySet()) {
            if (e.getValue() instanceof List<?> l) {
                out.printf("%s:%n", e.getKey());
                for (Object o : l) {
                    out.printf("  %s%n", o);
                }
            } else {
                out.printf("%s: %s%n", e.getKey(), e.getValue());
            }
        }
        if (c != null) {
            out.printf("check: %s, %d atoms, %d neighbour entries, M = %d references, products: %s%n", c.device(),
                    c.atoms(), c.entries(), references, c.gemm());
            out.printf("  %-22s %10s %12s %9s %11s %11s %9s%n", "quantity", "elements", "max rel diff", "tolerance",
                    "CPU s", "GPU s", "CPU/GPU");
            for (CudaSelfCheck.Row row : c.rows()) {
                out.printf("  %-22s %10d %12.2e %9.0e %11.4f %11.4f %9.2f%s%n", row.quantity(), row.elements(),
                        row.maxRelativeDifference(), row.tolerance(), row.cpuSeconds(), row.gpuSeconds(),
                        row.gpuSeconds() > 0 ? row.cpuSeconds() / row.gpuSeconds() : Double.NaN,
                        row.passed() ? "" : "  FAILED");
            }
            out.printf("  GPU time split of the E+F chain (all repeats): %s%n", c.gpuSplit());
        }
        out.flush();
        return finish(c);
    }

    private int finish(CudaSelfCheck.Result c) {
        if (c != null && !c.passed()) {
            spec.commandLine().getErr().println("helixff: error: GPU and CPU differ by more than the tolerance in "
                    + c.rows().stream().filter(r -> !r.passed()).map(CudaSelfCheck.Row::quantity).toList());
            spec.commandLine().getErr().flush();
            return Main.EXIT_USAGE;
        }
        return 0;
    }

    private static String name(Enum<?> e) {
        return e.name().toLowerCase(java.util.Locale.ROOT);
    }
}

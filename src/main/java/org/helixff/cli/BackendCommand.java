package org.helixff.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.helixff.compute.BackendReport;
import org.helixff.compute.Backends;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code helixff backend}: the compute-backend probe report (JSON with --json). */
@Command(name = "backend", mixinStandardHelpOptions = true,
        description = {"Probe the compute backends: whether the CUDA backend can run here, why not and how to fix it,"
                + " the JCuda native library, driver, devices and shipped PTX.",
            "Exit code 0 (the report is printed either way); 2 when --backend cuda is given and CUDA is unusable."})
final class BackendCommand implements Callable<Integer> {
    @Mixin
    BackendOptions backend;

    @Option(names = "--json", description = "print JSON to stdout")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return backend.run(this::print);
    }

    private int print() {
        BackendReport r = Backends.report();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, r.toMap());
            return 0;
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
        out.flush();
        return 0;
    }

    private static String name(Enum<?> e) {
        return e.name().toLowerCase(java.util.Locale.ROOT);
    }
}

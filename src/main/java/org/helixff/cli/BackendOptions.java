package org.helixff.cli;

import org.helixff.backend.Backends;
import org.helixff.compute.Backend;
import picocli.CommandLine.Option;

/**
 * The {@code --backend} option, mixed into every command that evaluates models. Commands pass
 * {@link #requested()} down to {@code Models.resolve(spec, backend)} / {@code Backends.engines(soap, backend)};
 * nothing is installed globally. {@link #run} checks an explicit {@code cuda} at once (on a machine without a
 * usable GPU the command fails with the probe's reason and fix in one line, exit code 2); {@code auto} falls back
 * to the CPU with one log line when an engine is first needed.
 */
final class BackendOptions {
    @Option(names = "--backend", paramLabel = "auto|cpu|cuda",
            description = "compute backend for descriptors and kernels: auto (GPU when usable, else CPU), cpu, or cuda"
                    + " (fails when no usable GPU); default: the system property helixff.backend, else auto")
    String backend;

    @Option(names = "--quiet", description = "no notes on stderr (backend choice and the like); warnings and errors stay")
    boolean quiet;

    /** The backend asked for (option, else system property / AUTO). */
    Backend requested() {
        return backend == null ? Backends.requested() : Backend.parse(backend);
    }

    /**
     * Runs a command body after checking an explicit CUDA request, and returns its exit code.
     *
     * @throws org.helixff.compute.BackendUnavailableException for an explicit CUDA request without a usable GPU
     */
    int run(java.util.function.IntSupplier body) {
        Main.quietLogging(quiet);
        if (requested() == Backend.CUDA) {
            Backends.resolve(Backend.CUDA);
        }
        return body.getAsInt();
    }
}

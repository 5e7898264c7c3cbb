package org.helixff.cli;

import picocli.CommandLine.Option;

/**
 * The roll-up and relaxation options {@code phonons}, {@code energy} and {@code relax} share (a picocli mixin):
 * the C-C distance of the starting roll-up and the relaxation's tolerance and iteration limit.
 */
final class RollUpOptions {
    @Option(names = "--dcc", defaultValue = "1.42",
            description = "carbon-carbon distance of the starting roll-up in Angstrom (default: ${DEFAULT-VALUE})")
    double dccAngstrom;

    @Option(names = "--tol", defaultValue = "1e-6",
            description = "force tolerance of the relaxation in Ha/Bohr (default: ${DEFAULT-VALUE})")
    double tolerance;

    @Option(names = "--max-iter", defaultValue = "2000",
            description = "iteration limit of the relaxation (default: ${DEFAULT-VALUE})")
    int maxIterations;
}

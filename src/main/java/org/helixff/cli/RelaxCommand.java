package org.helixff.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code helixff relax N M}: symmetry-adapted relaxation of a tube; prints what {@code energy --relax} prints. */
@Command(name = "relax", mixinStandardHelpOptions = true,
        description = {"Relax tube (N,M) with its 2-atom motif (L-BFGS; h and alpha with --free-axial, --free-twist)"
                + " and print energy per atom, residual force, dE/dh, dE/dalpha, diameter and iterations.",
            "Exit code 2 on bad input or when the relaxation does not converge (numbers are still printed)."})
final class RelaxCommand implements Callable<Integer> {
    @Mixin
    TubeEnergyOptions options;

    @Mixin
    BackendOptions backend;

    @picocli.CommandLine.Option(names = "--out", paramLabel = "FILE.extxyz",
            description = "write the relaxed tube (motif, group, energy per motif, forces) as a symmetric extxyz frame;"
                    + " nothing is written when the relaxation does not converge")
    java.nio.file.Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return backend.run(() -> TubeEnergy.run(options, backend.requested(), true, file, spec.commandLine().getOut(), spec.commandLine().getErr()));
    }
}

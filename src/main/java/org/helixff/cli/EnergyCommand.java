package org.helixff.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code helixff energy N M}: energy per atom, forces and screw derivatives of a tube (optionally relaxed). */
@Command(name = "energy", mixinStandardHelpOptions = true,
        description = {"Energy per atom, largest symmetric force, dE/dh, dE/dalpha and diameter of tube (N,M),"
                + " as built or after --relax (symmetry-adapted: a 2-atom motif).",
            "Exit code 2 on bad input or when a relaxation does not converge (numbers are still printed)."})
final class EnergyCommand implements Callable<Integer> {
    @Mixin
    TubeEnergyOptions options;

    @Mixin
    BackendOptions backend;

    @Option(names = "--relax", description = "relax the motif first (and h, alpha with --free-axial, --free-twist)")
    boolean relax;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!relax && (options.freeAxial || options.freeTwist)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--free-axial and --free-twist need --relax");
        }
        return backend.run(() -> TubeEnergy.run(options, relax, spec.commandLine().getOut(), spec.commandLine().getErr()));
    }
}

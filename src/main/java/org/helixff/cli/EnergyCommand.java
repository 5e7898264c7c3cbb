package org.helixff.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code helixff energy N M}: energy per atom, forces and screw derivatives of a tube (optionally relaxed). */
@Command(name = "energy", mixinStandardHelpOptions = true,
        description = {"Energy per atom, largest symmetric force, dE/dh, dE/dalpha and diameter of tube (N,M),"
                + " as built or after --relax (symmetry-adapted: a 2-atom motif).",
            "With --cell FILE.extxyz [--out ANNOTATED.extxyz]: energy, per-atom energies, forces and (learned model)"
                + " per-atom uncertainties of every full-cell frame; the annotated frames carry them as columns.",
            "Exit code 2 on bad input or when a relaxation does not converge (numbers are still printed)."})
final class EnergyCommand implements Callable<Integer> {
    @Mixin
    TubeEnergyOptions options;

    @Mixin
    BackendOptions backend;

    @Option(names = "--relax", description = "relax the motif first (and h, alpha with --free-axial, --free-twist)")
    boolean relax;

    @Option(names = "--cell", paramLabel = "FILE.extxyz",
            description = "instead of a tube: every full-cell frame of this extxyz file (energy, per-atom energies,"
                    + " forces and the model's uncertainties)")
    java.nio.file.Path cell;

    @Option(names = "--out", paramLabel = "ANNOTATED.extxyz",
            description = "with --cell: write the frames with per-atom columns energies, forces, energy_sigma,"
                    + " energy_sigma_epistemic, force_sigma, force_sigma_norm (for colouring in OVITO/ASE)")
    java.nio.file.Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (cell != null) {
            if (options.n != null || relax || options.freeAxial || options.freeTwist) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--cell takes no N M and no relaxation options");
            }
            return backend.run(() -> CellEnergy.run(options.model, backend.requested(), cell, out, options.json,
                    spec.commandLine().getOut(), options.extrapolation, spec.commandLine().getErr()));
        }
        if (out != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out needs --cell");
        }
        if (!relax && (options.freeAxial || options.freeTwist)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--free-axial and --free-twist need --relax");
        }
        return backend.run(() -> TubeEnergy.run(options, backend.requested(), relax, spec.commandLine().getOut(), spec.commandLine().getErr()));
    }
}

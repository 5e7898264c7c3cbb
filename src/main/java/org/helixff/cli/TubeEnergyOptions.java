package org.helixff.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Options shared by {@code energy} and {@code relax}: the tube, the model and the relaxation settings. */
final class TubeEnergyOptions {
    @Parameters(index = "0", arity = "0..1", description = "chiral index n (>= 1)")
    Integer n;

    @Parameters(index = "1", arity = "0..1", description = "chiral index m (>= 0)")
    Integer m;

    @Option(names = "--model", defaultValue = "default",
            description = "force field: default (the bundled learned model), tersoff, tersoff-lb or a model file"
                    + " (default: ${DEFAULT-VALUE})")
    String model;

    @picocli.CommandLine.Mixin
    RollUpOptions rollUp;

    @Option(names = "--free-axial", description = "relax the screw shift h (axial period)")
    boolean freeAxial;

    @Option(names = "--free-twist", description = "relax the screw angle alpha (twist)")
    boolean freeTwist;

    @Option(names = "--json", description = "print JSON to stdout")
    boolean json;

    @picocli.CommandLine.Mixin
    ExtrapolationCheck extrapolation;
}

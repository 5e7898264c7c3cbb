package org.helixff.cli;

import org.helixff.descriptor.SoapParameters;
import org.helixff.training.TrainingOptions;
import picocli.CommandLine.Option;

/**
 * The descriptor and kernel settings {@code train} and {@code cv} share (a picocli mixin): SOAP radial functions,
 * largest l, cutoff and Gaussian width, and the kernel exponent. Ignored with {@code --default-recipe}.
 */
final class KernelOptions {
    @Option(names = "--nmax", defaultValue = "8", description = "SOAP radial functions (default: ${DEFAULT-VALUE})")
    int nmax;

    @Option(names = "--lmax", defaultValue = "6", description = "SOAP largest l (default: ${DEFAULT-VALUE})")
    int lmax;

    @Option(names = "--cutoff", defaultValue = "10.0", description = "SOAP cutoff in Bohr (default: ${DEFAULT-VALUE})")
    double cutoff;

    @Option(names = "--sigma", defaultValue = "1.0", description = "SOAP Gaussian width in Bohr (default: ${DEFAULT-VALUE})")
    double sigma;

    @Option(names = "--zeta", defaultValue = "4", description = "kernel exponent (default: ${DEFAULT-VALUE})")
    int zeta;

    /**
     * The builder with these settings.
     *
     * @param b a training-options builder
     * @return b, with SOAP parameters and zeta set
     * @throws org.helixff.InvalidInputException for settings out of range
     */
    TrainingOptions.Builder apply(TrainingOptions.Builder b) {
        return b.soap(new SoapParameters(cutoff, sigma, nmax, lmax, SoapParameters.SPHERICAL_BESSEL)).zeta(zeta);
    }
}

package org.helixff.cli;

import org.helixff.phonon.TubePhonons;
import picocli.CommandLine.Option;

/** Spectrum options of {@code phonons} and {@code analyze} (picocli mixin): kappa grid, DOS width, ring modes. */
final class SpectrumOptions {
    @Option(names = "--kappa-points", defaultValue = "101",
            description = "kappa points of the helical dispersion in [-pi, pi) (>= 2; default: ${DEFAULT-VALUE})")
    int kappaPoints;

    @Option(names = "--dos-sigma", defaultValue = "4.0",
            description = "Gaussian broadening of the DOS in cm^-1 (default: ${DEFAULT-VALUE})")
    double dosSigma;

    @Option(names = "--ring-max", defaultValue = "4",
            description = "largest angular momentum of the ring modes (default: ${DEFAULT-VALUE})")
    int ringMax;

    /** Sets the kappa points, the DOS broadening and the largest ring angular momentum on {@code b}. */
    TubePhonons.Options.Builder applyTo(TubePhonons.Options.Builder b) {
        return b.kappaPoints(kappaPoints).dosSigma(dosSigma).ringMax(ringMax);
    }
}

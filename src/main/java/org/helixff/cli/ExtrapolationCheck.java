package org.helixff.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.helixff.InvalidInputException;
import org.helixff.calculator.Calculator;
import org.helixff.model.Extrapolation;
import org.helixff.model.ModelCalculator;
import org.helixff.structure.Structure;
import org.helixff.symmetry.SymmetricStructure;
import picocli.CommandLine.Option;

/**
 * The "outside the training data" check of the commands that predict with a learned model ({@code energy},
 * {@code relax}, {@code phonons}, {@code demo}, {@code md}): {@link Extrapolation}'s score of the structure,
 * one warning line on stderr when it lies outside, the numbers for the JSON, and {@code --strict} to make
 * it an error (exit 2). Analytic force fields (Tersoff) have no training data: nothing is measured.
 */
final class ExtrapolationCheck {
    @Option(names = "--strict", description = "exit with code 2 when the structure lies outside the model's"
            + " training data (default: one warning line)")
    boolean strict;

    /** The measure of a symmetric structure, when the calculator is a learned model. */
    static Optional<Extrapolation.Report> measure(Calculator calc, SymmetricStructure s) {
        if (calc instanceof ModelCalculator mc) {
            return Optional.of(Extrapolation.of(mc.model(), mc.engine(), s));
        }
        return Optional.empty();
    }

    /** The measure of a full cell, when the calculator is a learned model. */
    static Optional<Extrapolation.Report> measure(Calculator calc, Structure s) {
        if (calc instanceof ModelCalculator mc) {
            return Optional.of(Extrapolation.of(mc.model(), mc.engine(), s));
        }
        return Optional.empty();
    }

    /**
     * Fails fast under {@code --strict}: measures the structure and throws when it lies outside.
     *
     * @throws InvalidInputException under --strict when the structure lies outside the training data
     */
    Optional<Extrapolation.Report> precheck(Calculator calc, SymmetricStructure s, String what) {
        Optional<Extrapolation.Report> r = measure(calc, s);
        if (strict && r.isPresent() && r.get().outside()) {
            throw new InvalidInputException(message(r.get(), what, calc) + " (--strict)");
        }
        return r;
    }

    /**
     * Reports a measure: under {@code --strict} an error when outside, else one warning line on {@code err}.
     *
     * @throws InvalidInputException under --strict when the structure lies outside the training data
     */
    void report(Optional<Extrapolation.Report> r, String what, Calculator calc, PrintWriter err) {
        if (r.isEmpty() || !r.get().outside()) {
            return;
        }
        if (strict) {
            throw new InvalidInputException(message(r.get(), what, calc) + " (--strict)");
        }
        err.println("helixff: warning: " + message(r.get(), what, calc) + "; results are extrapolated"
                + " (--strict makes this an error)");
        err.flush();
    }

    /** The JSON entry of a measure (absent for analytic force fields). */
    static void put(Map<String, Object> json, Optional<Extrapolation.Report> r) {
        r.ifPresent(x -> json.put("extrapolation", x.toMap()));
    }

    static String message(Extrapolation.Report r, String what, Calculator calc) {
        return String.format(Locale.ROOT, "%s lies outside the training data of model '%s' (extrapolation score"
                + " %.2f > %.2f: atom %d is %.3f from the nearest training environment, interpolation radius %.3f)",
                what, calc.name(), r.score(), Extrapolation.WARNING_SCORE, r.worstCenter(), r.maxDistance(),
                r.radius());
    }
}

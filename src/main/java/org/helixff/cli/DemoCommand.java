package org.helixff.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.helixff.Units;
import org.helixff.app.Models;
import org.helixff.calculator.Calculator;
import org.helixff.calculator.UncertaintyCalculator;
import org.helixff.phonon.IdentifiedMode;
import org.helixff.phonon.TubePhononResult;
import org.helixff.phonon.TubePhonons;
import org.helixff.structure.Nanotube;
import org.helixff.symmetry.SymmetricStructure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code helixff demo}: the end-to-end job of the README's Quick start. With the bundled learned model
 * (or --model) relax a tube with free axial period, compute its symmetry-adapted phonons, print a short
 * summary (energy, diameter, RBM, twist mode, G band, the model's uncertainty on this tube) and write
 * the phonon files.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Relax a tube (default (10,10)) with the bundled learned model, compute its phonons and summarise.",
            "The phonons come from the 2-atom motif; writes band.yaml, CSVs, PNG plots and summary.json into --out."})
final class DemoCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", defaultValue = "10", description = "chiral index n (default: ${DEFAULT-VALUE})")
    int n;

    @Parameters(index = "1", arity = "0..1", defaultValue = "10", description = "chiral index m (default: ${DEFAULT-VALUE})")
    int m;

    @Option(names = "--model", defaultValue = "default", description = "default, tersoff, tersoff-lb or a model file")
    String model;

    @Option(names = "--out", defaultValue = "helixff-demo", description = "output directory (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--json", description = "print the JSON summary to stdout")
    boolean json;

    @picocli.CommandLine.Mixin
    BackendOptions backend;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    ExtrapolationCheck extrapolation;

    @Override
    public Integer call() {
        return backend.run(this::body);
    }

    @SuppressWarnings("unchecked")
    private int body() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter e = spec.commandLine().getErr();
        org.helixff.io.AtomicFiles.StagedDirectory.checkDirectoryTarget(out);
        Calculator calc = Models.resolve(model, backend.requested());
        Nanotube tube = Nanotube.of(n, m);
        ProgressBar bar = new ProgressBar(e);
        TubePhonons.Options opt = TubePhonons.Options.builder().relax(true).freeAxial(true).build();
        SymmetricStructure start = SymmetricStructure.fromTube(tube);
        extrapolation.precheck(calc, start, "tube " + tube);
        TubePhononResult r = TubePhonons.run(calc, start, opt, bar);
        bar.finish();
        var outside = ExtrapolationCheck.measure(calc, r.structure());
        extrapolation.report(outside, "tube " + tube, calc, e);
        Map<String, Object> extra = new LinkedHashMap<>();
        ExtrapolationCheck.put(extra, outside);
        UncertaintyCalculator.Uncertainty u = null;
        if (calc instanceof UncertaintyCalculator uc) {
            u = uc.uncertainty(r.structure());
            Map<String, Object> um = new LinkedHashMap<>();
            um.put("energy_per_atom_sigma_ha", u.energyPerAtom());
            um.put("energy_per_atom_sigma_epistemic_ha", u.energyPerAtomEpistemic());
            um.put("max_force_sigma_ha_per_bohr", u.maxForce());
            um.put("max_force_sigma_epistemic_ha_per_bohr", u.maxForceEpistemic());
            extra.put("model_uncertainty", um);
        }
        Map<String, Object> summary = PhononsCommand.writeOutputs(out, r, n, m, calc.name(), extra);
        if (json) {
            o.println(org.helixff.report.PhononJson.toJson(summary));
            o.flush();
            return 0;
        }
        double dNm = Units.bohrToAngstrom(2 * r.structure().meanRadius()) / 10;
        double e0 = r.energy().energyPerAtom();
        o.printf(Locale.ROOT, "HelixFF demo: (%d,%d) carbon nanotube, model %s%n", n, m, calc.name());
        o.printf(Locale.ROOT, "  relaxed (2-atom motif, free axial period): diameter %.4f nm, energy %.6f Ha/atom (%.4f eV/atom)%s%n",
                dNm, e0, Units.hartreeToEv(e0),
                r.relaxation().map(rr -> ", " + rr.iterations() + " L-BFGS steps").orElse(""));
        IdentifiedMode rbm = r.rbm();
        o.printf(Locale.ROOT, "  radial breathing mode  %8.1f cm^-1   (RBM x d = %.1f cm^-1 nm; experiment 227-248)%n",
                rbm.frequencyCm1(), rbm.frequencyCm1() * dNm);
        for (IdentifiedMode z : r.zeroModes()) {
            if (z.name().startsWith("twist")) {
                o.printf(Locale.ROOT, "  rigid twist (zero mode)%8.2f cm^-1   at (nu, kappa) = (%d, %.3f), tangential overlap %.4f%n",
                        z.frequencyCm1(), z.nu(), z.kappa(), z.overlap());
            }
        }
        double gLo = Double.POSITIVE_INFINITY;
        double gHi = 0;
        for (IdentifiedMode g : r.gModes()) {
            gLo = Math.min(gLo, g.frequencyCm1());
            gHi = Math.max(gHi, g.frequencyCm1());
        }
        o.printf(Locale.ROOT, "  G band                 %.0f-%.0f cm^-1 (experiment ~1591)%n", gLo, gHi);
        List<IdentifiedMode> rings = r.ringModes();
        if (!rings.isEmpty()) {
            o.printf(Locale.ROOT, "  ring (squash) mode m=2 %8.1f cm^-1%n", rings.get(0).frequencyCm1());
        }
        if (u != null) {
            o.printf(Locale.ROOT, "  model uncertainty here: energy +-%.1e Ha/atom, forces +-%.1e Ha/Bohr"
                    + " (epistemic part %.1e / %.1e)%n", u.energyPerAtom(), u.maxForce(), u.energyPerAtomEpistemic(),
                    u.maxForceEpistemic());
        }
        outside.ifPresent(x -> o.printf(Locale.ROOT, "  extrapolation score    %.2f (warning above %.2f: %s)%n", x.score(),
                org.helixff.model.Extrapolation.WARNING_SCORE, x.outside() ? "OUTSIDE the training data"
                        : "inside the training data"));
        o.printf(Locale.ROOT, "  imaginary modes: %d;  files: %s/{band.yaml, dispersion.csv, dos.csv, *.png, summary.json}%n",
                r.instability().count(), out);
        o.flush();
        ModeListing.warnings(e, r.warnings());
        return 0;
    }
}

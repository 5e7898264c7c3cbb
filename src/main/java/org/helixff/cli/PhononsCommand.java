package org.helixff.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.helixff.InvalidInputException;
import org.helixff.Progress;
import org.helixff.Units;
import org.helixff.calculator.Calculator;
import org.helixff.io.AtomicFiles;
import org.helixff.io.BandYaml;
import org.helixff.io.PhononCsv;
import org.helixff.io.PhononJson;
import org.helixff.io.PhononPlots;
import org.helixff.phonon.DisplacementScheme;
import org.helixff.phonon.IdentifiedMode;
import org.helixff.phonon.PhononLaws;
import org.helixff.phonon.TubePhononResult;
import org.helixff.phonon.TubePhonons;
import org.helixff.structure.Nanotube;
import org.helixff.symmetry.SymmetricStructure;
import org.helixff.io.Models;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code helixff phonons N M --out DIR}: symmetry-adapted phonons of one tube (files: band.yaml, CSVs, JSON
 * summary, PNG plots), or {@code helixff phonons --series "10,10 12,12 ..."}: RBM and ring-mode laws over tubes.
 */
@Command(name = "phonons", mixinStandardHelpOptions = true,
        description = {"Phonons of tube (N,M) from its 2-atom motif: force constants by finite differences on a"
                + " cluster, symmetry-adapted dynamical matrices D(kappa, nu), helical and linear dispersion, DOS,"
                + " zero modes, RBM, ring and G modes. Writes band.yaml, dispersion.csv, gamma.csv, dos.csv,"
                + " summary.json and PNG plots into --out.",
            "With --series \"n,m n,m ...\": RBM and ring-mode frequencies of every tube (always relaxed) and the"
                + " fits RBM = A/d + B and omega_m ~ m(m^2-1)/sqrt(m^2+1)/d^2.",
            "Exit code 2 with one line on bad input or a relaxation that does not converge."})
final class PhononsCommand implements Callable<Integer> {
    @Parameters(arity = "0..2", paramLabel = "N M", description = "chiral indices n >= 1, m >= 0")
    List<Integer> indices = new ArrayList<>();

    @Option(names = "--series", paramLabel = "TUBES",
            description = "tube list for the laws, e.g. \"8,8 10,10 12,12 15,0 18,0 12,6\"")
    String series;

    @Option(names = "--model", defaultValue = "default",
            description = "force field: default (the bundled learned model), tersoff, tersoff-lb or a model file"
                    + " (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--relax", description = "relax the motif first (recommended: unrelaxed tubes give imaginary modes)")
    boolean relax;

    @Option(names = "--free-axial", description = "with --relax: also relax the axial period h")
    boolean freeAxial;

    @Option(names = "--kappa-points", defaultValue = "101",
            description = "kappa points of the helical dispersion in [-pi, pi) (>= 2; default: ${DEFAULT-VALUE})")
    int kappaPoints;

    @Option(names = "--k-points", defaultValue = "0",
            description = "k points from Gamma to pi/T in band.yaml (>= 2; 0 = automatic: 51, fewer for huge cells)")
    int kPoints;

    @Option(names = "--dos-kappa-points", defaultValue = "0",
            description = "kappa points per nu of the DOS sampling (0 = automatic)")
    int dosKappaPoints;

    @Option(names = "--dos-sigma", defaultValue = "4.0",
            description = "Gaussian broadening of the DOS in cm^-1 (default: ${DEFAULT-VALUE})")
    double dosSigma;

    @Option(names = "--ring-max", defaultValue = "4",
            description = "largest angular momentum of the ring modes (default: ${DEFAULT-VALUE})")
    int ringMax;

    @Option(names = "--step", defaultValue = "0.005",
            description = "finite-difference step in Bohr (4-point central differences; default: ${DEFAULT-VALUE})")
    double step;

    @Option(names = "--no-sum-rules", description = "do not impose the translational and rotational sum rules")
    boolean noSumRules;

    @Option(names = "--dcc", defaultValue = "1.42",
            description = "carbon-carbon distance of the starting roll-up in Angstrom (default: ${DEFAULT-VALUE})")
    double dccAngstrom;

    @Option(names = "--tol", defaultValue = "1e-6",
            description = "force tolerance of the relaxation in Ha/Bohr (default: ${DEFAULT-VALUE})")
    double tolerance;

    @Option(names = "--max-iter", defaultValue = "2000",
            description = "iteration limit of the relaxation (default: ${DEFAULT-VALUE})")
    int maxIterations;

    @Option(names = "--out", paramLabel = "DIR", description = "output directory (required for one tube)")
    Path out;

    @Option(names = "--json", description = "print the JSON summary to stdout")
    boolean json;

    @picocli.CommandLine.Mixin
    BackendOptions backend;

    @Spec
    CommandSpec spec;

    private CommandLine.ParameterException usage(String msg) {
        return new CommandLine.ParameterException(spec.commandLine(), msg);
    }

    @Override
    public Integer call() {
        return backend.run(this::body);
    }

    @SuppressWarnings("unchecked")
    private int body() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter e = spec.commandLine().getErr();
        if (freeAxial && !relax && series == null) {
            throw usage("--free-axial needs --relax");
        }
        DisplacementScheme scheme = DisplacementScheme.defaults().withStep(step);
        TubePhonons.Options opt = TubePhonons.Options.defaults().withRelax(relax, freeAxial)
                .withRelaxation(tolerance, maxIterations).withScheme(scheme).withSumRules(!noSumRules)
                .withGrids(kappaPoints, kPoints, dosKappaPoints).withDosSigma(dosSigma).withRingMax(ringMax);
        if (out != null) {
            AtomicFiles.StagedDirectory.checkDirectoryTarget(out);
        }
        Calculator calc = Models.resolve(model);
        ProgressBar bar = new ProgressBar(e);
        if (series != null) {
            if (!indices.isEmpty()) {
                throw usage("give either N M or --series, not both");
            }
            return runSeries(calc, opt, o, bar);
        }
        if (indices.size() != 2) {
            throw usage("need the chiral indices N M (or --series)");
        }
        if (out == null) {
            throw usage("--out DIR is required");
        }
        int n = indices.get(0);
        int m = indices.get(1);
        Nanotube tube = Nanotube.of(n, m, Units.angstromToBohr(dccAngstrom));
        TubePhononResult r = TubePhonons.run(calc, SymmetricStructure.fromTube(tube), opt, bar);
        bar.finish();
        String label = "(" + n + "," + m + ")";
        Map<String, Object> summary = writeOutputs(out, r, n, m, calc.name(), Map.of());
        if (json) {
            o.println(PhononJson.toJson(summary));
        } else {
            printText(o, r, label, calc.name());
        }
        o.flush();
        for (String w : r.warnings()) {
            e.println("helixff: warning: " + Main.oneLine(w));
        }
        e.flush();
        return 0;
    }

    /**
     * Writes band.yaml, the CSVs, the PNG plots and summary.json of one tube into {@code dir} and returns
     * the summary (with {@code extra} entries added before it is written).
     */
    static Map<String, Object> writeOutputs(Path target, TubePhononResult r, int n, int m, String modelName,
            Map<String, Object> extra) {
        try (AtomicFiles.StagedDirectory out = AtomicFiles.StagedDirectory.open(target)) {
            Map<String, Object> summary = writeFiles(out, r, n, m, modelName, extra);
            out.commit("summary.json", OWNED_FILES);
            return summary;
        }
    }

    /** Every file a one-tube run may write (a rerun into the same directory removes those it does not write). */
    static final List<String> OWNED_FILES = List.of("band.yaml", "dispersion.csv", "gamma.csv", "dos.csv",
            "dispersion_helical.png", "dispersion_linear.png", "dos.png", "summary.json");

    private static Map<String, Object> writeFiles(AtomicFiles.StagedDirectory out, TubePhononResult r, int n, int m,
            String modelName, Map<String, Object> extra) {
        String label = "(" + n + "," + m + ")";
        String title = "tube " + label + ", " + modelName;
        Map<String, String> files = new LinkedHashMap<>();
        if (r.linear() != null) {
            BandYaml.write(out.resolve("band.yaml"), r.linear(), r.structure().expand(1), label, modelName);
            files.put("band_yaml", "band.yaml");
        }
        PhononCsv.writeHelical(out.resolve("dispersion.csv"), r.dispersion());
        files.put("dispersion_csv", "dispersion.csv");
        if (r.gamma() != null) {
            PhononCsv.writeGamma(out.resolve("gamma.csv"), r.gamma());
            files.put("gamma_csv", "gamma.csv");
        }
        PhononCsv.writeDos(out.resolve("dos.csv"), r.dos());
        files.put("dos_csv", "dos.csv");
        PhononPlots.helical(out.resolve("dispersion_helical.png"), r.dispersion(),
                "Helical phonon dispersion, " + title);
        files.put("helical_png", "dispersion_helical.png");
        if (r.linear() != null) {
            PhononPlots.linear(out.resolve("dispersion_linear.png"), r.linear(),
                    "Phonon dispersion of the translational cell, " + title);
            files.put("linear_png", "dispersion_linear.png");
        }
        PhononPlots.dos(out.resolve("dos.png"), r.dos(), "Phonon density of states, " + title);
        files.put("dos_png", "dos.png");
        files.put("summary_json", "summary.json");
        Map<String, Object> summary = new LinkedHashMap<>(PhononJson.summary(r, n, m, files));
        summary.putAll(extra);
        PhononJson.write(out.resolve("summary.json"), summary);
        return summary;
    }

    private void printText(PrintWriter o, TubePhononResult r, String label, String name) {
        o.printf(Locale.ROOT, "tube %s  model %s  (%s)%n", label, name, r.relaxation().map(rr -> "relaxed"
                + (rr.freeAxial() ? ", free axial period" : "") + ", " + rr.iterations() + " steps")
                .orElse("ideal roll-up, not relaxed"));
        o.printf(Locale.ROOT, "  diameter %.6f nm, energy %.10f Ha/atom, max force %.3e Ha/Bohr%n",
                Units.bohrToAngstrom(2 * org.helixff.dynamics.Relaxer.meanRadius(r.structure())) / 10,
                r.energy().energyPerAtom(), r.energy().maxForce());
        o.printf(Locale.ROOT, "  force constants: %d blocks; sum rules %s%n", r.phonons().forceConstants().blockCount(),
                r.prepared().sumRules() == null ? "not imposed" : String.format(Locale.ROOT,
                        "imposed (residual %.2e -> %.2e Ha/Bohr, largest correction %.2e Ha/Bohr^2)",
                        r.prepared().sumRules().residualBefore(), r.prepared().sumRules().residualAfter(),
                        r.prepared().sumRules().maxCorrection()));
        o.println("  zero modes:");
        for (IdentifiedMode z : r.zeroModes()) {
            o.printf(Locale.ROOT, "    %-30s nu=%-3d kappa=%+.6f  %+12.6f cm^-1  overlap %.6f%n", z.name(), z.nu(),
                    z.kappa(), z.frequencyCm1(), z.overlap());
        }
        IdentifiedMode rbm = r.rbm();
        o.printf(Locale.ROOT, "  RBM                              %10.3f cm^-1  (%.4f THz, breathing overlap %.4f)%n",
                rbm.frequencyCm1(), rbm.frequencyCm1() * Units.THZ_PER_CM1, rbm.overlap());
        for (IdentifiedMode ring : r.ringModes()) {
            o.printf(Locale.ROOT, "  %-32s %10.3f cm^-1  (ring-pattern overlap %.4f)%n", ring.name(),
                    ring.frequencyCm1(), ring.overlap());
        }
        for (IdentifiedMode g : r.gModes()) {
            o.printf(Locale.ROOT, "  %-32s %10.3f cm^-1%n", g.name(), g.frequencyCm1());
        }
        if (r.gamma() != null) {
            double[] f = r.gamma().sortedFrequencies();
            o.printf(Locale.ROOT, "  Gamma of the %d-atom cell: %d modes, highest %.3f cm^-1%n",
                    r.phonons().cellAtoms(), f.length, f[f.length - 1]);
        }
        o.printf(Locale.ROOT, "  imaginary modes (< -%.3g cm^-1): %d%n", r.instability().tolerance(),
                r.instability().count());
        o.printf(Locale.ROOT, "  DOS: sigma %.3g cm^-1, van Hove peaks at %s cm^-1%n", r.dos().sigma(),
                formatList(r.dos().peaks(0.05), 8));
        o.println("  files in " + out);
    }

    private static String formatList(List<Double> v, int max) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(max, v.size()); i++) {
            b.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.1f", v.get(i)));
        }
        if (v.size() > max) {
            b.append(", ... (").append(v.size()).append(" peaks)");
        }
        return b.toString();
    }

    /** Parses "n,m n,m ..." (blanks or semicolons between tubes). */
    static List<Nanotube> parseSeries(String text, double dcc) {
        List<Nanotube> tubes = new ArrayList<>();
        for (String tok : text.trim().split("[\\s;]+")) {
            if (tok.isEmpty()) {
                continue;
            }
            String[] p = tok.split(",");
            if (p.length != 2) {
                throw new InvalidInputException("tube '" + tok + "' in --series is not of the form n,m");
            }
            try {
                tubes.add(Nanotube.of(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()), dcc));
            } catch (NumberFormatException ex) {
                throw new InvalidInputException("tube '" + tok + "' in --series is not of the form n,m");
            }
        }
        if (tubes.size() < 3) {
            throw new InvalidInputException("--series needs at least 3 tubes for a fit, got " + tubes.size());
        }
        return tubes;
    }

    private int runSeries(Calculator calc, TubePhonons.Options opt, PrintWriter o, ProgressBar bar) {
        List<Nanotube> tubes = parseSeries(series, Units.angstromToBohr(dccAngstrom));
        List<PhononLaws.TubeModes> modes = PhononLaws.series(calc, tubes, opt, bar);
        bar.finish();
        PhononLaws.LawFit fit = PhononLaws.fit(modes);
        Map<String, Object> summary = PhononJson.laws(calc.name(), modes, fit);
        if (out != null) {
            try (AtomicFiles.StagedDirectory dir = AtomicFiles.StagedDirectory.open(out)) {
                PhononCsv.writeLaws(dir.resolve("laws.csv"), modes);
                PhononPlots.laws(dir.resolve("laws.png"), modes, fit, "RBM against inverse diameter, " + calc.name());
                PhononJson.write(dir.resolve("laws.json"), summary);
                dir.commit("laws.json", List.of("laws.csv", "laws.png", "laws.json"));
            }
        }
        if (json) {
            o.println(PhononJson.toJson(summary));
            o.flush();
            return 0;
        }
        o.printf(Locale.ROOT, "phonon laws  model %s  (%d tubes, relaxed%s)%n", calc.name(), modes.size(),
                opt.freeAxial() ? ", free axial period" : "");
        StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "  %-9s %12s %12s", "tube", "d (nm)", "RBM"));
        for (int mm : fit.ringM()) {
            h.append(String.format(Locale.ROOT, " %12s", "ring m=" + mm));
        }
        o.println(h);
        for (PhononLaws.TubeModes t : modes) {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "  %-9s %12.6f %12.4f",
                    "(" + t.n() + "," + t.m() + ")", t.diameterNm(), t.rbmCm1()));
            for (double f : t.ringCm1()) {
                b.append(String.format(Locale.ROOT, " %12.4f", f));
            }
            o.println(b);
        }
        o.printf(Locale.ROOT, "  RBM = A/d + B: A = %.3f cm^-1 nm, B = %.3f cm^-1, R^2 = %.6f (A/d alone: A = %.3f)%n",
                fit.rbmA(), fit.rbmB(), fit.rbmR2(), fit.rbmA0());
        o.printf(Locale.ROOT, "  log-log slope of RBM against d: %.5f (R^2 %.6f)%n", fit.logSlope(), fit.logR2());
        for (int i = 0; i < fit.ringM().length; i++) {
            o.printf(Locale.ROOT, "  ring m=%d: C = %.4f cm^-1 nm^2 (R^2 %.5f)%n", fit.ringM()[i],
                    fit.ringCoefficient()[i], fit.ringR2()[i]);
        }
        o.printf(Locale.ROOT, "  ring coefficients spread (max-min)/mean: %.4f%n", fit.ringSpread());
        if (out != null) {
            o.println("  files in " + out + ": laws.json, laws.csv, laws.png");
        }
        o.flush();
        return 0;
    }

    /**
     * Progress on stderr: silent for the first second (short runs print nothing), then a bar redrawn at most
     * ten times a second with carriage returns; {@link #finish()} ends the line.
     */
}

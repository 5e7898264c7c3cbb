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
import org.helixff.app.Models;
import org.helixff.calculator.Calculator;
import org.helixff.io.AtomicFiles;
import org.helixff.phonon.CellForceConstants;
import org.helixff.phonon.DisplacementScheme;
import org.helixff.phonon.ModePattern;
import org.helixff.phonon.PhononLaws;
import org.helixff.phonon.ProjectedDos;
import org.helixff.phonon.ThermalProperties;
import org.helixff.phonon.TubePhononResult;
import org.helixff.phonon.TubePhonons;
import org.helixff.report.BandYaml;
import org.helixff.report.ModeOutput;
import org.helixff.report.PhononCsv;
import org.helixff.report.PhononJson;
import org.helixff.report.PhononPlots;
import org.helixff.report.PhonopyFiles;
import org.helixff.report.ProjectedDosOutput;
import org.helixff.report.ThermalOutput;
import org.helixff.structure.Nanotube;
import org.helixff.symmetry.SymmetricStructure;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

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

    @picocli.CommandLine.Mixin
    SpectrumOptions spectrum;

    @Option(names = "--k-points", defaultValue = "0",
            description = "k points from Gamma to pi/T in band.yaml (>= 2; 0 = automatic: 51, fewer for huge cells)")
    int kPoints;

    @Option(names = "--dos-kappa-points", defaultValue = "0",
            description = "kappa points per nu of the DOS sampling (0 = automatic)")
    int dosKappaPoints;

    @Option(names = "--step", defaultValue = "0.005",
            description = "finite-difference step in Bohr (4-point central differences; default: ${DEFAULT-VALUE})")
    double step;

    @Option(names = "--no-sum-rules", description = "do not impose the translational and rotational sum rules")
    boolean noSumRules;

    @picocli.CommandLine.Mixin
    RollUpOptions rollUp;

    @Option(names = "--out", paramLabel = "DIR", description = "output directory (required for one tube)")
    Path out;

    @Option(names = "--phonopy", description = "also write phonopy_disp.yaml and FORCE_CONSTANTS (the translational"
            + " cell's force constants in phonopy's default units: eV/A^2, A, AMU) into --out")
    boolean phonopy;

    @Option(names = "--phonopy-cells", defaultValue = "0", paramLabel = "M",
            description = "supercell of the phonopy files: M cells along the axis (0 = automatic: the smallest M with"
                    + " M T >= 2 x force-constant range + 1 Bohr, so nothing is folded)")
    int phonopyCells;

    @Option(names = "--json", description = "print the JSON summary to stdout")
    boolean json;

    @Option(names = "--thermal", arity = "0..3", paramLabel = "T",
            description = "thermal properties from the DOS: [Tmin Tmax step] in K (default 0 1000 10; phonopy's"
                    + " definitions, zero-point energy included); writes thermal_properties.yaml and thermal.png")
    List<Double> thermal;

    @Option(names = "--thermal-tol", defaultValue = "1e-4",
            description = "convergence tolerance of the thermal k sampling: largest change of F, U, S, Cv relative"
                    + " to its range maximum when the kappa points are doubled (default: ${DEFAULT-VALUE})")
    double thermalTolerance;

    @picocli.CommandLine.Mixin
    BackendOptions backend;

    @picocli.CommandLine.Mixin
    ExtrapolationCheck extrapolation;

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
        TubePhonons.Options opt = spectrum.applyTo(TubePhonons.Options.builder()).relax(relax).freeAxial(freeAxial)
                .relaxTolerance(rollUp.tolerance).maxIterations(rollUp.maxIterations).scheme(scheme)
                .sumRules(!noSumRules).kPoints(kPoints).dosKappaPoints(dosKappaPoints).build();
        if (out != null) {
            AtomicFiles.StagedDirectory.checkDirectoryTarget(out);
        }
        Calculator calc = Models.resolve(model, backend.requested());
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
        if (phonopyCells < 0) {
            throw usage("--phonopy-cells " + phonopyCells + " must be >= 0");
        }
        int n = indices.get(0);
        int m = indices.get(1);
        Nanotube tube = Nanotube.of(n, m, Units.angstromToBohr(rollUp.dccAngstrom));
        double[] temps = thermalTemperatures();
        SymmetricStructure start = SymmetricStructure.fromTube(tube);
        extrapolation.precheck(calc, start, "tube " + tube);
        TubePhononResult r = TubePhonons.run(calc, start, opt, bar);
        ThermalProperties tp = null;
        ThermalProperties.LowTemperature low = null;
        if (temps != null) {
            tp = ThermalProperties.converged(r.phonons(), temps, thermalTolerance, THERMAL_START_KAPPA,
                    THERMAL_MAX_KAPPA, bar);
            low = ThermalProperties.lowTemperature(r.phonons());
        }
        ProjectedDos pdos = ProjectedDos.compute(r.phonons(), r.dos().kappaPoints(), r.dos().sigma(), r.dos().step(),
                PEAK_PROMINENCE, bar);
        bar.finish();
        String label = "(" + n + "," + m + ")";
        var outside = ExtrapolationCheck.measure(calc, r.structure());
        extrapolation.report(outside, "tube " + tube, calc, e);
        Map<String, Object> extra = new LinkedHashMap<>();
        ExtrapolationCheck.put(extra, outside);
        List<String> named = new ArrayList<>(List.of("rbm", "twist", "g"));
        for (int ring = 2; ring <= spectrum.ringMax; ring++) {
            named.add("ring" + ring);
        }
        List<ModePattern> patterns = new ArrayList<>();
        if (r.phonons().period().isPresent()) {
            for (String nm : named) {
                patterns.add(ModePattern.named(r.phonons(), nm));
            }
        }
        ExtraFiles files = new TubeFiles(r, n, m, calc.name(), pdos, tp, low, temps, named, patterns, phonopy,
                phonopyCells);
        Map<String, Object> summary = writeOutputs(out, r, n, m, calc.name(), extra, files);
        if (json) {
            o.println(PhononJson.toJson(summary));
        } else {
            printText(o, r, label, calc.name());
            if (tp != null) {
                printThermal(o, tp, low);
            }
            printProjectedDos(o, pdos);
            if (!patterns.isEmpty()) {
                o.println("  mode pictures (cross-section and side view): " + out.resolve("modes") + "/mode_{"
                        + String.join(",", named) + "}.png; animations: helixff modes N M --mode NAME");
            }
        }
        o.flush();
        ModeListing.warnings(e, r.warnings());
        return 0;
    }

    private static void printProjectedDos(PrintWriter o, ProjectedDos pdos) {
        StringBuilder pk = new StringBuilder();
        for (ProjectedDos.Peak p : pdos.peaks()) {
            if (pk.length() < 200) {
                pk.append(pk.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.1f (%d,%+.3f) %s",
                        p.frequencyCm1(), p.nu(), p.kappa(), p.character().substring(0, 3)));
            }
        }
        o.printf(Locale.ROOT, "  projected DOS: radial/circumferential/axial %.4f/%.4f/%.4f states per motif;"
                + " peaks (nu,kappa): %s%n", pdos.polarisationIntegral(0), pdos.polarisationIntegral(1),
                pdos.polarisationIntegral(2), pk);
    }

    /**
     * The files of one tube beyond the standard ones: projected DOS, thermal properties (when asked), mode
     * pictures and the phonopy files (when asked); each adds its summary entry.
     */
    private record TubeFiles(TubePhononResult r, int n, int m, String modelName, ProjectedDos pdos,
            ThermalProperties tp, ThermalProperties.LowTemperature low, double[] temps, List<String> named,
            List<ModePattern> patterns, boolean phonopy, int phonopyCells) implements ExtraFiles {
        private String label() {
            return "(" + n + "," + m + ")";
        }

        @Override
        public void write(AtomicFiles.StagedDirectory dir, Map<String, Object> ex) {
            ProjectedDosOutput.writeCsv(dir.resolve("dos_projected.csv"), pdos);
            ProjectedDosOutput.writePng(dir.resolve("dos_projected.png"), pdos, "Projected phonon DOS, tube " + label()
                    + ", " + modelName);
            ex.put("projected_dos", ProjectedDosOutput.summary(pdos, List.of("dos_projected.csv", "dos_projected.png")));
            if (tp != null) {
                writeThermal(dir, ex);
            }
            if (!patterns.isEmpty()) {
                writeModes(dir, ex);
            }
            if (phonopy) {
                writePhonopy(dir, ex);
            }
        }

        private void writeThermal(AtomicFiles.StagedDirectory dir, Map<String, Object> ex) {
            double tmax = temps[temps.length - 1];
            Map<String, Object> th = new LinkedHashMap<>(ThermalOutput.summary(tp, low,
                    tmax > 0 ? ThermalProperties.highTemperatureHeatCapacity(r.phonons().forceConstants(), tmax)
                            : Double.NaN));
            ThermalOutput.writeYaml(dir.resolve("thermal_properties.yaml" ), tp, label(), modelName);
            ThermalOutput.plot(dir.resolve("thermal.png"), tp, "Thermal properties, tube " + label() + ", "
                    + modelName);
            th.put("files", List.of("thermal_properties.yaml", "thermal.png"));
            ex.put("thermal", th);
        }

        private void writeModes(AtomicFiles.StagedDirectory dir, Map<String, Object> ex) {
            Path modes = dir.resolve("modes");
            try {
                org.helixff.io.AtomicFiles.createDirectories(modes);
            } catch (java.io.IOException ioe) {
                throw new InvalidInputException("cannot create " + modes + ": " + ioe.getMessage());
            }
            Map<String, Object> pics = new LinkedHashMap<>();
            for (int i = 0; i < patterns.size(); i++) {
                Object[] res = ModesCommand.resolve(r.phonons(), named.get(i));
                Map<String, Object> d = ModeOutput.writeMode(modes, (String) res[1], patterns.get(i), r.structure(),
                        ModeOutput.animationCells(patterns.get(i), r.structure(), 0), 20, Units.angstromToBohr(0.3),
                        (String) res[2], label(), modelName, false);
                d.put("picture", "modes/" + d.get("picture"));
                d.put("animation_command", "helixff modes " + n + " " + m + " --mode " + named.get(i)
                        + " --out DIR (same --model/--relax options)");
                pics.put(named.get(i), d);
            }
            ex.put("mode_pictures", pics);
        }

        private void writePhonopy(AtomicFiles.StagedDirectory dir, Map<String, Object> ex) {
            CellForceConstants cfc = CellForceConstants.fromSymmetric(r.phonons().forceConstants(), phonopyCells);
            PhonopyFiles.write(dir.resolve("."), cfc, "tube " + label() + ", model " + modelName
                    + ", HelixFF symmetry-adapted force constants"
                    + (r.forceConstantSummary().sumRules() != null ? " with sum rules" : ""));
            Map<String, Object> pf = new LinkedHashMap<>();
            pf.put("files", List.of("phonopy_disp.yaml", "FORCE_CONSTANTS"));
            pf.put("supercell_cells", cfc.supercell());
            pf.put("unit_cell_atoms", cfc.atoms());
            pf.put("units", "Angstrom, eV/Angstrom^2, AMU (phonopy default)");
            pf.put("factor_to_cm1", PhonopyFiles.FACTOR_CM1);
            ex.put("phonopy", pf);
        }
    }

    /**
     * Writes band.yaml, the CSVs, the PNG plots and summary.json of one tube into {@code dir} and returns
     * the summary (with {@code extra} entries added before it is written).
     */
    static Map<String, Object> writeOutputs(Path target, TubePhononResult r, int n, int m, String modelName,
            Map<String, Object> extra) {
        return writeOutputs(target, r, n, m, modelName, extra, null);
    }

    /** Further files of a run, written into the staging directory; their summary entries go into {@code extra}. */
    interface ExtraFiles {
        void write(AtomicFiles.StagedDirectory dir, Map<String, Object> extra);
    }

    /** As above, with further files staged and committed together with the standard ones. */
    static Map<String, Object> writeOutputs(Path target, TubePhononResult r, int n, int m, String modelName,
            Map<String, Object> extra, ExtraFiles more) {
        try (AtomicFiles.StagedDirectory out = AtomicFiles.StagedDirectory.open(target)) {
            Map<String, Object> all = new LinkedHashMap<>(extra);
            if (more != null) {
                more.write(out, all);
            }
            Map<String, Object> summary = writeFiles(out, r, n, m, modelName, all);
            out.commit("summary.json", OWNED_FILES);
            return summary;
        }
    }

    /** Every file a one-tube run may write (a rerun into the same directory removes those it does not write). */
    static final List<String> OWNED_FILES = List.of("band.yaml", "dispersion.csv", "gamma.csv", "dos.csv",
            "dispersion_helical.png", "dispersion_linear.png", "dos.png", "summary.json", "dos_projected.csv",
            "dos_projected.png", "thermal_properties.yaml", "thermal.png", "phonopy_disp.yaml", "FORCE_CONSTANTS",
            "modes");

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
        // further staged outputs (projected DOS, thermal, mode pictures, phonopy files) are listed too
        try (java.util.stream.Stream<Path> st = java.nio.file.Files.list(out.resolve("."))) {
            for (String name : st.map(q -> q.getFileName().toString()).sorted().toList()) {
                if (!files.containsValue(name)) {
                    files.put(name.replace('.', '_'), name);
                }
            }
        } catch (java.io.IOException ex) {
            throw new InvalidInputException("cannot list " + out.target() + ": " + ex.getMessage());
        }
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
                Units.bohrToAngstrom(2 * r.structure().meanRadius()) / 10,
                r.energy().energyPerAtom(), r.energy().maxForce());
        TubePhononResult.SumRuleCorrection sr = r.forceConstantSummary().sumRules();
        o.printf(Locale.ROOT, "  force constants: %d blocks; sum rules %s%n", r.phonons().forceConstants().blockCount(),
                sr == null ? "not imposed" : String.format(Locale.ROOT,
                        "imposed (residual %.2e -> %.2e Ha/Bohr, largest correction %.2e Ha/Bohr^2)",
                        sr.residualBefore(), sr.residualAfter(), sr.maxCorrection()));
        ModeListing.print(o, r, true);
        o.printf(Locale.ROOT, "  DOS: sigma %.3g cm^-1, van Hove peaks at %s cm^-1%n", r.dos().sigma(),
                formatList(r.dos().peaks(0.05), 8));
        o.println("  files in " + out + (phonopy ? " (with phonopy_disp.yaml + FORCE_CONSTANTS)" : ""));
    }

    /** Van Hove peaks: local maxima standing out by this fraction of the largest density (as in the summary). */
    static final double PEAK_PROMINENCE = 0.05;

    /** First kappa sampling of the thermal convergence (points per nu), doubled until converged. */
    static final int THERMAL_START_KAPPA = 256;
    /** Largest kappa sampling of the thermal convergence (points per nu). */
    static final int THERMAL_MAX_KAPPA = 65536;

    /** The --thermal temperatures, or null without --thermal. */
    private double[] thermalTemperatures() {
        if (thermal == null) {
            return null;
        }
        if (thermal.isEmpty()) {
            return ThermalProperties.temperatures(0, 1000, 10);
        }
        if (thermal.size() != 3) {
            throw usage("--thermal takes no values or three: Tmin Tmax step (K)");
        }
        return ThermalProperties.temperatures(thermal.get(0), thermal.get(1), thermal.get(2));
    }

    private static void printThermal(PrintWriter o, ThermalProperties tp, ThermalProperties.LowTemperature low) {
        ThermalProperties.Convergence c = tp.convergence();
        List<Double> ch = c.changes();
        o.printf(Locale.ROOT, "  thermal properties (harmonic, from the DOS): %d kappa points per nu, %s (largest"
                + " relative change %.2e, tolerance %.1e)%n", tp.kappaPoints(), c.converged() ? "converged"
                : "NOT converged", ch.isEmpty() ? Double.NaN : ch.get(ch.size() - 1), c.tolerance());
        int nm = tp.motifSize();
        o.printf(Locale.ROOT, "    zero-point energy %.4f meV/atom; imaginary states excluded %.2e per motif%n",
                1000 * Units.hartreeToEv(tp.zeroPointEnergy()) / nm, tp.imaginaryWeight());
        o.printf(Locale.ROOT, "    %8s %12s %12s %14s %14s%n", "T (K)", "Cv (kB/at)", "S (kB/at)", "F (meV/at)",
                "U (meV/at)");
        int size = tp.points().size();
        int stride = Math.max(1, (size + 11) / 12);
        for (int i = 0; i < size; i++) {
            if (i % stride != 0 && i != size - 1) {
                continue;
            }
            ThermalProperties.Point p = tp.points().get(i);
            o.printf(Locale.ROOT, "    %8.1f %12.6f %12.6f %14.4f %14.4f%n", p.temperature(), p.heatCapacity() / nm,
                    p.entropy() / nm, 1000 * Units.hartreeToEv(p.freeEnergy()) / nm,
                    1000 * Units.hartreeToEv(p.internalEnergy()) / nm);
        }
        o.printf(Locale.ROOT, "    low T: Cv ~ T^%.3f at 1 K (flexural branches: T^1/2; twist and axial: T)%n",
                low.exponent(1));
        o.println("    per mole of atoms and all temperatures: thermal_properties.yaml (per mole of "
                + nm + "-atom motifs, phonopy's layout), summary.json");
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
        List<Nanotube> tubes = parseSeries(series, Units.angstromToBohr(rollUp.dccAngstrom));
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

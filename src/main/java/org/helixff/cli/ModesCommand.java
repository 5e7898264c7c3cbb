package org.helixff.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.helixff.InvalidInputException;
import org.helixff.Units;
import org.helixff.app.Models;
import org.helixff.calculator.Calculator;
import org.helixff.phonon.DisplacementScheme;
import org.helixff.phonon.ModePattern;
import org.helixff.phonon.TubePhonons;
import org.helixff.report.ModeOutput;
import org.helixff.report.PhononJson;
import org.helixff.structure.Nanotube;
import org.helixff.symmetry.SymmetricStructure;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code helixff modes N M --mode SPEC --out DIR}: one phonon mode in real space (animated extxyz, PNG picture,
 * character and ideal-pattern overlaps, JSON).
 */
@Command(name = "modes", mixinStandardHelpOptions = true,
        description = {"Mode explorer: one phonon mode of tube (N,M) in real space, built from the symmetry-adapted"
                + " eigenvector with its helical Bloch phases. Writes <mode>.extxyz (one period, --frames frames,"
                + " a stack of translational cells; ASE, OVITO, VMD), <mode>.png (cross-section with in-plane arrows,"
                + " side view with axial arrows) and <mode>.json into --out.",
            "SPEC: rbm, twist, axial, g (highest Gamma mode of m = 0), ring2, ring3, ... or nu,kappa,branch"
                + " (kappa in radians, or like pi/5, -3pi/10; branch 0-based in ascending frequency).",
            "Exit code 2 with one line on bad input."})
final class ModesCommand implements Callable<Integer> {
    @Parameters(arity = "2", paramLabel = "N M", description = "chiral indices n >= 1, m >= 0")
    int[] indices;

    @Option(names = "--mode", required = true, paramLabel = "SPEC",
            description = "rbm, twist, axial, g, ring2..ringM, or nu,kappa,branch")
    String mode;

    @Option(names = "--model", defaultValue = "default",
            description = "force field: default (the bundled learned model), tersoff, tersoff-lb or a model file"
                    + " (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--relax", description = "relax the motif first (recommended)")
    boolean relax;

    @Option(names = "--free-axial", description = "with --relax: also relax the axial period h")
    boolean freeAxial;

    @Option(names = "--amplitude", defaultValue = "0.3",
            description = "largest atom displacement of the animation in Angstrom (default: ${DEFAULT-VALUE})")
    double amplitudeAngstrom;

    @Option(names = "--frames", defaultValue = "20", description = "frames per period (default: ${DEFAULT-VALUE})")
    int frames;

    @Option(names = "--cells", defaultValue = "0",
            description = "translational cells of the animation (0 = automatic: about three diameters long)")
    int cells;

    @Option(names = "--step", defaultValue = "0.005", description = "finite-difference step in Bohr")
    double step;

    @Option(names = "--dcc", defaultValue = "1.42",
            description = "carbon-carbon distance of the starting roll-up in Angstrom (default: ${DEFAULT-VALUE})")
    double dccAngstrom;

    @Option(names = "--tol", defaultValue = "1e-6", description = "force tolerance of the relaxation in Ha/Bohr")
    double tolerance;

    @Option(names = "--max-iter", defaultValue = "2000", description = "iteration limit of the relaxation")
    int maxIterations;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory")
    Path out;

    @Option(names = "--json", description = "print the mode's JSON to stdout")
    boolean json;

    @picocli.CommandLine.Mixin
    BackendOptions backend;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return backend.run(this::body);
    }

    /** Parses a kappa: a number, or [-][a]pi[/b] (e.g. pi/5, -3pi/10, 2*pi/7). */
    static double parseKappa(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace(" ", "").replace("*", "");
        try {
            int p = t.indexOf("pi");
            if (p < 0) {
                double v = Double.parseDouble(t);
                if (!Double.isFinite(v)) {
                    throw new NumberFormatException();
                }
                return v;
            }
            String pre = t.substring(0, p);
            String post = t.substring(p + 2);
            double a = pre.isEmpty() || pre.equals("+") ? 1 : pre.equals("-") ? -1 : Double.parseDouble(pre);
            double b = 1;
            if (!post.isEmpty()) {
                if (!post.startsWith("/")) {
                    throw new NumberFormatException();
                }
                b = Double.parseDouble(post.substring(1));
            }
            double v = a * Math.PI / b;
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new InvalidInputException("kappa '" + text + "' is not a number or a multiple of pi like pi/5");
        }
    }

    /** The mode of SPEC and its file stem. */
    static Object[] resolve(org.helixff.phonon.HelicalPhonons ph, String spec) {
        String s = spec.trim();
        if (s.contains(",")) {
            String[] p = s.split(",");
            if (p.length != 3) {
                throw new InvalidInputException("mode '" + spec + "' is not of the form nu,kappa,branch");
            }
            int nu;
            int branch;
            try {
                nu = Integer.parseInt(p[0].trim());
                branch = Integer.parseInt(p[2].trim());
            } catch (NumberFormatException e) {
                throw new InvalidInputException("mode '" + spec + "': nu and branch must be integers");
            }
            if (nu < 0 || nu >= ph.cyclicOrder()) {
                throw new InvalidInputException("mode '" + spec + "': nu must be in 0.." + (ph.cyclicOrder() - 1));
            }
            double kappa = parseKappa(p[1]);
            ModePattern mp = ModePattern.of(ph, kappa, nu, branch);
            String slug = String.format(Locale.ROOT, "mode_nu%d_kappa%.4f_b%d", mp.nu(), mp.kappa(), mp.branch());
            return new Object[] {mp, slug, null};
        }
        ModePattern mp = ModePattern.named(ph, s);
        String name = s.toLowerCase(Locale.ROOT);
        String label = name.equals("rbm") ? "RBM" : name.equals("g") ? "G (m=0)" : name.startsWith("ring")
                ? "ring m=" + name.substring(4) : name.equals("axial") ? "axial translation" : name;
        return new Object[] {mp, "mode_" + name, label};
    }

    private int body() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter e = spec.commandLine().getErr();
        if (freeAxial && !relax) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--free-axial needs --relax");
        }
        if (frames < 2 || frames > 1000) {
            throw new InvalidInputException("--frames " + frames + " must be in 2..1000");
        }
        if (!(amplitudeAngstrom > 0) || !Double.isFinite(amplitudeAngstrom) || amplitudeAngstrom > 5) {
            throw new InvalidInputException("--amplitude " + amplitudeAngstrom + " A must be in (0, 5]");
        }
        if (cells < 0) {
            throw new InvalidInputException("--cells " + cells + " must be >= 0");
        }
        Calculator calc = Models.resolve(model, backend.requested());
        Nanotube tube = Nanotube.of(indices[0], indices[1], Units.angstromToBohr(dccAngstrom));
        TubePhonons.Options opt = TubePhonons.Options.builder().relax(relax).freeAxial(freeAxial)
                .relaxTolerance(tolerance).maxIterations(maxIterations)
                .scheme(DisplacementScheme.defaults().withStep(step)).build();
        ProgressBar bar = new ProgressBar(e);
        TubePhonons.Prepared prep = TubePhonons.prepare(calc, SymmetricStructure.fromTube(tube), opt, bar);
        bar.finish();
        Object[] r = resolve(prep.phonons(), mode);
        ModePattern mp = (ModePattern) r[0];
        String slug = (String) r[1];
        String name = (String) r[2];
        SymmetricStructure s = prep.structure();
        int c = ModeOutput.animationCells(mp, s, cells);
        String label = tube.toString();
        try {
            Files.createDirectories(out);
        } catch (java.io.IOException ex) {
            throw new InvalidInputException("cannot create --out " + out + ": " + ex.getMessage());
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("tube", label);
        d.put("model", calc.name());
        d.put("relaxed", relax);
        d.putAll(ModeOutput.writeMode(out, slug, mp, s, c, frames, Units.angstromToBohr(amplitudeAngstrom), name,
                label, calc.name(), true));
        d.put("json", slug + ".json");
        PhononJson.write(out.resolve(slug + ".json"), d);
        if (json) {
            o.println(PhononJson.toJson(d));
        } else {
            double[] ch = mp.character();
            o.printf(Locale.ROOT, "tube %s  model %s  mode %s%n", label, calc.name(), name == null ? mode : name);
            o.printf(Locale.ROOT, "  block (nu, kappa, branch) = (%d, %+.6f, %d): %.4f cm^-1 (%.4f THz)%n", mp.nu(),
                    mp.kappa(), mp.branch(), mp.frequencyCm1(), mp.frequencyCm1() * Units.THZ_PER_CM1);
            o.printf(Locale.ROOT, "  angular momentum m = %d, axial wave vector k = %+.6f / Bohr (k T = %+.6f rad)%n",
                    mp.angularMomentum(), mp.axialWaveVector(), mp.axialWaveVector() * mp.period());
            o.printf(Locale.ROOT, "  character: %s -> %s%n", ModeOutput.characterText(ch), ModeOutput.dominant(ch));
            StringBuilder b = new StringBuilder();
            for (Map.Entry<String, Double> en : mp.idealOverlaps().entrySet()) {
                b.append(b.length() == 0 ? "" : ", ").append(en.getKey()).append(' ')
                        .append(String.format(Locale.ROOT, "%.4f", en.getValue()));
            }
            o.println("  ideal-pattern overlaps: " + b);
            o.printf(Locale.ROOT, "  files in %s: %s.extxyz (%d frames, %d cells, %d atoms), %s.png, %s.json%n", out,
                    slug, frames, c, s.expandedSize(c), slug, slug);
        }
        o.flush();
        return 0;
    }
}

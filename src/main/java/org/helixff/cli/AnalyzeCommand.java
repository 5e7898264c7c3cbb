package org.helixff.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.helixff.Units;
import org.helixff.phonon.CellForceConstants;
import org.helixff.phonon.PhononWarning;
import org.helixff.phonon.SumRules;
import org.helixff.phonon.TubePhononResult;
import org.helixff.phonon.TubePhonons;
import org.helixff.report.PhononJson;
import org.helixff.report.PhonopyFiles;
import org.helixff.structure.Nanotube;
import org.helixff.symmetry.HelicalGroup;
import org.helixff.symmetry.TubeRecognition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code helixff analyze --phonopy FILE [--force-constants FORCE_CONSTANTS] --out DIR}: symmetry analysis of force
 * constants computed elsewhere (phonopy with DFT or any other potential).
 */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Symmetry analysis of a tube's force constants from phonopy files (computed elsewhere: DFT,"
                + " another potential): recognises the tube and its helical group from the cell (--symmetry-tolerance),"
                + " projects the force constants onto the symmetry-adapted blocks, reports how far they are from the"
                + " tube's symmetry, optionally imposes the translational and rotational sum rules, and writes the same"
                + " (kappa, nu)-labelled dispersion, zero modes, RBM/ring/G modes, band.yaml, CSVs and plots as"
                + " 'phonons'.",
            "Input: phonopy_params.yaml (force constants inside), or phonopy_disp.yaml plus --force-constants"
                + " FORCE_CONSTANTS; tube axis along c = (0, 0, T), supercell_matrix diag(1, 1, M), primitive cell ="
                + " unit cell, phonopy's default units (Angstrom, eV/Angstrom^2, AMU).",
            "Exit code 2 with one line on unreadable or unsupported files and cells that are no tube."})
final class AnalyzeCommand implements Callable<Integer> {
    /** Projection residual above which the result carries a warning (relative, Frobenius). */
    static final double ASYMMETRY_WARNING = 1e-6;

    @Option(names = "--phonopy", paramLabel = "FILE", required = true,
            description = "phonopy_params.yaml / phonopy.yaml / phonopy_disp.yaml")
    Path phonopy;

    @Option(names = "--force-constants", paramLabel = "FILE",
            description = "FORCE_CONSTANTS file (compact or full), when the YAML file holds none")
    Path forceConstants;

    @Option(names = "--sum-rules", description = "impose the translational and rotational sum rules after the projection")
    boolean sumRules;

    @Option(names = "--symmetry-tolerance", defaultValue = "0.01", paramLabel = "BOHR",
            description = "an image of an atom under the recognised group must land within this distance of an atom"
                    + " (Bohr; default: ${DEFAULT-VALUE} = 0.0053 A)")
    double tolerance;

    @picocli.CommandLine.Mixin
    SpectrumOptions spectrum;

    @Option(names = "--k-points", defaultValue = "0",
            description = "k points from Gamma to pi/T in band.yaml (>= 2; 0 = automatic)")
    int kPoints;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "output directory")
    Path out;

    @Option(names = "--json", description = "print the JSON summary to stdout")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter e = spec.commandLine().getErr();
        TubePhonons.Options opt = spectrum.applyTo(TubePhonons.Options.builder()).sumRules(sumRules).kPoints(kPoints)
                .dosKappaPoints(0).build();
        CellForceConstants cfc = PhonopyFiles.read(phonopy, forceConstants);
        CellForceConstants.Projection pr = cfc.project(tolerance);
        TubeRecognition.Result rec = pr.recognition();
        List<PhononWarning> warnings = new ArrayList<>();
        if (pr.residualRms() > ASYMMETRY_WARNING) {
            warnings.add(PhononWarning.asymmetricForceConstants(pr.residualRms(), pr.residualMax()));
        }
        if (rec.tube().isEmpty()) {
            warnings.add(PhononWarning.unknownTube());
        }
        ProgressBar bar = new ProgressBar(e);
        TubePhonons.Prepared p = TubePhonons.prepareExternal(pr.forceConstants(), opt, warnings);
        String source = "phonopy:" + phonopy.getFileName();
        TubePhononResult r = TubePhonons.analyze(p, opt, bar, source);
        bar.finish();
        int n = rec.tube().map(Nanotube::n).orElse(-1);
        int m = rec.tube().map(Nanotube::m).orElse(-1);
        Map<String, Object> extra = new LinkedHashMap<>();
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("file", phonopy.toString());
        in.put("force_constants_file", forceConstants == null ? null : forceConstants.toString());
        in.put("unit_cell_atoms", cfc.atoms());
        in.put("supercell_cells", cfc.supercell());
        in.put("symmetry_tolerance_bohr", tolerance);
        in.put("recognition_mismatch_bohr", rec.mismatch());
        in.put("axis_xy_bohr", List.of(rec.axis()[0], rec.axis()[1]));
        in.put("projection_residual_relative", pr.residualRms());
        in.put("projection_residual_max_relative", pr.residualMax());
        extra.put("input", in);
        Map<String, Object> summary = PhononsCommand.writeOutputs(out, r, n, m, source, extra);
        if (json) {
            o.println(PhononJson.toJson(summary));
        } else {
            printText(o, r, rec, pr, cfc);
        }
        o.flush();
        ModeListing.warnings(e, r.warnings());
        return 0;
    }

    private void printText(PrintWriter o, TubePhononResult r, TubeRecognition.Result rec,
            CellForceConstants.Projection pr, CellForceConstants cfc) {
        HelicalGroup g = rec.structure().group();
        o.printf(Locale.ROOT, "force constants from %s: %d-atom cell, supercell of %d cells%n", phonopy, cfc.atoms(),
                cfc.supercell());
        o.printf(Locale.ROOT, "  recognised tube %s: N = %d, alpha = %.8f rad, h = %.6f Bohr, q = %d; largest"
                + " deviation from the group %.2e Bohr (tolerance %.3g Bohr)%n",
                rec.tube().map(Object::toString).orElse("(not a known (n,m))"), g.cyclicOrder(), g.screwAngle(),
                g.screwShift(), g.period().orElseThrow().steps(), rec.mismatch(), tolerance);
        o.printf(Locale.ROOT, "  diameter %.6f nm%n", Units.bohrToAngstrom(2 * rec.structure().meanRadius()) / 10);
        o.printf(Locale.ROOT, "  projection onto the symmetry-adapted blocks: %d blocks, residual %.3e (largest entry"
                + " %.3e) of the given constants; Hessian asymmetry %.3e%n", pr.forceConstants().blockCount(),
                pr.residualRms(), pr.residualMax(), pr.forceConstants().asymmetry());
        TubePhononResult.SumRuleCorrection sr = r.forceConstantSummary().sumRules();
        o.printf(Locale.ROOT, "  sum rules: %s%n", sr == null
                ? String.format(Locale.ROOT, "not imposed (residual %.2e Ha/Bohr; --sum-rules imposes them)",
                        SumRules.maxResidual(r.phonons().forceConstants()))
                : String.format(Locale.ROOT, "imposed (residual %.2e -> %.2e Ha/Bohr, largest correction %.2e"
                        + " Ha/Bohr^2)", sr.residualBefore(), sr.residualAfter(), sr.maxCorrection()));
        ModeListing.print(o, r, false);
        o.println("  files in " + out);
    }
}

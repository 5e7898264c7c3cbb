package org.helixff.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.helixff.InvalidInputException;
import org.helixff.Units;
import org.helixff.app.Models;
import org.helixff.calculator.Calculator;
import org.helixff.calculator.CellResult;
import org.helixff.calculator.UncertaintyCalculator;
import org.helixff.compute.Backend;
import org.helixff.io.AnnotatedFrames;
import org.helixff.io.ExtXyz;
import org.helixff.io.Frame;

/**
 * The work behind {@code energy --cell FILE [--out ANNOTATED]}: every full-cell frame of the file evaluated with the
 * model, per-atom energies, forces and uncertainties printed (summary) and written as extxyz columns. All frames
 * are computed before anything is written.
 */
final class CellEnergy {
    private CellEnergy() {
    }

    static int run(String model, Backend backend, Path file, Path out, boolean json, PrintWriter o,
            ExtrapolationCheck check, PrintWriter err) {
        Calculator calc = Models.resolve(model, backend);
        List<Frame> frames = ExtXyz.read(file);
        if (frames.isEmpty()) {
            throw new InvalidInputException(file + ": no frames");
        }
        UncertaintyCalculator uc = calc instanceof UncertaintyCalculator u ? u : null;
        List<Frame> annotated = new ArrayList<>();
        List<Object> rows = new ArrayList<>();
        for (int f = 0; f < frames.size(); f++) {
            Frame fr = frames.get(f);
            if (fr.isSymmetric()) {
                throw new InvalidInputException(file + ": frame " + f + " is a symmetric (motif) frame; --cell needs"
                        + " full cells (use 'energy N M' for tubes)");
            }
            CellResult r = calc.compute(fr.cell().orElseThrow());
            UncertaintyCalculator.Uncertainty u = uc == null ? null : uc.uncertainty(fr.cell().orElseThrow());
            Frame a = AnnotatedFrames.annotate(fr, r, u, calc.name());
            java.util.Optional<org.helixff.model.Extrapolation.Report> outside = java.util.Optional.empty();
            if (calc instanceof org.helixff.model.ModelCalculator mc) {
                // one descriptor pass: the per-atom column and the frame's score come from the same distances
                double[] d = org.helixff.model.Extrapolation.distances(mc.model(), mc.engine(), fr.cell().orElseThrow());
                a = a.withColumn(org.helixff.io.AtomColumn.reals("extrapolation_distance", 1, d));
                outside = java.util.Optional.of(org.helixff.model.Extrapolation.report(mc.model(), d));
            }
            check.report(outside, file + " frame " + f, calc, err);
            annotated.add(a);
            Map<String, Object> j = Json.object();
            ExtrapolationCheck.put(j, outside);
            j.put("frame", f);
            j.put("atoms", r.size());
            j.put("energy_ev", Units.hartreeToEv(r.energy()));
            j.put("energy_per_atom_ev", Units.hartreeToEv(r.energyPerAtom()));
            double sum = 0;
            for (double e : r.siteEnergies()) {
                sum += e;
            }
            j.put("sum_of_site_energies_ev", Units.hartreeToEv(sum));
            j.put("max_force_ev_per_angstrom", r.maxForce() * Units.EV_PER_A_PER_HA_PER_BOHR);
            if (u != null) {
                double[] s = u.siteEnergiesEpistemic();
                int worst = 0;
                for (int i = 1; i < s.length; i++) {
                    worst = s[i] > s[worst] ? i : worst;
                }
                j.put("energy_per_atom_sigma_ev", Units.hartreeToEv(u.energyPerAtom()));
                j.put("max_site_energy_sigma_epistemic_ev", Units.hartreeToEv(s[worst]));
                j.put("most_uncertain_atom", worst);
                j.put("max_force_sigma_ev_per_angstrom", u.maxForce() * Units.EV_PER_A_PER_HA_PER_BOHR);
            }
            rows.add(j);
        }
        if (out != null) {
            ExtXyz.write(out, annotated);
        }
        if (json) {
            Map<String, Object> j = Json.object();
            j.put("file", file.toString());
            j.put("model", calc.name());
            j.put("uncertainty", uc != null);
            j.put("frames", rows);
            if (out != null) {
                j.put("annotated", out.toString());
            }
            Json.print(o, j);
        } else {
            o.printf(Locale.ROOT, "%s  model %s  (%d frames)%n", file, calc.name(), frames.size());
            for (Object row : rows) {
                @SuppressWarnings("unchecked")
                Map<String, Object> j = (Map<String, Object>) row;
                o.printf(Locale.ROOT, "  frame %d: %d atoms, energy %.6f eV (%.6f eV/atom; sum of site energies"
                        + " %.6f eV), max force %.4f eV/A%n", j.get("frame"), j.get("atoms"), j.get("energy_ev"),
                        j.get("energy_per_atom_ev"), j.get("sum_of_site_energies_ev"),
                        j.get("max_force_ev_per_angstrom"));
                if (j.containsKey("most_uncertain_atom")) {
                    o.printf(Locale.ROOT, "    uncertainty: energy per atom %.2e eV; largest site sigma %.2e eV"
                            + " (atom %d, epistemic); largest force sigma %.3f eV/A%n",
                            j.get("energy_per_atom_sigma_ev"), j.get("max_site_energy_sigma_epistemic_ev"),
                            j.get("most_uncertain_atom"), j.get("max_force_sigma_ev_per_angstrom"));
                }
            }
            if (uc == null) {
                o.println("  (model " + calc.name() + " has no posterior: no uncertainty columns)");
            }
            if (out != null) {
                o.println("  annotated frames: " + out + " (columns energies, forces"
                        + (uc != null ? ", energy_sigma, energy_sigma_epistemic, force_sigma, force_sigma_norm" : "")
                        + ")");
            }
        }
        o.flush();
        return 0;
    }
}

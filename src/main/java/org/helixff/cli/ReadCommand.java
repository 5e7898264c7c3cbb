package org.helixff.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.helixff.Units;
import org.helixff.io.ExtXyz;
import org.helixff.io.Frame;
import org.helixff.symmetry.HelicalGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code helixff read FILE.extxyz}: one summary line (or JSON object) per frame. */
@Command(name = "read", mixinStandardHelpOptions = true,
        description = {"Summarise every frame of an extxyz file (kind, atoms, energy, largest force, tube).",
            "Kind: symmetric motif or full cell; energy per atom (Ha, eV), largest force (Ha/Bohr, eV/A) and tube"
                + " indices if present."})
final class ReadCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "extxyz file")
    Path file;

    @Option(names = "--json", description = "print JSON to stdout")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<Frame> frames = ExtXyz.read(file);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            rows.add(describe(i, frames.get(i)));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> o = Json.object();
            o.put("file", file.toString());
            o.put("frames", rows);
            Json.print(out, o);
            return 0;
        }
        out.printf("%s: %d frame%s%n", file, frames.size(), frames.size() == 1 ? "" : "s");
        out.printf("%5s  %-9s  %6s  %-9s  %18s  %16s  %14s  %14s%n", "frame", "kind", "atoms", "tube",
                "E/atom (Ha)", "E/atom (eV)", "max|F| Ha/Bohr", "max|F| eV/A");
        for (Map<String, Object> r : rows) {
            Object n = r.get("n");
            Object m = r.get("m");
            String tube = n != null && m != null ? "(" + n + "," + m + ")" : "-";
            out.printf("%5d  %-9s  %6d  %-9s  %18s  %16s  %14s  %14s%n", (Integer) r.get("frame"), r.get("kind"),
                    (Integer) r.get("atoms"), tube, num(r.get("energy_per_atom_ha"), "%.10f"),
                    num(r.get("energy_per_atom_ev"), "%.8f"), num(r.get("max_force_ha_per_bohr"), "%.6e"),
                    num(r.get("max_force_ev_per_angstrom"), "%.6e"));
        }
        for (Map<String, Object> r : rows) {
            if (r.get("not_modelled") != null) {
                out.printf("note: frame %d %s%n", (Integer) r.get("frame"), r.get("not_modelled"));
            }
        }
        return 0;
    }

    private static String num(Object v, String fmt) {
        return v == null ? "-" : String.format(java.util.Locale.ROOT, fmt, v);
    }

    static Map<String, Object> describe(int index, Frame f) {
        Map<String, Object> o = Json.object();
        o.put("frame", index);
        o.put("kind", f.isSymmetric() ? "symmetric" : "full cell");
        o.put("atoms", f.atoms());
        java.util.Set<String> other = new java.util.TreeSet<>(List.of(f.species()));
        other.remove(org.helixff.training.TrainingFrames.CARBON);
        if (other.isEmpty()) {
            // one rule with train/test: only carbon frames are tubes HelixFF knows
            f.infoLong("n").ifPresent(v -> o.put("n", v));
            f.infoLong("m").ifPresent(v -> o.put("m", v));
        } else {
            o.put("not_modelled", "contains " + String.join(", ", other) + ": HelixFF models carbon only (train and"
                    + " test refuse this frame)");
        }
        if (f.isSymmetric()) {
            HelicalGroup g = f.symmetric().orElseThrow().group();
            o.put("cyclic_order", g.cyclicOrder());
            o.put("screw_angle_rad", g.screwAngle());
            o.put("screw_translation_bohr", g.screwShift());
        } else {
            boolean[] pbc = f.cell().orElseThrow().pbc();
            o.put("pbc", List.of(pbc[0], pbc[1], pbc[2]));
        }
        if (f.energy().isPresent()) {
            o.put("energy_ha", f.energy().getAsDouble());
            o.put("energy_meaning", f.isSymmetric() ? "per motif" : "per cell");
            double e = f.energyPerAtom().getAsDouble();
            o.put("energy_per_atom_ha", e);
            o.put("energy_per_atom_ev", Units.hartreeToEv(e));
        }
        if (f.hasForces() && f.atoms() > 0) {
            double fmax = f.maxForceNorm().getAsDouble();
            double comp = 0;
            for (double c : f.forces().orElseThrow()) {
                comp = Math.max(comp, Math.abs(c));
            }
            o.put("max_force_ha_per_bohr", fmax);
            o.put("max_force_ev_per_angstrom", fmax * Units.EV_PER_A_PER_HA_PER_BOHR);
            o.put("max_force_component_ha_per_bohr", comp);
        }
        f.infoText("split").ifPresent(v -> o.put("split", v));
        f.infoText("source").ifPresent(v -> o.put("source", v));
        return o;
    }
}

package org.helixff.training;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.helixff.InvalidInputException;
import org.helixff.io.Datasets;
import org.helixff.io.ExtXyz;
import org.helixff.io.Frame;
import org.helixff.io.InfoValue;

/**
 * Turns extxyz {@link Frame}s into {@link TrainingFrame}s and back.
 *
 * <ul>
 *   <li>Energy label: the free energy where the frame has one (GPAW: forces are its exact derivative),
 *       else {@code energy}; per atom (per motif atom for symmetric frames).</li>
 *   <li>dE/dh label of symmetric frames: info key {@value #DEDH_KEY} (Ha/Bohr per motif), written by
 *       {@code helixff label}.</li>
 *   <li>Energy group (frames of one group share an energy reference): info key {@code energy_group} if
 *       present, else {@code code} (e.g. GPAW), else "SPARC" for frames with {@code sparc_bc}, else the file
 *       name.</li>
 * </ul>
 */
public final class TrainingFrames {
    /** Info key of dE/dh per motif, Ha/Bohr. */
    public static final String DEDH_KEY = "dEdh_ha_per_bohr";
    /** Info key of the energy group. */
    public static final String GROUP_KEY = "energy_group";

    private TrainingFrames() {
    }

    /** The only element HelixFF models. */
    public static final String CARBON = "C";

    /** "file:line: frame K: " for a frame read from a file, else "". */
    public static String where(Frame f) {
        return f.provenance().map(p -> p.file() + ":" + p.line() + ": frame " + (p.index() + 1) + ": ").orElse("");
    }

    /** The energy group of a frame (see class doc). */
    public static String group(Frame f) {
        if (f.infoText(GROUP_KEY).isPresent()) {
            return f.infoText(GROUP_KEY).get();
        }
        if (f.infoText("code").isPresent()) {
            return f.infoText("code").get();
        }
        if (f.info("sparc_bc").isPresent()) {
            return "SPARC";
        }
        return f.provenance().map(p -> Path.of(p.file()).getFileName().toString()).orElse("default");
    }

    /** A label tag for reports: the tube (n,m) when known, else the file name. */
    public static String tubeKey(Frame f) {
        if (f.infoLong("n").isPresent() && f.infoLong("m").isPresent()) {
            return "(" + f.infoLong("n").getAsLong() + "," + f.infoLong("m").getAsLong() + ")";
        }
        if (f.isSymmetric() && f.symmetric().get().tube().isPresent()) {
            return f.symmetric().get().tube().get().toString();
        }
        return f.provenance().map(p -> Path.of(p.file()).getFileName().toString()).orElse("frame");
    }

    /** The training frame of one extxyz frame; its name is "tubeKey#index file". */
    public static TrainingFrame of(Frame f, String groupOverride) {
        String[] species = f.species();
        for (int i = 0; i < species.length; i++) {
            if (!CARBON.equals(species[i])) {
                throw new InvalidInputException(where(f) + "atom " + (i + 1) + " is '" + species[i]
                        + "': HelixFF models carbon (C) only");
            }
        }
        String group = groupOverride != null ? groupOverride : group(f);
        double e = Double.NaN;
        if (f.freeEnergy().isPresent()) {
            e = f.freeEnergy().getAsDouble() / f.atoms();
        } else if (f.energy().isPresent()) {
            e = f.energy().getAsDouble() / f.atoms();
        }
        double[] forces = f.forces().orElse(null);
        String name = tubeKey(f) + "#" + f.provenance().map(p -> p.index() + " " + Path.of(p.file()).getFileName())
                .orElse("?");
        if (f.isSymmetric()) {
            double dEdh = f.infoDouble(DEDH_KEY).orElse(Double.NaN);
            return TrainingFrame.symmetric(f.symmetric().get(), e, forces, dEdh, group, name);
        }
        return TrainingFrame.cell(f.cell().get(), e, forces, group, name);
    }

    /** All frames of the given files (extxyz paths, or "dataset:NAME" for an embedded data set). */
    public static List<TrainingFrame> load(List<String> sources, String groupOverride) {
        List<TrainingFrame> out = new ArrayList<>();
        for (String s : sources) {
            for (Frame f : frames(s)) {
                out.add(of(f, groupOverride));
            }
        }
        if (out.isEmpty()) {
            throw new InvalidInputException("no frames in " + sources);
        }
        return out;
    }

    /**
     * Frames of one source: an extxyz path, "dataset:NAME" (all top-level extxyz files of an embedded set) or
     * "dataset:NAME/FILE" (one extxyz file of it, also one in a folder such as {@code extra/}).
     */
    public static List<Frame> frames(String source) {
        if (source.startsWith("dataset:")) {
            String spec = source.substring("dataset:".length());
            String set = spec.contains("/") ? spec.substring(0, spec.indexOf('/')) : spec;
            if (!Datasets.names().contains(set)) {
                throw new InvalidInputException("no embedded data set '" + set + "' (have " + Datasets.names() + ")");
            }
            if (spec.contains("/")) {
                String file = spec.substring(spec.indexOf('/') + 1);
                if (!file.endsWith(".extxyz") || !Datasets.allFiles(set).contains(file)) {
                    throw new InvalidInputException("embedded data set '" + set + "' has no file '" + file + "' (have "
                            + Datasets.files(set) + ")");
                }
                return Datasets.load(set, file);
            }
            return Datasets.load(set);
        }
        return ExtXyz.read(Path.of(source));
    }

    /** A labelled symmetric training frame as an extxyz frame (energy per motif, forces, dE/dh, group). */
    public static Frame toFrame(TrainingFrame t) {
        Frame f = t.isSymmetric() ? Frame.of(t.symmetricStructure()) : Frame.of(t.cellStructure());
        if (t.hasEnergy()) {
            f = f.withEnergy(t.energyPerAtom() * t.atoms());
        }
        if (t.hasForces()) {
            f = f.withForces(t.forces());
        }
        if (t.hasDEdh()) {
            f = f.withInfo(DEDH_KEY, new InfoValue.Real(t.dEdh()));
        }
        f = f.withInfo(GROUP_KEY, new InfoValue.Text(t.group()));
        if (t.isSymmetric() && t.symmetricStructure().tube().isPresent()) {
            var tube = t.symmetricStructure().tube().get();
            f = f.withInfo("n", new InfoValue.Int(tube.n())).withInfo("m", new InfoValue.Int(tube.m()));
        }
        return f;
    }
}

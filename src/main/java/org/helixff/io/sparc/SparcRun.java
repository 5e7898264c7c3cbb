package org.helixff.io.sparc;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.helixff.FileFormatException;
import org.helixff.HelixException;
import org.helixff.InvalidInputException;
import org.helixff.io.Datasets;
import org.helixff.io.Frame;
import org.helixff.io.InfoValue;
import org.helixff.symmetry.HelicalGroup;
import org.helixff.symmetry.SymmetricStructure;

/**
 * One SPARC cyclix run read from its files ({@code <base>.inpt}, {@code .ion}, and whichever of
 * {@code .out}, {@code .static}, {@code .aimd} exist): its configurations with the energy of the domain
 * (Hartree: SPARC's "Total free energy", the infinite tube's free energy per domain) and the Cartesian
 * forces on the domain atoms (Ha/Bohr). A single point gives one step numbered 0 (positions from the
 * {@code .static} fractional coordinates); an MD run gives one step per {@code :MDSTEP:} of the
 * {@code .aimd} (positions, forces and FEN there; FEN is per atom, so the domain energy is FEN times
 * the atom count). Step numbers are the {@code md_step} info of the shipped extxyz frames, the run
 * directory name their {@code source}. Immutable.
 */
public final class SparcRun {
    /**
     * One configuration of the run.
     *
     * @param mdStep        MD step number (1-based), or 0 for a single point
     * @param structure     the domain atoms (Cartesian, Bohr) with the run's group
     * @param energy        free energy of the domain, Hartree
     * @param forces        Cartesian forces on the domain atoms, Ha/Bohr, 3 per atom
     * @param scf           the matching SCF cycle of the {@code .out}, if read
     */
    public record Step(int mdStep, SymmetricStructure structure, double energy, double[] forces,
            Optional<SparcOutput.Scf> scf) {
        public Step {
            forces = forces.clone();
        }

        @Override
        public double[] forces() {
            return forces.clone();
        }

        /** "Total number of SCF" of this configuration. */
        public OptionalInt scfIterations() {
            return scf.isPresent() ? scf.get().iterationCount() : OptionalInt.empty();
        }

        /** Sum of the SCF iteration wall times of this configuration, seconds. */
        public OptionalDouble scfSeconds() {
            return scf.isPresent() ? OptionalDouble.of(scf.get().scfSeconds()) : OptionalDouble.empty();
        }
    }

    private final String name;
    private final SparcInput input;
    private final SparcIon ion;
    private final SparcOutput output;
    private final SparcStatic statics;
    private final SparcAimd aimd;
    private final List<Step> steps;

    private SparcRun(String name, SparcInput input, SparcIon ion, SparcOutput output, SparcStatic statics,
            SparcAimd aimd) {
        this.name = name;
        this.input = input;
        this.ion = ion;
        this.output = output;
        this.statics = statics;
        this.aimd = aimd;
        this.steps = buildSteps();
    }

    /**
     * A run from parsed files; {@code output}, {@code statics} and {@code aimd} may be null.
     *
     * @throws InvalidInputException if the input is not cyclix
     * @throws FileFormatException   if the files disagree (atom counts, elements)
     */
    public static SparcRun of(String name, SparcInput input, SparcIon ion, SparcOutput output, SparcStatic statics,
            SparcAimd aimd) {
        return new SparcRun(name, input, ion, output, statics, aimd);
    }

    /** Reads the run in a directory with exactly one {@code .inpt} file. */
    public static SparcRun read(Path dir) {
        List<Path> inputs = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.inpt")) {
            for (Path p : ds) {
                inputs.add(p);
            }
        } catch (IOException e) {
            throw new InvalidInputException("cannot list SPARC run directory " + dir + ": " + e.getMessage());
        }
        if (inputs.size() != 1) {
            throw new InvalidInputException("SPARC run directory " + dir + " has " + inputs.size()
                    + " .inpt files (need exactly one)");
        }
        String f = inputs.get(0).getFileName().toString();
        return read(dir, f.substring(0, f.length() - ".inpt".length()));
    }

    /** Reads {@code dir/base.inpt}, {@code .ion} and the {@code .out}, {@code .static}, {@code .aimd} that exist. */
    public static SparcRun read(Path dir, String base) {
        Path out = dir.resolve(base + ".out");
        Path st = dir.resolve(base + ".static");
        Path md = dir.resolve(base + ".aimd");
        return new SparcRun(dir.getFileName() == null ? dir.toString() : dir.getFileName().toString(),
                SparcInput.read(dir.resolve(base + ".inpt")), SparcIon.read(dir.resolve(base + ".ion")),
                Files.exists(out) ? SparcOutput.read(out) : null, Files.exists(st) ? SparcStatic.read(st) : null,
                Files.exists(md) ? SparcAimd.read(md) : null);
    }

    /** The run {@code raw/<run>/cnt.*} of the shipped sparc-cnt data set (e.g. "md_7_7", "diag_77_k7"). */
    public static SparcRun fromDataset(String run) {
        String set = "sparc-cnt";
        String dir = "raw/" + run + "/";
        List<String> files = Datasets.allFiles(set);
        if (!files.contains(dir + "cnt.inpt")) {
            throw new InvalidInputException("data set " + set + " has no SPARC run '" + run + "'");
        }
        String prefix = set + "/" + dir;
        SparcInput in = SparcInput.parse(prefix + "cnt.inpt", Datasets.readText(set, dir + "cnt.inpt"));
        SparcIon ion = SparcIon.parse(prefix + "cnt.ion", Datasets.readText(set, dir + "cnt.ion"));
        SparcOutput out = files.contains(dir + "cnt.out")
                ? SparcOutput.parse(prefix + "cnt.out", Datasets.readText(set, dir + "cnt.out")) : null;
        SparcStatic st = files.contains(dir + "cnt.static")
                ? SparcStatic.parse(prefix + "cnt.static", Datasets.readText(set, dir + "cnt.static")) : null;
        SparcAimd md = files.contains(dir + "cnt.aimd")
                ? SparcAimd.parse(prefix + "cnt.aimd", Datasets.readText(set, dir + "cnt.aimd")) : null;
        return new SparcRun(run, in, ion, out, st, md);
    }

    /** Names of the SPARC runs shipped under {@code raw/} of sparc-cnt, sorted. */
    public static List<String> datasetRuns() {
        List<String> runs = new ArrayList<>();
        for (String f : Datasets.allFiles("sparc-cnt")) {
            if (f.startsWith("raw/") && f.endsWith("/cnt.inpt")) {
                runs.add(f.substring(4, f.length() - "/cnt.inpt".length()));
            }
        }
        return runs;
    }

    private List<Step> buildSteps() {
        HelicalGroup group = input.cyclix().group();
        String[] species = ion.species();
        List<Step> out = new ArrayList<>();
        if (statics != null) {
            if (statics.atoms() != species.length) {
                throw new FileFormatException(statics.name() + ": " + statics.atoms() + " atoms, the .ion has "
                        + species.length);
            }
            if (!java.util.Arrays.equals(statics.species(), species)) {
                throw new FileFormatException(statics.name() + ": elements differ from the .ion file");
            }
            double[] f = statics.forces();
            if (f == null || statics.freeEnergy().isEmpty()) {
                throw new FileFormatException(statics.name() + ": no " + (f == null ? "forces" : "total free energy"));
            }
            SymmetricStructure s = new SymmetricStructure(species, statics.cartesianPositions(input), group, null);
            Optional<SparcOutput.Scf> scf = output == null ? Optional.empty()
                    : output.completeScfs().isEmpty() ? Optional.empty()
                    : Optional.of(output.completeScfs().get(output.completeScfs().size() - 1));
            out.add(new Step(0, s, statics.freeEnergy().getAsDouble(), f, scf));
        }
        if (aimd != null) {
            for (SparcAimd.Step st : aimd.steps()) {
                double[] r = st.positions();
                double[] f = st.forces();
                if (r == null || f == null || st.freeEnergyPerAtom().isEmpty()) {
                    throw new FileFormatException(aimd.name() + ":" + st.line() + ": MD step " + st.step()
                            + " lacks positions, forces or FEN");
                }
                if (st.atoms() != species.length) {
                    throw new FileFormatException(aimd.name() + ":" + st.line() + ": MD step " + st.step() + " has "
                            + st.atoms() + " atoms, the .ion has " + species.length);
                }
                SymmetricStructure s = new SymmetricStructure(species, r, group, null);
                Optional<SparcOutput.Scf> scf = output == null ? Optional.empty()
                        : output.scf(st.step()).filter(SparcOutput.Scf::complete);
                out.add(new Step(st.step(), s, st.freeEnergy().getAsDouble(), f, scf));
            }
        }
        return List.copyOf(out);
    }

    /** The run's name (the SPARC -name prefix). */
    public String name() {
        return name;
    }

    /** The parsed .inpt file. */
    public SparcInput input() {
        return input;
    }

    /** The parsed .ion file. */
    public SparcIon ion() {
        return ion;
    }

    /** The {@code .out}, if it was present. */
    public Optional<SparcOutput> output() {
        return Optional.ofNullable(output);
    }

    /** The {@code .static}, if it was present. */
    public Optional<SparcStatic> statics() {
        return Optional.ofNullable(statics);
    }

    /** The {@code .aimd}, if it was present. */
    public Optional<SparcAimd> aimd() {
        return Optional.ofNullable(aimd);
    }

    /** The configurations: the single point (step 0) and/or the MD steps. */
    public List<Step> steps() {
        return steps;
    }

    /** The configuration with the given {@code md_step} (0 for the single point). */
    public Step step(int mdStep) {
        for (Step s : steps) {
            if (s.mdStep() == mdStep) {
                return s;
            }
        }
        throw new HelixException("SPARC run " + name + " has no step " + mdStep);
    }

    /**
     * The configurations as symmetric frames (energy per domain, forces) with the info keys
     * {@code source}, {@code md_step}, {@code scf_iterations}, {@code scf_wall_s} of the shipped data.
     */
    public List<Frame> frames() {
        List<Frame> out = new ArrayList<>();
        for (Step s : steps) {
            Frame f = Frame.of(s.structure()).withEnergy(s.energy()).withForces(s.forces())
                    .withInfo("source", new InfoValue.Text(name)).withInfo("md_step", new InfoValue.Int(s.mdStep()));
            if (s.scfIterations().isPresent()) {
                f = f.withInfo("scf_iterations", new InfoValue.Int(s.scfIterations().getAsInt()));
            }
            if (s.scfSeconds().isPresent()) {
                f = f.withInfo("scf_wall_s", new InfoValue.Real(Math.round(s.scfSeconds().getAsDouble() * 1000) / 1000.0));
            }
            out.add(f);
        }
        return out;
    }
}

package org.helixff.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.helixff.InvalidInputException;
import org.helixff.calculator.Calculator;
import org.helixff.io.ExtXyz;
import org.helixff.io.Frame;
import org.helixff.relax.RelaxationResult;
import org.helixff.relax.Relaxer;
import org.helixff.structure.Nanotube;
import org.helixff.symmetry.SymmetricStructure;
import org.helixff.teacher.Teachers;
import org.helixff.training.TeacherData;
import org.helixff.training.TrainingFrame;
import org.helixff.training.TrainingFrames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code helixff label}: teacher-labelled symmetric frames of a tube, written as extxyz. */
@Command(name = "label", mixinStandardHelpOptions = true,
        description = {"Generate labelled 2-atom frames of tube (N,M) with an analytic teacher.",
            "Random motif displacements, axial strain and twist around the ideal and the relaxed geometry (seeded)."})
final class LabelCommand implements Callable<Integer> {
    @Option(names = "--teacher", defaultValue = "tersoff-lb", description = "tersoff or tersoff-lb (default: ${DEFAULT-VALUE})")
    String teacher;

    @Option(names = "--tube", arity = "2", required = true, paramLabel = "N M", description = "chiral indices")
    int[] tube;

    @Option(names = "--frames", required = true, description = "number of frames")
    int frames;

    @Option(names = "--out", required = true, description = "output extxyz file")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--max-displacement", defaultValue = "0.15",
            description = "largest motif-atom displacement in Bohr (default: ${DEFAULT-VALUE})")
    double maxDisplacement;

    @Option(names = "--max-strain", defaultValue = "0.02", description = "largest |axial strain| (default: ${DEFAULT-VALUE})")
    double maxStrain;

    @Option(names = "--max-twist", defaultValue = "0.002",
            description = "largest |twist| in rad/Bohr (default: ${DEFAULT-VALUE})")
    double maxTwist;

    @Option(names = "--ideal-only", description = "perturb only the ideal roll-up (default: ideal and relaxed)")
    boolean idealOnly;

    @Option(names = "--cell-frames", defaultValue = "0",
            description = "also write this many non-symmetric full cells of the relaxed tube (every atom displaced"
                    + " independently): they teach the force constants of every (kappa, nu) block (default: ${DEFAULT-VALUE})")
    int cellFrames;

    @Option(names = "--cells", defaultValue = "2", description = "translational cells per full-cell frame (default: ${DEFAULT-VALUE})")
    int cells;

    @Option(names = "--json", description = "print a JSON summary to stdout")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (frames < 1 || frames > 1_000_000) {
            throw new InvalidInputException("--frames " + frames + " must lie in [1, 1000000]");
        }
        Calculator t = Teachers.byName(teacher);
        Nanotube tube0 = Nanotube.of(tube[0], tube[1]);
        SymmetricStructure ideal = SymmetricStructure.fromTube(tube0);
        List<SymmetricStructure> bases = new ArrayList<>();
        bases.add(ideal);
        if (!idealOnly) {
            RelaxationResult rr = new Relaxer(t, Relaxer.Options.builder().freeAxial(true).build()).relax(ideal);
            if (!rr.converged()) {
                throw new InvalidInputException("relaxation of " + tube0 + " with " + teacher + " did not converge: "
                        + rr.status());
            }
            bases.add(rr.structure());
        }
        TeacherData.Options opt = new TeacherData.Options(maxDisplacement, maxStrain, maxTwist, seed);
        if (cellFrames < 0 || cells < 1) {
            throw new InvalidInputException("--cell-frames must be >= 0 and --cells >= 1");
        }
        ProgressBar bar = ProgressBar.stderr(spec);
        List<TrainingFrame> data = new ArrayList<>(TeacherData.generate(bases, frames, t, opt, teacher,
                bar));
        if (cellFrames > 0) {
            data.addAll(TeacherData.generateCells(List.of(bases.get(bases.size() - 1)), cells, cellFrames, t, opt,
                    teacher, bar));
        }
        bar.finish();
        List<Frame> outFrames = new ArrayList<>();
        for (TrainingFrame f : data) {
            outFrames.add(TrainingFrames.toFrame(f));
        }
        ExtXyz.write(out, outFrames);
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> j = Json.object();
            j.put("teacher", teacher);
            j.put("n", tube[0]);
            j.put("m", tube[1]);
            j.put("frames", frames);
            j.put("cell_frames", cellFrames);
            j.put("seed", seed);
            j.put("out", out.toString());
            Json.print(o, j);
        } else {
            o.printf("wrote %d symmetric and %d full-cell frames of %s labelled by %s to %s%n", frames, cellFrames, tube0,
                    teacher, out);
        }
        return 0;
    }
}

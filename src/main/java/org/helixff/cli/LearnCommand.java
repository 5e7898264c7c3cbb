package org.helixff.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.helixff.HelixException;
import org.helixff.InvalidInputException;
import org.helixff.Units;
import org.helixff.backend.Backends;
import org.helixff.dynamics.MdFrame;
import org.helixff.dynamics.MdOptions;
import org.helixff.dynamics.OnTheFly;
import org.helixff.dynamics.OnTheFlyOptions;
import org.helixff.dynamics.TeacherCall;
import org.helixff.dynamics.TeacherCallLog;
import org.helixff.dynamics.Thermostat;
import org.helixff.dynamics.UncertaintyThreshold;
import org.helixff.report.TrajectoryWriter;
import org.helixff.io.ExtXyz;
import org.helixff.io.FileUnits;
import org.helixff.io.FrameJournal;
import org.helixff.io.Frame;
import org.helixff.io.InfoValue;
import org.helixff.io.ModelFile;
import org.helixff.training.TrainingFrames;
import org.helixff.io.sparc.SparcSettings;
import org.helixff.model.KernelModel;
import org.helixff.structure.Nanotube;
import org.helixff.symmetry.SymmetricStructure;
import org.helixff.teacher.CalculatorTeacher;
import org.helixff.teacher.ExternalTeacher;
import org.helixff.teacher.SparcTeacher;
import org.helixff.teacher.Teacher;
import org.helixff.teacher.Teachers;
import org.helixff.training.TeacherData;
import org.helixff.training.TrainingFrame;
import org.helixff.training.TrainingOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code helixff learn}: on-the-fly learning of a model by symmetry-adapted MD with uncertainty-triggered teacher calls. */
@Command(name = "learn", mixinStandardHelpOptions = true,
        description = {"On-the-fly learning on tube (N,M): MD on the model, teacher calls where it is uncertain.",
            "A step whose predicted force uncertainty exceeds the threshold is labelled by the teacher, added to the"
                + " training set and the model is refitted. Writes the model, the training set (extxyz; every label is"
                + " appended and synced to disk as soon as the teacher delivers it) and a JSON-lines log of every"
                + " teacher call. An interrupted run continues with the same command and --resume."})
final class LearnCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "chiral index n (>= 1)")
    int n;

    @Parameters(index = "1", description = "chiral index m (>= 0)")
    int m;

    @Option(names = "--teacher", required = true,
            description = "tersoff, tersoff-lb, gpaw (GPAW PBE at the shipped data's settings), sparc or external")
    String teacherName;

    @Option(names = "--threshold", required = true,
            description = "epistemic force sigma that triggers a teacher call: Ha/Bohr (e.g. 3e-4) or a multiple of"
                    + " the model's force noise level (e.g. 4x)")
    String threshold;

    @Option(names = "--steps", required = true, description = "MD steps (per tube)")
    long steps;

    @Option(names = "--out", required = true, description = "model file to write")
    Path out;

    @Option(names = "--add-tube", paramLabel = "N,M", split = ";",
            description = "further tubes, run after the first with the same model (repeatable)")
    List<String> addTubes = new ArrayList<>();

    @Option(names = "--temperature", defaultValue = "600", description = "K (default: ${DEFAULT-VALUE})")
    double temperature;

    @Option(names = "--dt", defaultValue = "0.5", description = "time step in fs (default: ${DEFAULT-VALUE})")
    double dt;

    @Option(names = "--thermostat", defaultValue = "langevin", description = "langevin or none (default: ${DEFAULT-VALUE})")
    String thermostat;

    @Option(names = "--friction", defaultValue = "0.01", description = "Langevin friction in 1/fs (default: ${DEFAULT-VALUE})")
    double friction;

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--axial", description = "axial-stress coupling (h dynamical, zero tension) during the MD")
    boolean axial;

    @Option(names = "--initial-frames", defaultValue = "6",
            description = "teacher frames per tube before the MD: the tube and perturbations (default: ${DEFAULT-VALUE})")
    int initialFrames;

    @Option(names = "--diameter-ladder", defaultValue = "0.25", paramLabel = "F",
            description = "curvature ladder: with a symmetry-adapted teacher also label the tubes (n,m) scaled by"
                + " 1/(1+F) and 1+F (ideal + the initial perturbations, no MD), so the model transfers to other"
                + " diameters; 0: none; not used with full-cell teachers (default: ${DEFAULT-VALUE})")
    double diameterLadder;

    @Option(names = "--initial-displacement", defaultValue = "0.15",
            description = "largest motif displacement of the initial perturbations, Bohr (default: ${DEFAULT-VALUE})")
    double initialDisplacement;

    @Option(names = "--initial-strain", defaultValue = "0.02",
            description = "largest |axial strain| of the initial perturbations (default: ${DEFAULT-VALUE})")
    double initialStrain;

    @Option(names = "--initial-twist", defaultValue = "0.002",
            description = "largest |twist| of the initial perturbations, rad/Bohr (default: ${DEFAULT-VALUE}; 0 for external)")
    double initialTwist;

    @Option(names = "--max-references", defaultValue = "400", description = "bound on the model's references (default: ${DEFAULT-VALUE})")
    int maxReferences;

    @Option(names = "--max-teacher-calls", description = "bound on teacher calls during the MD (default: none)")
    Integer maxTeacherCalls;

    @Option(names = "--check-every", defaultValue = "1", description = "uncertainty every this many steps (default: ${DEFAULT-VALUE})")
    int checkEvery;

    @Option(names = "--checkpoint-every", defaultValue = "10",
            description = "write the model every this many teacher calls (the training set gets every label at once;"
                    + " default: ${DEFAULT-VALUE})")
    int checkpointEvery;

    @Option(names = "--training-set", description = "training set file (default: OUT.training.extxyz)")
    Path trainingSetPath;

    @Option(names = "--log", description = "teacher-call log, JSON lines (default: OUT.teacher.jsonl)")
    Path logPath;

    @Option(names = "--trajectory", description = "MD trajectory (extxyz), every --every steps")
    Path trajectory;

    @Option(names = "--every", defaultValue = "10", description = "trajectory interval in steps (default: ${DEFAULT-VALUE})")
    int every;

    @Option(names = "--work-dir", description = "work directory of external teachers (default: OUT.teacher-work)")
    Path workDir;

    @Option(names = "--sparc-command", description = "SPARC command template, run in the call directory, e.g."
            + " 'mpirun -np 2 sparc -name {name}'")
    String sparcCommand;

    @Option(names = "--sparc-pseudopotentials", description = "directory with the pseudopotential files to copy")
    Path sparcPseudo;

    @Option(names = "--sparc-mesh", description = "SPARC mesh spacing in Bohr (default: 0.30, the shipped data's;"
            + " coarser meshes are for I/O tests: the grid then dominates the forces, e.g. 1.3 Ha/Bohr on the ideal"
            + " (7,7) at 0.5 and 0.8 Ha/Bohr on the ideal (10,5) at 0.4; docs/notes-md.md)")
    Double sparcMesh;

    @Option(names = "--external-command", description = "command template with {in} and {out} (extxyz), e.g."
            + " '/usr/bin/python3 examples/ase_teacher.py {in} {out}'")
    String externalCommand;

    @Option(names = "--external-cells", defaultValue = "0",
            description = "translational cells of the full cell (0: the fewest >= --external-min-length)")
    int externalCells;

    @Option(names = "--external-min-length", defaultValue = "20",
            description = "smallest periodic length of the full cell in Bohr (default: ${DEFAULT-VALUE})")
    double externalMinLength;

    @Option(names = "--dft-cache", description = "gpaw: directory of finished DFT calls, the record of every call"
            + " and what makes a rerun resume (default: OUT.dft-cache)")
    Path dftCache;

    @Option(names = "--python", description = "gpaw: Python interpreter with GPAW and ASE (default: /usr/bin/python3"
            + " when present, else python3; install with native-setup/install-dft.sh)")
    String python;

    @Option(names = "--teacher-timeout", defaultValue = "7200",
            description = "seconds per external teacher call before it is killed (0: none; default: ${DEFAULT-VALUE})")
    double teacherTimeout;

    @Option(names = "--resume", description = "continue an interrupted run from its training set: saved labels are"
            + " not recomputed; use the same tubes and options (without it the training set must not hold frames yet)")
    boolean resume;

    @Option(names = "--keep-files", description = "keep the work directories of successful external calls")
    boolean keepFiles;

    @Option(names = "--json", description = "print a JSON summary to stdout")
    boolean json;

    @picocli.CommandLine.Mixin
    BackendOptions backend;

    @Spec
    CommandSpec spec;

    private Teacher teacher() {
        String key = teacherName.trim().toLowerCase(Locale.ROOT);
        Path work = workDir != null ? workDir : sibling(out, ".teacher-work");
        if (Teachers.names().contains(key)) {
            rejectExternalOptions(key);
            return CalculatorTeacher.byName(key);
        }
        switch (key) {
            case "sparc": {
                if (sparcCommand == null) {
                    throw new InvalidInputException("--teacher sparc needs --sparc-command (e.g. 'mpirun -np 2 sparc -name {name}')");
                }
                SparcSettings st = sparcMesh == null ? SparcSettings.PRODUCTION
                        : SparcSettings.PRODUCTION.withMeshSpacing(sparcMesh);
                return new SparcTeacher(SparcTeacher.Options.of(sparcCommand, work).toBuilder().settings(st).pseudopotentials(sparcPseudo).timeoutSeconds(teacherTimeout).keepFiles(true).build());
            }
            case "external": {
                if (externalCommand == null) {
                    throw new InvalidInputException("--teacher external needs --external-command (with {in} and {out})");
                }
                return new ExternalTeacher(ExternalTeacher.Options.of(externalCommand, work).toBuilder().cells(externalCells).minLength(externalMinLength).timeoutSeconds(teacherTimeout).keepFiles(keepFiles).build());
            }
            case "gpaw": {
                if (externalCommand != null || sparcCommand != null) {
                    throw new InvalidInputException("--teacher gpaw builds its own command; drop --external-command/--sparc-command");
                }
                Path cache = dftCache != null ? dftCache : sibling(out, ".dft-cache");
                String py = GpawTeacherScript.interpreter(python);
                String version = GpawTeacherScript.gpawVersion(py);
                String command = GpawTeacherScript.command(py, GpawTeacherScript.extract(work), cache);
                return new ExternalTeacher(ExternalTeacher.Options.of(command, work)
                        .toBuilder().cells(externalCells == 0 ? 1 : externalCells).minLength(0).timeoutSeconds(teacherTimeout).keepFiles(keepFiles).energyGroup("GPAW " + version).build());
            }
            default:
                throw new InvalidInputException("unknown teacher '" + teacherName + "'; valid: "
                        + String.join(", ", Teachers.names()) + ", gpaw, sparc, external");
        }
    }

    private void rejectExternalOptions(String key) {
        if (sparcCommand != null || externalCommand != null) {
            throw new InvalidInputException("--sparc-command/--external-command do not apply to the teacher " + key);
        }
    }

    static Path sibling(Path p, String suffix) {
        return p.resolveSibling(p.getFileName().toString() + suffix);
    }

    private List<SymmetricStructure> tubes() {
        List<SymmetricStructure> out2 = new ArrayList<>();
        out2.add(SymmetricStructure.fromTube(Nanotube.of(n, m)));
        for (String t : addTubes) {
            String[] q = t.trim().split("[,\\s]+");
            if (q.length != 2) {
                throw new InvalidInputException("--add-tube '" + t + "' must be N,M");
            }
            try {
                out2.add(SymmetricStructure.fromTube(Nanotube.of(Integer.parseInt(q[0]), Integer.parseInt(q[1]))));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("--add-tube '" + t + "' must be two integers N,M");
            }
        }
        return out2;
    }

    @Override
    public Integer call() {
        return backend.run(this::body);
    }

    private int body() {
        MdCommand.checkRunLength(steps, every);
        List<SymmetricStructure> starts = tubes();
        Teacher teacher = teacher();
        MdOptions.Axial ax = axial ? new MdOptions.Axial(0.0,
                MdOptions.DEFAULT_PISTON_MASS_FACTOR * starts.get(0).motifSize() * Units.CARBON_MASS) : null;
        MdOptions md = new MdOptions(dt, temperature, Thermostat.parse(thermostat), friction, seed, ax);
        OnTheFlyOptions opt = OnTheFlyOptions.builder(steps).md(md)
                .threshold(UncertaintyThreshold.parse(threshold)).initialFrames(initialFrames)
                .initialPerturbation(new TeacherData.Options(initialDisplacement, initialStrain, initialTwist, seed))
                .maxReferences(maxReferences).diameterLadder(diameterLadder)
                .maxTeacherCalls(maxTeacherCalls == null ? Integer.MAX_VALUE : maxTeacherCalls)
                .checkInterval(checkEvery).checkpointInterval(checkpointEvery)
                .training(TrainingOptions.defaults().toBuilder().name("on-the-fly " + teacher.name()).build())
                .build();
        Path setPath = trainingSetPath != null ? trainingSetPath : sibling(out, ".training.extxyz");
        Path log = logPath != null ? logPath : sibling(out, ".teacher.jsonl");
        OnTheFly otf = new OnTheFly(teacher, opt, Backends.engines(opt.training().soap(), backend.requested()));
        PrintWriter err = spec.commandLine().getErr();
        if (resume && !java.nio.file.Files.exists(setPath)) {
            err.println("helixff: note: --resume: no training set at " + setPath + " yet; starting afresh");
        }
        OnTheFly.Result r;
        try (FrameJournal journal = FrameJournal.open(setPath, resume)) {
            if (journal.droppedBytes() > 0) {
                err.println("helixff: note: dropped an incomplete last frame (" + journal.droppedBytes() + " bytes) of "
                        + setPath);
            }
            otf.resumeFrom(savedLabels(journal));
            if (!journal.existing().isEmpty()) {
                err.println("helixff: resuming with " + journal.existing().size() + " saved teacher labels from " + setPath);
            }
            err.flush();
            r = learn(otf, starts, journal, log, err);
            if (journal.frames() != r.trainingSet().size()) {
                throw new IllegalStateException("training set " + setPath + " holds " + journal.frames()
                        + " frames, the model " + r.trainingSet().size());
            }
        }
        Map<String, Object> meta = new LinkedHashMap<>(r.model().metadata());
        Map<String, Object> summary = r.toMap();
        summary.remove("md");
        summary.put("teacher", teacher.name());
        summary.put("tubes", tubeNames(starts));
        summary.put("temperature_K", temperature);
        summary.put("threshold", threshold);
        summary.put("resumed_labels", otf.resumedLabels());
        meta.put("on_the_fly", summary);
        KernelModel model = withTrainingSet(r.model().withMetadata(meta), setPath, r.trainingSet().size());
        ModelFile.write(model, out);
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> j = Json.object();
            j.put("tubes", tubeNames(starts));
            j.put("teacher", teacher.name());
            j.put("threshold", threshold);
            j.put("temperature_K", temperature);
            j.putAll(r.toMap());
            j.put("model", out.toString());
            j.put("training_set", setPath.toString());
            j.put("log", log.toString());
            j.put("trajectory", trajectory == null ? null : trajectory.toString());
            Json.print(o, j);
        } else {
            o.printf("on-the-fly learning on %s with teacher %s at %.1f K, %d steps per tube%n",
                    String.join(" ", tubeNames(starts)), teacher.name(), temperature, steps);
            o.printf("  teacher calls           %d initial + %d during MD (%.2f %% of %d steps)%s%n",
                    r.calls().size() - r.mdCalls(), r.mdCalls(), 100 * r.teacherFraction(), r.steps(),
                    r.budgetExhausted() ? "  (call budget exhausted)" : "");
            o.printf("  threshold               %s -> %.3e Ha/Bohr (final model)%n", opt.threshold(), r.finalThreshold());
            o.printf("  final model             %d frames, %d references, train RMSE %.2e Ha/atom, %.2e Ha/Bohr%n",
                    r.trainingSet().size(), r.model().referenceCount(), r.report().trainEnergyRmse(),
                    r.report().trainForceRmse());
            Map<String, Double> t = r.timings();
            o.printf("  wall time               %.1f s (teacher %.1f, refits %.1f, model %.1f, uncertainty %.1f)%n",
                    r.seconds(), t.get("teacher"), t.get("refit"), t.get("model"), t.get("uncertainty"));
            o.printf("  wrote                   %s, %s, %s%s%n", out, setPath, log,
                    trajectory == null ? "" : ", " + trajectory);
            o.flush();
        }
        return 0;
    }

    /** The MD with every new teacher label appended to the journal before the loop goes on. */
    private OnTheFly.Result learn(OnTheFly otf, List<SymmetricStructure> starts, FrameJournal journal, Path log,
            PrintWriter err) {
        TrajectoryWriter traj = trajectory == null ? null : TrajectoryWriter.open(trajectory);
        try (TeacherCallLog calls = TeacherCallLog.open(log, resume)) {
            OnTheFly.Listener listener = new OnTheFly.Listener() {
                @Override
                public void labelled(TrainingFrame frame, String tube, long step) {
                    journal.append(journalFrame(frame, tube, step));
                }

                @Override
                public void teacherCalled(TeacherCall call, TrainingFrame frame) {
                    calls.write(call);
                }

                @Override
                public void frame(MdFrame f) {
                    if (traj != null) {
                        traj.write(f);
                    }
                }

                @Override
                public void checkpoint(KernelModel model, List<TrainingFrame> set) {
                    ModelFile.write(withTrainingSet(model, journal.path(), set.size()), out);
                }
            };
            return otf.run(starts, every, listener, ProgressBar.stderr(spec));
        } catch (HelixException e) {
            if (journal.frames() > 0) {
                err.println("helixff: the " + journal.frames() + " teacher labels so far are in " + journal.path()
                        + "; continue with the same command and --resume");
                err.flush();
            }
            throw e;
        } finally {
            if (traj != null) {
                traj.close();
            }
        }
    }

    /** Info keys of a journal frame: the call's tube tag and MD step (what --resume matches on). */
    static final String TUBE_KEY = "otf_tube";
    static final String STEP_KEY = "otf_step";

    static Frame journalFrame(TrainingFrame f, String tube, long step) {
        return TrainingFrames.toFrame(f).withInfo("frame_name", new InfoValue.Text(f.name().replace(' ', '_')))
                .withInfo(TUBE_KEY, new InfoValue.Text(tube.replace(' ', '_')))
                .withInfo(STEP_KEY, new InfoValue.Int(step));
    }

    private static List<OnTheFly.SavedLabel> savedLabels(FrameJournal journal) {
        List<OnTheFly.SavedLabel> saved = new ArrayList<>();
        int i = 0;
        for (Frame f : journal.existing()) {
            i++;
            if (f.infoText(TUBE_KEY).isEmpty() || f.infoLong(STEP_KEY).isEmpty() || !f.isSymmetric()) {
                throw new InvalidInputException("--resume: frame " + i + " of " + journal.path()
                        + " was not written by learn (no " + TUBE_KEY + "/" + STEP_KEY + ")");
            }
            saved.add(new OnTheFly.SavedLabel(TrainingFrames.of(f, null), f.infoText(TUBE_KEY).get(),
                    f.infoLong(STEP_KEY).getAsLong()));
        }
        return saved;
    }

    /** The model with the training set it was fitted on named in its metadata (file name and frame count). */
    static KernelModel withTrainingSet(KernelModel model, Path set, int frames) {
        Map<String, Object> meta = new LinkedHashMap<>(model.metadata());
        Map<String, Object> ts = new LinkedHashMap<>();
        ts.put("file", set.getFileName().toString());
        ts.put("frames", frames);
        meta.put("training_set", ts);
        return model.withMetadata(meta);
    }

    private static List<String> tubeNames(List<SymmetricStructure> starts) {
        List<String> names = new ArrayList<>();
        for (SymmetricStructure s : starts) {
            names.add(s.tube().map(Object::toString).orElse("tube"));
        }
        return names;
    }

    /** The training set as extxyz, written atomically. */
    static void writeTrainingSet(Path path, List<TrainingFrame> set) {
        List<Frame> frames = new ArrayList<>();
        for (TrainingFrame f : set) {
            frames.add(TrainingFrames.toFrame(f).withInfo("frame_name", new InfoValue.Text(f.name().replace(' ', '_'))));
        }
        ExtXyz.write(path, frames, FileUnits.HARTREE_BOHR);
    }
}

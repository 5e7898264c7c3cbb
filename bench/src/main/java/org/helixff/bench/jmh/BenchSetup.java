package org.helixff.bench.jmh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.helixff.Progress;
import org.helixff.app.DefaultModel;
import org.helixff.backend.Backends;
import org.helixff.bench.Parallelism;
import org.helixff.bench.Workloads;
import org.helixff.calculator.Calculator;
import org.helixff.compute.Backend;
import org.helixff.compute.cpu.CpuSoapEngine;
import org.helixff.io.ModelFile;
import org.helixff.model.KernelModel;
import org.helixff.symmetry.SymmetricStructure;
import org.helixff.teacher.Teachers;
import org.helixff.training.TeacherData;
import org.helixff.training.Trainer;
import org.helixff.training.TrainingFrame;
import org.helixff.training.TrainingOptions;

/**
 * What every benchmark of this project shares: the thread mode of the forked JVM, the learned model, the engines
 * ("tersoff", "model-cpu", "model-cuda") and the tubes. The runner ({@link BenchMain}) sets the system properties;
 * run by hand, the defaults apply.
 *
 * <ul>
 *   <li>{@value #THREADS}: "1" (the runner also sets the common fork/join pool's parallelism to 0, so every parallel
 *       stream runs in the benchmark thread, and the SOAP engine is the sequential one) or "all" (default);</li>
 *   <li>{@value #MODEL}: a model file, "default" (the bundled model, M = 624), or unset: the benchmark model, M = 1000
 *       references trained on Tersoff-labelled (10,5) frames (default SOAP parameters), trained once and kept in
 *       {@value #MODEL_CACHE}.</li>
 * </ul>
 */
public final class BenchSetup {
    /** System property: "1" or "all". */
    public static final String THREADS = "helixff.bench.threads";
    /** System property: model file or "default". */
    public static final String MODEL = "helixff.bench.model";
    /** Where the benchmark model is kept once trained (relative to the working directory). */
    public static final String MODEL_CACHE = "target/helixff-bench-m1000.hxff";
    /** References of the benchmark model. */
    public static final int REFERENCES = 1000;

    private BenchSetup() {
    }

    /** The thread mode of this JVM. */
    public static Parallelism mode() {
        return "1".equals(System.getProperty(THREADS, "all")) ? Parallelism.SINGLE : Parallelism.ALL;
    }

    /** (n, m) from "n,m". */
    public static int[] tube(String s) {
        String[] p = s.split(",");
        return new int[] {Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim())};
    }

    public static SymmetricStructure symmetric(String tube) {
        int[] t = tube(tube);
        return Workloads.tube(t[0], t[1]);
    }

    /** The learned model of the benchmarks (see the class comment). */
    public static synchronized KernelModel model() {
        String spec = System.getProperty(MODEL);
        if ("default".equals(spec)) {
            return DefaultModel.load();
        }
        Path p = Path.of(spec != null ? spec : MODEL_CACHE);
        if (!Files.exists(p)) {
            if (spec != null) {
                throw new IllegalStateException("benchmark model file " + p + " does not exist");
            }
            trainBenchmarkModel(p);
        }
        return ModelFile.read(p);
    }

    /**
     * Trains the M = 1000 benchmark model: 20 symmetric frames and 10 non-symmetric full cells of (10,5) labelled by
     * Lindsay-Broido Tersoff (seed 1; 1440 environments), default options with 1000 references.
     */
    public static KernelModel trainBenchmarkModel(Path out) {
        SymmetricStructure base = Workloads.tube(10, 5);
        Calculator teacher = Teachers.byName("tersoff-lb");
        TeacherData.Options opt = TeacherData.Options.defaults();
        List<TrainingFrame> frames = new ArrayList<>(TeacherData.generate(List.of(base), 20, teacher, opt,
                "tersoff-lb", Progress.NONE));
        frames.addAll(TeacherData.generateCells(List.of(base), 1, 10, teacher, opt, "tersoff-lb", Progress.NONE));
        TrainingOptions to = TrainingOptions.builder().referenceSize(REFERENCES).name("bench-m1000").build();
        KernelModel m = Trainer.train(frames, to, new CpuSoapEngine(to.soap()), Progress.NONE).model();
        try {
            Path dir = out.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ModelFile.write(m, out);
        return m;
    }

    /** A calculator for an engine name in this JVM's thread mode. */
    public static Calculator calculator(String engine, KernelModel model) {
        return switch (engine) {
            case "tersoff" -> Workloads.tersoff();
            case "model-cpu" -> Workloads.model(model, mode(), Backend.CPU);
            case "model-cuda" -> {
                if (!Backends.cudaAvailable()) {
                    throw new IllegalStateException(Backends.report().reason()
                            + " (the runner leaves model-cuda out where CUDA is unavailable)");
                }
                yield Workloads.model(model, Parallelism.ALL, Backend.CUDA);
            }
            default -> throw new IllegalArgumentException("unknown engine " + engine);
        };
    }
}

package org.helixff.cli;

import java.util.ArrayList;
import java.util.List;
import org.helixff.InvalidInputException;
import org.helixff.Progress;
import org.helixff.bench.Environment;
import org.helixff.bench.Parallelism;
import org.helixff.bench.Workloads;
import org.helixff.calculator.Calculator;
import org.helixff.compute.Backend;
import org.helixff.model.KernelModel;
import org.helixff.structure.Structure;
import org.helixff.symmetry.SymmetricStructure;

/**
 * The ratios a user of the library cares about, measured in one process and one run ({@code helixff bench}):
 *
 * <ul>
 *   <li>energy + forces, full translational cell (with its cell-list neighbour search) / symmetry-adapted 2-atom
 *       motif (with its image neighbour search), for Tersoff and the learned model; goal: at least half the ideal
 *       speed-up atoms/2;</li>
 *   <li>learned model / Tersoff per atom on the same full cell; goal: at most 100 (the project's target is stated
 *       for M = 1000 references and default SOAP parameters);</li>
 *   <li>phonons: the full-cell Gamma point alone (finite displacements of every atom + the dense eigenproblem) /
 *       the whole symmetry-adapted dispersion (force constants, sum rules, every nu on 100 kappa points); goal:
 *       at least 50;</li>
 *   <li>the symmetry-adapted dispersion of a large chiral tube (default (40,39), 18,724 atoms per cell) with the
 *       learned model (no full-cell counterpart: out of reach);</li>
 *   <li>GPU / CPU for energy + forces of a large full cell where a usable GPU exists (goal: all-core CPU time /
 *       GPU time at least 20 for a cell of at least 50,000 atoms); otherwise the reason it was not measured.</li>
 * </ul>
 * Every time is a median over batches; the workloads of one ratio are measured interleaved, a batch of each in
 * turn ({@link BenchMeasurement#interleaved}), so that load changes on a shared machine hit both sides alike.
 * {@link Parallelism#SINGLE} compares one thread with one thread (thread CPU time), {@link Parallelism#ALL} all
 * cores with all cores (wall time).
 */
final class BenchSuite {
    /** Atoms of a cell from which the GPU goal applies. */
    public static final int GPU_GOAL_ATOMS = 50_000;
    /** kappa points of the symmetry-adapted dispersions. */

    private BenchSuite() {
    }

    /**
     * What to measure.
     *
     * @param quick          label of the run (the quick configuration)
     * @param tube           the tube of every ratio, (n, m)
     * @param largeTubes     further tubes for the energy + force ratios (may be empty)
     * @param modes          parallelism modes to measure (not empty)
     * @param settings       batches and warm-up
     * @param phonons        measure the Tersoff phonon ratio on {@code tube}
     * @param modelPhonons   also the learned model's phonon ratio on {@code tube} (the full-cell side is slow: ~12
     *                       x atoms evaluations of a supercell)
     * @param bigPhononTube  tube of the large symmetry-adapted dispersion with the learned model, or null
     * @param gpuAtoms       atoms of the GPU / CPU cell (a (10,10) tube, rounded up to whole cells; >= 40)
     * @param perAtomCells   translational cells of {@code tube} in the cell of the model / Tersoff ratio (>= 1; 1
     *                       reuses the energy + force cell). All-core comparisons need a cell of at least 4096 atoms,
     *                       where Tersoff runs its blocks in parallel too
     */
    public record Config(boolean quick, int[] tube, List<int[]> largeTubes, List<Parallelism> modes,
            BenchMeasurement.Settings settings, boolean phonons, boolean modelPhonons, int[] bigPhononTube,
            int gpuAtoms, int perAtomCells) {
        public Config {
            if (tube == null || tube.length != 2 || modes == null || modes.isEmpty() || settings == null
                    || gpuAtoms < 40 || perAtomCells < 1) {
                throw new InvalidInputException("benchmark configuration needs a tube (n, m), at least one"
                        + " parallelism mode, settings, a GPU cell of at least 40 atoms and at least one cell for the"
                        + " per-atom comparison");
            }
            tube = tube.clone();
            largeTubes = List.copyOf(largeTubes);
            modes = List.copyOf(modes);
            bigPhononTube = bigPhononTube == null ? null : bigPhononTube.clone();
        }

        /**
         * Well under a minute: one thread, (10,5) energy + forces and Tersoff phonons, the model on the same cell,
         * a 10,000-atom GPU cell; short batches.
         */
        public static Config quickRun() {
            return new Config(true, new int[] {10, 5}, List.of(), List.of(Parallelism.SINGLE),
                    BenchMeasurement.Settings.quick(), true, false, null, 10_000, 1);
        }

        /**
         * A few minutes: one thread and all cores; (10,5) and (17,13) energy + forces, model / Tersoff on 30 cells of
         * (10,5) (4200 atoms), Tersoff phonons of (10,5), the (40,39) dispersion with the model, a 50,000-atom GPU
         * cell. The model's full-cell phonons (about a minute per thread mode) only with {@link #withPhonons}.
         */
        public static Config fullRun() {
            return new Config(false, new int[] {10, 5}, List.of(new int[] {17, 13}),
                    List.of(Parallelism.SINGLE, Parallelism.ALL),
                    new BenchMeasurement.Settings(2.0, 10.0, 0.05, 9, 10.0), true, false, new int[] {40, 39},
                    GPU_GOAL_ATOMS, 30);
        }

        public Config withTube(int n, int m) {
            return new Config(quick, new int[] {n, m}, largeTubes, modes, settings, phonons, modelPhonons,
                    bigPhononTube, gpuAtoms, perAtomCells);
        }

        public Config withLargeTubes(List<int[]> tubes) {
            return new Config(quick, tube, tubes, modes, settings, phonons, modelPhonons, bigPhononTube,
                    gpuAtoms, perAtomCells);
        }

        public Config withModes(List<Parallelism> m) {
            return new Config(quick, tube, largeTubes, m, settings, phonons, modelPhonons, bigPhononTube,
                    gpuAtoms, perAtomCells);
        }

        public Config withSettings(BenchMeasurement.Settings s) {
            return new Config(quick, tube, largeTubes, modes, s, phonons, modelPhonons, bigPhononTube,
                    gpuAtoms, perAtomCells);
        }

        public Config withPhonons(boolean tersoff, boolean model, int[] big) {
            return new Config(quick, tube, largeTubes, modes, settings, tersoff, model, big, gpuAtoms,
                    perAtomCells);
        }

        public Config withGpuAtoms(int atoms) {
            return new Config(quick, tube, largeTubes, modes, settings, phonons, modelPhonons, bigPhononTube, atoms,
                    perAtomCells);
        }

        public Config withPerAtomCells(int cells) {
            return new Config(quick, tube, largeTubes, modes, settings, phonons, modelPhonons, bigPhononTube, gpuAtoms,
                    cells);
        }
    }

    static String tubeName(int[] t) {
        return "(" + t[0] + "," + t[1] + ")";
    }

    private static String key(int[] t) {
        return t[0] + "_" + t[1];
    }

    /** Runs the configured measurements with the given learned model; progress per measurement. */
    public static BenchReport run(Config c, KernelModel model, Progress progress) {
        Environment env = Environment.detect();
        List<BenchTiming> times = new ArrayList<>();
        List<BenchRatio> ratios = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Calculator tersoff = Workloads.tersoff();
        List<int[]> efTubes = new ArrayList<>();
        efTubes.add(c.tube());
        efTubes.addAll(c.largeTubes());
        int steps = countSteps(c, env);
        int[] step = {0};
        Group r = (settings, mode, works) -> {
            progress.update(works.get(0).name() + (works.size() > 1 ? " (+" + (works.size() - 1) + " interleaved)" : ""),
                    step[0], steps);
            List<BenchTiming> t = BenchMeasurement.interleaved(works, mode, settings);
            times.addAll(t);
            progress.update("", ++step[0], steps);
            return t;
        };
        String mName = modelName(model);
        warmUp(c, model, tersoff, progress, steps); // shared JIT warm-up (per-measurement warm-up follows)
        for (Parallelism mode : c.modes()) {
            String th = mode == Parallelism.SINGLE ? "1 thread" : mode.threads() + " threads";
            Calculator learned = Workloads.model(model, mode, Backend.CPU);
            energyForces(r, ratios, c, model, mName, tersoff, learned, efTubes, mode, th);
            perAtom(r, ratios, c, model, tersoff, learned, mode, th);
            if (c.phonons()) {
                phonons(r, ratios, c, tersoff, "tersoff-lb", "tersoff", mode, th);
            }
            if (c.modelPhonons()) {
                phonons(r, ratios, c, learned, mName, "model", mode, th);
            }
        }
        bigPhononTube(r, c, model);
        gpu(r, ratios, notes, c, model, mName, env);
        return new BenchReport(c, env, model, times, ratios, notes);
    }

    /** One shared JIT warm-up of the energy, force (and dispersion) code before the first measurement. */
    private static void warmUp(Config c, KernelModel model, Calculator tersoff, Progress progress, int steps) {
        SymmetricStructure s = Workloads.tube(c.tube()[0], c.tube()[1]);
        Structure cell = s.expand(1);
        Calculator learned = Workloads.model(model, Parallelism.SINGLE, Backend.CPU);
        List<BenchMeasurement.Work> primer = new ArrayList<>(List.of(
                new BenchMeasurement.Work("", 1, Workloads.symmetricEnergyForces(tersoff, s)),
                new BenchMeasurement.Work("", 1, Workloads.cellEnergyForces(tersoff, cell)),
                new BenchMeasurement.Work("", 1, Workloads.symmetricEnergyForces(learned, s)),
                new BenchMeasurement.Work("", 1, Workloads.cellEnergyForces(learned, cell))));
        if (c.phonons()) {
            primer.add(new BenchMeasurement.Work("", 1,
                    Workloads.symmetricDispersion(tersoff, s, Workloads.KAPPA_POINTS)));
        }
        progress.update("JIT warm-up", 0, steps);
        BenchMeasurement.prime(primer, 2 * c.settings().warmupSeconds());
    }

    /** E+F full cell / symmetric for Tersoff and the model on each tube, and model / Tersoff per atom. */
    private static void energyForces(Group r, List<BenchRatio> ratios, Config c, KernelModel model, String mName,
            Calculator tersoff, Calculator learned, List<int[]> efTubes, Parallelism mode, String th) {
        for (int ti = 0; ti < efTubes.size(); ti++) {
            int[] t = efTubes.get(ti);
            SymmetricStructure s = Workloads.tube(t[0], t[1]);
            Structure cell = s.expand(1);
            int atoms = cell.size();
            String tn = tubeName(t);
            double goal = 0.5 * atoms / 2.0;
            List<BenchTiming> g = r.measure(c.settings(), mode, List.of(
                    new BenchMeasurement.Work("E+F symmetric " + tn + " tersoff-lb " + mode.label(), 2,
                            Workloads.symmetricEnergyForces(tersoff, s)),
                    new BenchMeasurement.Work("E+F full cell " + tn + " tersoff-lb " + mode.label(), atoms,
                            Workloads.cellEnergyForces(tersoff, cell)),
                    new BenchMeasurement.Work("E+F symmetric " + tn + " model " + mode.label(), 2,
                            Workloads.symmetricEnergyForces(learned, s)),
                    new BenchMeasurement.Work("E+F full cell " + tn + " model " + mode.label(), atoms,
                            Workloads.cellEnergyForces(learned, cell))));
            BenchTiming ts = g.get(0);
            BenchTiming tf = g.get(1);
            BenchTiming ms = g.get(2);
            BenchTiming mf = g.get(3);
            ratios.add(BenchRatio.atLeast("ef_full_over_symmetric.tersoff." + key(t) + "." + mode.label(),
                    "E+F full cell / symmetric, tersoff-lb, " + tn + " " + atoms + " atoms, " + th, tf, ts, goal));
            ratios.add(BenchRatio.atLeast("ef_full_over_symmetric.model." + key(t) + "." + mode.label(),
                    "E+F full cell / symmetric, " + mName + ", " + tn + " " + atoms + " atoms, " + th, mf, ms,
                    goal));
            if (ti == 0 && c.perAtomCells() == 1) {
                ratios.add(BenchRatio.atMost("model_over_tersoff_per_atom." + key(t) + "x1." + mode.label(),
                        "E+F model / Tersoff per atom, M = " + model.referenceCount() + ", " + tn + " " + atoms
                                + "-atom cell, " + th, mf, tf, 100));
            }
        }
    }

    /** Model / Tersoff per atom on a cell of {@link Config#perAtomCells()} translational cells (when > 1). */
    private static void perAtom(Group r, List<BenchRatio> ratios, Config c, KernelModel model, Calculator tersoff,
            Calculator learned, Parallelism mode, String th) {
        if (c.perAtomCells() > 1) {
            int[] t = c.tube();
            Structure cell = Workloads.tube(t[0], t[1]).expand(c.perAtomCells());
            int atoms = cell.size();
            String tn = tubeName(t) + "x" + c.perAtomCells();
            BenchMeasurement.Settings few = c.settings().withBatches(Math.min(5, c.settings().batches()));
            List<BenchTiming> g = r.measure(few, mode, List.of(
                    new BenchMeasurement.Work("E+F full cell " + tn + " tersoff-lb " + mode.label(), atoms,
                            Workloads.cellEnergyForces(tersoff, cell)),
                    new BenchMeasurement.Work("E+F full cell " + tn + " model " + mode.label(), atoms,
                            Workloads.cellEnergyForces(learned, cell))));
            ratios.add(BenchRatio.atMost("model_over_tersoff_per_atom." + key(t) + "x" + c.perAtomCells() + "."
                    + mode.label(), "E+F model / Tersoff per atom, M = " + model.referenceCount() + ", " + tn + " "
                    + atoms + "-atom cell, " + th, g.get(1), g.get(0), 100));
        }
    }

    /** The symmetric dispersion of the large chiral tube with the model, one thread (when configured). */
    private static void bigPhononTube(Group r, Config c, KernelModel model) {
        if (c.bigPhononTube() != null) {
            int[] t = c.bigPhononTube();
            SymmetricStructure s = Workloads.tube(t[0], t[1]);
            Calculator learned = Workloads.model(model, Parallelism.SINGLE, Backend.CPU);
            r.measure(c.settings().withWarmup(Math.min(1, c.settings().warmupSeconds()),
                    Math.min(1, c.settings().maxWarmupSeconds())).withBatches(Math.min(3, c.settings().batches())),
                    Parallelism.SINGLE, List.of(new BenchMeasurement.Work("phonons symmetric dispersion " + tubeName(t)
                            + " model single (" + s.expandedSize(1) + " atoms per cell)", s.expandedSize(1),
                            Workloads.symmetricDispersion(learned, s, Workloads.KAPPA_POINTS))));
        }
    }

    /** All-core CPU / GPU for E+F of a large cell where a usable GPU exists; otherwise a note why not. */
    private static void gpu(Group r, List<BenchRatio> ratios, List<String> notes, Config c, KernelModel model,
            String mName, Environment env) {
        if (env.gpuReason() == null) {
            int cells = (c.gpuAtoms() + 39) / 40;
            Structure cell = Workloads.tube(10, 10).expand(cells);
            int atoms = cell.size();
            Calculator cpu = Workloads.model(model, Parallelism.ALL, Backend.CPU);
            Calculator gpu = Workloads.model(model, Parallelism.ALL, Backend.CUDA);
            BenchMeasurement.Settings few = c.settings().withBatches(Math.min(3, c.settings().batches()));
            org.helixff.compute.cuda.CudaStats.reset();
            List<BenchTiming> g = r.measure(few, Parallelism.ALL, List.of(
                    new BenchMeasurement.Work("E+F full cell (10,10)x" + cells + " model cpu all", atoms,
                            Workloads.cellEnergyForces(cpu, cell)),
                    new BenchMeasurement.Work("E+F full cell (10,10)x" + cells + " model cuda", atoms,
                            Workloads.cellEnergyForces(gpu, cell))));
            notes.add("GPU time split over the " + atoms + "-atom E+F measurement (warm-up and batches; transfers, SOAP"
                    + " kernels, kernel products, allocations, out-of-memory splits; products via "
                    + org.helixff.compute.cuda.CudaRuntime.gemmPath() + "): " + org.helixff.compute.cuda.CudaStats.snapshot());
            String d = "E+F all-core CPU / GPU (speed-up), " + mName + ", " + atoms + "-atom cell";
            ratios.add(atoms >= GPU_GOAL_ATOMS ? BenchRatio.atLeast("cpu_all_over_gpu", d, g.get(0), g.get(1), 20)
                    : BenchRatio.plain("cpu_all_over_gpu", d + " (goal applies from " + GPU_GOAL_ATOMS + " atoms)",
                            g.get(0), g.get(1)));
        } else {
            notes.add("GPU / CPU not measured: no usable GPU (" + env.gpuReason() + ")");
        }
    }

    private static void phonons(Group r, List<BenchRatio> ratios, Config c, Calculator calc, String label, String key,
            Parallelism mode, String th) {
        int[] t = c.tube();
        SymmetricStructure s = Workloads.tube(t[0], t[1]);
        long atoms = s.expandedSize(1);
        String tn = tubeName(t);
        // one full-cell call is seconds to minutes: no warm-up of its own (its code is warm from the energies), one
        // call per batch, a few rounds. The symmetric dispersion's eigen-solvers take the JIT several seconds: its
        // warm-up runs 4 to 10 s and its batches are >= 0.2 s whatever the settings (unless they ask for no
        // warm-up), else --quick measured code still being compiled (26-79 ms against 11-14 ms warm for (10,5)).
        BenchMeasurement.Settings ms = c.settings().withBatches(Math.min(3, c.settings().batches()));
        if (ms.maxWarmupSeconds() > 0) {
            ms = ms.withWarmup(Math.max(4.0, ms.warmupSeconds()), Math.max(10.0, ms.maxWarmupSeconds()))
                    .withBatchSeconds(Math.max(0.2, ms.batchSeconds()));
        }
        List<BenchTiming> g = r.measure(ms, mode, List.of(
                new BenchMeasurement.Work("phonons symmetric dispersion " + tn + " " + key + " " + mode.label(), atoms,
                        Workloads.symmetricDispersion(calc, s, Workloads.KAPPA_POINTS)),
                new BenchMeasurement.Work("phonons full-cell Gamma " + tn + " " + key + " " + mode.label(), atoms,
                        Workloads.fullCellGamma(calc, s), false)));
        ratios.add(BenchRatio.atLeast("phonons_full_gamma_over_symmetric_dispersion." + key + "." + key(t) + "."
                + mode.label(), "phonons: full-cell Gamma point / symmetric dispersion (all nu x "
                + Workloads.KAPPA_POINTS + " kappa), " + label + ", " + tn + ", " + th, g.get(1), g.get(0), 50));
    }

    private static int countSteps(Config c, Environment env) {
        int per = (1 + c.largeTubes().size()) + (c.phonons() ? 1 : 0) + (c.modelPhonons() ? 1 : 0)
                + (c.perAtomCells() > 1 ? 1 : 0);
        return per * c.modes().size() + (c.bigPhononTube() != null ? 1 : 0) + (env.gpuReason() == null ? 1 : 0);
    }

    static String modelName(KernelModel model) {
        Object n = model.metadata().get("name");
        return n == null ? "kernel-model" : n.toString();
    }

    /** Measures a group of workloads interleaved ({@link BenchMeasurement#interleaved}) and records the timings. */
    @FunctionalInterface
    private interface Group {
        List<BenchTiming> measure(BenchMeasurement.Settings s, Parallelism mode, List<BenchMeasurement.Work> works);
    }
}

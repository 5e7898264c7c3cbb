package org.helixff.training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.helixff.InvalidInputException;
import org.helixff.Progress;
import org.helixff.compute.Engines;
import org.helixff.compute.cpu.CpuKernelEngine;
import org.helixff.descriptor.DescriptorEngine;
import org.helixff.descriptor.DescriptorNorms;
import org.helixff.descriptor.DescriptorSet;
import org.helixff.model.DesignRows;
import org.helixff.model.Extrapolation;
import org.helixff.model.KernelModel;
import org.helixff.model.ModelCalculator;
import org.helixff.model.ModelPosterior;
import org.helixff.neighbors.CellNeighbors;
import org.helixff.neighbors.ImageNeighbors;
import org.helixff.neighbors.NeighborList;

/**
 * Fits a {@link KernelModel} to labelled frames (docs/method.md section 3.2).
 *
 * <ol>
 *   <li>Descriptors of every environment (motif atoms of symmetric frames, all atoms of cells).</li>
 *   <li>M references by {@link ReferenceSelection#farthestPoint farthest-point sampling}.</li>
 *   <li>Design rows per frame ({@link DesignRows}: energy per atom, symmetry-adapted or full-cell forces,
 *       optionally dE/dh). Energies: the offset mu of each energy group is fitted without a prior by
 *       centring that group's energy rows and targets on their means; mu_g = mean(e) - mean(a) . w.</li>
 *   <li>Row scaling: energy rows by sqrt(energyWeight)/sigma_E, force rows by sqrt(forceWeight)/sigma_F
 *       (sigma = RMS of the centred energy targets / of the force components, floored at
 *       {@link #ENERGY_SCALE_FLOOR} / {@link #FORCE_SCALE_FLOOR}), dE/dh rows by their RMS.</li>
 *   <li>{@link BayesianRegression}: streamed tall-skinny QR, SVD, evidence maximisation.</li>
 * </ol>
 * Deterministic: the same frames and options give the same model on any thread count (rows are
 * computed in parallel but folded in frame order).
 */
public final class Trainer {
    /** Smallest energy scale (Ha/atom): noise-free data with nearly equal energies would otherwise blow up. */
    public static final double ENERGY_SCALE_FLOOR = 1e-6;
    /** Smallest force scale (Ha/Bohr). */
    public static final double FORCE_SCALE_FLOOR = 1e-5;
    private static final int BATCH = 32;
    /**
     * Stands in for a zero energy or force weight when the posterior's label scales sigma/sqrt(weight) are
     * formed: the scale of an unused label becomes huge but finite instead of infinite.
     */
    private static final double ZERO_WEIGHT_FLOOR = 1e-300;

    private Trainer() {
    }

    /** A fitted model and what the fit did. */
    public record Result(KernelModel model, TrainingReport report) {
    }

    /**
     * Fits a model with the given descriptor engine and the CPU reference kernel engine.
     *
     * @see #train(List, TrainingOptions, Engines, Progress)
     */
    public static Result train(List<TrainingFrame> frames, TrainingOptions opt, DescriptorEngine engine,
            Progress progress) {
        return train(frames, opt, new Engines(engine, CpuKernelEngine.INSTANCE), progress);
    }

    /**
     * Fits a model to labelled frames on an engine pair: descriptors, reference selection, scales, the
     * streamed design matrix, energy offsets and the Bayesian posterior, then the training errors.
     *
     * @param frames   labelled frames (not empty)
     * @param opt      training options; their SOAP parameters must be the descriptor engine's
     * @param engines  the descriptor and kernel engines (for a backend: {@code backend.Backends#engines})
     * @param progress progress sink
     * @throws InvalidInputException for no frames or mismatched descriptor parameters
     */
    public static Result train(List<TrainingFrame> frames, TrainingOptions opt, Engines engines,
            Progress progress) {
        long t0 = System.nanoTime();
        if (frames.isEmpty()) {
            throw new InvalidInputException("no training frames");
        }
        if (!engines.descriptors().parameters().equals(opt.soap())) {
            throw new InvalidInputException("descriptor engine parameters differ from the training options");
        }
        checkGroupWeights(frames, opt);
        Environments envs = environments(frames, opt, engines.descriptors(), progress);
        double[] ref = references(envs, opt, progress);
        int m = ref.length / envs.length();
        KernelModel skeleton = new KernelModel(opt.soap(), opt.zeta(), ref, new double[m], 0.0, null, Map.of());
        LabelScales scales = LabelScales.of(frames);
        BayesianRegression reg = new BayesianRegression(m);
        DesignPass pass = streamForcesAndStress(frames, opt, engines, skeleton, scales, reg, progress);
        EnergyGroups groups = EnergyGroups.of(frames, pass.energyRows(), m);
        double energyScale = groups.energyScale(frames, pass.energyRows());
        long energyRows = opt.energyWeight() > 0
                ? groups.addCentredRows(frames, pass.energyRows(), Math.sqrt(opt.energyWeight()) / energyScale, opt,
                        reg)
                : 0;
        if (reg.rows() == 0) {
            throw new InvalidInputException("the training frames carry no usable labels (energies of at least two"
                    + " frames of a group, or forces)");
        }
        progress.update("solve", 0, 1);
        BayesianRegression.Result res = reg.solve(opt.regression());
        progress.update("solve", 1, 1);
        double[] w = res.weights();
        Offsets offsets = groups.offsets(w, opt.offsetGroup());
        ModelPosterior post = new ModelPosterior(res.eigenvalues(), res.eigenvectors(), res.lambda(), res.sigmaV2(),
                energyScale / Math.sqrt(Math.max(opt.energyWeight(), ZERO_WEIGHT_FLOOR)),
                scales.force() / Math.sqrt(Math.max(opt.forceWeight(), ZERO_WEIGHT_FLOOR)), offsets.meanRow());
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("name", opt.name());
        header.put("offset_group", offsets.group());
        header.put("groups", groups.names());
        if (!opt.groupWeights().isEmpty()) {
            header.put("group_weights", opt.groupWeights());
        }
        header.put(Extrapolation.METADATA_KEY, Extrapolation.trainingMetadata(skeleton));
        KernelModel model = new KernelModel(opt.soap(), opt.zeta(), ref, w, offsets.mu(), post, header);

        // training errors through the evaluator (also checks rows and evaluator agree)
        ErrorStats stats = Evaluation.evaluate(new ModelCalculator(model, engines), frames, offsets.byGroup(),
                Progress.NONE);
        double seconds = (System.nanoTime() - t0) * 1e-9;
        TrainingReport report = new TrainingReport(frames.size(), envs.count(), m, energyRows, pass.forceRows(),
                pass.stressRows(), res.iterations(), res.converged(), res.floored(), res.lambda(), res.sigmaV2(),
                res.sigmaW2(), res.gamma(), res.logEvidence(), energyScale, scales.force(), offsets.byGroup(),
                stats.energyRmse(), stats.forceRmse(), seconds);
        Map<String, Object> withReport = new LinkedHashMap<>(header);
        Map<String, Object> rep = new LinkedHashMap<>(report.toMap());
        rep.remove("seconds"); // a model file depends on its inputs only: identical training, identical bytes
        withReport.put("training", rep);
        return new Result(model.withMetadata(withReport), report);
    }

    /** Every group that {@code opt} weighs must be a group of the frames (a misspelt name would be ignored). */
    static void checkGroupWeights(List<TrainingFrame> frames, TrainingOptions opt) {
        if (opt.groupWeights().isEmpty()) {
            return;
        }
        Set<String> present = new TreeSet<>();
        for (TrainingFrame f : frames) {
            present.add(f.group());
        }
        for (String g : opt.groupWeights().keySet()) {
            if (!present.contains(g)) {
                throw new InvalidInputException("group weight names '" + g + "', which no training frame has (groups: "
                        + String.join(", ", present) + ")");
            }
        }
    }

    // ---------------------------------------------------------------- stage 1: descriptors

    /**
     * The descriptors of every environment of the training frames, each normalised to unit length (an
     * environment without neighbours stays zero), in frame order.
     *
     * @param normalised {@code count x length} row-major
     */
    private record Environments(double[] normalised, int count, int length) {
    }

    private static Environments environments(List<TrainingFrame> frames, TrainingOptions opt,
            DescriptorEngine engine, Progress progress) {
        int d = opt.soap().descriptorLength();
        int nf = frames.size();
        double[][] desc = new double[nf][];
        for (int b = 0; b < nf; b += BATCH) {
            int lo = b;
            int hi = Math.min(nf, b + BATCH);
            IntStream.range(lo, hi).parallel().forEach(f -> {
                TrainingFrame fr = frames.get(f);
                NeighborList nl = fr.isSymmetric() ? ImageNeighbors.build(fr.symmetricStructure(), opt.soap().cutoff())
                        : CellNeighbors.build(fr.cellStructure(), opt.soap().cutoff());
                DescriptorSet set = engine.compute(nl);
                desc[f] = set.values();
            });
            progress.update("descriptors", hi, nf);
        }
        int envs = 0;
        for (double[] x : desc) {
            envs += x.length / d;
        }
        double[] all = new double[envs * d];
        int pos = 0;
        for (double[] x : desc) {
            int n = x.length / d;
            for (int i = 0; i < n; i++) {
                DescriptorNorms.normaliseRow(x, i, d, all, pos);
                pos++;
            }
        }
        return new Environments(all, envs, d);
    }

    // ---------------------------------------------------------------- stage 2: references

    /** The M reference environments by farthest-point sampling, {@code M x d} row-major. */
    private static double[] references(Environments envs, TrainingOptions opt, Progress progress) {
        int d = envs.length();
        int[] chosen = ReferenceSelection.farthestPoint(envs.normalised(), envs.count(), d, opt.zeta(),
                opt.referenceSize());
        if (chosen.length == 0) {
            throw new InvalidInputException("no atom of the training data has a neighbour within r_c = "
                    + opt.soap().cutoff() + " Bohr");
        }
        progress.update("references", chosen.length, opt.referenceSize());
        int m = chosen.length;
        double[] ref = new double[m * d];
        for (int t = 0; t < m; t++) {
            System.arraycopy(envs.normalised(), chosen[t] * d, ref, t * d, d);
        }
        return ref;
    }

    // ---------------------------------------------------------------- stage 3: scales

    /**
     * The RMS of the force components (Ha/Bohr) and of the dE/dh labels (Ha/Bohr), each floored at
     * {@link #FORCE_SCALE_FLOOR}; 1 (then floored) where there are none.
     */
    private record LabelScales(double force, double stress) {
        static LabelScales of(List<TrainingFrame> frames) {
            double forceSq = 0;
            long forceCount = 0;
            double stressSq = 0;
            long stressCount = 0;
            for (TrainingFrame f : frames) {
                if (f.hasForces()) {
                    for (int q = 0; q < 3 * f.atoms(); q++) {
                        forceSq += f.force(q) * f.force(q);
                        forceCount++;
                    }
                }
                if (f.isSymmetric() && f.hasDEdh()) {
                    stressSq += f.dEdh() * f.dEdh();
                    stressCount++;
                }
            }
            return new LabelScales(
                    Math.max(FORCE_SCALE_FLOOR, forceCount > 0 ? Math.sqrt(forceSq / forceCount) : 1),
                    Math.max(FORCE_SCALE_FLOOR, stressCount > 0 ? Math.sqrt(stressSq / stressCount) : 1));
        }
    }

    // ---------------------------------------------------------------- stage 4: design stream

    /**
     * What the design pass kept: the raw energy row of each frame with a used energy (null elsewhere; they
     * are centred and scaled once the energy scale is known) and how many force and dE/dh rows went in.
     */
    private record DesignPass(double[][] energyRows, long forceRows, long stressRows) {
    }

    /**
     * Computes the design rows frame by frame (in parallel within a batch, folded in frame order); streams the
     * scaled force rows into {@code reg} as they come, then the scaled dE/dh rows, and keeps the energy rows.
     */
    private static DesignPass streamForcesAndStress(List<TrainingFrame> frames, TrainingOptions opt,
            Engines engines, KernelModel skeleton, LabelScales scales, BayesianRegression reg, Progress progress) {
        int nf = frames.size();
        int m = skeleton.referenceCount();
        double fw0 = Math.sqrt(opt.forceWeight()) / scales.force();
        double sw = 1 / scales.stress();
        double[][] energyRow = new double[nf][];
        long forceRows = 0;
        long stressRows = 0;
        double[] stressTargets = new double[nf];
        double[][] stressRow = new double[nf][];
        double[] stressWeight = new double[nf];
        for (int b = 0; b < nf; b += BATCH) {
            int lo = b;
            int hi = Math.min(nf, b + BATCH);
            DesignRows[] rows = new DesignRows[hi - lo];
            IntStream.range(lo, hi).parallel().forEach(f -> {
                TrainingFrame fr = frames.get(f);
                rows[f - lo] = fr.isSymmetric() ? DesignRows.symmetric(skeleton, engines, fr.symmetricStructure())
                        : DesignRows.cell(skeleton, engines, fr.cellStructure());
            });
            for (int f = lo; f < hi; f++) {
                TrainingFrame fr = frames.get(f);
                DesignRows r = rows[f - lo];
                if (opt.useEnergies() && fr.hasEnergy()) {
                    energyRow[f] = r.energyRow();
                }
                if (opt.useForces() && fr.hasForces() && opt.forceWeight() > 0) {
                    double fw = fw0 * Math.sqrt(opt.groupWeight(fr.group()));
                    double[] fRows = r.forceRows();
                    double[] scaled = new double[m];
                    for (int q = 0; q < 3 * fr.atoms(); q++) {
                        for (int t = 0; t < m; t++) {
                            scaled[t] = fRows[q * m + t] * fw;
                        }
                        reg.addRow(scaled, 0, fr.force(q) * fw);
                        forceRows++;
                    }
                }
                if (opt.useStress() && fr.isSymmetric() && fr.hasDEdh()) {
                    stressRow[f] = r.dEdhRow();
                    stressTargets[f] = fr.dEdh();
                    stressWeight[f] = Math.sqrt(opt.groupWeight(fr.group()));
                }
            }
            progress.update("design rows", hi, nf);
        }
        for (int f = 0; f < nf; f++) {
            if (stressRow[f] != null) {
                double swf = sw * stressWeight[f];
                double[] scaled = new double[m];
                for (int t = 0; t < m; t++) {
                    scaled[t] = stressRow[f][t] * swf;
                }
                reg.addRow(scaled, 0, stressTargets[f] * swf);
                stressRows++;
            }
        }
        return new DesignPass(energyRow, forceRows, stressRows);
    }

    // ---------------------------------------------------------------- stage 5: energy groups and offsets

    /**
     * The energy groups in order of first appearance, with the mean energy row, mean energy per atom (Ha) and
     * number of used energies of each (means are zero for a group without energies).
     */
    private record EnergyGroups(List<String> names, Map<String, double[]> meanRow, Map<String, Double> meanEnergy,
            Map<String, Integer> count) {
        static EnergyGroups of(List<TrainingFrame> frames, double[][] energyRow, int m) {
            List<String> groups = new ArrayList<>();
            for (TrainingFrame f : frames) {
                if (!groups.contains(f.group())) {
                    groups.add(f.group());
                }
            }
            Map<String, double[]> meanRow = new LinkedHashMap<>();
            Map<String, Double> meanEnergy = new LinkedHashMap<>();
            Map<String, Integer> groupCount = new LinkedHashMap<>();
            for (String g : groups) {
                double[] mr = new double[m];
                double me = 0;
                int cnt = 0;
                for (int f = 0; f < frames.size(); f++) {
                    if (energyRow[f] != null && frames.get(f).group().equals(g)) {
                        for (int t = 0; t < m; t++) {
                            mr[t] += energyRow[f][t];
                        }
                        me += frames.get(f).energyPerAtom();
                        cnt++;
                    }
                }
                if (cnt > 0) {
                    for (int t = 0; t < m; t++) {
                        mr[t] /= cnt;
                    }
                    me /= cnt;
                }
                meanRow.put(g, mr);
                meanEnergy.put(g, me);
                groupCount.put(g, cnt);
            }
            return new EnergyGroups(groups, meanRow, meanEnergy, groupCount);
        }

        /** RMS of the centred energies per atom (Ha), floored at {@link #ENERGY_SCALE_FLOOR}. */
        double energyScale(List<TrainingFrame> frames, double[][] energyRow) {
            double eSq = 0;
            long eCount = 0;
            for (int f = 0; f < frames.size(); f++) {
                if (energyRow[f] != null) {
                    double v = frames.get(f).energyPerAtom() - meanEnergy.get(frames.get(f).group());
                    eSq += v * v;
                    eCount++;
                }
            }
            return Math.max(ENERGY_SCALE_FLOOR, eCount > 1 ? Math.sqrt(eSq / eCount) : ENERGY_SCALE_FLOOR);
        }

        /**
         * Adds each energy row centred on its group's means and scaled by {@code ew}; a lone frame of a group
         * only fixes that group's offset and adds no row. Returns the number of rows added.
         */
        long addCentredRows(List<TrainingFrame> frames, double[][] energyRow, double ew0, TrainingOptions opt,
                BayesianRegression reg) {
            long rows = 0;
            for (int f = 0; f < frames.size(); f++) {
                if (energyRow[f] == null) {
                    continue;
                }
                String g = frames.get(f).group();
                if (count.get(g) < 2) {
                    continue; // a lone frame only fixes its group's offset
                }
                double[] mr = meanRow.get(g);
                double ew = ew0 * Math.sqrt(opt.groupWeight(g));
                double[] scaled = new double[mr.length];
                for (int t = 0; t < mr.length; t++) {
                    scaled[t] = (energyRow[f][t] - mr[t]) * ew;
                }
                reg.addRow(scaled, 0, (frames.get(f).energyPerAtom() - meanEnergy.get(g)) * ew);
                rows++;
            }
            return rows;
        }

        /**
         * The offsets mu_g = mean(e) - mean(a) . w of the groups with energies, and the one the model carries:
         * {@code requested}, else the first group with energies (none: mu = 0 and a zero mean row).
         *
         * @throws InvalidInputException if {@code requested} names a group without energies
         */
        Offsets offsets(double[] w, String requested) {
            Map<String, Double> offsets = new LinkedHashMap<>();
            for (String g : names) {
                if (count.get(g) > 0) {
                    double dot = 0;
                    double[] mr = meanRow.get(g);
                    for (int t = 0; t < mr.length; t++) {
                        dot += mr[t] * w[t];
                    }
                    offsets.put(g, meanEnergy.get(g) - dot);
                }
            }
            String offsetGroup = requested != null ? requested : names.get(0);
            if (!offsets.containsKey(offsetGroup)) {
                if (requested != null) {
                    throw new InvalidInputException("offset group '" + offsetGroup + "' has no energies (groups: "
                            + offsets.keySet() + ")");
                }
                offsetGroup = offsets.isEmpty() ? null : offsets.keySet().iterator().next();
            }
            double mu = offsetGroup == null ? 0.0 : offsets.get(offsetGroup);
            double[] mean = offsetGroup == null ? new double[w.length] : meanRow.get(offsetGroup);
            return new Offsets(offsets, offsetGroup, mu, mean);
        }
    }

    /**
     * The energy offset of each group (Ha/atom), the group the model carries (null: none has energies), its
     * offset mu and mean energy row (for the posterior's energy variance).
     */
    private record Offsets(Map<String, Double> byGroup, String group, double mu, double[] meanRow) {
    }
}

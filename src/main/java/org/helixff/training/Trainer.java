package org.helixff.training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.helixff.InvalidInputException;
import org.helixff.Progress;
import org.helixff.compute.Engines;
import org.helixff.compute.cpu.CpuKernelEngine;
import org.helixff.descriptor.DescriptorEngine;
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
        DescriptorEngine engine = engines.descriptors();
        long t0 = System.nanoTime();
        if (frames.isEmpty()) {
            throw new InvalidInputException("no training frames");
        }
        if (!engine.parameters().equals(opt.soap())) {
            throw new InvalidInputException("descriptor engine parameters differ from the training options");
        }
        int d = opt.soap().descriptorLength();
        int nf = frames.size();
        // 1. descriptors
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
                double n2 = 0;
                for (int k = 0; k < d; k++) {
                    n2 += x[i * d + k] * x[i * d + k];
                }
                if (n2 > 0) {
                    double inv = 1 / Math.sqrt(n2);
                    for (int k = 0; k < d; k++) {
                        all[pos * d + k] = x[i * d + k] * inv;
                    }
                }
                pos++;
            }
        }
        // 2. references
        int[] chosen = ReferenceSelection.farthestPoint(all, envs, d, opt.zeta(), opt.referenceSize());
        if (chosen.length == 0) {
            throw new InvalidInputException("no atom of the training data has a neighbour within r_c = "
                    + opt.soap().cutoff() + " Bohr");
        }
        progress.update("references", chosen.length, opt.referenceSize());
        int m = chosen.length;
        double[] ref = new double[m * d];
        for (int t = 0; t < m; t++) {
            System.arraycopy(all, chosen[t] * d, ref, t * d, d);
        }
        KernelModel skeleton = new KernelModel(opt.soap(), opt.zeta(), ref, new double[m], 0.0, null, Map.of());

        // 3. groups and scales
        List<String> groups = new ArrayList<>();
        for (TrainingFrame f : frames) {
            if (!groups.contains(f.group())) {
                groups.add(f.group());
            }
        }
        Map<String, double[]> meanRow = new LinkedHashMap<>();
        Map<String, Double> meanEnergy = new LinkedHashMap<>();
        Map<String, Integer> groupCount = new LinkedHashMap<>();
        double[][] energyRow = new double[nf][];
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
        double forceScale = Math.max(FORCE_SCALE_FLOOR, forceCount > 0 ? Math.sqrt(forceSq / forceCount) : 1);
        double stressScale = Math.max(FORCE_SCALE_FLOOR, stressCount > 0 ? Math.sqrt(stressSq / stressCount) : 1);

        // rows are computed in batches; energy rows are kept (one per frame), force rows are streamed
        // into the regression in frame order after the energy scale is known -> two passes would cost
        // twice; instead keep force rows of a batch only, and stream energy rows at the end.
        BayesianRegression reg = new BayesianRegression(m);
        double fw = Math.sqrt(opt.forceWeight()) / forceScale;
        double sw = 1 / stressScale;
        long forceRows = 0;
        long stressRows = 0;
        double[] stressTargets = new double[nf];
        double[][] stressRow = new double[nf][];
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
                }
            }
            progress.update("design rows", hi, nf);
        }
        for (int f = 0; f < nf; f++) {
            if (stressRow[f] != null) {
                double[] scaled = new double[m];
                for (int t = 0; t < m; t++) {
                    scaled[t] = stressRow[f][t] * sw;
                }
                reg.addRow(scaled, 0, stressTargets[f] * sw);
                stressRows++;
            }
        }
        // energy rows: centre per group
        for (String g : groups) {
            double[] mr = new double[m];
            double me = 0;
            int cnt = 0;
            for (int f = 0; f < nf; f++) {
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
        double eSq = 0;
        long eCount = 0;
        for (int f = 0; f < nf; f++) {
            if (energyRow[f] != null) {
                double v = frames.get(f).energyPerAtom() - meanEnergy.get(frames.get(f).group());
                eSq += v * v;
                eCount++;
            }
        }
        double energyScale = Math.max(ENERGY_SCALE_FLOOR, eCount > 1 ? Math.sqrt(eSq / eCount) : ENERGY_SCALE_FLOOR);
        double ew = Math.sqrt(opt.energyWeight()) / energyScale;
        long energyRows = 0;
        if (opt.energyWeight() > 0) {
            for (int f = 0; f < nf; f++) {
                if (energyRow[f] == null) {
                    continue;
                }
                String g = frames.get(f).group();
                if (groupCount.get(g) < 2) {
                    continue; // a lone frame only fixes its group's offset
                }
                double[] mr = meanRow.get(g);
                double[] scaled = new double[m];
                for (int t = 0; t < m; t++) {
                    scaled[t] = (energyRow[f][t] - mr[t]) * ew;
                }
                reg.addRow(scaled, 0, (frames.get(f).energyPerAtom() - meanEnergy.get(g)) * ew);
                energyRows++;
            }
        }
        if (reg.rows() == 0) {
            throw new InvalidInputException("the training frames carry no usable labels (energies of at least two"
                    + " frames of a group, or forces)");
        }
        progress.update("solve", 0, 1);
        BayesianRegression.Result res = reg.solve(opt.regression());
        progress.update("solve", 1, 1);
        double[] w = res.weights();
        Map<String, Double> offsets = new LinkedHashMap<>();
        for (String g : groups) {
            if (groupCount.get(g) > 0) {
                double dot = 0;
                double[] mr = meanRow.get(g);
                for (int t = 0; t < m; t++) {
                    dot += mr[t] * w[t];
                }
                offsets.put(g, meanEnergy.get(g) - dot);
            }
        }
        String offsetGroup = opt.offsetGroup() != null ? opt.offsetGroup() : groups.get(0);
        if (!offsets.containsKey(offsetGroup)) {
            if (opt.offsetGroup() != null) {
                throw new InvalidInputException("offset group '" + offsetGroup + "' has no energies (groups: "
                        + offsets.keySet() + ")");
            }
            offsetGroup = offsets.isEmpty() ? null : offsets.keySet().iterator().next();
        }
        double mu = offsetGroup == null ? 0.0 : offsets.get(offsetGroup);
        double[] meanRowForPosterior = offsetGroup == null ? new double[m] : meanRow.get(offsetGroup);
        ModelPosterior post = new ModelPosterior(res.eigenvalues(), res.eigenvectors(), res.lambda(), res.sigmaV2(),
                energyScale / Math.sqrt(Math.max(opt.energyWeight(), 1e-300)),
                forceScale / Math.sqrt(Math.max(opt.forceWeight(), 1e-300)), meanRowForPosterior);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("name", opt.name());
        meta.put("offset_group", offsetGroup);
        meta.put("groups", groups);
        meta.put(Extrapolation.METADATA_KEY, Extrapolation.trainingMetadata(skeleton));
        KernelModel model = new KernelModel(opt.soap(), opt.zeta(), ref, w, mu, post, meta);

        // training errors through the evaluator (also checks rows and evaluator agree)
        ModelCalculator calc = new ModelCalculator(model, engines);
        ErrorStats stats = Evaluation.evaluate(calc, frames, offsets, Progress.NONE);
        double seconds = (System.nanoTime() - t0) * 1e-9;
        TrainingReport report = new TrainingReport(nf, envs, m, energyRows, forceRows, stressRows, res.iterations(),
                res.converged(), res.floored(), res.lambda(), res.sigmaV2(), res.sigmaW2(), res.gamma(),
                res.logEvidence(), energyScale, forceScale, offsets, stats.energyRmse(), stats.forceRmse(), seconds);
        Map<String, Object> meta2 = new LinkedHashMap<>(meta);
        Map<String, Object> rep = new LinkedHashMap<>(report.toMap());
        rep.remove("seconds"); // a model file depends on its inputs only: identical training, identical bytes
        meta2.put("training", rep);
        return new Result(model.withMetadata(meta2), report);
    }
}

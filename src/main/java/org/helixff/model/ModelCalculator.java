package org.helixff.model;

import org.helixff.InvalidInputException;
import org.helixff.calculator.CalculatorSupport;
import org.helixff.calculator.CellResult;
import org.helixff.calculator.SiteCalculator;
import org.helixff.calculator.SymmetricResult;
import org.helixff.calculator.UncertaintyCalculator;
import org.helixff.compute.Engines;
import org.helixff.descriptor.DescriptorEngine;
import org.helixff.structure.Structure;
import org.helixff.symmetry.SymmetricStructure;

/**
 * A {@link KernelModel} as a {@link org.helixff.calculator.Calculator}, with predictive uncertainties.
 * Energies and forces come from {@link KernelEvaluator} through {@link SiteCalculator} (so the
 * symmetry-adapted and the full-cell path share every site energy); uncertainties from the model's
 * posterior applied to the structure's {@link DesignRows}.
 */
public final class ModelCalculator implements UncertaintyCalculator {
    private final KernelModel model;
    private final KernelEvaluator evaluator;
    private final SiteCalculator sites;

    /**
     * A calculator on the given descriptor engine and the CPU reference kernel engine.
     *
     * @throws InvalidInputException when the engine's parameters differ from the model's
     */
    public ModelCalculator(KernelModel model, DescriptorEngine engine) {
        this(model, new KernelEvaluator(model, engine));
    }

    /**
     * A calculator on an engine pair (for a backend: {@code backend.Backends#engines}).
     *
     * @throws InvalidInputException when the descriptor engine's parameters differ from the model's
     */
    public ModelCalculator(KernelModel model, Engines engines) {
        this(model, new KernelEvaluator(model, engines));
    }

    private ModelCalculator(KernelModel model, KernelEvaluator evaluator) {
        this.model = model;
        this.evaluator = evaluator;
        this.sites = new SiteCalculator(evaluator);
    }

    /** The descriptor and kernel engines this calculator runs on. */
    public Engines engines() {
        return evaluator.engines();
    }

    /** The model this calculator evaluates. */
    public KernelModel model() {
        return model;
    }

    /** The descriptor engine this calculator runs on. */
    public DescriptorEngine engine() {
        return evaluator.engine();
    }

    @Override
    public String name() {
        return evaluator.name();
    }

    @Override
    public double cutoff() {
        return evaluator.cutoff();
    }

    @Override
    public SymmetricResult compute(SymmetricStructure structure) {
        return sites.compute(structure);
    }

    @Override
    public CellResult compute(Structure structure) {
        return sites.compute(structure);
    }

    @Override
    public Uncertainty uncertainty(SymmetricStructure s) {
        requirePosterior();
        CalculatorSupport.validate(s);
        return fromRows(DesignRows.symmetric(model, evaluator.engines(), s));
    }

    @Override
    public Uncertainty uncertainty(Structure s) {
        requirePosterior();
        CalculatorSupport.validate(s);
        return fromRows(DesignRows.cell(model, evaluator.engines(), s), true);
    }

    private Uncertainty fromRows(DesignRows rows) {
        return fromRows(rows, false);
    }

    private Uncertainty fromRows(DesignRows rows, boolean sites) {
        ModelPosterior post = model.posterior();
        double[] er = rows.energyRow();
        double eTot = post.energySigma(er, false);
        double eEpi = post.energySigma(er, true);
        int n = rows.atoms();
        double[] f = new double[3 * n];
        double[] fEpi = new double[3 * n];
        double[] fr = rows.forceRowsView();
        for (int q = 0; q < 3 * n; q++) {
            f[q] = post.forceSigma(fr, q * rows.columns(), false);
            fEpi[q] = post.forceSigma(fr, q * rows.columns(), true);
        }
        if (!sites) {
            return new Uncertainty(eTot, eEpi, f, fEpi);
        }
        double[] st = new double[n];
        double[] stEpi = new double[n];
        for (int i = 0; i < n; i++) {
            double[] row = rows.siteRow(i);
            st[i] = post.energySigma(row, false);
            stEpi[i] = post.energySigma(row, true);
        }
        return new Uncertainty(eTot, eEpi, f, fEpi, st, stEpi);
    }

    private void requirePosterior() {
        if (!model.hasPosterior()) {
            throw new InvalidInputException("model '" + name() + "' has no posterior: uncertainties unavailable");
        }
    }
}

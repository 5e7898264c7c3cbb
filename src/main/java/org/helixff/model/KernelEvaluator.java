package org.helixff.model;

import org.helixff.InvalidInputException;
import org.helixff.calculator.SiteModel;
import org.helixff.compute.Engines;
import org.helixff.compute.KernelEngine;
import org.helixff.compute.KernelSpec;
import org.helixff.compute.cpu.CpuKernelEngine;
import org.helixff.descriptor.DescriptorEngine;
import org.helixff.descriptor.DescriptorSet;
import org.helixff.neighbors.NeighborList;

/**
 * Evaluates a {@link KernelModel} on a neighbour list: descriptors, the kernel products and the
 * reverse-mode forces. For n centres: K0 = X^ R^T (n x M, X^ the normalised descriptors), site energy
 * mu + sum_t w_t K0^zeta, dE/dx^ = (zeta w K0^(zeta-1)) R (n x D), dE/dp = (dE/dx^ - x^ (x^ . dE/dx^))/|p|,
 * then the descriptor engine turns dE/dp into per-entry gradients. Cost per atom ~ 2 M D + the
 * descriptor cost; nothing scales with D x neighbours. The kernel products run on a
 * {@link KernelEngine}: the one of the {@link Engines} pair it is given, or the CPU reference when it
 * is given a descriptor engine alone.
 */
public final class KernelEvaluator implements SiteModel {
    private final KernelModel model;
    private final DescriptorEngine engine;
    private final KernelEngine kernels;
    private final KernelSpec spec;

    /**
     * An evaluator with the CPU reference kernel engine ({@link CpuKernelEngine}).
     *
     * @throws InvalidInputException when the engine's parameters differ from the model's
     */
    public KernelEvaluator(KernelModel model, DescriptorEngine engine) {
        this(model, engine, CpuKernelEngine.INSTANCE);
    }

    /**
     * An evaluator on an engine pair.
     *
     * @throws InvalidInputException when the descriptor engine's parameters differ from the model's
     */
    public KernelEvaluator(KernelModel model, Engines engines) {
        this(model, engines.descriptors(), engines.kernels());
    }

    /**
     * An evaluator whose kernel products run on the given engine.
     *
     * @throws InvalidInputException when the engine's parameters differ from the model's
     */
    public KernelEvaluator(KernelModel model, DescriptorEngine engine, KernelEngine kernels) {
        if (!engine.parameters().equals(model.soap())) {
            throw new InvalidInputException("descriptor engine parameters " + engine.parameters().hash()
                    + " differ from the model's " + model.soap().hash());
        }
        this.model = model;
        this.engine = engine;
        this.kernels = kernels;
        this.spec = spec(model);
    }

    /** The kernel part of a model as a {@link KernelSpec}. */
    static KernelSpec spec(KernelModel model) {
        return new KernelSpec(model.referenceView(), model.weightsView(), model.descriptorLength(),
                model.energyOffset(), model.zeta());
    }

    /** The descriptor and kernel engines of this evaluator, as one pair. */
    public Engines engines() {
        return new Engines(engine, kernels);
    }

    /** The engine running the kernel products. */
    public KernelEngine kernelEngine() {
        return kernels;
    }

    /** The model whose site energies this evaluator computes. */
    public KernelModel model() {
        return model;
    }

    /** The descriptor engine of this evaluator. */
    public DescriptorEngine engine() {
        return engine;
    }

    @Override
    public double cutoff() {
        return model.soap().cutoff();
    }

    @Override
    public String name() {
        Object name = model.metadata().get("name");
        return name == null ? "kernel-model" : name.toString();
    }

    @Override
    public void evaluate(NeighborList nl, double[] siteEnergies, double[] entryGradient) {
        DescriptorSet set = engine.compute(nl);
        double[] dEdp = kernels.energiesAndGradients(spec, set.values(), set.centers(), siteEnergies);
        double[] grad = set.backpropagate(dEdp);
        System.arraycopy(grad, 0, entryGradient, 0, grad.length);
    }
}

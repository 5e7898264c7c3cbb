package org.helixff.compute.cuda;

import org.helixff.InvalidInputException;
import org.helixff.descriptor.DescriptorSet;

/**
 * Descriptors computed by {@link CudaSoapEngine}, with the expansion coefficients kept on the host for
 * the reverse mode (which uploads them again with the pairs). Immutable.
 */
final class CudaDescriptorSet implements DescriptorSet {
    private final CudaSoapEngine engine;
    private final PairBatch batch;
    private final double[] values;
    private final double[] coefficients;
    private final int length;

    CudaDescriptorSet(CudaSoapEngine engine, PairBatch batch, double[] values, double[] coefficients) {
        this.engine = engine;
        this.batch = batch;
        this.values = values;
        this.coefficients = coefficients;
        this.length = engine.length();
    }

    @Override
    public int centers() {
        return batch.centers;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public double value(int center, int k) {
        return values[center * length + k];
    }

    /**
     * {@inheritDoc}
     *
     * @throws InvalidInputException when dEdp does not have centres x D entries
     */
    @Override
    public double[] backpropagate(double[] dEdp) {
        if (dEdp == null || dEdp.length != values.length) {
            throw new InvalidInputException("dE/dp has " + (dEdp == null ? "no" : String.valueOf(dEdp.length))
                    + " entries, need centres x D = " + values.length);
        }
        return engine.backpropagate(batch, coefficients, dEdp);
    }
}

package org.helixff.compute.cuda;

import org.helixff.InvalidInputException;
import org.helixff.descriptor.DescriptorSet;
import org.helixff.neighbors.NeighborList;

/**
 * Descriptors computed by {@link CudaSoapEngine}, with the expansion coefficients kept on the host for the
 * reverse mode. While the context's scratch buffers still hold this set's pairs and coefficients (they are
 * tagged with {@link #token()}: the set was the engine's last one and fitted in one chunk), the reverse
 * mode uses them without an upload; otherwise it uploads them again. Keeps the neighbour list for the CPU
 * fallback after a GPU fault. Immutable.
 */
final class CudaDescriptorSet implements DescriptorSet {
    private final CudaSoapEngine engine;
    private final NeighborList neighbors;
    private final PairBatch batch;
    private final double[] values;
    private final double[] coefficients;
    private final Object token;
    private final int length;

    CudaDescriptorSet(CudaSoapEngine engine, NeighborList neighbors, PairBatch batch, double[] values,
            double[] coefficients, Object token) {
        this.engine = engine;
        this.neighbors = neighbors;
        this.batch = batch;
        this.values = values;
        this.coefficients = coefficients;
        this.token = token;
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

    PairBatch batch() {
        return batch;
    }

    NeighborList neighbors() {
        return neighbors;
    }

    double[] coefficients() {
        return coefficients;
    }

    Object token() {
        return token;
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
        return engine.backpropagate(this, dEdp);
    }
}

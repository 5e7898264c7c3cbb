package org.helixff.compute.cpu;

import org.helixff.InvalidInputException;
import org.helixff.descriptor.DescriptorSet;
import org.helixff.descriptor.SoapLayout;
import org.helixff.descriptor.SoapParameters;
import org.helixff.neighbors.NeighborList;

/**
 * Descriptors computed by {@link CpuSoapEngine}, with the expansion coefficients c_nlm of every centre
 * kept for {@link #backpropagate(double[])} (which re-evaluates the radial functions and harmonics of
 * each pair rather than storing them: memory stays at Nmax (Lmax+1)^2 doubles per centre). Immutable.
 */
public final class SoapDescriptorSet implements DescriptorSet {
    private final CpuSoapEngine engine;
    private final NeighborList neighbors;
    private final double[] values;
    private final double[] coefficients;

    SoapDescriptorSet(CpuSoapEngine engine, NeighborList neighbors, double[] values, double[] coefficients) {
        this.engine = engine;
        this.neighbors = neighbors;
        this.values = values;
        this.coefficients = coefficients;
    }

    /** The parameters the descriptors were computed with. */
    public SoapParameters parameters() {
        return engine.parameters();
    }

    /** The neighbour list the descriptors belong to. */
    public NeighborList neighbors() {
        return neighbors;
    }

    @Override
    public int centers() {
        return neighbors.centers();
    }

    @Override
    public int length() {
        return engine.length();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public double value(int center, int k) {
        return values[center * engine.length() + k];
    }

    /** Copy of the expansion coefficients, (centres x Nmax (Lmax+1)^2), layout of {@link SoapLayout}. */
    public double[] coefficients() {
        return coefficients.clone();
    }

    double[] rawCoefficients() {
        return coefficients;
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

package org.helixff.descriptor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import org.helixff.compute.cpu.CpuSoapEngine;
import org.helixff.neighbors.CellNeighbors;
import org.helixff.neighbors.NeighborList;
import org.helixff.structure.Structure;
import org.junit.jupiter.api.Test;

/** The CPU reference engine: the engine contract plus its threading guarantee. */
class CpuSoapEngineTest extends DescriptorEngineContractTest {
    @Override
    protected DescriptorEngine engine(SoapParameters p) {
        return new CpuSoapEngine(p);
    }

    @Test
    void resultsAreBitIdenticalForAnyThreadCount() throws Exception {
        Structure c = SoapTestSupport.perturbedTube(8, 2, 3, 0.0, false, 0.1).expand(1);
        NeighborList nl = CellNeighbors.build(c, P.cutoff());
        CpuSoapEngine seq = CpuSoapEngine.sequential(P);
        DescriptorSet s0 = seq.compute(nl);
        Random r = new Random(1);
        double[] v = new double[s0.values().length];
        for (int k = 0; k < v.length; k++) {
            v[k] = r.nextGaussian();
        }
        double[] b0 = s0.backpropagate(v);
        DescriptorGradients g0 = seq.computeWithGradients(nl);
        for (int threads : new int[] {1, 2, 3, 8}) {
            ForkJoinPool pool = new ForkJoinPool(threads);
            try {
                CpuSoapEngine par = new CpuSoapEngine(P, pool);
                DescriptorSet s1 = par.compute(nl);
                assertArrayEquals(s0.values(), s1.values(), "values, " + threads + " threads");
                assertArrayEquals(b0, s1.backpropagate(v), "reverse mode, " + threads + " threads");
                DescriptorGradients g1 = par.computeWithGradients(nl);
                assertArrayEquals(g0.rawGradients(), g1.rawGradients(), "Jacobian, " + threads + " threads");
                assertArrayEquals(g0.rawValues(), g1.rawValues());
            } finally {
                pool.shutdown();
            }
        }
        assertArrayEquals(s0.values(), new CpuSoapEngine(P).compute(nl).values(), "common pool");
    }
}

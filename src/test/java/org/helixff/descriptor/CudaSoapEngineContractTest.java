package org.helixff.descriptor;

import org.helixff.compute.CudaTestSupport;
import org.helixff.compute.cuda.CudaSoapEngine;
import org.junit.jupiter.api.Tag;

/**
 * The CUDA engine passes the engine contract the CPU engine passes (invariances, finite differences,
 * cutoff smoothness, edge cases, symmetric vs full cell). Needs a GPU: skipped without one, a failure
 * with -Dhelixff.requireCuda=true. Element-wise parity with the CPU engine: CudaParityTest.
 */
@Tag("cuda")
class CudaSoapEngineContractTest extends DescriptorEngineContractTest {
    @Override
    protected DescriptorEngine engine(SoapParameters p) {
        CudaTestSupport.assumeCuda(); // runs in the contract's @BeforeEach: each test reports as skipped
        return new CudaSoapEngine(p);
    }
}

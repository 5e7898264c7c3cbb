package org.helixff.compute;

import org.helixff.compute.cuda.CudaRuntime;
import org.junit.jupiter.api.Assumptions;

/**
 * Gate of the tests that need a GPU: skipped when the CUDA probe fails, unless the system property
 * {@code helixff.requireCuda=true} (forwarded by the pom) turns the skip into a failure, as on GPU
 * machines where the parity suite must run.
 */
public final class CudaTestSupport {
    private CudaTestSupport() {
    }

    /** True when -Dhelixff.requireCuda=true. */
    public static boolean cudaRequired() {
        return Boolean.parseBoolean(System.getProperty("helixff.requireCuda", "false").trim());
    }

    /** Skips (or, when required, fails) the calling test unless the CUDA backend is usable. */
    public static void assumeCuda() {
        var probe = CudaRuntime.probe();
        if (probe.available()) {
            return;
        }
        if (cudaRequired()) {
            throw new AssertionError("helixff.requireCuda=true but " + probe.oneLine());
        }
        Assumptions.assumeTrue(false, "no usable GPU: " + probe.reason());
    }

    /** Skips the calling test when the CUDA backend IS usable (tests of the no-GPU behaviour). */
    public static void assumeNoCuda() {
        Assumptions.assumeFalse(CudaRuntime.probe().available(), "a GPU is usable here");
    }
}

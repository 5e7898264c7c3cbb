package org.helixff.compute.cuda;

import java.util.List;

/**
 * What a failed CUDA call means for the engines (pure Java, no JCuda):
 * <ul>
 *   <li>{@link Kind#OUT_OF_MEMORY}: {@code CUDA_ERROR_OUT_OF_MEMORY} or cuBLAS {@code CUBLAS_STATUS_ALLOC_FAILED}.
 *       The context is fine: the engines free their scratch buffers and split the batch ({@link Chunks}).</li>
 *   <li>{@link Kind#STICKY}: a fault inside a kernel (illegal address, illegal instruction, misaligned
 *       address, hardware stack error, launch failure or timeout, assert, uncorrectable ECC, ...). The CUDA
 *       documentation calls these persistent: every later call on the context fails, so the context must be
 *       reset ({@code cuDevicePrimaryCtxReset}) and all device memory is lost.</li>
 *   <li>{@link Kind#OTHER}: anything else (invalid value, launch out of resources, ...): reported, the
 *       context stays in use.</li>
 * </ul>
 */
public final class CudaFaults {
    /** The three kinds of failure. */
    public enum Kind {
        OUT_OF_MEMORY, STICKY, OTHER
    }

    /** Driver error names after which the context is unusable. */
    static final List<String> STICKY_ERRORS = List.of("CUDA_ERROR_ILLEGAL_ADDRESS", "CUDA_ERROR_LAUNCH_FAILED",
            "CUDA_ERROR_LAUNCH_TIMEOUT", "CUDA_ERROR_HARDWARE_STACK_ERROR", "CUDA_ERROR_ILLEGAL_INSTRUCTION",
            "CUDA_ERROR_MISALIGNED_ADDRESS", "CUDA_ERROR_INVALID_ADDRESS_SPACE", "CUDA_ERROR_INVALID_PC",
            "CUDA_ERROR_ASSERT", "CUDA_ERROR_ECC_UNCORRECTABLE", "CUDA_ERROR_CONTEXT_IS_DESTROYED",
            "CUDA_ERROR_EXTERNAL_DEVICE", "CUDA_ERROR_NVLINK_UNCORRECTABLE", "CUDA_ERROR_DEVICE_UNAVAILABLE");

    private CudaFaults() {
    }

    /**
     * The kind of a failure from its message (JCuda puts the error name, e.g. {@code CUDA_ERROR_ILLEGAL_ADDRESS},
     * into the exception message).
     */
    public static Kind classify(String message) {
        if (message == null) {
            return Kind.OTHER;
        }
        if (message.contains("CUDA_ERROR_OUT_OF_MEMORY") || message.contains("CUBLAS_STATUS_ALLOC_FAILED")) {
            return Kind.OUT_OF_MEMORY;
        }
        for (String s : STICKY_ERRORS) {
            if (message.contains(s)) {
                return Kind.STICKY;
            }
        }
        return Kind.OTHER;
    }
}

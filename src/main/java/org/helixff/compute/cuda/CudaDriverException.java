package org.helixff.compute.cuda;

import org.helixff.HelixException;

/**
 * A CUDA driver (or cuBLAS) call failed after the backend was found usable (out of device memory, a kernel
 * fault, a launch rejected). The message is one line naming the operation (for launches: the kernel, grid,
 * block and shared-memory size) and the driver's error name, e.g.
 * {@code CUDA launch of helixff_soap_coefficients (grid 400 x 1, 128 threads, 28736 B shared) failed: CUDA_ERROR_LAUNCH_FAILED}.
 * {@link #kind()} says what the engines do about it ({@link CudaFaults}).
 */
public class CudaDriverException extends HelixException {
    private static final long serialVersionUID = 1L;
    private final CudaFaults.Kind kind;

    /** Kind taken from the message and the cause's message ({@link CudaFaults#classify}). */
    public CudaDriverException(String message, Throwable cause) {
        this(message, cause, CudaFaults.classify(message + (cause == null ? "" : " " + cause.getMessage())));
    }

    /**
     * A failure whose kind is already known.
     *
     * @param message one line naming the operation and the driver error
     * @param cause   the JCuda exception, or null
     * @param kind    what the engines do about it
     */
    public CudaDriverException(String message, Throwable cause, CudaFaults.Kind kind) {
        super(message, cause);
        this.kind = kind;
    }

    /** Out of memory (split the work), sticky (the context is lost) or other. */
    public CudaFaults.Kind kind() {
        return kind;
    }
}

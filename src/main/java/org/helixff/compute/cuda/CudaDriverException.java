package org.helixff.compute.cuda;

import org.helixff.HelixException;

/**
 * A CUDA driver call failed after the backend was found usable (out of device memory, a kernel fault,
 * a launch rejected). The message is one line naming the operation (for launches: the kernel, grid,
 * block and shared-memory size) and the driver's error name, e.g.
 * {@code CUDA launch of helixff_soap_coefficients (grid 400 x 1, 128 threads, 28736 B shared) failed: CUDA_ERROR_LAUNCH_FAILED}.
 */
public class CudaDriverException extends HelixException {
    private static final long serialVersionUID = 1L;

    public CudaDriverException(String message, Throwable cause) {
        super(message, cause);
    }
}

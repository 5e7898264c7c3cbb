package org.helixff.compute;

import org.helixff.HelixException;

/**
 * The CUDA backend was requested explicitly but cannot run here. The message is one line: the probe's
 * reason and how to fix it (or how to run on the CPU instead).
 */
public class BackendUnavailableException extends HelixException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message one line: why the backend cannot run and what to do instead
     */
    public BackendUnavailableException(String message) {
        super(message);
    }
}

package org.helixff.io.ipi;

import org.helixff.HelixException;

/**
 * The i-PI peer broke the protocol: it vanished in the middle of a message, sent an unknown header, or sent a
 * message that is impossible in the current state. The message names what was expected and what arrived.
 */
public class IpiException extends HelixException {
    private static final long serialVersionUID = 1L;

    public IpiException(String message) {
        super(message);
    }

    public IpiException(String message, Throwable cause) {
        super(message, cause);
    }
}

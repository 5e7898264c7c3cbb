package org.helixff.io.ipi;

import org.helixff.HelixException;

/**
 * The i-PI peer broke the protocol: it vanished in the middle of a message, sent an unknown header, or sent a
 * message that is impossible in the current state. The message names what was expected and what arrived.
 */
public class IpiException extends HelixException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message one line: what was expected and what arrived
     */
    public IpiException(String message) {
        super(message);
    }

    /**
     * @param message one line: what was expected and what arrived
     * @param cause   the I/O error behind it
     */
    public IpiException(String message, Throwable cause) {
        super(message, cause);
    }
}

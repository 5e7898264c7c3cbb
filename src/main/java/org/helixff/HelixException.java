package org.helixff;

/**
 * Base of every error the library throws on purpose. Unchecked; the message is one line that names
 * the offending value. The CLI turns these into one line on stderr and exit code 2.
 */
public class HelixException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message one line naming the offending value */
    public HelixException(String message) {
        super(message);
    }

    /**
     * @param message one line naming the offending value
     * @param cause   the error behind it
     */
    public HelixException(String message, Throwable cause) {
        super(message, cause);
    }
}

package org.helixff;

/** A caller-supplied value is impossible or outside the supported range (e.g. tube (0,0), non-finite coordinate). */
public class InvalidInputException extends HelixException {
    private static final long serialVersionUID = 1L;

    /** @param message one line naming the offending value and the accepted range */
    public InvalidInputException(String message) {
        super(message);
    }
}

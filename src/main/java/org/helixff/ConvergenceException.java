package org.helixff;

/** An iterative procedure (relaxation, regression) did not reach its tolerance. */
public class ConvergenceException extends HelixException {
    private static final long serialVersionUID = 1L;

    /** @param message one line: the procedure, the tolerance and how far it got */
    public ConvergenceException(String message) {
        super(message);
    }
}

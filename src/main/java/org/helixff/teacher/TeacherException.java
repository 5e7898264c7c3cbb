package org.helixff.teacher;

import org.helixff.HelixException;

/** A teacher could not label a structure (external command failed, output missing or inconsistent). */
public class TeacherException extends HelixException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message one line naming the structure and what failed
     */
    public TeacherException(String message) {
        super(message);
    }

    /**
     * @param message one line naming the structure and what failed
     * @param cause   the error behind it
     */
    public TeacherException(String message, Throwable cause) {
        super(message, cause);
    }
}

package org.helixff.teacher;

import org.helixff.HelixException;

/** A teacher could not label a structure (external command failed, output missing or inconsistent). */
public class TeacherException extends HelixException {
    private static final long serialVersionUID = 1L;

    public TeacherException(String message) {
        super(message);
    }

    public TeacherException(String message, Throwable cause) {
        super(message, cause);
    }
}

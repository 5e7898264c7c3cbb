package org.helixff;

/** A file is malformed, truncated, corrupt, or from an unsupported version; the message names the file and, where it applies, the line. */
public class FileFormatException extends HelixException {
    private static final long serialVersionUID = 1L;

    public FileFormatException(String message) {
        super(message);
    }

    public FileFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}

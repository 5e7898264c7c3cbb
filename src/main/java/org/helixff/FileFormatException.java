package org.helixff;

/** A file is malformed, truncated, corrupt, or from an unsupported version; the message names the file and, where it applies, the line. */
public class FileFormatException extends HelixException {
    private static final long serialVersionUID = 1L;

    /** @param message one line naming the file, the line where it applies, and what is wrong */
    public FileFormatException(String message) {
        super(message);
    }

    /**
     * @param message one line naming the file, the line where it applies, and what is wrong
     * @param cause   the error behind it (an I/O or parse error)
     */
    public FileFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.jvault.error;

/**
 * Any failure jvault can explain: a one-line message saying what is wrong and what to do, and
 * the exit status it ends with. Thrown from any layer; the command line prints the message
 * and exits with the status. Anything else that escapes is an internal error.
 */
public class JvaultException extends RuntimeException {

    private final int exitStatus;

    public JvaultException(ExitStatus status, String message) {
        this(status.code(), message, null);
    }

    public JvaultException(ExitStatus status, String message, Throwable cause) {
        this(status.code(), message, cause);
    }

    /** For statuses outside {@link ExitStatus}: exec's 126 and 127. */
    protected JvaultException(int exitStatus, String message, Throwable cause) {
        super(message, cause);
        this.exitStatus = exitStatus;
    }

    public int exitStatus() {
        return exitStatus;
    }
}

package dev.jvault.files;

import dev.jvault.error.ExitStatus;
import dev.jvault.error.JvaultException;

/** A private file or folder could not be used safely; the message says which and what to do. */
public final class FileException extends JvaultException {

    /** Why, so each gets its own exit status. */
    public enum Reason {
        /** A mode, owner or hard link that would let another user read or swap it. */
        INSECURE,
        /** Not a regular file, too large, or a loop of symbolic links. */
        BAD_INPUT,
        /** Another jvault holds its lock for too long. */
        BUSY,
        /** Reading or writing failed. */
        IO
    }

    private final Reason reason;

    public FileException(Reason reason, String message) {
        this(reason, message, null);
    }

    public FileException(Reason reason, String message, Throwable cause) {
        super(switch (reason) {
            case INSECURE -> ExitStatus.PERMISSION;
            case BAD_INPUT -> ExitStatus.DATA;
            case BUSY -> ExitStatus.BUSY;
            case IO -> ExitStatus.IO;
        }, message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}

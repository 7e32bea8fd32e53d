package dev.jvault.store;

import dev.jvault.error.ExitStatus;
import dev.jvault.error.JvaultException;

/** A store operation failed; the message is one line saying what is wrong and what to do. */
public final class StoreException extends JvaultException {

    /** Why, so the command line can give each its own exit status. */
    public enum Reason {
        /** The passphrase does not open the vault. */
        WRONG_PASSPHRASE,
        /** The vault file is truncated, damaged or tampered with; it was left as it is. */
        DAMAGED,
        /** The backend does not answer (no keychain, locked, no terminal for a passphrase). */
        UNAVAILABLE,
        /** Keys or input of the wrong shape. */
        BAD_INPUT,
        /** Asked for an item that is not there. */
        NOT_FOUND,
        /** Reading or writing failed. */
        IO
    }

    private final Reason reason;

    public StoreException(Reason reason, String message) {
        super(status(reason), message);
        this.reason = reason;
    }

    public StoreException(Reason reason, String message, Throwable cause) {
        super(status(reason), message, cause);
        this.reason = reason;
    }

    private static ExitStatus status(Reason reason) {
        return switch (reason) {
            case WRONG_PASSPHRASE -> ExitStatus.PERMISSION;
            case DAMAGED, BAD_INPUT -> ExitStatus.DATA;
            case UNAVAILABLE -> ExitStatus.UNAVAILABLE;
            case NOT_FOUND -> ExitStatus.NOT_FOUND;
            case IO -> ExitStatus.IO;
        };
    }

    public Reason reason() {
        return reason;
    }
}

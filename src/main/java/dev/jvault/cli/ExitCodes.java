package dev.jvault.cli;

import dev.jvault.store.StoreException;

/**
 * jvault's exit statuses, after sysexits.h. {@code exec} follows env(1) instead: the child's own
 * status, and {@link #EXEC_FAILED} for any failure of jvault itself.
 */
public final class ExitCodes {

    public static final int OK = 0;
    /** The user answered no: nothing changed. */
    public static final int DECLINED = 1;
    /** Bad command-line usage (picocli's own code). */
    public static final int USAGE = 2;
    /** Input of the wrong shape (keys), or a damaged or tampered vault. */
    public static final int DATA = 65;
    /** Nothing stored under that name. */
    public static final int NOT_FOUND = 66;
    /** The keychain does not answer, or no terminal to ask on. */
    public static final int UNAVAILABLE = 69;
    /** An unexpected internal error (a bug): the message says to run with --debug. */
    public static final int SOFTWARE = 70;
    public static final int IO = 74;
    /** Another jvault held the lock too long: try again. */
    public static final int BUSY = 75;
    /** Wrong passphrase, or files others could read. */
    public static final int PERMISSION = 77;
    /** The AWS config or credentials file is wrong. */
    public static final int CONFIG = 78;
    /** env(1): jvault itself failed before running the command. */
    public static final int EXEC_FAILED = 125;

    private ExitCodes() {
    }

    static int of(StoreException.Reason reason) {
        return switch (reason) {
            case WRONG_PASSPHRASE, INSECURE -> PERMISSION;
            case DAMAGED, BAD_INPUT -> DATA;
            case UNAVAILABLE -> UNAVAILABLE;
            case NOT_FOUND -> NOT_FOUND;
            case BUSY -> BUSY;
            case IO -> IO;
        };
    }
}

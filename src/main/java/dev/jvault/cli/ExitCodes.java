package dev.jvault.cli;

/**
 * jvault's exit statuses. {@code exec} follows env(1) instead: the child's own status, and
 * {@link #EXEC_FAILED} for any failure of jvault itself.
 */
public final class ExitCodes {

    public static final int OK = 0;
    /** An unexpected internal error (a bug): the message says to run with --debug. */
    public static final int SOFTWARE = 70;
    /** Bad command-line usage (picocli's own code). */
    public static final int USAGE = 2;
    /** The AWS config or credentials file is wrong (sysexits EX_CONFIG). */
    public static final int CONFIG = 78;
    /** env(1): jvault itself failed before running the command. */
    public static final int EXEC_FAILED = 125;

    private ExitCodes() {
    }
}

package dev.jvault.exec;

/** The command could not be started; {@code status} is what env(1) would exit with (126, 127). */
public final class LaunchException extends RuntimeException {

    private final int status;

    public LaunchException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}

package dev.jvault.exec;

import dev.jvault.error.JvaultException;

/** The command could not be started; {@code status} is what env(1) would exit with (126, 127). */
public final class LaunchException extends JvaultException {

    public LaunchException(int status, String message) {
        super(status, message, null);
    }
}

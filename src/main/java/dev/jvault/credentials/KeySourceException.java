package dev.jvault.credentials;

import dev.jvault.error.ExitStatus;
import dev.jvault.error.JvaultException;

/**
 * The keys a chain starts from (stored keys, the environment, a credential_process), or the
 * keys {@code add} is to store, could not be had; the message says why and what to do.
 */
public final class KeySourceException extends JvaultException {

    public KeySourceException(ExitStatus status, String message) {
        super(status, message);
    }
}

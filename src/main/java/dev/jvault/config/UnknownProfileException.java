package dev.jvault.config;

import dev.jvault.error.ExitStatus;
import dev.jvault.error.JvaultException;

/** The profile asked for is in neither file: nothing to use under that name (exit status 66 in every command). */
public final class UnknownProfileException extends JvaultException {

    UnknownProfileException(String message) {
        super(ExitStatus.NOT_FOUND, ConfigException.escapeControlCharacters(message));
    }
}

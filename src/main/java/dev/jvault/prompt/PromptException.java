package dev.jvault.prompt;

import dev.jvault.error.ExitStatus;
import dev.jvault.error.JvaultException;

/** jvault needed an answer and could not ask for one (no terminal), or the user gave none. */
public final class PromptException extends JvaultException {

    public PromptException(String message) {
        super(ExitStatus.UNAVAILABLE, message);
    }
}

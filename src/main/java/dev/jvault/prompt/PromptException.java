package dev.jvault.prompt;

import dev.jvault.error.ExitStatus;
import dev.jvault.error.JvaultException;

/** jvault needed an answer and could not ask for one (no terminal), or the user gave none or an unusable one. */
public final class PromptException extends JvaultException {

    public PromptException(String message) {
        super(ExitStatus.UNAVAILABLE, message);
    }

    /** An answer of the wrong shape (DATA), or another status than "could not ask". */
    public PromptException(ExitStatus status, String message) {
        super(status, message);
    }
}

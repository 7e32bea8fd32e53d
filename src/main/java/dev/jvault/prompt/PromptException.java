package dev.jvault.prompt;

/** jvault needed an answer and could not ask for one (no terminal), or the user gave none. */
public final class PromptException extends RuntimeException {

    public PromptException(String message) {
        super(message);
    }
}

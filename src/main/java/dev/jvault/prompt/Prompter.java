package dev.jvault.prompt;

import java.util.List;
import java.util.Optional;

/**
 * Asks the user. Questions go to the terminal (never stdout, which belongs to the child and to
 * {@code export}); a prompter that cannot ask throws {@link PromptException} saying so.
 */
public interface Prompter {

    /** Reads a secret without echoing it. */
    char[] secret(String prompt);

    /** Reads one line, echoed. */
    String line(String prompt);

    /** A yes/no question; anything but y or yes is no. */
    default boolean confirm(String question) {
        String answer = line(question + " [y/N] ").strip().toLowerCase(java.util.Locale.ROOT);
        return answer.equals("y") || answer.equals("yes");
    }

    /**
     * Lets the user choose one of the options with a picker of this prompter's own; empty when it
     * has none, and the caller asks with {@link #line} instead.
     */
    default Optional<String> choose(String title, List<String> options) {
        return Optional.empty();
    }

    /** Says something to the user where the questions go. */
    void tell(String message);

    /** Whether this prompter can ask at all (a terminal is there). */
    boolean available();
}

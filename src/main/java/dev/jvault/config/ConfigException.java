package dev.jvault.config;

import dev.jvault.error.ExitStatus;
import dev.jvault.error.JvaultException;
import dev.jvault.text.TerminalText;

/**
 * The user's AWS configuration is wrong in a way they must fix. The message is one line that
 * says what is wrong, where (file:line when known), and what to do. Values quoted from the
 * files may hold line breaks or terminal escapes: they are shown escaped, so the message stays
 * one line and cannot repaint the user's terminal.
 */
public final class ConfigException extends JvaultException {

    public ConfigException(String message) {
        super(ExitStatus.CONFIG, escapeControlCharacters(message));
    }

    public ConfigException(Origin origin, String message) {
        this(origin + ": " + message);
    }

    static String escapeControlCharacters(String text) {
        return TerminalText.escape(text);
    }
}

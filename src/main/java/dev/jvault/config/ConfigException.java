package dev.jvault.config;

import dev.jvault.error.ExitStatus;
import dev.jvault.error.JvaultException;

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
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        out.append(String.format("\\x%02x", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }
}

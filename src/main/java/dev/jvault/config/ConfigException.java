package dev.jvault.config;

/**
 * The user's AWS configuration is wrong in a way they must fix. The message is one line that
 * says what is wrong, where (file:line when known), and what to do.
 */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(Origin origin, String message) {
        super(origin + ": " + message);
    }
}

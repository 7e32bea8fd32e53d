package dev.jvault.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The process environment as jvault sees it. Domain code reads variables only through this,
 * so tests can hand it any environment and every value keeps its origin.
 */
public record Environment(Map<String, String> variables) {

    public Environment {
        variables = Map.copyOf(variables);
    }

    public static Environment system() {
        return new Environment(System.getenv());
    }

    /** The variable, when it is set and not blank. */
    public Optional<String> get(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public Optional<Sourced<String>> sourced(String name) {
        return get(name).map(value -> new Sourced<>(value, Origin.env(name)));
    }

    /**
     * The user's home folder: {@code $HOME}, else the JVM's idea of it, and absolute either way.
     * Anything else would put {@code .jvault} (and the vault) wherever jvault happens to run.
     */
    public Path home() {
        Path home = get("HOME").map(Path::of).orElseGet(() -> Path.of(System.getProperty("user.home", "")));
        if (!home.isAbsolute()) {
            throw new ConfigException("HOME is " + (get("HOME").isPresent() ? "'" + home + "', not an absolute path"
                    : "not set") + ": set it to your home folder (jvault keeps its files under it)");
        }
        return home;
    }

    /** A path as the user would write it: {@code ~/.aws/config} rather than the absolute form. */
    public String display(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path home = home().toAbsolutePath().normalize();
        if (absolute.startsWith(home) && !absolute.equals(home)) {
            return "~/" + home.relativize(absolute);
        }
        return absolute.toString();
    }
}

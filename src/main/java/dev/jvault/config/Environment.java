package dev.jvault.config;

import dev.jvault.process.JavaOptionVariables;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The process environment as jvault sees it. Domain code reads variables only through this,
 * so tests can hand it any environment and every value keeps its origin.
 *
 * @param workingDirectory what a relative path in a variable is relative to: empty for this
 *                         process's own folder; the client's folder when the agent answers for
 *                         a native client (docs/agent.md), whose relative paths are not the agent's
 */
public record Environment(Map<String, String> variables, Path workingDirectory) {

    /**
     * aws-vault's names for jvault's variables, read when jvault's own is not set (docs/migrating.md).
     * Its two session durations are read where the session is planned: which one applies depends
     * on whether a role follows ({@link SessionPlanner}).
     */
    private static final Map<String, String> AWS_VAULT_NAMES = Map.of(
            "JVAULT_BACKEND", "AWS_VAULT_BACKEND",
            "JVAULT_PROMPT", "AWS_VAULT_PROMPT",
            "JVAULT_FILE_PASSPHRASE", "AWS_VAULT_FILE_PASSPHRASE",
            "JVAULT_ASSUME_ROLE_TTL", "AWS_ASSUME_ROLE_TTL",
            "JVAULT_MIN_TTL", "AWS_MIN_TTL");

    public Environment {
        variables = Map.copyOf(variables);
    }

    /** Variables read from this process's folder. */
    public Environment(Map<String, String> variables) {
        this(variables, Path.of(""));
    }

    /** This process's environment, as the launcher was given it (see {@link JavaOptionVariables}). */
    public static Environment system() {
        return new Environment(JavaOptionVariables.restored(System.getenv()));
    }

    /** The variable, when it is set and not blank; for a few of jvault's, aws-vault's name when jvault's is not set. */
    public Optional<String> get(String name) {
        return sourced(name).map(Sourced::value);
    }

    /** As {@link #get}, with the name the value was found under. */
    public Optional<Sourced<String>> sourced(String name) {
        return own(name).or(() -> Optional.ofNullable(AWS_VAULT_NAMES.get(name)).flatMap(this::own));
    }

    private Optional<Sourced<String>> own(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(new Sourced<>(value.trim(), Origin.env(name)));
    }

    /**
     * The first of the variables that is set, as an endpoint: an http(s) URL with a host (and a
     * port up to 65535), else a config error naming the variable, as for the STS endpoint.
     */
    public Optional<Sourced<URI>> endpoint(String... variables) {
        for (String name : variables) {
            Optional<Sourced<String>> url = sourced(name);
            if (url.isPresent()) {
                return Optional.of(Settings.endpoint(url.get()));
            }
        }
        return Optional.empty();
    }

    /** A path from a variable or a config value, relative paths taken from {@link #workingDirectory}. */
    public Path path(String path) {
        return workingDirectory.resolve(path);
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

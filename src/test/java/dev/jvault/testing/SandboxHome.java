package dev.jvault.testing;

import dev.jvault.config.AwsConfig;
import dev.jvault.config.AwsConfigLoader;
import dev.jvault.config.Environment;
import dev.jvault.config.PlanOptions;
import dev.jvault.config.ProfileResolver;
import dev.jvault.config.ResolvedProfile;
import dev.jvault.config.SessionPlan;
import dev.jvault.config.SessionPlanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A throwaway HOME with its own {@code .aws/} folder, and the environment a jvault run gets in
 * it: HOME, a temp folder inside it, PATH and locale, and nothing of the developer's own AWS setup.
 */
public final class SandboxHome implements AutoCloseable {

    private final Path home;
    private final Map<String, String> env = new HashMap<>();

    public SandboxHome() {
        try {
            home = Files.createTempDirectory("jvault-home-").toRealPath();
            Files.createDirectories(home.resolve(".aws"));
            Files.createDirectories(home.resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        env.put("HOME", home.toString());
        env.put("TMPDIR", home.resolve("tmp").toString());
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("LANG", "C.UTF-8");
        // No agent unless a test asks for one (and then stops it): an agent would outlive the test.
        env.put("JVAULT_AGENT", "off");
        passThrough("JAVA_HOME");
        passThrough("DBUS_SESSION_BUS_ADDRESS");
    }

    private void passThrough(String name) {
        String value = System.getenv(name);
        if (value != null) {
            env.put(name, value);
        }
    }

    public Path path() {
        return home;
    }

    public Path awsConfig() {
        return home.resolve(".aws/config");
    }

    public Path awsCredentials() {
        return home.resolve(".aws/credentials");
    }

    public SandboxHome config(String text) {
        return write(awsConfig(), text);
    }

    public SandboxHome credentials(String text) {
        return write(awsCredentials(), text);
    }

    public SandboxHome write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public SandboxHome set(String variable, String value) {
        env.put(variable, value);
        return this;
    }

    public SandboxHome unset(String variable) {
        env.remove(variable);
        return this;
    }

    /** The variables a process run in this sandbox gets. */
    public Map<String, String> variables() {
        return Map.copyOf(env);
    }

    /** The same, as jvault's in-process {@link Environment}. */
    public Environment environment() {
        return new Environment(env);
    }

    /** The sandbox's AWS config as jvault reads it. */
    public AwsConfig loadConfig() {
        return new AwsConfigLoader(environment()).load(Optional.empty());
    }

    public ResolvedProfile resolve(String profile) {
        return new ProfileResolver(loadConfig(), environment(), name -> false).resolve(profile);
    }

    /** The STS calls exec would make for the profile. */
    public SessionPlan plan(String profile, PlanOptions options) {
        return new SessionPlanner(environment()).plan(resolve(profile), options);
    }

    @Override
    public void close() {
        try (Stream<Path> paths = Files.walk(home)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

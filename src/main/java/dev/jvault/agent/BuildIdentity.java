package dev.jvault.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Which build of jvault this is, as client and agent compare it: the release, the commit, and
 * for a jar its size and time, since a rebuilt jar of the same commit (a developer's, or an
 * upgrade of a snapshot) can speak differently. A client never talks to an agent of another build.
 */
final class BuildIdentity {

    private static final String CURRENT = compute();

    private BuildIdentity() {
    }

    static String current() {
        return CURRENT;
    }

    /** The jar (or classes folder) this code was loaded from; empty when it cannot be told. */
    static java.util.Optional<Path> codeSource() {
        try {
            return java.util.Optional.of(Path.of(BuildIdentity.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (Exception e) {
            return java.util.Optional.empty();
        }
    }

    private static String compute() {
        Properties properties = new Properties();
        try (InputStream in = BuildIdentity.class.getResourceAsStream("/dev/jvault/version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // an identity without the release still tells builds apart by their jar
        }
        String jar = codeSource().filter(Files::isRegularFile).map(path -> {
            try {
                return Files.size(path) + "@" + Files.getLastModifiedTime(path).toMillis();
            } catch (IOException e) {
                return "?";
            }
        }).orElse("classes");
        return properties.getProperty("version", "?") + " " + properties.getProperty("commit", "?")
                + properties.getProperty("dirty", "") + " " + jar;
    }
}

package dev.jvault.sts;

import dev.jvault.config.Environment;
import java.time.Clock;

/** The default RoleSessionName, {@code jvault-<user>-<epoch>}, shaped to STS's limits (2-64 of [\w+=,.@-]). */
final class SessionNames {

    private static final int MAX = 64;

    private SessionNames() {
    }

    static String defaultName(Environment env, Clock clock) {
        String user = env.get("USER").or(() -> env.get("USERNAME")).orElse(System.getProperty("user.name", "user"))
                .replaceAll("[^\\w+=,.@-]", "_");
        String suffix = "-" + clock.instant().getEpochSecond();
        String prefix = "jvault-" + user;
        return prefix.substring(0, Math.min(prefix.length(), MAX - suffix.length())) + suffix;
    }
}

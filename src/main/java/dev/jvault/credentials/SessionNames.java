package dev.jvault.credentials;

import dev.jvault.config.Environment;
import java.time.Clock;

/**
 * The names jvault gives STS sessions, shaped to STS's limits: the default RoleSessionName,
 * {@code jvault-<user>-<epoch>} (2-64 of [\w+=,.@-]), and the federated user's name for a console
 * session, {@code jvault-<user>} (2-32 of the same).
 */
final class SessionNames {

    private static final int MAX = 64;
    private static final int MAX_FEDERATED = 32;

    private SessionNames() {
    }

    static String defaultName(Environment env, Clock clock) {
        String suffix = "-" + clock.instant().getEpochSecond();
        String prefix = "jvault-" + user(env);
        return prefix.substring(0, Math.min(prefix.length(), MAX - suffix.length())) + suffix;
    }

    static String federatedName(Environment env) {
        String name = "jvault-" + user(env);
        return name.substring(0, Math.min(name.length(), MAX_FEDERATED));
    }

    private static String user(Environment env) {
        return env.get("USER").or(() -> env.get("USERNAME")).orElse(System.getProperty("user.name", "user"))
                .replaceAll("[^\\w+=,.@-]", "_");
    }
}

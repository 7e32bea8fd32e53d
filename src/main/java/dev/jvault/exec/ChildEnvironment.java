package dev.jvault.exec;

import dev.jvault.sts.IssuedCredentials;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * The environment a command gets: the parent's, less every AWS credential or profile setting
 * that could shadow jvault's and jvault's own secrets, plus the short-lived credentials, the
 * region and the profile name (also as AWS_VAULT, which shell prompts already show).
 */
public final class ChildEnvironment {

    static final List<String> UNSET = List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
            "AWS_SECURITY_TOKEN", "AWS_CREDENTIAL_FILE", "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SDK_LOAD_CONFIG",
            "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "AWS_WEB_IDENTITY_TOKEN_FILE",
            "AWS_ROLE_ARN", "AWS_CREDENTIAL_EXPIRATION", "AWS_REGION", "AWS_DEFAULT_REGION",
            // jvault's own secrets
            "JVAULT_FILE_PASSPHRASE", "JVAULT_NEW_FILE_PASSPHRASE", "JVAULT_MFA_TOKEN");

    private ChildEnvironment() {
    }

    public static Map<String, String> build(Map<String, String> parent, String profile, IssuedCredentials credentials,
            Optional<String> region) {
        Map<String, String> env = new HashMap<>(parent);
        UNSET.forEach(env::remove);
        env.putAll(variables(profile, credentials, region));
        return env;
    }

    /** The variables jvault sets, in a stable order; {@code export} prints the same. */
    public static SequencedMap<String, String> variables(String profile, IssuedCredentials credentials, Optional<String> region) {
        SequencedMap<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
        credentials.sessionToken().ifPresent(token -> env.put("AWS_SESSION_TOKEN", token));
        credentials.expiration().ifPresent(expiration -> env.put("AWS_CREDENTIAL_EXPIRATION", iso8601(expiration)));
        region.ifPresent(name -> {
            env.put("AWS_REGION", name);
            env.put("AWS_DEFAULT_REGION", name);
        });
        env.put("JVAULT", profile);
        env.put("AWS_VAULT", profile);
        return env;
    }

    public static String iso8601(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}

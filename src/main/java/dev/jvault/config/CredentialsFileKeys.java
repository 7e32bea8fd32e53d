package dev.jvault.config;


/**
 * Long-lived keys lying in clear text in the credentials file, the setup the seed scripts use,
 * found for {@code jvault add --from-credentials-file} ({@link CredentialsFileText} takes them out).
 */
public final class CredentialsFileKeys {

    /** The pair, and where its access key id stands. */
    public record Found(String accessKeyId, String secretAccessKey, Origin origin) {
        @Override
        public String toString() {
            return "Found[" + origin + "]";
        }
    }

    private CredentialsFileKeys() {
    }

    public static Found find(AwsConfig config, String profile) {
        Profile section = config.profile(profile)
                .filter(p -> p.value("aws_access_key_id").filter(v -> inCredentialsFile(config, v)).isPresent())
                .orElseThrow(() -> new ConfigException(config.credentialsFile() + " has no aws_access_key_id for ["
                        + profile + "]: nothing to import"));
        Sourced<String> id = section.value("aws_access_key_id").orElseThrow();
        if (section.value("aws_session_token").isPresent()) {
            throw new ConfigException(id.origin(), "[" + profile + "] holds temporary keys (it has aws_session_token):"
                    + " jvault stores an IAM user's long-lived keys");
        }
        Sourced<String> secret = section.value("aws_secret_access_key").orElseThrow(() -> new ConfigException(id.origin(),
                "[" + profile + "] has aws_access_key_id but no aws_secret_access_key"));
        return new Found(id.value(), secret.value(), id.origin());
    }

    private static boolean inCredentialsFile(AwsConfig config, Sourced<String> value) {
        return value.origin().where().startsWith(config.credentialsFile() + ":");
    }
}

package dev.jvault.config;

import java.util.Set;

/**
 * Long-lived keys lying in clear text in the credentials file, the setup the seed scripts use:
 * finding them for {@code jvault add --from-credentials-file}, and taking them out again.
 */
public final class CredentialsFileKeys {

    private static final Set<String> KEY_LINES = Set.of("aws_access_key_id", "aws_secret_access_key");

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

    /**
     * The credentials file's text without the key lines of {@code [profile]}; every other line,
     * comment and line ending stays byte for byte.
     */
    public static String withoutKeys(String text, String profile) {
        StringBuilder out = new StringBuilder(text.length());
        boolean inSection = false;
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            end = end < 0 ? text.length() : end + 1;
            String line = text.substring(start, end);
            String trimmed = line.strip();
            if (trimmed.startsWith("[")) {
                String header = IniParser.stripComment(trimmed, "#", ";");
                inSection = header.endsWith("]") && header.substring(1, header.length() - 1).strip().equals(profile);
            }
            int equals = trimmed.indexOf('=');
            boolean keyLine = inSection && equals > 0 && KEY_LINES.contains(trimmed.substring(0, equals).strip());
            if (!keyLine) {
                out.append(line);
            }
            start = end;
        }
        return out.toString();
    }
}

package dev.jvault.keys;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * AWS credentials as one value, wherever they come from or go: temporary ones (STS, the cache,
 * a credential_process) with a session token and (but for some a credential_process or
 * $AWS_SESSION_TOKEN hands on) an expiry, or long-lived keys with neither.
 * {@link #toString()} masks them, so a log line or an exception can never show a secret.
 */
public record AwsKeys(String accessKeyId, String secretAccessKey, Optional<String> sessionToken,
        Optional<Instant> expiration) {

    public AwsKeys {
        Objects.requireNonNull(accessKeyId);
        Objects.requireNonNull(secretAccessKey);
    }

    /** Short-lived keys: STS's, or a cached session's. */
    public static AwsKeys temporary(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {
        return new AwsKeys(accessKeyId, secretAccessKey, Optional.of(sessionToken), Optional.of(expiration));
    }

    /** An IAM user's keys, which do not expire. */
    public static AwsKeys longLived(String accessKeyId, String secretAccessKey) {
        return new AwsKeys(accessKeyId, secretAccessKey, Optional.empty(), Optional.empty());
    }

    /** The time left until they expire; keys without an expiry never run out. */
    public Duration remaining(Instant now) {
        return expiration.map(end -> Duration.between(now, end)).orElse(ChronoUnit.FOREVER.getDuration());
    }

    /** {@code AKIA****MPLE}: enough to tell keys apart, useless to an attacker. */
    public static String masked(String accessKeyId) {
        return accessKeyId.length() < 8 ? "****" : accessKeyId.substring(0, 4) + "****"
                + accessKeyId.substring(accessKeyId.length() - 4);
    }

    @Override
    public String toString() {
        return "AwsKeys[" + masked(accessKeyId) + ", expires " + expiration.map(Instant::toString).orElse("never") + "]";
    }
}

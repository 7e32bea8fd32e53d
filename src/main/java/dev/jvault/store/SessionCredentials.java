package dev.jvault.store;

import java.time.Duration;
import java.time.Instant;

/** Temporary credentials from STS. */
public record SessionCredentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {

    public Duration remaining(Instant now) {
        return Duration.between(now, expiration);
    }

    @Override
    public String toString() {
        return "SessionCredentials[" + accessKeyId + ", expires " + expiration + "]";
    }
}

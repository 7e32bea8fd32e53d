package dev.jvault.sts;

import dev.jvault.store.SessionCredentials;
import java.time.Instant;
import java.util.Optional;

/**
 * The credentials a command gets: temporary ones from STS (with token and expiry), or, only
 * with {@code --no-session} on a plain profile, the long-lived keys themselves.
 */
public record IssuedCredentials(String accessKeyId, String secretAccessKey, Optional<String> sessionToken,
        Optional<Instant> expiration) {

    public static IssuedCredentials of(SessionCredentials session) {
        return new IssuedCredentials(session.accessKeyId(), session.secretAccessKey(), Optional.of(session.sessionToken()),
                Optional.of(session.expiration()));
    }

    @Override
    public String toString() {
        return "IssuedCredentials[" + dev.jvault.store.AccessKeys.masked(accessKeyId) + ", expires "
                + expiration.map(Instant::toString).orElse("never") + "]";
    }
}

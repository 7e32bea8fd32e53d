package dev.jvault.server;

import dev.jvault.keys.AwsKeys;
import dev.jvault.log.Log;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The credentials a long-running command gets, renewed before they expire. One lock guards the
 * renewal, so any number of requests arriving during it wait for one STS call and all get its
 * result. Nothing expired is ever handed out: if a renewal fails, the still-valid credentials
 * are served until they expire (and the renewal is tried again after a pause), then the error.
 */
public final class RenewingKeys {

    private static final Duration RETRY_PAUSE = Duration.ofSeconds(30);

    private final Supplier<AwsKeys> source;
    private final Clock clock;
    private final Duration renewBefore;
    private AwsKeys current;
    private Instant nextAttempt = Instant.MIN;

    /** @param renewBefore renew when less than this is left (exec's minimum TTL) */
    public RenewingKeys(Supplier<AwsKeys> source, Clock clock, Duration renewBefore) {
        this.source = source;
        this.clock = clock;
        this.renewBefore = renewBefore;
    }

    public synchronized AwsKeys current() {
        Instant now = clock.instant();
        if (current != null && !expiresWithin(now, renewBefore)) {
            return current;
        }
        if (current != null && now.isBefore(nextAttempt) && !expiresWithin(now, Duration.ZERO)) {
            return current;
        }
        try {
            current = source.get();
            Log.debug("credential server: renewed credentials, valid until "
                    + current.expiration().map(Instant::toString).orElse("revoked"));
            return current;
        } catch (RuntimeException e) {
            nextAttempt = now.plus(RETRY_PAUSE);
            if (current != null && !expiresWithin(now, Duration.ZERO)) {
                Log.debug("credential server: renewal failed (" + e.getMessage() + "); serving the current ones meanwhile");
                return current;
            }
            throw e;
        }
    }

    private boolean expiresWithin(Instant now, Duration margin) {
        return current.expiration().map(expiry -> !expiry.isAfter(now.plus(margin))).orElse(false);
    }
}

package dev.jvault.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jvault.keys.AwsKeys;
import dev.jvault.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RenewingKeysTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T08:00:00Z"));
    private final AtomicInteger renewals = new AtomicInteger();
    private boolean failing;

    private AwsKeys issue() {
        if (failing) {
            throw new IllegalStateException("STS is down");
        }
        int n = renewals.incrementAndGet();
        sleep();
        return new AwsKeys("ASIA" + n, "secret", Optional.of("token"), Optional.of(clock.instant().plus(Duration.ofHours(1))));
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final RenewingKeys credentials = new RenewingKeys(this::issue, clock, Duration.ofMinutes(5));

    @Test
    void renewsOnlyWhenLessThanTheMarginIsLeft() {
        AwsKeys first = credentials.current();
        clock.advance(Duration.ofMinutes(54));
        assertSame(first, credentials.current());
        clock.advance(Duration.ofMinutes(2));
        assertEquals("ASIA2", credentials.current().accessKeyId());
        assertEquals(2, renewals.get());
    }

    @Test
    void fortyConcurrentRequestsDuringARenewalMakeOneCall() {
        credentials.current();
        clock.advance(Duration.ofMinutes(58));
        List<CompletableFuture<AwsKeys>> requests = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            requests.add(CompletableFuture.supplyAsync(credentials::current));
        }
        requests.forEach(request -> assertEquals("ASIA2", request.join().accessKeyId()));
        assertEquals(2, renewals.get());
    }

    @Test
    void aFailedRenewalServesWhatIsStillValidButNeverWhatExpired() {
        AwsKeys first = credentials.current();
        failing = true;
        clock.advance(Duration.ofMinutes(57));
        assertSame(first, credentials.current(), "3 minutes left: still valid, served");
        clock.advance(Duration.ofMinutes(4));
        assertEquals("STS is down", assertThrows(IllegalStateException.class, credentials::current).getMessage());
        failing = false;
        assertEquals("ASIA2", credentials.current().accessKeyId());
    }
}

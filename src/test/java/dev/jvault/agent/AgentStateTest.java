package dev.jvault.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvault.keys.AwsKeys;
import dev.jvault.store.StoredItem;
import dev.jvault.store.file.KdfParameters;
import dev.jvault.store.file.VaultKey;
import dev.jvault.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The agent's lifetimes on a clock the test moves. */
class AgentStateTest {

    private static final String VAULT = "file /home/u/.jvault/vault.jvlt";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T08:00:00Z"));
    private final AgentState state = new AgentState(clock, Duration.ofMinutes(10), Duration.ofHours(2));
    private final byte[] master = "0123456789abcdef0123456789abcdef".getBytes();

    private VaultKey key() {
        return new VaultKey(new byte[16], master, new KdfParameters(64, 1, 1));
    }

    private StoredItem.CachedSession session(Duration left) {
        return new StoredItem.CachedSession("main", "dev-1", "k1", "AssumeRole x", AwsKeys.temporary("ASIAX",
                "s".repeat(40), "t", clock.instant().plus(left)));
    }

    @Test
    void theVaultKeyLastsWhileUsedWithinTheIdleTimeButNeverPastTheMaximum() {
        state.putVaultKey("/v", key());
        for (int i = 0; i < 11; i++) {
            clock.advance(Duration.ofMinutes(9));
            assertTrue(state.vaultKey("/v").isPresent(), "used every 9 minutes: kept (" + i + ")");
        }
        clock.advance(Duration.ofMinutes(9)); // 108 min in: still under 2 h
        assertTrue(state.vaultKey("/v").isPresent());
        clock.advance(Duration.ofMinutes(13)); // past 2 h since it was given
        assertEquals(Optional.empty(), state.vaultKey("/v"));
    }

    @Test
    void anIdleVaultKeyIsForgottenAndWiped() {
        VaultKey given = key();
        state.putVaultKey("/v", given);
        clock.advance(Duration.ofMinutes(10));
        assertEquals(Optional.empty(), state.vaultKey("/v"));
        assertArrayEquals(new byte[32], given.master(), "wiped, not just dropped");
        assertTrue(state.isEmpty());
    }

    @Test
    void sessionsLastUntilTheyExpireAndAreServedOnlyWithTheMinimumTtlLeft() {
        state.put(VAULT, session(Duration.ofMinutes(30)));
        assertTrue(state.session(VAULT, "main", "k1", Duration.ofMinutes(5)).isPresent());
        clock.advance(Duration.ofMinutes(26));
        assertEquals(Optional.empty(), state.session(VAULT, "main", "k1", Duration.ofMinutes(5)), "4 minutes left: not served");
        assertFalse(state.isEmpty(), "but held until it expires");
        clock.advance(Duration.ofMinutes(4));
        assertTrue(state.isEmpty());
    }

    @Test
    void lockForgetsEverythingAndStatusShowsNoSecret() {
        state.put(VAULT, session(Duration.ofHours(1)));
        state.putVaultKey("/v", key());
        String status = String.join("\n", state.describe());
        assertTrue(status.contains("vault key  /v") && status.contains("session    dev-1  AssumeRole x"), status);
        assertTrue(status.matches("(?s).*AssumeRole x  until \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\(1h left\\).*"),
                "local time to the second, and the time left: " + status);
        assertFalse(status.contains("ssss") || status.contains("0123456789abcdef"), status);
        state.lock();
        assertTrue(state.isEmpty());
        assertEquals(0, state.drop(VAULT, "", ""));
    }

    @Test
    void answersOnlyForTheStoreASessionCameFrom() {
        state.put(VAULT, session(Duration.ofHours(1)));
        assertEquals(Optional.empty(), state.session("file /tmp/other/vault.jvlt", "main", "k1", Duration.ZERO));
        assertEquals(Optional.empty(), state.session("keychain", "main", "k1", Duration.ZERO));
        assertEquals(0, state.drop("keychain", "main", ""), "another store's remove drops none of these");
        assertTrue(state.session(VAULT, "main", "k1", Duration.ZERO).isPresent());
        assertEquals(1, state.drop(VAULT, "main", ""));
    }
}

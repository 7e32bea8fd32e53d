package dev.jvault.agent;

import dev.jvault.config.Durations;
import dev.jvault.store.StoredItem;
import dev.jvault.store.file.VaultKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the agent holds, and for how long: cached sessions until they expire, and vault keys
 * until they have gone unused for {@code keyIdle} or were given {@code keyMax} ago, whichever
 * comes first. Everything it drops is wiped. Thread-safe; the clock is injected for tests.
 */
final class AgentState {

    /** Sessions are kept apart by the store they came from (StoreLocation.identity). */
    private record SessionKey(String store, String root, String cacheKey) {
    }

    private static final class HeldKey {
        final VaultKey key;
        final Instant given;
        Instant lastUsed;

        HeldKey(VaultKey key, Instant given) {
            this.key = key;
            this.given = given;
            this.lastUsed = given;
        }
    }

    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final Clock clock;
    private final Duration keyIdle;
    private final Duration keyMax;
    private final Map<SessionKey, StoredItem.CachedSession> sessions = new LinkedHashMap<>();
    private final Map<String, HeldKey> vaultKeys = new LinkedHashMap<>();

    AgentState(Clock clock, Duration keyIdle, Duration keyMax) {
        this.clock = clock;
        this.keyIdle = keyIdle;
        this.keyMax = keyMax;
    }

    /** The store's session, if it has more than {@code minimumTtl} left. */
    synchronized Optional<StoredItem.CachedSession> session(String store, String root, String cacheKey, Duration minimumTtl) {
        sweep();
        return Optional.ofNullable(sessions.get(new SessionKey(store, root, cacheKey)))
                .filter(session -> session.credentials().remaining(clock.instant()).compareTo(minimumTtl) > 0);
    }

    synchronized void put(String store, StoredItem.CachedSession session) {
        sessions.put(new SessionKey(store, session.rootProfile(), session.cacheKey()), session);
    }

    /** Drops one root's sessions of the store (all of them when {@code cacheKey} is empty), or all the store's when {@code root} is. */
    synchronized int drop(String store, String root, String cacheKey) {
        int before = sessions.size();
        sessions.keySet().removeIf(key -> key.store().equals(store) && (root.isEmpty() || (key.root().equals(root)
                && (cacheKey.isEmpty() || key.cacheKey().equals(cacheKey)))));
        return before - sessions.size();
    }

    synchronized Optional<VaultKey> vaultKey(String vault) {
        sweep();
        HeldKey held = vaultKeys.get(vault);
        if (held == null) {
            return Optional.empty();
        }
        held.lastUsed = clock.instant();
        return Optional.of(held.key);
    }

    synchronized void putVaultKey(String vault, VaultKey key) {
        HeldKey old = vaultKeys.put(vault, new HeldKey(key, clock.instant()));
        if (old != null && !old.key.equals(key)) {
            old.key.wipe();
        }
    }

    /** Forgets everything at once ({@code jvault lock}). */
    synchronized void lock() {
        sessions.clear();
        vaultKeys.values().forEach(held -> held.key.wipe());
        vaultKeys.clear();
    }

    /** Drops expired sessions and vault keys past their idle or maximum time. */
    synchronized void sweep() {
        Instant now = clock.instant();
        sessions.values().removeIf(session -> !session.credentials().expiration().orElseThrow().isAfter(now));
        vaultKeys.values().removeIf(held -> {
            boolean expired = !expiry(held).isAfter(now);
            if (expired) {
                held.key.wipe();
            }
            return expired;
        });
    }

    synchronized boolean isEmpty() {
        sweep();
        return sessions.isEmpty() && vaultKeys.isEmpty();
    }

    /** What the agent holds, without a secret: for {@code jvault agent status}. */
    synchronized List<String> describe() {
        sweep();
        List<String> lines = new ArrayList<>();
        vaultKeys.forEach((vault, held) -> lines.add("vault key  " + vault + "  until " + shown(expiry(held))
                + " (idle " + keyIdle.toMinutes() + "m, at most until " + LOCAL_TIME.format(held.given.plus(keyMax)) + ")"));
        sessions.values().forEach(session -> lines.add("session    " + session.profile() + "  " + session.description()
                + "  until " + shown(session.credentials().expiration().orElseThrow()))); // a cached session always has one
        return lines;
    }

    /** Local time to the second, and the time left: what a person checks the status for. */
    private String shown(Instant until) {
        return LOCAL_TIME.format(until) + " (" + Durations.format(Duration.between(clock.instant(), until)
                .truncatedTo(ChronoUnit.SECONDS)) + " left)";
    }

    private Instant expiry(HeldKey held) {
        Instant idle = held.lastUsed.plus(keyIdle);
        Instant max = held.given.plus(keyMax);
        return idle.isBefore(max) ? idle : max;
    }
}

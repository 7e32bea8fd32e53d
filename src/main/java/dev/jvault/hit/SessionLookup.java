package dev.jvault.hit;

import dev.jvault.store.StoredItem;
import java.time.Duration;
import java.util.Optional;

/** Where a hit's session is held: the agent, asked over its socket, or the agent's own state, asked by the agent. */
@FunctionalInterface
public interface SessionLookup {

    /** The session cached for the root's chain under the key, with at least {@code minimumTtl} left; empty on a miss. */
    Optional<StoredItem.CachedSession> session(String store, String root, String cacheKey, Duration minimumTtl);
}

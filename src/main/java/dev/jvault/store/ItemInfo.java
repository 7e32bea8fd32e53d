package dev.jvault.store;

import java.time.Instant;
import java.util.Optional;

/**
 * The non-secret facts about a stored item: enough to list it without reading any secret.
 *
 * @param profile     the profile the item is for (for a session, the one it was made for)
 * @param description e.g. "access key AKIA****MPLE" or "AssumeRole arn:aws:iam::...:role/dev"
 */
public record ItemInfo(ItemKey key, String profile, String description, Optional<Instant> expiration) {
}

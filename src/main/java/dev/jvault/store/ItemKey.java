package dev.jvault.store;

/**
 * Names one stored item. Long-lived keys are keyed by their profile; a cached session by the
 * root profile whose keys produced it and a cache key that captures everything that changes the
 * credentials (computed by the STS layer).
 */
public record ItemKey(Kind kind, String profile, String cacheKey) {

    public enum Kind { KEYS, SESSION }

    public ItemKey {
        if (profile.isEmpty() || profile.contains("/") || profile.chars().anyMatch(Character::isISOControl)) {
            throw new StoreException(StoreException.Reason.BAD_INPUT, "jvault cannot store anything under the profile name '"
                    + profile + "': a name for stored keys is not empty and has no '/' or"
                    + " control characters; rename the profile");
        }
    }

    public static ItemKey keys(String profile) {
        return new ItemKey(Kind.KEYS, profile, "");
    }

    public static ItemKey session(String rootProfile, String cacheKey) {
        return new ItemKey(Kind.SESSION, rootProfile, cacheKey);
    }

    /** A stable text form, e.g. {@code keys/main} or {@code session/main/3f2a...}: the keychain's account name. */
    public String account() {
        return kind == Kind.KEYS ? "keys/" + profile : "session/" + profile + "/" + cacheKey;
    }
}

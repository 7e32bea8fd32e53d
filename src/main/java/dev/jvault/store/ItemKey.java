package dev.jvault.store;

/**
 * Names one stored item. Long-lived keys are keyed by their profile; a cached session by the
 * root profile whose keys produced it and a cache key that captures everything that changes the
 * credentials (computed by the target stage); an IAM Identity Center token by the SHA-1 of its
 * session's name (or legacy start URL), the name of the AWS CLI's cache file for it.
 */
public record ItemKey(Kind kind, String profile, String cacheKey) {

    public enum Kind { KEYS, SESSION, SSO_TOKEN }

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

    public static ItemKey ssoToken(String cacheDigest) {
        return new ItemKey(Kind.SSO_TOKEN, cacheDigest, "");
    }

    /** A stable text form, e.g. {@code keys/main}, {@code session/main/3f2a...} or {@code sso/5b2c...}: the keychain's account name. */
    public String account() {
        return switch (kind) {
            case KEYS -> "keys/" + profile;
            case SESSION -> "session/" + profile + "/" + cacheKey;
            case SSO_TOKEN -> "sso/" + profile;
        };
    }
}

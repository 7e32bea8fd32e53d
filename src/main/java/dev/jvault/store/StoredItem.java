package dev.jvault.store;

import dev.jvault.keys.AwsKeys;
import dev.jvault.log.Log;
import java.time.Instant;
import java.util.Optional;

/** What the store holds: long-lived keys, a cached session, or an IAM Identity Center token. */
public sealed interface StoredItem {

    ItemKey key();

    /** The non-secret facts about the item, as {@code list} shows them. */
    ItemInfo info();

    /** An IAM user's long-lived access key pair, under the profile it belongs to. */
    record LongLivedKeys(String profile, String accessKeyId, String secretAccessKey, Instant added) implements StoredItem {

        /** Whatever the keys came from, no log line or error message may show the secret. */
        public LongLivedKeys {
            Log.secret(secretAccessKey);
        }

        @Override
        public ItemKey key() {
            return ItemKey.keys(profile);
        }

        /** Whether both hold the same key pair (when they were added aside). */
        public boolean sameKeysAs(LongLivedKeys other) {
            return accessKeyId.equals(other.accessKeyId) && secretAccessKey.equals(other.secretAccessKey);
        }

        @Override
        public ItemInfo info() {
            return new ItemInfo(key(), profile, "access key " + AwsKeys.masked(accessKeyId), Optional.empty());
        }

        @Override
        public String toString() {
            return "LongLivedKeys[" + profile + ", " + AwsKeys.masked(accessKeyId) + "]";
        }
    }

    /**
     * A session: {@code rootProfile} owns the long-lived keys it came from, {@code profile} is the
     * profile it was made for, and {@code description} says which call made it.
     */
    record CachedSession(String rootProfile, String profile, String cacheKey, String description,
            AwsKeys credentials) implements StoredItem {

        public CachedSession {
            if (credentials.sessionToken().isEmpty() || credentials.expiration().isEmpty()) {
                throw new IllegalArgumentException("a cached session holds temporary keys with an expiry only");
            }
        }

        @Override
        public ItemKey key() {
            return ItemKey.session(rootProfile, cacheKey);
        }

        @Override
        public ItemInfo info() {
            return new ItemInfo(key(), profile, description, credentials.expiration());
        }

        @Override
        public String toString() {
            return "CachedSession[" + profile + ", " + description + ", " + credentials + "]";
        }
    }

    /**
     * An IAM Identity Center sign-in's tokens, as secret as keys: the access token (a bearer
     * credential for every role of the user), the refresh token that renews it, and the client
     * registration both were issued to. {@code cacheName} is the session's name or legacy start URL.
     */
    record SsoToken(String cacheName, String cacheDigest, String startUrl, String region, String accessToken,
            Instant expiresAt, Optional<String> refreshToken, Optional<Registration> registration) implements StoredItem {

        public SsoToken {
            Log.secret(accessToken);
            refreshToken.ifPresent(Log::secret);
            registration.ifPresent(r -> Log.secret(r.clientSecret()));
        }

        @Override
        public ItemKey key() {
            return ItemKey.ssoToken(cacheDigest);
        }

        @Override
        public ItemInfo info() {
            return new ItemInfo(key(), cacheName, "IAM Identity Center sign-in at " + startUrl
                    + (refreshToken.isPresent() ? " (refreshable)" : ""), Optional.of(expiresAt));
        }

        /** The token with the time it has left, from {@code now}. */
        public java.time.Duration remaining(Instant now) {
            return java.time.Duration.between(now, expiresAt);
        }

        @Override
        public String toString() {
            return "SsoToken[" + cacheName + ", expires " + expiresAt + "]";
        }
    }

    /**
     * The OIDC client a token was issued to (RegisterClient); reused for new sign-ins until it
     * expires. {@code flow} is {@code device} or {@code pkce} (the grants it registered for), or
     * empty when it came from the AWS CLI's cache and serves refreshes only.
     */
    record Registration(String clientId, String clientSecret, Instant expiresAt, String flow) {

        @Override
        public String toString() {
            return "Registration[" + flow + ", expires " + expiresAt + "]";
        }
    }
}

package dev.jvault.store;

import dev.jvault.keys.AwsKeys;
import dev.jvault.log.Log;
import java.time.Instant;
import java.util.Optional;

/** What the store holds: long-lived keys, or a cached STS session. */
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
}

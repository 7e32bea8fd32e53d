package dev.jvault.migrate;

import dev.jvault.log.Log;
import dev.jvault.text.JsonReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What one aws-vault item holds. Its keyring library stores an item as JSON
 * ({@code Key}, {@code Data} in base64, {@code Label}, ...); for a profile's keys, Data is the
 * JSON of aws-sdk-go's credentials ({@code AccessKeyID}, {@code SecretAccessKey},
 * {@code SessionToken}, then {@code Source}/{@code CanExpire}/{@code Expires}, or
 * {@code ProviderName} in older releases).
 */
sealed interface AwsVaultItem {

    /** A profile's long-lived keys: what the import brings over. */
    record LongLivedKeys(String profile, String accessKeyId, String secretAccessKey) implements AwsVaultItem {
        public LongLivedKeys {
            Log.secret(secretAccessKey);
        }

        @Override
        public String toString() {
            return "LongLivedKeys[" + profile + "]";
        }
    }

    /** Something the import leaves where it is, and why. */
    record Skipped(String key, Kind kind) implements AwsVaultItem {
    }

    enum Kind {
        SESSION("cached session"), SSO_TOKEN("IAM Identity Center token"), TEMPORARY_KEYS("profile with temporary keys");

        private final String noun;

        Kind(String noun) {
            this.noun = noun;
        }

        String noun() {
            return noun;
        }
    }

    /** The prefixes of the keys aws-vault files its sessions under, old and new. */
    List<String> SESSION_PREFIXES = List.of("session,", "sts.GetSessionToken,", "sts.AssumeRole,",
            "sts.GetFederationToken,", "sso.GetRoleCredentials,", "credential_process,");
    String SSO_TOKEN_PREFIX = "oidc:";

    /** What a key names, known from the key alone: a session or token, or (empty) a profile's keys to open. */
    static Optional<Skipped> byKey(String key) {
        if (key.startsWith(SSO_TOKEN_PREFIX)) {
            return Optional.of(new Skipped(key, Kind.SSO_TOKEN));
        }
        return SESSION_PREFIXES.stream().anyMatch(key::startsWith) ? Optional.of(new Skipped(key, Kind.SESSION))
                : Optional.empty();
    }

    /**
     * Reads an opened profile item.
     *
     * @throws UnknownFormat when it is not the shape aws-vault writes (a newer release's, say)
     */
    static AwsVaultItem read(String key, String payload) throws UnknownFormat {
        Map<String, Object> item = object(payload, "the item");
        if (!(item.get("Data") instanceof String data)) {
            throw new UnknownFormat("the item has no Data (it has " + new TreeSet<>(item.keySet()) + ")");
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw new UnknownFormat("its Data is not base64");
        }
        Map<String, Object> credentials = object(new String(decoded, StandardCharsets.UTF_8), "its Data");
        if (!(credentials.get("AccessKeyID") instanceof String accessKeyId && !accessKeyId.isEmpty())
                || !(credentials.get("SecretAccessKey") instanceof String secretAccessKey && !secretAccessKey.isEmpty())) {
            throw new UnknownFormat("its Data has no AccessKeyID and SecretAccessKey (it has "
                    + new TreeSet<>(credentials.keySet()) + ")");
        }
        if (credentials.get("SessionToken") instanceof String token && !token.isEmpty()) {
            Log.secret(token);
            Log.secret(secretAccessKey);
            return new Skipped(key, Kind.TEMPORARY_KEYS);
        }
        return new LongLivedKeys(key, accessKeyId, secretAccessKey);
    }

    private static Map<String, Object> object(String json, String what) throws UnknownFormat {
        try {
            return JsonReader.object(json);
        } catch (IllegalArgumentException e) {
            throw new UnknownFormat(what + " is not a JSON object (" + e.getMessage() + ")");
        }
    }

    /** An item whose shape this jvault does not know. */
    final class UnknownFormat extends Exception {
        UnknownFormat(String detail) {
            super(detail);
        }
    }
}

package dev.jvault.rotate;

import dev.jvault.keys.AwsKeys;
import java.time.Instant;
import java.util.List;

/** The IAM calls key rotation makes, signed with the given credentials, and the check that a key works. */
public interface IamGateway extends AutoCloseable {

    /** An access key as IAM lists it (never its secret). */
    record AccessKey(String id, Instant created) {
    }

    /** A key just made: the only moment IAM hands out its secret. */
    record NewKey(String id, String secret) {
        @Override
        public String toString() {
            return "NewKey[" + id + "]";
        }
    }

    /** The IAM user who owns the access key {@code keyId} (GetAccessKeyLastUsed: it works from a session too). */
    String owner(AwsKeys from, String keyId);

    List<AccessKey> accessKeys(AwsKeys from, String user);

    NewKey createAccessKey(AwsKeys from, String user);

    void deleteAccessKey(AwsKeys from, String user, String keyId);

    /** Whether STS accepts the key (GetCallerIdentity): a new key takes a few seconds to work everywhere. */
    boolean works(AwsKeys key);

    @Override
    default void close() {
    }
}

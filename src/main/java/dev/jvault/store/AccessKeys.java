package dev.jvault.store;

import dev.jvault.keys.AwsKeys;
import java.util.regex.Pattern;

/** The shapes of AWS access keys, checked before anything is stored. */
public final class AccessKeys {

    private static final Pattern LONG_LIVED_ID = Pattern.compile("AKIA[A-Z0-9]{16}");
    private static final Pattern TEMPORARY_ID = Pattern.compile("ASIA[A-Z0-9]{16}");
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9/+]{40}");

    private AccessKeys() {
    }

    /** @throws StoreException (bad input) saying what is wrong with the pair */
    public static void checkLongLived(String accessKeyId, String secretAccessKey) {
        if (TEMPORARY_ID.matcher(accessKeyId).matches()) {
            throw new StoreException(StoreException.Reason.BAD_INPUT, "access key id " + AwsKeys.masked(accessKeyId)
                    + " is a temporary (ASIA...) key that needs a session token: jvault stores an IAM user's"
                    + " long-lived AKIA... keys");
        }
        if (!LONG_LIVED_ID.matcher(accessKeyId).matches()) {
            throw new StoreException(StoreException.Reason.BAD_INPUT, "access key id must be AKIA followed by 16"
                    + " capital letters or digits (20 characters); got " + accessKeyId.length() + " characters");
        }
        if (!SECRET.matcher(secretAccessKey).matches()) {
            throw new StoreException(StoreException.Reason.BAD_INPUT, "secret access key must be 40 characters of"
                    + " letters, digits, / and +; got " + secretAccessKey.length() + " characters");
        }
    }

}

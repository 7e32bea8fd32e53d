package dev.jvault.error;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;

/** Why a connection failed, in words: the JDK's exceptions often carry no message at all. */
public final class NetworkFailures {

    private NetworkFailures() {
    }

    /** The innermost cause, as "unknown host", "connection refused", "timed out" or its type and message. */
    public static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        if (root instanceof UnknownHostException || failure instanceof UnknownHostException) {
            return "unknown host";
        }
        if (root instanceof ConnectException || failure instanceof ConnectException) {
            return "connection refused";
        }
        if (root instanceof HttpTimeoutException || failure instanceof HttpTimeoutException) {
            return "timed out";
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}

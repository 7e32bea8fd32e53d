package dev.jvault.sts;

import dev.jvault.error.ExitStatus;
import dev.jvault.error.JvaultException;

/**
 * An STS call failed. The message is one line with the fix; {@code reason} lets the broker
 * react (drop an expired cached session and try once more).
 */
public final class StsFailure extends JvaultException {

    public enum Reason { ACCESS_DENIED, BAD_MFA_CODE, BAD_KEYS, EXPIRED_TOKEN, UNREACHABLE, CLOCK_SKEW, OTHER }

    private final Reason reason;

    public StsFailure(Reason reason, String message, Throwable cause) {
        super(ExitStatus.STS, message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}

package dev.jvault.sso;

import dev.jvault.error.ExitStatus;
import dev.jvault.error.JvaultException;

/**
 * IAM Identity Center refused a call or could not be reached (76), or the user denied or
 * abandoned a sign-in (1). {@code reason} lets the sign-in react: keep polling, slow down,
 * sign in anew.
 */
public final class SsoFailure extends JvaultException {

    /** The service's error types (its {@code x-amzn-ErrorType}), as far as jvault acts on them. */
    public enum Reason {
        AUTHORIZATION_PENDING, SLOW_DOWN, EXPIRED_TOKEN, ACCESS_DENIED, INVALID_GRANT, INVALID_CLIENT, UNAUTHORIZED,
        TOO_MANY_REQUESTS, SERVER_ERROR, UNREACHABLE, OTHER
    }

    private final Reason reason;

    public SsoFailure(Reason reason, String message) {
        this(reason, ExitStatus.STS, message, null);
    }

    SsoFailure(Reason reason, ExitStatus status, String message, Throwable cause) {
        super(status, message, cause);
        this.reason = reason;
    }

    /** The sign-in was denied in the browser, or not finished in time: status 1, as for a "no". */
    static SsoFailure notSignedIn(String message) {
        return new SsoFailure(Reason.ACCESS_DENIED, ExitStatus.DECLINED, message, null);
    }

    public Reason reason() {
        return reason;
    }

    static Reason ofErrorType(String type) {
        return switch (type) {
            case "AuthorizationPendingException" -> Reason.AUTHORIZATION_PENDING;
            case "SlowDownException" -> Reason.SLOW_DOWN;
            case "ExpiredTokenException" -> Reason.EXPIRED_TOKEN;
            case "AccessDeniedException" -> Reason.ACCESS_DENIED;
            case "InvalidGrantException" -> Reason.INVALID_GRANT;
            case "InvalidClientException", "UnauthorizedClientException" -> Reason.INVALID_CLIENT;
            case "UnauthorizedException" -> Reason.UNAUTHORIZED;
            case "TooManyRequestsException" -> Reason.TOO_MANY_REQUESTS;
            case "InternalServerException" -> Reason.SERVER_ERROR;
            default -> Reason.OTHER;
        };
    }
}

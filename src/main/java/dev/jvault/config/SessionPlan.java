package dev.jvault.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The STS calls that produce a profile's credentials, in order: an optional GetSessionToken on
 * the root's keys, then one AssumeRole per role. {@code notes} explain choices a user would
 * otherwise wonder about (a capped duration, a role assumed without a session).
 */
public record SessionPlan(
        ResolvedProfile profile,
        Optional<SessionStep> session,
        List<RoleStep> roles,
        List<String> notes) {

    public SessionPlan {
        roles = List.copyOf(roles);
        notes = List.copyOf(notes);
    }

    /**
     * Whether it makes (and so caches) sessions: a role, GetSessionToken, an IAM Identity Center
     * role's credentials or a web identity's role; else the root's own credentials are handed on.
     */
    public boolean makesSessions() {
        return session.isPresent() || !roles.isEmpty() || profile.source() instanceof RootSource.SingleSignOn
                || profile.source() instanceof RootSource.WebIdentity;
    }

    /** Whether the plan hands on stored long-lived keys themselves: {@code --no-session} on a profile without a role. */
    public boolean handsOnLongLivedKeys() {
        return !makesSessions() && profile.source() instanceof RootSource.StoredKeys;
    }

    /** GetSessionToken, with MFA when a serial applies. */
    public record SessionStep(Optional<Sourced<String>> mfaSerial, Sourced<Duration> duration) {
    }

    /** AssumeRole; {@code mfaSerial} is set when this call itself carries the MFA code. */
    public record RoleStep(RoleHop hop, Sourced<Duration> duration, Optional<Sourced<String>> mfaSerial) {
    }
}

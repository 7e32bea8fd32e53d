package dev.jvault.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides the STS calls for a resolved profile, as aws-vault users expect:
 * <ul>
 * <li>long-lived keys are first traded for a GetSessionToken session (with MFA when a serial
 * applies), cached and shared by every role behind the same root, so one MFA code serves all;</li>
 * <li>AWS caps a role assumed from session or role credentials at 1 h, so a single role that asks
 * for longer is assumed straight from the long-lived keys, carrying the MFA code itself;</li>
 * <li>credentials from credential_process, credential_source or SSO are used as they come, with
 * the MFA code on the AssumeRole calls, as the AWS CLI sends it;</li>
 * <li>a second MFA device in the chain gets its own code on the role that names it.</li>
 * </ul>
 */
public final class SessionPlanner {

    public static final Duration DEFAULT_SESSION_TTL = Duration.ofHours(8);
    public static final Duration DEFAULT_ROLE_TTL = Duration.ofHours(1);
    static final Duration CHAINED_ROLE_MAX = Duration.ofHours(1);
    private static final Duration SESSION_MIN = Duration.ofMinutes(15);
    private static final Duration SESSION_MAX = Duration.ofHours(36);

    private final Environment env;

    public SessionPlanner(Environment env) {
        this.env = env;
    }

    public SessionPlan plan(ResolvedProfile profile, PlanOptions options) {
        List<String> notes = new ArrayList<>();
        List<RoleHop> hops = profile.roles();
        boolean storedKeys = profile.source() instanceof RootSource.StoredKeys;
        List<Sourced<Duration>> wanted = new ArrayList<>();
        for (int i = 0; i < hops.size(); i++) {
            wanted.add(roleDuration(hops.get(i), i == hops.size() - 1 ? options.duration() : Optional.empty()));
        }
        boolean singleLongRole = hops.size() == 1 && wanted.getFirst().value().compareTo(CHAINED_ROLE_MAX) > 0;
        boolean useSession = storedKeys && !options.noSession() && !singleLongRole;
        if (storedKeys && singleLongRole && !options.noSession()) {
            notes.add("role " + hops.getFirst().profile() + " asks for " + Durations.format(wanted.getFirst().value())
                    + ", longer than the 1h AWS allows from session credentials: it is assumed straight from the"
                    + " long-lived keys, with the MFA code on the AssumeRole call");
        }
        if (options.noSession() && storedKeys && hops.isEmpty()) {
            notes.add("--no-session: the command gets the long-lived keys themselves");
        }

        Optional<SessionPlan.SessionStep> session = useSession
                ? Optional.of(new SessionPlan.SessionStep(profile.mfaSerial(), sessionDuration(hops.isEmpty(), options)))
                : Optional.empty();
        List<Optional<Sourced<String>>> codes = mfaPerRole(profile, hops, useSession);
        List<SessionPlan.RoleStep> steps = new ArrayList<>();
        for (int i = 0; i < hops.size(); i++) {
            RoleHop hop = hops.get(i);
            boolean fromTemporaryCredentials = useSession || i > 0 || !storedKeys;
            Sourced<Duration> duration = wanted.get(i);
            if (fromTemporaryCredentials && duration.value().compareTo(CHAINED_ROLE_MAX) > 0) {
                notes.add("role " + hop.profile() + " asks for " + Durations.format(duration.value())
                        + ", but a role assumed from temporary credentials lasts at most 1h: capped at 1h");
                duration = new Sourced<>(CHAINED_ROLE_MAX, Origin.builtIn("AWS limit for chained roles"));
            }
            steps.add(new SessionPlan.RoleStep(hop, duration, codes.get(i)));
        }
        return new SessionPlan(profile, session, steps, notes);
    }

    /**
     * Which AssumeRole calls carry an MFA code, and for which device. With an MFA session, its
     * device is the profile's (the nearest mfa_serial from the target down), and a role whose own
     * mfa_serial names another device carries that device's code, as the AWS CLI sends it. With no
     * session, each role carries its own device's code, as in the CLI; when no role names one, the
     * root's device rides on the first call.
     */
    private static List<Optional<Sourced<String>>> mfaPerRole(ResolvedProfile profile, List<RoleHop> hops,
            boolean useSession) {
        Set<String> used = new HashSet<>();
        if (useSession) {
            profile.mfaSerial().ifPresent(serial -> used.add(serial.value()));
        }
        List<Optional<Sourced<String>>> codes = new ArrayList<>();
        for (RoleHop hop : hops) {
            codes.add(hop.mfaSerial().filter(serial -> used.add(serial.value())));
        }
        if (!useSession && !hops.isEmpty() && codes.stream().allMatch(Optional::isEmpty)) {
            codes.set(0, profile.mfaSerial());
        }
        return codes;
    }

    private Sourced<Duration> roleDuration(RoleHop hop, Optional<Sourced<String>> override) {
        return override.map(this::parseRoleDuration)
                .or(hop::duration)
                .orElseGet(() -> env.sourced("JVAULT_ASSUME_ROLE_TTL").map(this::parseRoleDuration)
                        .orElse(new Sourced<>(DEFAULT_ROLE_TTL, Origin.builtIn("default"))));
    }

    private Sourced<Duration> parseRoleDuration(Sourced<String> text) {
        return new Sourced<>(Durations.parseWithin(text, Settings.ROLE_MIN, Settings.ROLE_MAX, "a role duration"), text.origin());
    }

    private Sourced<Duration> sessionDuration(boolean plainSession, PlanOptions options) {
        // aws-vault has one variable for a session used as it is and one for a session under roles
        Optional<Sourced<String>> text = (plainSession ? options.duration() : Optional.<Sourced<String>>empty())
                .or(() -> env.sourced("JVAULT_SESSION_TTL"))
                .or(() -> env.sourced(plainSession ? "AWS_SESSION_TOKEN_TTL" : "AWS_CHAINED_SESSION_TOKEN_TTL"));
        return text.map(t -> new Sourced<>(Durations.parseWithin(t, SESSION_MIN, SESSION_MAX, "a session duration"), t.origin()))
                .orElse(new Sourced<>(DEFAULT_SESSION_TTL, Origin.builtIn("default")));
    }
}

package dev.jvault.config;

import java.time.Duration;

/**
 * How long jvault waits on what it does not control, each overridable in the environment:
 * a helper command ({@code mfa_process}, {@code credential_process}, the passphrase command,
 * a prompt program) and STS. Without a bound, a hung helper or an endpoint that answers a byte
 * at a time would hold the per-root lock, and every other jvault, for ever.
 */
public final class Timeouts {

    static final Duration DEFAULT_HELPER = Duration.ofMinutes(2);
    static final Duration DEFAULT_STS = Duration.ofSeconds(30);
    static final Duration DEFAULT_MIN_TTL = Duration.ofMinutes(5);
    static final Duration DEFAULT_SSO_SIGN_IN = Duration.ofMinutes(10);
    private static final Duration MIN = Duration.ofSeconds(1);
    private static final Duration MAX = Duration.ofHours(1);

    private Timeouts() {
    }

    /** {@code JVAULT_HELPER_TIMEOUT}, default 2 minutes: long enough to type a passphrase or touch a key. */
    public static Duration helper(Environment env) {
        return read(env, "JVAULT_HELPER_TIMEOUT", DEFAULT_HELPER);
    }

    /** {@code JVAULT_STS_TIMEOUT}, default 30 seconds: one STS call, its retries included. */
    public static Duration sts(Environment env) {
        return read(env, "JVAULT_STS_TIMEOUT", DEFAULT_STS);
    }

    /** {@code JVAULT_MIN_TTL}, default 5 minutes: the least time cached credentials must have left to be used. */
    public static Duration minimumTtl(Environment env) {
        return minimumTtlSourced(env).value();
    }

    /** As {@link #minimumTtl}, with where it was set ({@code describe} shows it). */
    public static Sourced<Duration> minimumTtlSourced(Environment env) {
        return env.sourced("JVAULT_MIN_TTL").map(text -> new Sourced<>(Durations.parse(text), text.origin()))
                .orElse(new Sourced<>(DEFAULT_MIN_TTL, Origin.builtIn("default")));
    }

    /**
     * {@code JVAULT_SSO_TIMEOUT}, default 10 minutes: how long an IAM Identity Center sign-in may
     * take in the browser, and how long another jvault waits for it.
     */
    public static Duration ssoSignIn(Environment env) {
        return read(env, "JVAULT_SSO_TIMEOUT", DEFAULT_SSO_SIGN_IN);
    }

    private static Duration read(Environment env, String variable, Duration fallback) {
        return env.sourced(variable).map(text -> Durations.parseWithin(text, MIN, MAX, variable)).orElse(fallback);
    }
}

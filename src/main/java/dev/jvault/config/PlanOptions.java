package dev.jvault.config;

import java.util.Optional;

/**
 * What the user asked for on the command line that changes the plan.
 *
 * @param duration  {@code -d}: the target's role duration, or the session's when there is no role
 * @param noSession {@code --no-session}: no GetSessionToken
 */
public record PlanOptions(Optional<Sourced<String>> duration, boolean noSession) {

    public static final PlanOptions DEFAULTS = new PlanOptions(Optional.empty(), false);
}

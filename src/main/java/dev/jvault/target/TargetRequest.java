package dev.jvault.target;

import java.util.Optional;

/**
 * What a command asks about its target, as the user gave it: the stage fills in the rest from
 * the environment and the config.
 *
 * @param profile   the profile named on the command line; else $AWS_PROFILE, else the picker
 * @param duration  {@code -d}: the target role's duration, or the session's without a role
 * @param noSession {@code -n}: no GetSessionToken
 * @param region    {@code --region}: the region handed on, over the profile's
 */
public record TargetRequest(Optional<String> profile, Optional<String> duration, boolean noSession,
        Optional<String> region) {

    /** The profile only ($AWS_PROFILE's without one), planned with the config's defaults: what describe shows. */
    public static TargetRequest profile(Optional<String> profile) {
        return new TargetRequest(profile, Optional.empty(), false, Optional.empty());
    }
}

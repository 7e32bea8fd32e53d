package dev.jvault.target;

import dev.jvault.config.Environment;
import dev.jvault.config.ResolvedProfile;
import dev.jvault.config.SessionPlan;
import dev.jvault.keys.AwsKeys;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a command's credentials come from and where they go, worked out from the config and the
 * environment alone: the profile, its resolved chain, the plan of STS calls, the region handed
 * on, the key its final credentials are cached under, and the child's launch. The full path
 * gets the credentials through the broker, the fast path asks the agent for {@link #finalKey()},
 * describe prints it; all three see the same target.
 *
 * @param warnings notes for the user's terminal: a nested exec, long-lived keys handed on
 */
public record Target(String profile, ResolvedProfile resolved, SessionPlan plan, Optional<String> region,
        List<String> warnings) {

    public Target {
        warnings = List.copyOf(warnings);
    }

    /** The profile whose long-lived keys (or credential_process) start the chain; its sessions are cached under it. */
    public String root() {
        return resolved.source().profile();
    }

    /** The key the final credentials are cached under, for a plan that {@link SessionPlan#makesSessions()}. */
    public String finalKey() {
        return CacheKeys.finalKey(plan);
    }

    /** The child run with these keys in its environment: {@code command}, or $SHELL when it is empty. */
    public ChildLaunch launch(List<String> command, Environment env, AwsKeys keys) {
        return ChildLaunch.of(command, env, ChildEnvironment.variables(profile, keys, region));
    }

    /** The child run with a credential endpoint's variables (see the server) instead of keys. */
    public ChildLaunch launchServed(List<String> command, Environment env, Map<String, String> endpoint) {
        return ChildLaunch.of(command, env, ChildEnvironment.endpointVariables(profile, endpoint, region));
    }
}

package dev.jvault.target;

import dev.jvault.config.ProfileResolver;
import dev.jvault.keys.AwsKeys;
import dev.jvault.text.Shell;
import dev.jvault.text.Timestamps;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * The environment a command gets: the parent's, less every AWS credential or profile setting
 * that could shadow jvault's and jvault's own secrets, plus the short-lived credentials (or the
 * credential endpoint that serves them), the region and the profile name (also as AWS_VAULT,
 * which shell prompts already show).
 */
public final class ChildEnvironment {

    static final List<String> UNSET = List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
            // the older names some SDKs and tools still read
            "AWS_ACCESS_KEY", "AWS_SECRET_KEY",
            "AWS_SECURITY_TOKEN", "AWS_CREDENTIAL_FILE", "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SDK_LOAD_CONFIG",
            "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "AWS_WEB_IDENTITY_TOKEN_FILE",
            "AWS_ROLE_ARN", "AWS_CREDENTIAL_EXPIRATION", "AWS_REGION", "AWS_DEFAULT_REGION", ProfileResolver.OUTER_REGION,
            // a credential endpoint of the parent's, or a switch that would hide jvault's own
            "AWS_EC2_METADATA_SERVICE_ENDPOINT", "AWS_EC2_METADATA_DISABLED",
            // jvault's own secrets
            "JVAULT_FILE_PASSPHRASE", "JVAULT_NEW_FILE_PASSPHRASE", "JVAULT_MFA_TOKEN", "AWS_VAULT_FILE_PASSPHRASE");

    private ChildEnvironment() {
    }

    /** The parent's environment less {@link #UNSET}, plus the given variables. */
    public static Map<String, String> build(Map<String, String> parent, Map<String, String> variables) {
        Map<String, String> env = new HashMap<>(parent);
        UNSET.forEach(env::remove);
        env.putAll(variables);
        return env;
    }

    /**
     * {@link #build} as shell commands, for the launcher to run before its own {@code exec}:
     * unset everything {@link #UNSET} names, then export the given variables.
     */
    public static String shellCommands(Map<String, String> variables) {
        StringBuilder script = new StringBuilder("unset ").append(String.join(" ", UNSET)).append('\n');
        variables.forEach((name, value) -> script.append("export ").append(name).append('=').append(Shell.quoted(value))
                .append('\n'));
        return script.toString();
    }

    /** The variables jvault sets for static credentials, in a stable order; {@code export} prints the same. */
    public static SequencedMap<String, String> variables(String profile, AwsKeys credentials, Optional<String> region) {
        SequencedMap<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
        credentials.sessionToken().ifPresent(token -> env.put("AWS_SESSION_TOKEN", token));
        credentials.expiration().ifPresent(expiration -> env.put("AWS_CREDENTIAL_EXPIRATION", Timestamps.iso8601(expiration)));
        return withProfileAndRegion(env, profile, region);
    }

    /** The variables for a command served by a credential endpoint: where it is, instead of keys. */
    public static SequencedMap<String, String> endpointVariables(String profile, Map<String, String> endpoint,
            Optional<String> region) {
        return withProfileAndRegion(new LinkedHashMap<>(endpoint), profile, region);
    }

    private static SequencedMap<String, String> withProfileAndRegion(SequencedMap<String, String> env, String profile,
            Optional<String> region) {
        region.ifPresent(name -> {
            env.put("AWS_REGION", name);
            env.put("AWS_DEFAULT_REGION", name);
            env.put(ProfileResolver.OUTER_REGION, name); // so a nested exec tells it from a region the user set
        });
        env.put("JVAULT", profile);
        env.put("AWS_VAULT", profile);
        return env;
    }
}

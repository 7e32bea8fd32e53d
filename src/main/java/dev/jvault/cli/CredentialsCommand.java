package dev.jvault.cli;

import dev.jvault.config.AwsConfig;
import dev.jvault.config.CredentialPlan;
import dev.jvault.config.CredentialPlanner;
import dev.jvault.config.Origin;
import dev.jvault.config.PlanOptions;
import dev.jvault.config.ProfileResolver;
import dev.jvault.config.ResolvedProfile;
import dev.jvault.config.RootSource;
import dev.jvault.config.Sourced;
import dev.jvault.config.TargetProfile;
import dev.jvault.config.Timeouts;
import dev.jvault.log.Log;
import dev.jvault.prompt.MfaCodes;
import dev.jvault.prompt.ProfilePicker;
import dev.jvault.sts.CredentialBroker;
import dev.jvault.sts.IssuedCredentials;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * What exec and export share: the options that shape the credentials, and one path from a
 * profile name (or $AWS_PROFILE, or the picker) to credentials, through the same plan,
 * MFA sources, cache and errors.
 */
abstract class CredentialsCommand extends StoreCommand {

    @Option(names = {"-d", "--duration"}, paramLabel = "DURATION",
            description = "How long the credentials last: the role's, or the session's for a profile without one (e.g. 1h, 90m).")
    String duration;

    @Option(names = {"-t", "--mfa-token"}, paramLabel = "CODE", description = "The MFA code, instead of being asked.")
    String mfaToken;

    @Option(names = {"-n", "--no-session"},
            description = "No GetSessionToken: assume roles from the long-lived keys (a plain profile gets the keys themselves).")
    boolean noSession;

    @Option(names = "--region", paramLabel = "REGION", description = "The region to hand on (default: the profile's).")
    String region;

    @Option(names = "--prompt", paramLabel = "DRIVER",
            description = "How to ask for the MFA code: terminal (default, or $JVAULT_PROMPT), ykman, zenity, kdialog, osascript.")
    String prompt;

    /** A profile, the region that goes with it, and the way to its credentials (asked again by the credential server). */
    record Target(String profile, Optional<String> region, CredentialBroker broker, CredentialPlan plan) {
        IssuedCredentials credentials() {
            return broker.credentials(plan);
        }
    }

    Target target(Optional<String> profileArgument) {
        AwsConfig config = root.loadConfig();
        String profile = profileArgument
                .or(() -> TargetProfile.choose(Optional.empty(), root.env()).map(Sourced::value))
                .orElseGet(() -> ProfilePicker.pick(config.profileNames(), root.prompter()));
        root.env().get("JVAULT").ifPresent(outer -> spec.commandLine().getErr().println("jvault: inside jvault exec "
                + outer + " already; " + profile + "'s credentials replace its own"));
        ResolvedProfile resolved = new ProfileResolver(config, root.env()).resolve(profile);
        PlanOptions options = new PlanOptions(Optional.ofNullable(duration).map(d -> new Sourced<>(d, Origin.option("-d"))),
                noSession);
        CredentialPlan plan = new CredentialPlanner(root.env()).plan(resolved, options);
        plan.notes().forEach(note -> Log.debug("note: " + note));
        if (plan.session().isEmpty() && plan.roles().isEmpty() && resolved.source() instanceof RootSource.StoredKeys) {
            spec.commandLine().getErr().println("jvault: warning: --no-session on a profile without a role hands on the"
                    + " long-lived keys of " + profile + " themselves, not short-lived ones");
        }
        MfaCodes mfa = new MfaCodes(Optional.ofNullable(mfaToken), resolved.mfaProcess(),
                Optional.ofNullable(prompt).or(() -> root.env().get("JVAULT_PROMPT")).orElse("terminal"), root.prompter(),
                Timeouts.helper(root.env()));
        return new Target(profile, Optional.ofNullable(region).or(() -> resolved.region().map(Sourced::value)),
                CredentialBroker.standard(credentials().store(), mfa, root.env()), plan);
    }
}

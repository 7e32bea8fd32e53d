package dev.jvault.credentials;

import dev.jvault.config.AwsConfig;
import dev.jvault.config.CredentialPlan;
import dev.jvault.config.CredentialPlanner;
import dev.jvault.config.Environment;
import dev.jvault.config.Origin;
import dev.jvault.config.PlanOptions;
import dev.jvault.config.ProfileResolver;
import dev.jvault.config.ResolvedProfile;
import dev.jvault.config.Sourced;
import dev.jvault.config.TargetProfile;
import dev.jvault.config.Timeouts;
import dev.jvault.error.ExitStatus;
import dev.jvault.log.Log;
import dev.jvault.prompt.MfaCodes;
import dev.jvault.prompt.ProfilePicker;
import dev.jvault.prompt.Prompter;
import dev.jvault.store.CredentialStore;
import dev.jvault.store.ItemKey;
import dev.jvault.sts.CredentialBroker;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one way from a request to credentials, for every command and server: which profile
 * (the argument, $AWS_PROFILE, or the picker), its chain and plan, where MFA codes come from,
 * and the broker that serves them from the cache or STS.
 */
public final class CredentialService {

    private final Environment env;
    private final AwsConfig config;
    private final CredentialStore store;
    private final Prompter prompter;

    public CredentialService(Environment env, AwsConfig config, CredentialStore store, Prompter prompter) {
        this.env = env;
        this.config = config;
        this.store = store;
        this.prompter = prompter;
    }

    public ProfileCredentials resolve(CredentialRequest request) {
        // Option values first: a wrong one is an error even when a cached session means no prompt.
        Optional<String> mfaToken = request.mfaToken().map(code -> MfaCodes.validCode(code, "--mfa-token", ExitStatus.USAGE));
        String driver = request.promptDriver().map(name -> MfaCodes.validDriver(name, "--prompt", ExitStatus.USAGE))
                .or(() -> env.sourced("JVAULT_PROMPT").map(name -> MfaCodes.validDriver(name.value(),
                        name.origin().toString(), ExitStatus.CONFIG)))
                .orElse("terminal");
        String profile = request.profile()
                .or(() -> TargetProfile.choose(Optional.empty(), env).map(Sourced::value))
                .orElseGet(() -> ProfilePicker.pick(config.profileNames(), prompter));
        List<String> warnings = new ArrayList<>();
        env.get("JVAULT").ifPresent(outer -> warnings.add("inside jvault exec " + outer + " already; " + profile
                + "'s credentials replace its own"));
        ResolvedProfile resolved = new ProfileResolver(config, env, name -> store.get(ItemKey.keys(name)).isPresent())
                .resolve(profile);
        PlanOptions options = new PlanOptions(request.duration().map(d -> new Sourced<>(d, Origin.option("-d"))),
                request.noSession());
        CredentialPlan plan = new CredentialPlanner(env).plan(resolved, options);
        plan.notes().forEach(note -> Log.debug("note: " + note));
        if (plan.handsOnLongLivedKeys()) {
            warnings.add("warning: --no-session on a profile without a role hands on the long-lived keys of " + profile
                    + " themselves, not short-lived ones");
        }
        return new ProfileCredentials(profile,
                request.region().or(() -> resolved.region().map(Sourced::value)), plan,
                CredentialBroker.standard(store, env),
                first -> new MfaCodes(first ? mfaToken : Optional.empty(), resolved.mfaProcess(), driver, prompter,
                        Timeouts.helper(env)),
                driver.equals("terminal") && resolved.mfaProcess().isEmpty(), warnings);
    }
}

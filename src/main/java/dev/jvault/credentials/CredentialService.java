package dev.jvault.credentials;

import dev.jvault.config.AwsConfig;
import dev.jvault.config.Environment;
import dev.jvault.config.Sourced;
import dev.jvault.config.Timeouts;
import dev.jvault.error.ExitStatus;
import dev.jvault.prompt.MfaCodes;
import dev.jvault.prompt.ProfilePicker;
import dev.jvault.prompt.Prompter;
import dev.jvault.sso.SignInOptions;
import dev.jvault.sso.SsoRoles;
import dev.jvault.sso.SsoTokens;
import dev.jvault.store.CredentialStore;
import dev.jvault.store.ItemKey;
import dev.jvault.target.Target;
import dev.jvault.target.TargetStage;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The one way from a request to credentials, for every command and server: the target (see
 * {@link TargetStage}; the picker when no profile is named, the store for where chains start),
 * where MFA codes come from, and the broker that serves them from the cache or STS.
 */
public final class CredentialService {

    private final Environment env;
    private final AwsConfig config;
    private final CredentialStore store;
    private final Prompter prompter;
    private final Consumer<String> signInLines;

    /** @param signInLines where an IAM Identity Center sign-in's link and code are shown (stderr) */
    public CredentialService(Environment env, AwsConfig config, CredentialStore store, Prompter prompter,
            Consumer<String> signInLines) {
        this.env = env;
        this.config = config;
        this.store = store;
        this.prompter = prompter;
        this.signInLines = signInLines;
    }

    public ProfileCredentials resolve(CredentialRequest request) {
        // Option values first: a wrong one is an error even when a cached session means no prompt.
        Optional<String> mfaToken = request.mfaToken().map(code -> MfaCodes.validCode(code, "--mfa-token", ExitStatus.USAGE));
        String driver = MfaCodes.driver(request.promptDriver(), env);
        Target target = new TargetStage(env, config, name -> store.get(ItemKey.keys(name)).isPresent())
                .target(request.target(), names -> ProfilePicker.pick(names, prompter));
        Optional<Sourced<String>> mfaProcess = target.resolved().mfaProcess();
        return new ProfileCredentials(target, CredentialBroker.standard(store, env, ssoRoles(target)),
                first -> new MfaCodes(first ? mfaToken : Optional.empty(), mfaProcess, driver, prompter,
                        Timeouts.helper(env)),
                driver.equals("terminal") && mfaProcess.isEmpty());
    }

    /**
     * IAM Identity Center roles, signing in by themselves when a terminal is at hand (the
     * browser is the user's; the terminal says a person is there to use it), else failing at
     * once with the command that signs in.
     */
    private SsoRoles ssoRoles(Target target) {
        SsoTokens.Policy policy = new SsoTokens.Policy(prompter.available(), "jvault sso login " + target.root(),
                new SignInOptions(Optional.empty(), true, false, Timeouts.ssoSignIn(env), signInLines),
                env.get("JVAULT_SSO_WRITE_AWS_CACHE").filter("true"::equalsIgnoreCase).isPresent());
        return new SsoRoles(SsoTokens.standard(store, env, policy));
    }
}

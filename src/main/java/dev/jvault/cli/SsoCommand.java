package dev.jvault.cli;

import dev.jvault.config.AwsConfig;
import dev.jvault.config.ProfileResolver;
import dev.jvault.config.SsoSession;
import dev.jvault.config.TargetProfile;
import dev.jvault.config.Timeouts;
import dev.jvault.error.ExitStatus;
import dev.jvault.sso.SignInOptions;
import dev.jvault.sso.SsoAccounts;
import dev.jvault.sso.SsoSignOut;
import dev.jvault.sso.SsoTokens;
import dev.jvault.store.StoredItem;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sso",
        header = "Sign in to IAM Identity Center (SSO), sign out, or list your accounts and roles.",
        footer = {"", "Examples:", "  jvault sso login --sso-session corp", "  jvault sso login dev --use-device-code --no-browser",
            "  jvault sso profiles --sso-session corp >> ~/.aws/config   # review it first", "  jvault sso logout --all"},
        mixinStandardHelpOptions = true,
        description = {
            "login    signs in once for the sso-session of PROFILE (or --sso-session NAME);",
            "         every profile of that session, and every jvault at once, then uses",
            "         its token, refreshed without a browser while the sign-in lasts.",
            "         The link (and the device flow's code) is printed on stderr, and opened",
            "         in the browser unless --no-browser. exec, export and login sign in",
            "         by themselves when a terminal is at hand.",
            "logout   ends the sign-in, removes its token from jvault's store and from the",
            "         AWS CLI's cache, and drops the role credentials made with it.",
            "profiles lists the accounts and roles the sign-in may use, as config sections",
            "         for ~/.aws/config on stdout; jvault never edits the file itself.",
            "Tokens live in jvault's store, like keys. docs/sso.md has the whole story."})
final class SsoCommand extends StoreCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");

    static final List<String> ACTIONS = List.of("login", "logout", "profiles");

    @Parameters(index = "0", paramLabel = "login|logout|profiles", description = "What to do.",
            completionCandidates = Candidates.SsoActions.class)
    String action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PROFILE",
            description = "A profile of the sign-in (default: $AWS_PROFILE).")
    String profile;

    @Option(names = "--sso-session", paramLabel = "NAME", description = "The [sso-session NAME] to use instead of a profile's.")
    String ssoSession;

    @Option(names = "--use-device-code", description = "Sign in with the device flow (a code to check) instead of a redirect.")
    boolean deviceCode;

    @Option(names = "--no-browser", description = "Print the link only; open no browser.")
    boolean noBrowser;

    @Option(names = "--browser", paramLabel = "CMD",
            description = "The command that opens the link (default: $BROWSER, else xdg-open, sensible-browser or open).")
    String browser;

    @Option(names = "--write-aws-cache",
            description = "Also write the token where the AWS CLI reads it (~/.aws/sso/cache), so aws --profile works"
                    + " without a second sign-in (default: $JVAULT_SSO_WRITE_AWS_CACHE).")
    boolean writeAwsCache;

    @Option(names = "--all", description = "logout: every sign-in the config names, and every token jvault keeps.")
    boolean all;

    @Override
    public Integer call() {
        AwsConfig config = root.loadConfig();
        switch (action) {
            case "login" -> {
                SsoSession session = session(config);
                StoredItem.SsoToken token = tokens(true).signInAnew(session);
                say("signed in to IAM Identity Center (" + session.label() + ") until "
                        + TIME.format(token.expiresAt().atZone(ZoneId.systemDefault()))
                        + (token.refreshToken().isPresent() ? "; refreshed without a browser after that" : ""));
            }
            case "logout" -> {
                SsoSignOut signOut = new SsoSignOut(config, root.env(), store().backend(), tokens(false));
                Collection<SsoSession> sessions = all ? signOut.configuredSessions().values() : List.of(session(config));
                int removed = sessions.stream().mapToInt(signOut::logout).sum() + (all ? signOut.removeOtherTokens() : 0);
                say("signed out of " + sessions.size() + " IAM Identity Center sign-in(s); removed " + removed
                        + " token(s) and role credential(s)");
            }
            case "profiles" -> {
                SsoSession session = session(config);
                SsoTokens tokens = tokens(true);
                show(SsoAccounts.configSections(session, new SsoAccounts(tokens)
                        .list(session)).stripTrailing());
            }
            default -> throw usage("the sso action is " + String.join(", ", ACTIONS) + ", not '" + action + "'");
        }
        return ExitStatus.OK.code();
    }

    /** --sso-session NAME, else the profile's (named, else $AWS_PROFILE). */
    private SsoSession session(AwsConfig config) {
        ProfileResolver resolver = new ProfileResolver(config, root.env(), name -> false);
        if (ssoSession != null) {
            if (profile != null) {
                throw usage("name a profile or --sso-session, not both");
            }
            return resolver.ssoSessionNamed(ssoSession);
        }
        String name = TargetProfile.choose(Optional.ofNullable(profile), root.env())
                .orElseThrow(() -> usage("name a profile or --sso-session NAME (or set AWS_PROFILE)")).value();
        return resolver.ssoSession(name);
    }

    private SsoTokens tokens(boolean signInAllowed) {
        SignInOptions options = new SignInOptions(Optional.ofNullable(browser), !noBrowser, deviceCode,
                Timeouts.ssoSignIn(root.env()), this::tell);
        boolean toAwsCli = writeAwsCache || root.env().get("JVAULT_SSO_WRITE_AWS_CACHE").filter("true"::equalsIgnoreCase)
                .isPresent();
        return SsoTokens.standard(store().backend(), root.env(),
                new SsoTokens.Policy(signInAllowed, "jvault sso login", options, toAwsCli));
    }
}

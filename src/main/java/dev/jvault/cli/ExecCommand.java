package dev.jvault.cli;

import dev.jvault.config.AwsConfig;
import dev.jvault.config.CredentialPlan;
import dev.jvault.config.CredentialPlanner;
import dev.jvault.config.Origin;
import dev.jvault.config.PlanOptions;
import dev.jvault.config.ProfileResolver;
import dev.jvault.config.Sourced;
import dev.jvault.config.TargetProfile;
import dev.jvault.exec.ChildEnvironment;
import dev.jvault.exec.CommandPath;
import dev.jvault.log.Log;
import dev.jvault.prompt.MfaCodes;
import dev.jvault.prompt.ProfilePicker;
import dev.jvault.sts.CredentialBroker;
import dev.jvault.sts.IssuedCredentials;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "exec", mixinStandardHelpOptions = true,
        description = {
            "Run a command with short-lived credentials for PROFILE in its environment.",
            "Asks for the MFA code when a new session is needed, else reuses the cached one.",
            "PROFILE defaults to $AWS_PROFILE, else you pick one; COMMAND defaults to $SHELL.",
            "Everything after PROFILE is the command's: jvault exec dev-1 aws s3 ls --human.",
            "",
            "Exit status as env(1): the command's own; 125 when jvault fails; 126 not",
            "executable; 127 not found; 128+N when signal N ended it."})
final class ExecCommand extends StoreCommand implements Callable<Integer> {

    @Option(names = {"-d", "--duration"}, paramLabel = "DURATION",
            description = "How long the credentials last: the role's, or the session's for a profile without one (e.g. 1h, 90m).")
    String duration;

    @Option(names = {"-t", "--mfa-token"}, paramLabel = "CODE", description = "The MFA code, instead of being asked.")
    String mfaToken;

    @Option(names = {"-n", "--no-session"},
            description = "No GetSessionToken: assume roles from the long-lived keys (a plain profile gets the keys themselves).")
    boolean noSession;

    @Option(names = "--region", paramLabel = "REGION", description = "The region the command gets (default: the profile's).")
    String region;

    @Option(names = "--prompt", paramLabel = "DRIVER",
            description = "How to ask for the MFA code: terminal (default, or $JVAULT_PROMPT), ykman, zenity, kdialog, osascript.")
    String prompt;

    @Parameters(paramLabel = "PROFILE [COMMAND [ARG...]]", arity = "0..*")
    List<String> words = new ArrayList<>();

    @Override
    public Integer call() {
        AwsConfig config = root.loadConfig();
        Invocation invocation = invocation();
        String profile = invocation.profile()
                .or(() -> TargetProfile.choose(Optional.empty(), root.env()).map(Sourced::value))
                .orElseGet(() -> ProfilePicker.pick(config.profileNames(), root.prompter()));
        root.env().get("JVAULT").ifPresent(outer -> spec.commandLine().getErr().println("jvault: inside jvault exec "
                + outer + " already; " + profile + "'s credentials replace its own"));

        var resolved = new ProfileResolver(config, root.env()).resolve(profile);
        PlanOptions options = new PlanOptions(Optional.ofNullable(duration).map(d -> new Sourced<>(d, Origin.option("-d"))),
                noSession);
        CredentialPlan plan = new CredentialPlanner(root.env()).plan(resolved, options);
        plan.notes().forEach(note -> Log.debug("note: " + note));
        MfaCodes mfa = new MfaCodes(Optional.ofNullable(mfaToken), resolved.mfaProcess(),
                Optional.ofNullable(prompt).or(() -> root.env().get("JVAULT_PROMPT")).orElse("terminal"), root.prompter());
        IssuedCredentials credentials = CredentialBroker.standard(credentials().store(), mfa, root.env()).credentials(plan);

        Map<String, String> env = ChildEnvironment.build(root.env().variables(), profile, credentials,
                Optional.ofNullable(region).or(() -> resolved.region().map(Sourced::value)));
        List<String> command = invocation.command().isEmpty()
                ? List.of(root.env().get("SHELL").orElse("/bin/sh")) : invocation.command();
        Path program = CommandPath.resolve(command.getFirst(), Optional.ofNullable(env.get("PATH")));
        Log.debug("running " + program + " with " + profile + "'s credentials");
        return root.launcher().run(program, command, env);
    }

    /** The profile, unless the words start with the command (after a "--" that came first). */
    private record Invocation(Optional<String> profile, List<String> command) {
    }

    private Invocation invocation() {
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        int firstWord = args.size() - words.size();
        boolean profileOmitted = words.isEmpty() || (firstWord > 0 && args.get(firstWord - 1).equals("--"));
        if (profileOmitted) {
            return new Invocation(Optional.empty(), List.copyOf(words));
        }
        return new Invocation(Optional.of(words.getFirst()), List.copyOf(words.subList(1, words.size())));
    }
}

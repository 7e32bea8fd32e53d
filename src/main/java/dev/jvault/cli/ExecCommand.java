package dev.jvault.cli;

import dev.jvault.credentials.ProfileCredentials;
import dev.jvault.exec.ChildEnvironment;
import dev.jvault.exec.CommandPath;
import dev.jvault.exec.SubprocessLauncher;
import dev.jvault.log.Log;
import dev.jvault.server.CredentialServer;
import dev.jvault.server.RefreshingCredentials;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "exec",
        footer = {"", "Examples:", "  jvault exec dev-1 -- aws s3 ls", "  jvault exec dev-2 -t 123456 -- terraform plan", "  jvault exec dev-1 --server -- ./long-running-job.sh"}, mixinStandardHelpOptions = true,
        description = {
            "Run a command with short-lived credentials for PROFILE in its environment.",
            "Asks for the MFA code when a new session is needed, else reuses the cached one.",
            "PROFILE defaults to $AWS_PROFILE, else you pick one; COMMAND defaults to $SHELL.",
            "Everything after PROFILE is the command's: jvault exec dev-1 aws s3 ls --human.",
            "",
            "With --server or --ec2-server the command runs as a child and gets its",
            "credentials, renewed before they expire, from a loopback endpoint instead.",
            "",
            "Exit status as env(1): the command's own; 125 when jvault fails; 126 not",
            "executable; 127 not found; 128+N when signal N ended it."})
final class ExecCommand extends CredentialsCommand implements Callable<Integer> {

    @Option(names = {"-s", "--server", "--ecs-server"}, description = "Serve renewing credentials from a loopback endpoint (container-credentials"
            + " shape; --ecs-server is aws-vault's name) instead of putting keys in the environment: for commands that"
            + " outlive an hour.")
    boolean server;

    @Option(names = "--ec2-server", description = "The same, in the EC2 instance-metadata shape (IMDSv2).")
    boolean ec2Server;

    @Parameters(paramLabel = "PROFILE [COMMAND [ARG...]]", arity = "0..*")
    List<String> words = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        if (server && ec2Server) {
            throw usage("choose one of --server and --ec2-server");
        }
        Invocation invocation = invocation();
        ProfileCredentials target = credentialsFor(invocation.profile());
        List<String> command = invocation.command().isEmpty()
                ? List.of(root.env().get("SHELL").orElse("/bin/sh")) : invocation.command();
        if (server || ec2Server) {
            if (target.plan().handsOnLongLivedKeys()) {
                throw usage("--no-session on " + target.profile() + ", which has no role, would serve its long-lived keys"
                        + " themselves: a credential endpoint serves only short-lived credentials; drop --no-session");
            }
            return serve(target, command, server ? CredentialServer.Mode.CONTAINER : CredentialServer.Mode.EC2);
        }
        Map<String, String> env = ChildEnvironment.build(root.env().variables(),
                ChildEnvironment.variables(target.profile(), target.current(), target.region()));
        Path program = CommandPath.resolve(command.getFirst(), Optional.ofNullable(env.get("PATH")));
        Log.debug("running " + program + " with " + target.profile() + "'s credentials");
        return root.launcher().run(program, command, env);
    }

    /** The command as a subprocess, served by a credential endpoint that lives exactly as long. */
    private int serve(ProfileCredentials target, List<String> command, CredentialServer.Mode mode) throws IOException {
        if (target.asksCodesOnTerminal()) {
            say("note: when the MFA session ends while the command runs, jvault"
                    + " asks for a new code on this terminal, over the command's output; --prompt ykman, zenity, kdialog"
                    + " or osascript asks elsewhere");
        }
        RefreshingCredentials credentials = new RefreshingCredentials(target::current, Clock.systemUTC(), target.minimumTtl());
        credentials.current(); // any MFA prompt now, before the command starts
        try (CredentialServer endpoint = CredentialServer.start(mode, credentials, "jvault-" + target.profile(),
                Clock.systemUTC())) {
            Map<String, String> env = ChildEnvironment.build(root.env().variables(),
                    ChildEnvironment.endpointVariables(target.profile(), endpoint.childVariables(), target.region()));
            Path program = CommandPath.resolve(command.getFirst(), Optional.ofNullable(env.get("PATH")));
            return new SubprocessLauncher().run(program, command, env);
        }
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

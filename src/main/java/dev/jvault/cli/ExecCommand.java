package dev.jvault.cli;

import dev.jvault.credentials.ExportFormat;
import dev.jvault.credentials.ProfileCredentials;
import dev.jvault.error.ExitStatus;
import dev.jvault.exec.SubprocessLauncher;
import dev.jvault.log.Log;
import dev.jvault.server.CredentialServer;
import dev.jvault.server.RenewingKeys;
import dev.jvault.target.ChildLaunch;
import dev.jvault.target.CommandWords;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
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
final class ExecCommand extends TargetCommand implements Callable<Integer> {

    @Option(names = {"-s", "--server", "--ecs-server"}, description = "Serve renewing credentials from a loopback endpoint (container-credentials"
            + " shape; --ecs-server is aws-vault's name) instead of putting keys in the environment: for commands that"
            + " outlive an hour.")
    boolean server;

    @Option(names = "--ec2-server", description = "The same, in the EC2 instance-metadata shape (IMDSv2).")
    boolean ec2Server;

    @Option(names = {"-j", "--json"}, description = "Run nothing: print the credentials as credential_process JSON"
            + " (aws-vault's older form of export --format json).")
    boolean json;

    @Parameters(paramLabel = "PROFILE [COMMAND [ARG...]]", arity = "0..*",
            description = "The profile (default: $AWS_PROFILE, else the picker), then the command and its arguments (default: $SHELL).")
    List<String> words = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        if (server && ec2Server) {
            throw usage("choose one of --server and --ec2-server");
        }
        CommandWords invocation = ExecArguments.split(spec.commandLine().getParseResult().originalArgs(), spec)
                .orElseThrow().words();
        if (json && (server || ec2Server || !invocation.command().isEmpty())) {
            throw usage("--json prints the credentials and runs nothing: drop the command" + (server || ec2Server
                    ? " and --server" : "") + ", or --json");
        }
        ProfileCredentials target = credentialsFor(invocation.operand());
        if (json) {
            out().print(ExportFormat.JSON.render(target.profile(), target.current(), target.region()));
            return ExitStatus.OK.code();
        }
        if (server || ec2Server) {
            if (target.plan().handsOnLongLivedKeys()) {
                throw usage("--no-session on " + target.profile() + ", which has no role, would serve its long-lived keys"
                        + " themselves: a credential endpoint serves only short-lived credentials; drop --no-session");
            }
            return serve(target, invocation.command(), server ? CredentialServer.Mode.CONTAINER : CredentialServer.Mode.EC2);
        }
        ChildLaunch launch = target.target().launch(invocation.command(), root.env(), target.current());
        Log.debug("running " + launch.program() + " with " + target.profile() + "'s credentials");
        return root.launcher().run(launch.program(), launch.command(), launch.environment());
    }

    /** The command as a subprocess, served by a credential endpoint that lives exactly as long. */
    private int serve(ProfileCredentials target, List<String> command, CredentialServer.Mode mode) throws IOException {
        if (target.asksCodesOnTerminal() && root.prompter().available()) { // without a terminal it would only be noise
            say("note: when the MFA session ends while the command runs, jvault"
                    + " asks for a new code on this terminal, over the command's output; --prompt ykman, zenity, kdialog"
                    + " or osascript asks elsewhere");
        }
        RenewingKeys credentials = new RenewingKeys(target::current, Clock.systemUTC(), target.minimumTtl());
        credentials.current(); // any MFA prompt now, before the command starts
        try (CredentialServer endpoint = CredentialServer.start(mode, credentials, "jvault-" + target.profile(),
                Clock.systemUTC())) {
            ChildLaunch launch = target.target().launchServed(command, root.env(), endpoint.childVariables());
            return new SubprocessLauncher().run(launch.program(), launch.command(), launch.environment());
        }
    }
}

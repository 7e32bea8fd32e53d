package dev.jvault.cli;

import dev.jvault.exec.ChildEnvironment;
import dev.jvault.exec.CommandPath;
import dev.jvault.log.Log;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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
final class ExecCommand extends CredentialsCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PROFILE [COMMAND [ARG...]]", arity = "0..*")
    List<String> words = new ArrayList<>();

    @Override
    public Integer call() {
        Invocation invocation = invocation();
        Credentials credentials = credentialsFor(invocation.profile());
        Map<String, String> env = ChildEnvironment.build(root.env().variables(), credentials.profile(),
                credentials.credentials(), credentials.region());
        List<String> command = invocation.command().isEmpty()
                ? List.of(root.env().get("SHELL").orElse("/bin/sh")) : invocation.command();
        Path program = CommandPath.resolve(command.getFirst(), Optional.ofNullable(env.get("PATH")));
        Log.debug("running " + program + " with " + credentials.profile() + "'s credentials");
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

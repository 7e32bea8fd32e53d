package dev.jvault.cli;

import dev.jvault.browser.Browser;
import dev.jvault.console.ConsoleLogin;
import dev.jvault.error.ExitStatus;
import dev.jvault.error.JvaultException;
import java.io.Console;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "login",
        footer = {"", "Examples:", "  jvault login dev-1", "  jvault login dev-1 --path /s3/home", "  jvault login dev-1 --stdout | pbcopy"}, mixinStandardHelpOptions = true,
        description = {
            "Open the AWS console signed in as PROFILE, with the same credentials exec gets.",
            "A role profile signs in as the role (a role assumed from temporary credentials",
            "for at most 1h, as the console allows). A profile without a role signs in with a",
            "federation token from its long-lived keys: it can do what the user's own",
            "policies allow, but carries no MFA and cannot call IAM or STS, so anything that",
            "needs MFA fails there. The sign-in URL is a bearer credential for 15 minutes:",
            "--stdout prints it instead of opening it (with a warning on a terminal).",
            "JVAULT_SIGNIN_ENDPOINT overrides the federation endpoint (tests, private",
            "partitions)."})
final class LoginCommand extends TargetCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "PROFILE",
            description = "Default: $AWS_PROFILE, else you pick one (without a terminal: [default]).")
    String profile;

    @Option(names = {"-s", "--stdout"}, description = "Print the sign-in URL instead of opening a browser.")
    boolean stdout;

    @Option(names = "--path", paramLabel = "PATH", description = "A console page to open, e.g. /s3/home (default: the console home).")
    String path;

    @Option(names = "--browser", paramLabel = "CMD",
            description = "The command that opens the URL (default: $BROWSER, else xdg-open, sensible-browser or open).")
    String browser;

    @Override
    public Integer call() {
        ConsoleLogin.Login login = new ConsoleLogin(root.env(), Clock.systemUTC())
                .login(credentialsFor(Optional.ofNullable(profile)), Optional.ofNullable(path));
        login.notes().forEach(note -> say("note: " + note));
        URI url = login.url();
        if (stdout) {
            Console console = System.console();
            if (console != null && console.isTerminal()) {
                say("warning: this URL signs whoever has it in to the console"
                        + " for 15 minutes: do not paste it anywhere others can read");
            }
            out().println(url);
            return ExitStatus.OK.code();
        }
        try {
            Browser.open(url, Optional.ofNullable(browser), root.env());
        } catch (JvaultException e) {
            out().println(url);
            throw e;
        }
        return ExitStatus.OK.code();
    }
}

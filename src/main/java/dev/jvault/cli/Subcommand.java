package dev.jvault.cli;

import dev.jvault.text.TerminalText;
import java.io.PrintWriter;
import picocli.CommandLine;

/** What every subcommand gets from picocli: the root command (environment, prompter, config) and its output. */
abstract class Subcommand {

    @CommandLine.ParentCommand
    JvaultCommand root;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Text for people on stdout, a line at a time, each through {@link TerminalText#escape}: it quotes names and paths. */
    void show(String text) {
        text.lines().forEach(line -> out().println(TerminalText.escape(line)));
    }

    /** A line about jvault itself on stderr, "jvault: " first, secrets masked and control characters escaped. */
    void say(String line) {
        JvaultCommand.say(spec.commandLine().getErr(), line);
    }

    /**
     * A line of a sign-in on stderr, escaped but not masked: a sign-in link carries no secret,
     * and the masking of random-looking runs would break it.
     */
    void tell(String line) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(TerminalText.escape(line));
        err.flush();
    }

    CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}

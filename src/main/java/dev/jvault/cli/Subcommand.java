package dev.jvault.cli;

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

    CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}

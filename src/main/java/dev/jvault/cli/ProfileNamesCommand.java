package dev.jvault.cli;

import dev.jvault.error.ExitStatus;
import dev.jvault.text.TerminalText;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * For the completion scripts: the profile names from the config files, one a line; no store, no
 * prompt, no warning. A name with a control character (a line break, an escape) is left out: it
 * could not be typed, and would reach the terminal raw.
 */
@Command(name = "__profiles", hidden = true)
final class ProfileNamesCommand extends Subcommand implements Callable<Integer> {

    @Override
    public Integer call() {
        root.loadConfig().profileNames().stream().filter(name -> TerminalText.escape(name).equals(name))
                .forEach(out()::println);
        return ExitStatus.OK.code();
    }
}

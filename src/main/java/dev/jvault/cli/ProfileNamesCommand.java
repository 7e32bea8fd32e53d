package dev.jvault.cli;

import dev.jvault.error.ExitStatus;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** For the completion scripts: the profile names from the config files, one a line; no store, no prompt, no warning. */
@Command(name = "__profiles", hidden = true)
final class ProfileNamesCommand extends Subcommand implements Callable<Integer> {

    @Override
    public Integer call() {
        root.loadConfig().profileNames().forEach(out()::println);
        return ExitStatus.OK.code();
    }
}

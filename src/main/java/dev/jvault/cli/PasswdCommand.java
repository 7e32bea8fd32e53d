package dev.jvault.cli;

import dev.jvault.error.ExitStatus;
import dev.jvault.store.file.FileStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "passwd",
        header = "Change the vault file's passphrase.",
        footer = {"", "Examples:", "  jvault passwd", "  JVAULT_NEW_FILE_PASSPHRASE=... jvault passwd    # in a script"}, mixinStandardHelpOptions = true,
        description = {
            "The current one comes from the usual sources",
            "($JVAULT_FILE_PASSPHRASE, $JVAULT_PASSPHRASE_COMMAND, the terminal), even while",
            "the agent holds the vault key; the new one from $JVAULT_NEW_FILE_PASSPHRASE or",
            "the terminal (asked twice; the current one is refused)."})
final class PasswdCommand extends StoreCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        FileStore vault = selection().vault();
        vault.changePassphrase();
        show("Changed the passphrase of " + vault.describe() + ".");
        return ExitStatus.OK.code();
    }
}

package dev.jvault.cli;

import dev.jvault.error.ExitStatus;
import dev.jvault.store.StoreEdits;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "clear",
        footer = {"", "Examples:", "  jvault clear", "  jvault clear dev-1"}, mixinStandardHelpOptions = true,
        description = "Drop cached sessions: all of them, or those made from or for PROFILE. Keys stay.")
final class ClearCommand extends StoreCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "PROFILE",
            description = "The profile whose sessions to drop: those made for it and those made from its keys (default: all).")
    String profile;

    @Override
    public Integer call() {
        if (profile != null) {
            root.loadConfig().require(profile); // a typo is named (with the closest names) before the store is opened
        }
        StoreEdits edits = store();
        int cleared = edits.clearSessions(Optional.ofNullable(profile));
        show("Cleared " + cleared + " cached session(s)"
                + (profile == null ? "" : " of " + profile) + " from " + edits.backend().describe() + ".");
        return ExitStatus.OK.code();
    }
}

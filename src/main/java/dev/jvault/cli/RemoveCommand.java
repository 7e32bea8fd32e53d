package dev.jvault.cli;

import dev.jvault.error.ExitStatus;
import dev.jvault.error.JvaultException;
import dev.jvault.prompt.Prompter;
import dev.jvault.store.ItemInfo;
import dev.jvault.store.StoreEdits;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "remove", aliases = "rm",
        footer = {"", "Examples:", "  jvault remove main", "  jvault remove main --sessions-only -f"}, mixinStandardHelpOptions = true,
        description = "Remove a profile's stored keys and the sessions cached from or for it.")
final class RemoveCommand extends StoreCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PROFILE", description = "The profile whose stored keys (and cached sessions) to remove.")
    String profile;

    @Option(names = {"-f", "--force"}, description = "Do not ask for confirmation.")
    boolean force;

    @Option(names = {"-s", "--sessions-only"}, description = "Keep the keys; remove only cached sessions.")
    boolean sessionsOnly;

    @Override
    public Integer call() {
        StoreEdits edits = store();
        if (!force) {
            List<ItemInfo> items = edits.itemsOf(profile, sessionsOnly);
            if (!items.isEmpty() && !confirm(items, edits)) {
                show("Nothing changed.");
                return ExitStatus.DECLINED.code();
            }
        }
        int removed = edits.remove(profile, sessionsOnly);
        show("Removed " + removed + " item(s) of " + profile + " from "
                + edits.backend().describe() + ".");
        return ExitStatus.OK.code();
    }

    private boolean confirm(List<ItemInfo> items, StoreEdits edits) {
        Prompter prompter = root.prompter();
        if (!prompter.available()) {
            throw new JvaultException(ExitStatus.UNAVAILABLE, "no terminal to confirm removing " + items.size()
                    + " item(s) of " + profile + ": add -f to remove without asking");
        }
        items.forEach(item -> prompter.tell("  " + item.profile() + ": " + item.description()));
        return prompter.confirm("Remove these from " + edits.backend().describe() + "?");
    }
}

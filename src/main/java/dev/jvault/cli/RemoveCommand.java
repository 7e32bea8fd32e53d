package dev.jvault.cli;

import dev.jvault.error.ExitStatus;
import dev.jvault.prompt.Prompter;
import dev.jvault.store.ItemInfo;
import dev.jvault.store.StoreException;
import dev.jvault.store.StoredCredentials;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "remove",
        footer = {"", "Examples:", "  jvault remove main", "  jvault remove main --sessions-only -f"}, mixinStandardHelpOptions = true,
        description = "Remove a profile's stored keys and the sessions cached from or for it.")
final class RemoveCommand extends StoreCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PROFILE")
    String profile;

    @Option(names = {"-f", "--force"}, description = "Do not ask for confirmation.")
    boolean force;

    @Option(names = "--sessions-only", description = "Keep the keys; remove only cached sessions.")
    boolean sessionsOnly;

    @Override
    public Integer call() {
        StoredCredentials credentials = credentials();
        if (!force) {
            List<ItemInfo> items = credentials.itemsOf(profile, sessionsOnly);
            if (!items.isEmpty() && !confirm(items, credentials)) {
                show("Nothing changed.");
                return ExitStatus.DECLINED.code();
            }
        }
        int removed = credentials.remove(profile, sessionsOnly);
        show("Removed " + removed + " item(s) of " + profile + " from "
                + credentials.store().describe() + ".");
        return ExitStatus.OK.code();
    }

    private boolean confirm(List<ItemInfo> items, StoredCredentials credentials) {
        Prompter prompter = root.prompter();
        if (!prompter.available()) {
            throw new StoreException(StoreException.Reason.UNAVAILABLE, "no terminal to confirm removing " + items.size()
                    + " item(s) of " + profile + ": add -f to remove without asking");
        }
        items.forEach(item -> prompter.tell("  " + item.profile() + ": " + item.description()));
        return prompter.confirm("Remove these from " + credentials.store().describe() + "?");
    }
}

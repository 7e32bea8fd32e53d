package dev.jvault.cli;

import dev.jvault.config.AwsConfig;
import dev.jvault.error.ExitStatus;
import dev.jvault.rotate.KeyRotation;
import dev.jvault.store.CredentialStore;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "list", aliases = "ls",
        header = "List profiles, the keys stored for them, and cached sessions with the time they have left.",
        footer = {"", "Examples:", "  jvault list", "  jvault list --sessions", "  jvault list --json"}, mixinStandardHelpOptions = true,
        description = {
            "The first line names the store the keys are in. Shows no secret."})
final class ListCommand extends StoreCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true)
    Only only;

    static final class Only {
        @Option(names = "--profiles", description = "Only the profile names from your AWS config.")
        boolean profiles;

        @Option(names = "--credentials", description = "Only the profiles that have stored keys.")
        boolean credentials;

        @Option(names = "--sessions", description = "Only the cached sessions.")
        boolean sessions;
    }

    @Option(names = "--json", description = "Print JSON for scripts.")
    boolean json;

    @Override
    public Integer call() {
        AwsConfig config = root.loadConfig();
        ListView view;
        if (only != null && only.profiles) {
            view = new ListView(config.profileNames(), null, java.util.List.of(), Instant.now());
        } else {
            CredentialStore store = store().backend();
            view = new ListView(config.profileNames(), store.describe(), store.list(), Instant.now());
        }
        String output;
        if (only == null) {
            output = json ? view.json() : view.table();
        } else if (only.profiles) {
            output = view.profileNames(json);
        } else if (only.credentials) {
            output = view.credentialNames(json);
        } else {
            output = view.sessions(json);
        }
        out().print(output);
        KeyRotation.unfinished(KeyRotation.markers(root.env().home())).forEach(profile -> say("note: the key rotation of "
                + profile + " was cut short: jvault rotate " + profile + " finishes it (the stored key works meanwhile)"));
        return ExitStatus.OK.code();
    }
}

package dev.jvault.cli;

import dev.jvault.config.AwsConfig;
import dev.jvault.credentials.KeySources;
import dev.jvault.error.ExitStatus;
import dev.jvault.error.JvaultException;
import dev.jvault.keys.AwsKeys;
import dev.jvault.prompt.Prompter;
import dev.jvault.store.StoreEdits;
import dev.jvault.store.StoredItem;
import dev.jvault.store.select.StoreLocation;
import dev.jvault.store.select.StoreSelection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "add",
        header = "Store a profile's long-lived access keys in the keychain or the encrypted vault file.",
        footer = {"", "Examples:", "  jvault add main", "  jvault add main --env", "  jvault add main --from-credentials-file --remove-from-file"}, mixinStandardHelpOptions = true,
        description = {
            "Asks for them on the terminal (the secret shows as *s), or takes them from the",
            "environment or from ~/.aws/credentials. Keys never come from the command line."})
final class AddCommand extends StoreCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PROFILE", description = "The profile the keys belong to: the root of your chains, e.g. main.")
    String profile;

    @Option(names = "--env", description = "Take the keys from $AWS_ACCESS_KEY_ID and $AWS_SECRET_ACCESS_KEY.")
    boolean fromEnv;

    @Option(names = "--from-credentials-file",
            description = "Import the keys of [PROFILE] in ~/.aws/credentials ($AWS_SHARED_CREDENTIALS_FILE).")
    boolean fromCredentialsFile;

    @Option(names = "--remove-from-file",
            description = "With --from-credentials-file: afterwards, delete those clear-text key lines from the file.")
    boolean removeFromFile;

    @Override
    public Integer call() {
        if (removeFromFile && !fromCredentialsFile) {
            throw usage("--remove-from-file goes with --from-credentials-file");
        }
        if (fromEnv && fromCredentialsFile) {
            throw usage("choose one of --env and --from-credentials-file");
        }
        AwsConfig config = root.loadConfig();
        KeySources sources = new KeySources(root.env(), config, root.prompter());
        sources.requireKeyHolder(profile);
        KeySources.Source source = fromEnv ? KeySources.Source.ENVIRONMENT
                : fromCredentialsFile ? KeySources.Source.CREDENTIALS_FILE : KeySources.Source.TERMINAL;
        // Keys that are not typed are checked before any passphrase is asked; typed ones after "Replace?".
        Optional<StoredItem.LongLivedKeys> given = source == KeySources.Source.TERMINAL ? Optional.empty()
                : Optional.of(sources.read(profile, source));
        StoreSelection selection = selection();
        StoreLocation.Choice choice = selection.choose();
        StoreEdits edits = store(selection, choice);
        var existing = edits.keys(profile);
        if (existing.isPresent() && given.isPresent() && existing.get().sameKeysAs(given.get())) {
            // Nothing to replace (keys imported from aws-vault, say): the file's copy can still go.
            show("The keys for " + profile + " (" + AwsKeys.masked(existing.get().accessKeyId()) + ") are in "
                    + edits.backend().describe() + " already.");
            if (removeFromFile) {
                removeClearTextKeys(config, existing.get());
            }
            return ExitStatus.OK.code();
        }
        // Asked before the new keys are: nobody should type a secret only to answer no.
        if (existing.isPresent() && !confirmReplace(existing.get())) {
            show("Nothing changed.");
            return ExitStatus.DECLINED.code();
        }
        StoredItem.LongLivedKeys keys = given.orElseGet(() -> sources.read(profile, source));
        int dropped = edits.enrol(keys);
        selection.remember(choice);
        show((existing.isPresent() ? "Replaced" : "Added") + " keys for " + profile + " ("
                + AwsKeys.masked(keys.accessKeyId()) + ") in " + edits.backend().describe()
                + (dropped > 0 ? "; dropped " + dropped + " cached session(s) made from the old keys" : ""));
        if (!config.profile(profile).isPresent()) {
            show("Note: " + config.configFile() + " has no [profile " + profile + "]; profiles that use these keys"
                    + " name it in source_profile.");
        }
        if (removeFromFile) {
            removeClearTextKeys(config, keys);
        }
        return ExitStatus.OK.code();
    }

    private boolean confirmReplace(StoredItem.LongLivedKeys existing) {
        Prompter prompter = root.prompter();
        if (!prompter.available()) {
            throw new JvaultException(ExitStatus.UNAVAILABLE, "keys for " + profile + " ("
                    + AwsKeys.masked(existing.accessKeyId()) + ") are stored already and there is no terminal to"
                    + " confirm replacing them: jvault remove " + profile + " -f first");
        }
        return prompter.confirm("Replace the stored keys for " + profile + " (" + AwsKeys.masked(existing.accessKeyId())
                + ")? Its cached sessions are dropped.");
    }

    private void removeClearTextKeys(AwsConfig config, StoredItem.LongLivedKeys keys) {
        List<String> stillHolding = selection().credentialsFile(config.credentialsPath())
                .removeKeys(profile, keys.accessKeyId(), keys.secretAccessKey());
        show("Removed the clear-text keys of [" + profile + "] from " + config.credentialsFile() + ".");
        if (!stillHolding.isEmpty()) {
            say("warning: the same keys are still in clear text in "
                    + stillHolding.stream().map(section -> "[" + section + "]").collect(Collectors.joining(", ")) + " of "
                    + config.credentialsFile() + ": remove those lines too");
        }
    }
}

package dev.jvault.cli;

import dev.jvault.prompt.Passphrases;
import dev.jvault.store.StoreSelection;
import dev.jvault.store.StoredCredentials;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** A subcommand that opens the credential store, with the options that choose it. */
abstract class StoreCommand extends Subcommand {

    @Option(names = "--backend", paramLabel = "keychain|file",
            description = "Where keys are kept (default: $JVAULT_BACKEND, else the backend of your first 'add',"
                    + " else the OS keychain when one answers, else the vault file).")
    String backend;

    @Option(names = "--vault-file", paramLabel = "FILE",
            description = "The encrypted vault file (default: $JVAULT_VAULT_FILE, else ~/.jvault/vault.jvlt).")
    Path vaultFile;

    StoreSelection selection() {
        return new StoreSelection(root.env(), Optional.ofNullable(backend), Optional.ofNullable(vaultFile),
                new Passphrases(root.env(), root.prompter()));
    }

    /** The store the options (or the defaults) choose. */
    StoredCredentials credentials() {
        StoreSelection selection = selection();
        return new StoredCredentials(selection.open(selection.choose()));
    }
}

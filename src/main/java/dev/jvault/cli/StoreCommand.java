package dev.jvault.cli;

import dev.jvault.agent.Agent;
import dev.jvault.config.Timeouts;
import dev.jvault.prompt.Passphrases;
import dev.jvault.store.CredentialStore;
import dev.jvault.store.StoreEdits;
import dev.jvault.store.file.VaultKeyCache;
import dev.jvault.store.select.StoreLocation;
import dev.jvault.store.select.StoreSelection;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * A subcommand that opens the credential store, with the options that choose it. The agent,
 * when there is one, stands in front: its sessions and vault key spare the store and the
 * passphrase (see docs/agent.md).
 */
abstract class StoreCommand extends Subcommand {

    @Option(names = "--vault-file", paramLabel = "FILE",
            description = "The encrypted vault file (default: $JVAULT_VAULT_FILE, else ~/.jvault/vault.jvlt).")
    Path vaultFile;

    private StoreEdits opened;

    private Optional<Agent> agent() {
        return Agent.of(root.env());
    }

    StoreSelection selection() {
        return new StoreSelection(root.env(), root.backend(), Optional.ofNullable(vaultFile),
                new Passphrases(root.env(), root.prompter()), agent().map(Agent::vaultKeys).orElse(VaultKeyCache.NONE));
    }

    /** The store the options (or the defaults) choose, opened only when the agent lacks what is asked; once per command. */
    StoreEdits store() {
        if (opened == null) {
            StoreSelection selection = selection();
            opened = store(selection, selection.choose());
        }
        return opened;
    }

    /** The chosen store, with the agent in front of it answering for that store alone. */
    StoreEdits store(StoreSelection selection, StoreLocation.Choice choice) {
        Supplier<CredentialStore> store = () -> selection.open(choice);
        return new StoreEdits(agent().map(agent -> agent.inFrontOf(store, selection.identity(choice),
                Timeouts.minimumTtl(root.env()))).orElseGet(store));
    }
}

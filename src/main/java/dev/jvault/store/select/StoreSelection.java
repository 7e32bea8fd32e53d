package dev.jvault.store.select;

import dev.jvault.config.Environment;
import dev.jvault.files.PrivateFiles;
import dev.jvault.log.Log;
import dev.jvault.store.CredentialStore;
import dev.jvault.store.CredentialsFileWriter;
import dev.jvault.store.file.FileStore;
import dev.jvault.store.file.KdfParameters;
import dev.jvault.store.file.PassphraseSource;
import dev.jvault.store.file.VaultKeyCache;
import dev.jvault.store.os.KeychainStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Opens the backend that {@link StoreLocation} chooses, with the vault file's passphrase source
 * and vault-key cache, and remembers the first choice.
 */
public final class StoreSelection {

    private final Environment env;
    private final StoreLocation location;
    private final PassphraseSource passphrases;
    private final VaultKeyCache vaultKeys;
    private final PrivateFiles files;

    public StoreSelection(Environment env, Optional<String> backendOption, Optional<Path> vaultFileOption,
            PassphraseSource passphrases) {
        this(env, backendOption, vaultFileOption, passphrases, VaultKeyCache.NONE);
    }

    /** @param vaultKeys where the vault key is looked for before the passphrase is asked, and kept once derived */
    public StoreSelection(Environment env, Optional<String> backendOption, Optional<Path> vaultFileOption,
            PassphraseSource passphrases, VaultKeyCache vaultKeys) {
        this.vaultKeys = vaultKeys;
        this.env = env;
        this.location = new StoreLocation(env, backendOption, vaultFileOption);
        this.passphrases = passphrases;
        this.files = new PrivateFiles(env::display);
    }

    public StoreLocation.Choice choose() {
        return location.choose(KeychainStore::answers);
    }

    /** What the agent keys this store's sessions by. */
    public String identity(StoreLocation.Choice choice) {
        return location.identity(choice);
    }

    public CredentialStore open(StoreLocation.Choice choice) {
        Log.debug("store: " + choice.backend().name().toLowerCase(Locale.ROOT) + " (chosen by " + choice.reason() + ")"
                + (choice.backend() == StoreLocation.Backend.FILE ? ", " + env.display(vaultFile()) : ""));
        return switch (choice.backend()) {
            case KEYCHAIN -> new KeychainStore(KeychainStore.SERVICE, files, location.jvaultDir().resolve("keychain.lock"));
            case FILE -> vault();
        };
    }

    /** The vault file, whichever backend is the default. */
    public FileStore vault() {
        return new FileStore(vaultFile(), env.display(vaultFile()), files, passphrases,
                KdfParameters.RFC_9106_SECOND, vaultKeys);
    }

    /** Records the backend of the first keys stored, unless one is recorded already. */
    public void remember(StoreLocation.Choice choice) {
        Path marker = location.markerFile();
        if (Files.exists(marker)) {
            return;
        }
        files.ensureDirectory(location.jvaultDir());
        files.writeAtomically(marker, (choice.backend().name().toLowerCase(Locale.ROOT) + "\n").getBytes());
    }

    /** The AWS credentials file, for jvault's few edits of it (locked in jvault's folder). */
    public CredentialsFileWriter credentialsFile(Path file) {
        return new CredentialsFileWriter(file, env.display(file), location.jvaultDir(), files);
    }

    public Path vaultFile() {
        return location.vaultFile();
    }
}

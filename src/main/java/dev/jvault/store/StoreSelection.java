package dev.jvault.store;

import dev.jvault.config.Environment;
import dev.jvault.config.Sourced;
import dev.jvault.error.ExitStatus;
import dev.jvault.error.JvaultException;
import dev.jvault.log.Log;
import dev.jvault.store.StoreException.Reason;
import dev.jvault.store.file.FileStore;
import dev.jvault.store.file.KdfParameters;
import dev.jvault.store.file.PassphraseSource;
import dev.jvault.store.file.VaultKeyCache;
import dev.jvault.store.os.KeychainStore;
import dev.jvault.text.Suggestions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Chooses and opens the backend. In order: {@code --backend}, {@code $JVAULT_BACKEND}, the
 * backend remembered in {@code ~/.jvault/backend} (written by the first {@code add}), the vault
 * file if one exists, the keychain if one answers, else the vault file. Remembering the first
 * choice is what keeps stored keys from seeming lost on a day the keychain does not answer:
 * then the keychain backend fails with one line saying so, instead of jvault silently reading
 * an empty vault file.
 */
public final class StoreSelection {

    public enum Backend { KEYCHAIN, FILE }

    /** The backend and why it was chosen (said by --debug and list). */
    public record Choice(Backend backend, String reason) {
    }

    private final Environment env;
    private final Optional<String> backendOption;
    private final Optional<Path> vaultFileOption;
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
        this.backendOption = backendOption;
        this.vaultFileOption = vaultFileOption;
        this.passphrases = passphrases;
        this.files = new PrivateFiles(env::display);
    }

    public Choice choose() {
        if (backendOption.isPresent()) {
            return new Choice(parse(backendOption.get(), "--backend", ExitStatus.USAGE), "--backend");
        }
        Optional<Sourced<String>> fromEnv = env.sourced("JVAULT_BACKEND");
        if (fromEnv.isPresent()) {
            String where = fromEnv.get().origin().toString();
            return new Choice(parse(fromEnv.get().value(), where, ExitStatus.CONFIG), where);
        }
        Optional<Backend> remembered = remembered();
        if (remembered.isPresent()) {
            return new Choice(remembered.get(), env.display(markerFile()));
        }
        if (vaultFileOption.isPresent() || env.get("JVAULT_VAULT_FILE").isPresent() || Files.exists(vaultFile())) {
            return new Choice(Backend.FILE, "a vault file is named or exists");
        }
        return KeychainStore.answers() ? new Choice(Backend.KEYCHAIN, "the OS keychain answers")
                : new Choice(Backend.FILE, "no OS keychain answers");
    }

    public CredentialStore open(Choice choice) {
        Log.debug("store: " + choice.backend().name().toLowerCase(Locale.ROOT) + " (chosen by " + choice.reason() + ")"
                + (choice.backend() == Backend.FILE ? ", " + env.display(vaultFile()) : ""));
        return switch (choice.backend()) {
            case KEYCHAIN -> new KeychainStore(KeychainStore.SERVICE, files, jvaultDir().resolve("keychain.lock"));
            case FILE -> vault();
        };
    }

    /** The vault file, whichever backend is the default. */
    public FileStore vault() {
        return new FileStore(vaultFile(), env.display(vaultFile()), files, passphrases,
                KdfParameters.RFC_9106_SECOND, vaultKeys);
    }

    /** Records the backend of the first keys stored, unless one is recorded already. */
    public void remember(Choice choice) {
        Path marker = markerFile();
        if (Files.exists(marker)) {
            return;
        }
        files.ensureDirectory(jvaultDir());
        files.writeAtomically(marker, (choice.backend().name().toLowerCase(Locale.ROOT) + "\n").getBytes());
    }

    /** The AWS credentials file, for jvault's few edits of it (locked in jvault's folder). */
    public CredentialsFileWriter credentialsFile(Path file) {
        return new CredentialsFileWriter(file, env.display(file), jvaultDir(), files);
    }

    public Path vaultFile() {
        return vaultFileOption
                .or(() -> env.get("JVAULT_VAULT_FILE").map(Path::of))
                .or(() -> env.get("AWS_VAULT_FILE_DIR").map(dir -> Path.of(dir, "vault.jvlt"))) // aws-vault's folder for its files
                .orElseGet(() -> jvaultDir().resolve("vault.jvlt"))
                .toAbsolutePath();
    }

    private Path jvaultDir() {
        return env.home().resolve(".jvault");
    }

    private Path markerFile() {
        return jvaultDir().resolve("backend");
    }

    private Optional<Backend> remembered() {
        try {
            return Optional.of(parse(Files.readString(markerFile()).strip(), env.display(markerFile()), ExitStatus.CONFIG));
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StoreException(Reason.IO, "cannot read " + env.display(markerFile()) + ": " + e.getMessage(), e);
        }
    }

    /** jvault's names, and aws-vault's for the OS keychains jvault reaches (its "keychain" is macOS's). */
    private static Backend parse(String name, String where, ExitStatus status) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "keychain", "secret-service", "wincred" -> Backend.KEYCHAIN;
            case "file" -> Backend.FILE;
            default -> throw new JvaultException(status, where + " names backend '" + name + "': it is keychain or file"
                    + Suggestions.didYouMean(name.toLowerCase(Locale.ROOT), List.of("keychain", "file")).orElse(""));
        };
    }
}

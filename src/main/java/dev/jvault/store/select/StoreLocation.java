package dev.jvault.store.select;

import dev.jvault.config.Environment;
import dev.jvault.config.Sourced;
import dev.jvault.error.ExitStatus;
import dev.jvault.error.JvaultException;
import dev.jvault.files.PrivateFiles;
import dev.jvault.store.StoreException.Reason;
import dev.jvault.store.StoreException;
import dev.jvault.text.Suggestions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Which store the options and the environment name, without opening it: the backend, the vault
 * file, and the identity the agent keys what it holds by. In order: {@code --backend},
 * {@code $JVAULT_BACKEND}, the backend remembered in {@code ~/.jvault/backend} (written by the
 * first {@code add}), the vault file if one exists, the keychain if one answers, else the vault
 * file. Remembering the first choice is what keeps stored keys from seeming lost on a day the
 * keychain does not answer: then the keychain backend fails with one line saying so, instead of
 * jvault silently reading an empty vault file. Cheap (no backend, no D-Bus but the probe the
 * caller passes): the fast path reads it too.
 */
public final class StoreLocation {

    public enum Backend { KEYCHAIN, FILE }

    /** The backend and why it was chosen (said by --debug and list). */
    public record Choice(Backend backend, String reason) {
    }

    private final Environment env;
    private final Optional<String> backendOption;
    private final Optional<Path> vaultFileOption;

    public StoreLocation(Environment env, Optional<String> backendOption, Optional<Path> vaultFileOption) {
        this.env = env;
        this.backendOption = backendOption;
        this.vaultFileOption = vaultFileOption;
    }

    /** @param keychainAnswers asked only when nothing else decides */
    public Choice choose(BooleanSupplier keychainAnswers) {
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
        return keychainAnswers.getAsBoolean() ? new Choice(Backend.KEYCHAIN, "the OS keychain answers")
                : new Choice(Backend.FILE, "no OS keychain answers");
    }

    /**
     * The store a choice opens, as the agent keys sessions by it: the keychain, or the vault file
     * by its real path. Sessions from one store are never answered for another.
     */
    public String identity(Choice choice) {
        return switch (choice.backend()) {
            case KEYCHAIN -> "keychain";
            case FILE -> "file " + new PrivateFiles(env::display).realFile(vaultFile());
        };
    }

    public Path vaultFile() {
        return vaultFileOption
                .or(() -> env.get("JVAULT_VAULT_FILE").map(env::path))
                .or(() -> env.get("AWS_VAULT_FILE_DIR").map(dir -> env.path(dir).resolve("vault.jvlt"))) // aws-vault's folder for its files
                .orElseGet(() -> jvaultDir().resolve("vault.jvlt"))
                .toAbsolutePath();
    }

    Path jvaultDir() {
        return env.home().resolve(".jvault");
    }

    Path markerFile() {
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

    /** The names --backend takes (aws-vault's are read too, not offered). */
    public static final List<String> BACKEND_NAMES = List.of("keychain", "file");

    /** jvault's names, and aws-vault's for the OS keychains jvault reaches (its "keychain" is macOS's). */
    private static Backend parse(String name, String where, ExitStatus status) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "keychain", "secret-service", "wincred" -> Backend.KEYCHAIN;
            case "file" -> Backend.FILE;
            default -> throw new JvaultException(status, where + " names backend '" + name + "': it is keychain or file"
                    + Suggestions.didYouMean(name.toLowerCase(Locale.ROOT), BACKEND_NAMES).orElse(""));
        };
    }
}

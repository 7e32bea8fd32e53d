package dev.jvault.migrate;

import dev.jvault.config.Environment;
import dev.jvault.error.ExitStatus;
import dev.jvault.error.JvaultException;
import dev.jvault.files.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * aws-vault's "file" backend: a folder with one file per item, named after the item's key with
 * {@code /} and {@code %} percent-encoded. Read only: checked as jvault checks its own files
 * (yours, nobody else may write or read), and never changed.
 */
final class AwsVaultFileStore implements AwsVaultStore {

    /** Items are a few hundred bytes; a bound keeps a stray large file from being read whole. */
    private static final long MAX_ITEM_BYTES = 64 * 1024;

    private final Path dir;
    private final String shownDir;
    private final PrivateFiles files;
    private final Supplier<char[]> askPassphrase;
    private char[] passphrase;

    private AwsVaultFileStore(Path dir, String shownDir, PrivateFiles files, Supplier<char[]> askPassphrase) {
        this.dir = dir;
        this.shownDir = shownDir;
        this.files = files;
        this.askPassphrase = askPassphrase;
    }

    /** The folder aws-vault uses: {@code --dir}, else {@code AWS_VAULT_FILE_DIR}, else {@code ~/.awsvault/keys}. */
    static Path folder(Environment env, Optional<Path> given) {
        return given.or(() -> env.get("AWS_VAULT_FILE_DIR").filter(dir -> !dir.isEmpty()).map(dir -> expandHome(env, dir)))
                .orElse(env.home().resolve(".awsvault/keys"));
    }

    /** aws-vault expands a leading ~ itself, so the variable may hold one the shell did not expand. */
    private static Path expandHome(Environment env, String dir) {
        return dir.equals("~") ? env.home() : dir.startsWith("~/") ? env.home().resolve(dir.substring(2)) : Path.of(dir);
    }

    /** @param passphrase asked once, when the first item is opened */
    static AwsVaultFileStore open(Environment env, Path dir, Supplier<char[]> passphrase) {
        PrivateFiles files = new PrivateFiles(env::display);
        String shown = env.display(dir);
        if (!Files.isDirectory(dir)) {
            throw new JvaultException(ExitStatus.NOT_FOUND, "there is no aws-vault file store at " + shown
                    + ": name its folder with --dir (or AWS_VAULT_FILE_DIR)");
        }
        files.requireOwnedByUser(dir);
        files.requireOwnerOnly(dir, "700");
        return new AwsVaultFileStore(dir, shown, files, passphrase);
    }

    @Override
    public String describe() {
        return "aws-vault's file store " + shownDir;
    }

    @Override
    public List<String> keys() {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(path -> path.getFileName().toString())
                    .filter(name -> !name.startsWith(".") && !isJvaultsOwn(name))
                    .map(AwsVaultFileStore::itemKey)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new JvaultException(ExitStatus.IO, "cannot list " + shownDir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String read(String key) {
        Path file = dir.resolve(fileName(key));
        files.requireOwnedByUser(file);
        if (!Files.isRegularFile(file)) {
            throw new JvaultException(ExitStatus.DATA, shownDir + "/" + file.getFileName() + " is not one of aws-vault's"
                    + " items (not a file): nothing imported; move it out of the folder");
        }
        files.requireOwnerOnly(file, "600");
        String jwe = files.readText(file, MAX_ITEM_BYTES);
        if (passphrase == null) {
            passphrase = askPassphrase.get();
        }
        try {
            return AwsVaultJwe.open(jwe, passphrase);
        } catch (AwsVaultJwe.OpenFailure e) {
            String item = "aws-vault's item '" + key + "' (" + shownDir + "/" + file.getFileName() + ")";
            throw switch (e.failure()) {
                case WRONG_PASSPHRASE -> new JvaultException(ExitStatus.PERMISSION, "wrong passphrase for " + describe()
                        + " (" + item + " does not open with it): nothing imported");
                case DAMAGED -> new JvaultException(ExitStatus.DATA, item + " is damaged (" + e.getMessage()
                        + "): nothing imported; move it out of the folder to import the rest");
                case UNKNOWN_FORMAT -> AwsVaultImport.unknownFormat(key, item, e.getMessage());
            };
        }
    }

    @Override
    public void close() {
        if (passphrase != null) {
            Arrays.fill(passphrase, '\0');
        }
    }

    /**
     * jvault's vault file and its lock: with only AWS_VAULT_FILE_DIR set, jvault keeps its vault in
     * that folder (docs/migrating.md), and they are no items of aws-vault's.
     */
    private static boolean isJvaultsOwn(String name) {
        return name.endsWith(".jvlt") || name.endsWith(".jvlt.lock");
    }

    /** The key a file name stands for: the reverse of {@link #fileName}, so each file is found again by its key. */
    static String itemKey(String fileName) {
        StringBuilder key = new StringBuilder();
        for (int at = 0; at < fileName.length(); at++) {
            String escape = fileName.regionMatches(at, "%", 0, 1) && at + 3 <= fileName.length()
                    ? fileName.substring(at, at + 3).toUpperCase(java.util.Locale.ROOT) : "";
            switch (escape) {
                case "%2F" -> { key.append('/'); at += 2; }
                case "%25" -> { key.append('%'); at += 2; }
                default -> key.append(fileName.charAt(at));
            }
        }
        return key.toString();
    }

    /** The file name of a key, as the keyring library writes it. */
    static String fileName(String key) {
        return key.replace("%", "%25").replace("/", "%2F");
    }
}

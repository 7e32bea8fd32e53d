package dev.jvault.migrate;

import dev.jvault.config.Environment;
import dev.jvault.error.ExitStatus;
import dev.jvault.error.JvaultException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Which of aws-vault's backends to read, as aws-vault itself would choose it. */
public final class AwsVaultSources {

    /** The backends jvault can read, in aws-vault's names. */
    public static final List<String> BACKENDS = List.of("file", "secret-service");

    private AwsVaultSources() {
    }

    /** aws-vault's first choice on this OS when it has no file store. */
    private static String osDefault() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        return os.contains("mac") ? "keychain" : os.contains("windows") ? "wincred" : "secret-service";
    }

    /**
     * @param backend {@code --aws-vault-backend}; else {@code AWS_VAULT_BACKEND}; else the file
     *     store when its folder exists, and the Secret Service when it does not
     * @param passphrase the file store's, asked only when an item is opened
     */
    public static AwsVaultStore open(Environment env, Optional<String> backend, Optional<Path> dir, Supplier<char[]> passphrase) {
        Path folder = AwsVaultFileStore.folder(env, dir);
        String chosen = backend.or(() -> env.get("AWS_VAULT_BACKEND").filter(name -> !name.isEmpty()))
                .orElse(dir.isPresent() || Files.isDirectory(folder) ? "file" : osDefault());
        return switch (chosen) {
            case "file" -> AwsVaultFileStore.open(env, folder, passphrase);
            case "secret-service" -> AwsVaultSecretService.open(env.get("AWS_VAULT_SECRET_SERVICE_COLLECTION_NAME")
                    .filter(name -> !name.isEmpty()).orElse(AwsVaultSecretService.COLLECTION));
            default -> throw new JvaultException(backend.isPresent() ? ExitStatus.USAGE : ExitStatus.CONFIG,
                    "jvault reads aws-vault's " + String.join(" and ", BACKENDS) + " backends, not '" + chosen + "'"
                    + (backend.isPresent() ? "" : " (AWS_VAULT_BACKEND)")
                    + ": bring each profile's keys over with aws-vault exec --no-session PROFILE -- jvault add PROFILE --env");
        };
    }
}

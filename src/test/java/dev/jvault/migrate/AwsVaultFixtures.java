package dev.jvault.migrate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import dev.jvault.testing.JvaultProcess;

/**
 * aws-vault file stores written by src/test/resources/dev/jvault/migrate/aws_vault_file_store.py
 * (jwcrypto, not jvault), copied out with aws-vault's modes: folder 0700, files 0600.
 * {@code store}: main, old (ProviderName), team/ops%1, typo (an access key id of 7 characters), temp
 * (temporary keys), a GetSessionToken session and an oidc: token; {@code newer-encryption}: main as A128GCM; {@code newer-item}: main
 * with a Data of another shape. Passphrase: {@link #PASSPHRASE}.
 */
public final class AwsVaultFixtures {

    public static final String PASSPHRASE = "aws-vault passphrase";
    public static final String MAIN_KEY_ID = "AKIAIMPORTMAIN000001";
    public static final String MAIN_SECRET = "mainSecretKeyFromAwsVault000000000000001";
    public static final String OLD_SECRET = "oldSecretKeyFromAwsVault0000000000000002";
    public static final String OPS_SECRET = "opsSecretKeyFromAwsVault0000000000000003";

    private AwsVaultFixtures() {
    }

    /**
     * Writes a file store live with jwcrypto (Debian's python3-jwcrypto, which scripts/test.sh
     * installs, under the system python3).
     *
     * @param items the JSON array the script takes: {"key": ..., "data": {...}} or {"key": ..., "raw": "..."}
     */
    public static void writeWithJwcrypto(Path dir, String passphrase, String items) {
        String spec = "{\"dir\":\"" + dir + "\",\"passphrase\":\"" + passphrase + "\",\"items\":" + items + "}";
        JvaultProcess.Result written = JvaultProcess.runCommand(List.of("/usr/bin/python3", resource("aws_vault_file_store.py")
                .toString()), Map.of("PATH", "/usr/bin:/bin"), spec, Duration.ofSeconds(60));
        if (written.exitCode() != 0) {
            throw new IllegalStateException("jwcrypto could not write the store (apt install python3-jwcrypto): " + written);
        }
    }

    /** aws-vault's Data for long-lived keys, as aws-vault 7 writes it. */
    public static String longLivedKeys(String accessKeyId, String secretAccessKey) {
        return "{\"AccessKeyID\":\"" + accessKeyId + "\",\"SecretAccessKey\":\"" + secretAccessKey + "\",\"SessionToken\":\"\","
                + "\"Source\":\"\",\"CanExpire\":false,\"Expires\":\"0001-01-01T00:00:00Z\"}";
    }

    private static Path resource(String name) {
        try {
            return Path.of(AwsVaultFixtures.class.getResource("/dev/jvault/migrate/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path copy(String store, Path into) {
        try {
            Path source = resource(store);
            Path target = Files.createDirectories(into);
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
            try (Stream<Path> files = Files.list(source)) {
                for (Path file : files.toList()) {
                    Path copy = Files.copy(file, target.resolve(file.getFileName()));
                    Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-------"));
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

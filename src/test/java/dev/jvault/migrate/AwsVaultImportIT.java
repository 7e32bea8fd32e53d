package dev.jvault.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvault.error.ExitStatus;
import dev.jvault.testing.ClearTextScan;
import dev.jvault.testing.Fixtures;
import dev.jvault.testing.JvaultProcess;
import dev.jvault.testing.SandboxHome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.ObjectPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.secret.Collection;
import org.freedesktop.secret.Service;
import org.freedesktop.secret.simple.SimpleCollection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code jvault import aws-vault} through bin/jvault, from stores written live by independent
 * implementations: a file store by jwcrypto (Debian's python3-jwcrypto under the system python3),
 * and Secret Service items by secret-tool in the private gnome-keyring scripts/test.sh starts.
 */
class AwsVaultImportIT {

    private static final String PASSPHRASE = "five profiles passphrase";
    private static final List<String> PROFILES = List.of("main", "billing", "audit", "sandbox", "legacy");

    private final SandboxHome home = new SandboxHome().config(Fixtures.SEED_CONFIG)
            .set("JVAULT_BACKEND", "file").set("JVAULT_FILE_PASSPHRASE", "correct horse");
    private SimpleCollection awsVaultCollection;

    @AfterEach
    void cleanUp() {
        if (awsVaultCollection != null) {
            awsVaultCollection.delete();
            awsVaultCollection.close();
        }
        home.close();
    }

    private static String keyId(int n) {
        return "AKIAIMPORTFIVE00000" + n;
    }

    private static String secret(int n) {
        return ("fiveProfilesSecretAccessKey" + n).repeat(2).substring(0, 40);
    }

    private static String credentials(int n) {
        return AwsVaultFixtures.longLivedKeys(keyId(n), secret(n));
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>(home.variables());
        env.put("AWS_VAULT_FILE_PASSPHRASE", PASSPHRASE);
        return env;
    }

    @Test
    void aFileStoreOfFiveProfilesComesOverAndItsSessionsStayBehind() throws IOException {
        StringBuilder items = new StringBuilder();
        for (int n = 1; n <= PROFILES.size(); n++) {
            items.append("{\"key\":\"").append(PROFILES.get(n - 1)).append("\",\"data\":").append(credentials(n)).append("},");
        }
        items.append("{\"key\":\"sts.AssumeRole,ZGV2LTE,arn:aws:iam::111111111111:mfa/me,1900000000\",\"data\":{\"AccessKeyID\":"
                + "\"ASIAIMPORTSESSION001\",\"SecretAccessKey\":\"" + "s".repeat(40) + "\",\"SessionToken\":\"tok\"}},");
        items.append("{\"key\":\"oidc:https://corp.awsapps.com/start\",\"raw\":\"{}\"}");
        AwsVaultFixtures.writeWithJwcrypto(home.path().resolve(".awsvault/keys"), PASSPHRASE, "[" + items + "]");

        ClearTextScan scan = ClearTextScan.fromNow();
        long started = System.nanoTime();
        JvaultProcess.Result imported = JvaultProcess.run(env(), "import", "aws-vault");
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("import of " + PROFILES.size() + " profiles from a file store, whole process: " + millis + " ms");

        assertEquals(0, imported.exitCode(), imported.toString());
        List<String> expected = new ArrayList<>();
        PROFILES.stream().sorted().forEach(profile -> expected.add(profile + ": imported AKIA****000"
                + (PROFILES.indexOf(profile) + 1)));
        expected.add("Imported keys of 5 of 5 profile(s) from aws-vault's file store ~/.awsvault/keys into file"
                + " ~/.jvault/vault.jvlt; left behind 1 cached session, 1 IAM Identity Center token. aws-vault's store is"
                + " unchanged.");
        assertEquals(expected, imported.stdout().lines().toList());
        assertEquals(PROFILES.stream().sorted().toList(),
                JvaultProcess.run(env(), "list", "--credentials").stdout().lines().sorted().toList());
        List<String> secrets = new ArrayList<>();
        for (int n = 1; n <= PROFILES.size(); n++) {
            secrets.add(secret(n));
        }
        scan.assertNoneOf(home.path(), secrets);
    }

    @Test
    void secretServiceItemsSecretToolWroteComeOver() throws Exception {
        // secret-tool cannot create a collection; gnome-keyring's own call for it (no prompt) can.
        awsVaultCollection = new SimpleCollection(AwsVaultSecretService.COLLECTION, "collection password");
        String collection = collectionPath(AwsVaultSecretService.COLLECTION);
        storeWithSecretTool(collection, "main", item("main", credentials(1)));
        storeWithSecretTool(collection, "billing", item("billing", credentials(2)));
        storeWithSecretTool(collection, "sts.GetSessionToken,bWFpbg,,1900000000", item("x", "{}"));

        JvaultProcess.Result imported = JvaultProcess.run(env(), "import", "aws-vault", "--aws-vault-backend",
                "secret-service");
        assertEquals(0, imported.exitCode(), imported.toString());
        assertEquals(List.of("billing: imported AKIA****0002", "main: imported AKIA****0001",
                "Imported keys of 2 of 2 profile(s) from aws-vault's Secret Service collection 'awsvault' into file"
                        + " ~/.jvault/vault.jvlt; left behind 1 cached session. aws-vault's store is unchanged."),
                imported.stdout().lines().toList());

        storeWithSecretTool(collection, "newer", "{\"Key\":\"newer\",\"Payload\":\"v2\"}");
        JvaultProcess.Result newer = JvaultProcess.run(env(), "import", "aws-vault", "--aws-vault-backend",
                "secret-service", "--replace");
        assertEquals(ExitStatus.DATA.code(), newer.exitCode(), newer.toString());
        assertEquals("jvault: aws-vault's item 'newer' in aws-vault's Secret Service collection 'awsvault' is in a format"
                + " this jvault does not know (the item has no Data (it has [Key, Payload])): nothing imported; bring its"
                + " keys over with: aws-vault exec --no-session newer -- jvault add newer --env\n", newer.stderr());
    }

    private static String item(String key, String data) {
        return "{\"Key\":\"" + key + "\",\"Data\":\"" + Base64.getEncoder().encodeToString(data.getBytes(StandardCharsets.UTF_8))
                + "\",\"Label\":\"aws-vault (" + key + ")\",\"Description\":\"\"}";
    }

    /** As aws-vault's keyring library files an item: label, attribute profile = its key, the item's JSON as secret. */
    private void storeWithSecretTool(String collection, String key, String json) {
        JvaultProcess.Result stored = JvaultProcess.runCommand(List.of("secret-tool", "store", "--collection=" + collection,
                "--label=aws-vault (" + key + ")", "profile", key), home.variables(), json, Duration.ofSeconds(30));
        assertEquals(0, stored.exitCode(), stored.toString());
    }

    private static String collectionPath(String label) throws Exception {
        try (DBusConnection connection = DBusConnectionBuilder.forSessionBus().withShared(false).build()) {
            Service service = new Service(connection);
            for (ObjectPath path : service.getCollections()) {
                if (label.equals(new Collection(path, service).getLabel())) {
                    return path.getPath();
                }
            }
        }
        throw new AssertionError("gnome-keyring made no collection labelled " + label);
    }
}

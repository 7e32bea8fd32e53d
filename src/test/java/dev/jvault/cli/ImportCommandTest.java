package dev.jvault.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvault.error.ExitStatus;
import dev.jvault.migrate.AwsVaultFixtures;
import dev.jvault.prompt.Passphrases;
import dev.jvault.store.ItemKey;
import dev.jvault.store.StoredItem;
import dev.jvault.store.select.StoreSelection;
import dev.jvault.testing.Cli;
import dev.jvault.testing.Fixtures;
import dev.jvault.testing.JvaultProcess;
import dev.jvault.testing.SandboxHome;
import dev.jvault.testing.ScriptedPrompter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code jvault import aws-vault} in-process, from file stores jwcrypto wrote (AwsVaultFixtures)
 * into jvault's vault file: what comes over, what stays behind, and each failure importing nothing.
 */
class ImportCommandTest {

    private final SandboxHome home = new SandboxHome().config(Fixtures.SEED_CONFIG)
            .set("JVAULT_BACKEND", "file").set("JVAULT_FILE_PASSPHRASE", "correct horse")
            .set("AWS_VAULT_FILE_PASSPHRASE", AwsVaultFixtures.PASSPHRASE);
    private final Path vault = home.path().resolve(".jvault/vault.jvlt");

    @AfterEach
    void cleanUp() {
        home.close();
    }

    private Path store(String fixture) {
        return AwsVaultFixtures.copy(fixture, home.path().resolve(".awsvault/keys"));
    }

    private JvaultProcess.Result jvault(String... args) {
        return Cli.run(home.environment(), args);
    }

    private Optional<StoredItem.LongLivedKeys> stored(String profile) {
        StoreSelection selection = new StoreSelection(home.environment(), Optional.empty(), Optional.empty(),
                new Passphrases(home.environment(), ScriptedPrompter.noTerminal()));
        return selection.open(selection.choose()).get(ItemKey.keys(profile)).map(StoredItem.LongLivedKeys.class::cast);
    }

    @Test
    void importsEachProfilesLongLivedKeysAndLeavesSessionsAndTokensBehind() throws IOException {
        Path store = store("store");
        byte[] mainBefore = Files.readAllBytes(store.resolve("main"));

        JvaultProcess.Result imported = jvault("import", "aws-vault");

        assertEquals(0, imported.exitCode(), imported.toString());
        assertEquals("""
                main: imported AKIA****0001
                old: imported AKIA****0002
                team/ops%1: not imported: jvault cannot store anything under the profile name 'team/ops%1': a name for \
                stored keys is not empty and has no '/' or control characters; rename the profile
                typo: not imported: access key id must be AKIA followed by 16 capital letters or digits (20 characters); \
                got 7 characters
                Imported keys of 2 of 4 profile(s) from aws-vault's file store ~/.awsvault/keys into file \
                ~/.jvault/vault.jvlt; left behind 1 cached session, 1 IAM Identity Center token, 1 profile with \
                temporary keys. aws-vault's store is unchanged.
                """, imported.stdout());
        assertEquals(AwsVaultFixtures.MAIN_SECRET, stored("main").orElseThrow().secretAccessKey());
        assertEquals(AwsVaultFixtures.OLD_SECRET, stored("old").orElseThrow().secretAccessKey());
        assertEquals(Optional.empty(), stored("temp"));
        assertEquals(7, Files.list(store).count(), "aws-vault's store keeps every item");
        assertEquals(Optional.empty(), stored("typo"), "keys add would refuse are not imported either");
        assertTrue(java.util.Arrays.equals(mainBefore, Files.readAllBytes(store.resolve("main"))));

        JvaultProcess.Result again = jvault("import", "aws-vault", "-p", "main");
        assertEquals("main: already in jvault (AKIA****0001)\n", again.stdout().lines().findFirst().orElseThrow() + "\n");
    }

    @Test
    void aDryRunSaysWhatWouldComeAndWritesNothing() {
        store("store");
        JvaultProcess.Result dry = jvault("import", "aws-vault", "--dry-run");
        assertEquals(0, dry.exitCode(), dry.toString());
        assertTrue(dry.stdout().startsWith("main: would import AKIA****0001\nold: would import AKIA****0002\n"), dry.stdout());
        assertTrue(dry.stdout().endsWith("Dry run: nothing written. aws-vault's file store ~/.awsvault/keys holds long-lived"
                + " keys of 4 profile(s); left behind 1 cached session, 1 IAM Identity Center token, 1 profile with temporary"
                + " keys.\n"), dry.stdout());
        assertEquals(Optional.empty(), stored("main"));
    }

    @Test
    void keysJvaultHoldsAreKeptUnlessReplaceIsGiven() {
        store("store");
        home.set("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE").set("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        assertEquals(0, jvault("add", "main", "--env").exitCode());

        JvaultProcess.Result kept = jvault("import", "aws-vault", "--profile", "main");
        assertEquals(0, kept.exitCode(), kept.toString());
        assertTrue(kept.stdout().startsWith("main: kept jvault's keys (AKIA****MPLE), not aws-vault's (AKIA****0001):"
                + " --replace to take aws-vault's\n"), kept.stdout());
        assertEquals("AKIAIOSFODNN7EXAMPLE", stored("main").orElseThrow().accessKeyId());
        assertEquals(Optional.empty(), stored("old"), "--profile imports that profile only");

        JvaultProcess.Result replaced = jvault("import", "aws-vault", "--profile", "main", "--replace");
        assertTrue(replaced.stdout().startsWith("main: replaced jvault's keys with AKIA****0001\n"), replaced.stdout());
        assertEquals(AwsVaultFixtures.MAIN_SECRET, stored("main").orElseThrow().secretAccessKey());
    }

    @Test
    void aWrongPassphraseImportsNothing() {
        store("store");
        home.set("AWS_VAULT_FILE_PASSPHRASE", "not the passphrase");
        JvaultProcess.Result wrong = jvault("import", "aws-vault");
        assertEquals(ExitStatus.PERMISSION.code(), wrong.exitCode(), wrong.toString());
        assertEquals("jvault: wrong passphrase for aws-vault's file store ~/.awsvault/keys (aws-vault's item 'main'"
                + " (~/.awsvault/keys/main) does not open with it): nothing imported\n", wrong.stderr());
        assertFalse(Files.exists(vault), "jvault's store was not even created");
    }

    @Test
    void aDamagedItemImportsNothingEvenWhereOthersAreWhole() throws IOException {
        Path store = store("store");
        Path old = store.resolve("old");
        String[] parts = Files.readString(old).split("\\.");
        byte[] tag = Base64.getUrlDecoder().decode(parts[4]);
        tag[3] ^= 0x40;
        parts[4] = Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
        Files.writeString(old, String.join(".", parts));

        JvaultProcess.Result damaged = jvault("import", "aws-vault");
        assertEquals(ExitStatus.DATA.code(), damaged.exitCode(), damaged.toString());
        assertEquals("jvault: aws-vault's item 'old' (~/.awsvault/keys/old) is damaged (its contents do not match their"
                + " authentication tag): nothing imported; move it out of the folder to import the rest\n", damaged.stderr());
        assertEquals(Optional.empty(), stored("main"), "main opened fine, and still nothing was written");
    }

    @Test
    void somethingElseInTheFolderImportsNothing() throws IOException {
        Files.createDirectory(store("store").resolve("stray"));
        JvaultProcess.Result stray = jvault("import", "aws-vault");
        assertEquals(ExitStatus.DATA.code(), stray.exitCode(), stray.toString());
        assertEquals("jvault: ~/.awsvault/keys/stray is not one of aws-vault's items (not a file): nothing imported; move"
                + " it out of the folder\n", stray.stderr());
        assertFalse(Files.exists(vault));
    }

    @Test
    void anItemOfANewerFormatImportsNothingAndSaysTheWayAround() {
        store("newer-item");
        JvaultProcess.Result newer = jvault("import", "aws-vault");
        assertEquals(ExitStatus.DATA.code(), newer.exitCode(), newer.toString());
        assertEquals("jvault: aws-vault's item 'main' in aws-vault's file store ~/.awsvault/keys is in a format this"
                + " jvault does not know (its Data has no AccessKeyID and SecretAccessKey (it has [Provider])): nothing"
                + " imported; bring its keys over with: aws-vault exec --no-session main -- jvault add main --env\n",
                newer.stderr());
        assertFalse(Files.exists(vault));
    }

    @Test
    void anItemEncryptedANewerWayImportsNothing() {
        store("newer-encryption");
        JvaultProcess.Result newer = jvault("import", "aws-vault");
        assertEquals(ExitStatus.DATA.code(), newer.exitCode(), newer.toString());
        assertTrue(newer.stderr().startsWith("jvault: aws-vault's item 'main' (~/.awsvault/keys/main) is in a format this"
                + " jvault does not know (encrypted as PBES2-HS256+A128KW / A128GCM, not PBES2-HS256+A128KW / A256GCM)"),
                newer.stderr());
        assertFalse(Files.exists(vault));
    }

    @Test
    void findsTheStoreWhereAwsVaultWouldAndRefusesOneOthersCanRead() throws IOException {
        Path elsewhere = AwsVaultFixtures.copy("store", home.path().resolve("old-keys"));
        JvaultProcess.Result missing = jvault("import", "aws-vault", "--aws-vault-backend", "file");
        assertEquals(ExitStatus.NOT_FOUND.code(), missing.exitCode(), missing.toString());
        assertEquals("jvault: there is no aws-vault file store at ~/.awsvault/keys: name its folder with --dir (or"
                + " AWS_VAULT_FILE_DIR)\n", missing.stderr());

        home.set("AWS_VAULT_FILE_DIR", "~/old-keys");
        JvaultProcess.Result fromVariable = jvault("import", "aws-vault", "-n", "-p", "main");
        assertEquals("main: would import AKIA****0001\n", fromVariable.stdout().lines().findFirst().orElseThrow() + "\n");

        Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rwxr-xr-x"));
        JvaultProcess.Result loose = jvault("import", "aws-vault", "--dir", elsewhere.toString());
        assertEquals(ExitStatus.PERMISSION.code(), loose.exitCode(), loose.toString());
        assertTrue(loose.stderr().contains("can be read by other users"), loose.stderr());

        JvaultProcess.Result nosuch = jvault("import", "aws-vault", "-p", "nosuch", "--dir", store("store").toString());
        assertEquals(ExitStatus.NOT_FOUND.code(), nosuch.exitCode(), nosuch.toString());
        assertEquals("jvault: aws-vault's file store ~/.awsvault/keys has no keys for profile 'nosuch' (it has main, old,"
                + " team/ops%1, temp, typo)\n", nosuch.stderr());

        assertEquals(ExitStatus.USAGE.code(), jvault("import", "granted").exitCode());
        assertEquals(ExitStatus.USAGE.code(), jvault("import", "aws-vault", "--aws-vault-backend", "pass").exitCode());
        home.set("AWS_VAULT_BACKEND", "pass");
        JvaultProcess.Result pass = jvault("import", "aws-vault");
        assertEquals(ExitStatus.CONFIG.code(), pass.exitCode(), pass.toString());
        assertTrue(pass.stderr().contains("not 'pass' (AWS_VAULT_BACKEND): bring each profile's keys over with aws-vault"
                + " exec --no-session PROFILE -- jvault add PROFILE --env"), pass.stderr());
    }

    @Test
    void withoutThePassphraseOrATerminalItSaysWhatToSet() {
        store("store");
        home.unset("AWS_VAULT_FILE_PASSPHRASE");
        JvaultProcess.Result none = jvault("import", "aws-vault");
        assertEquals(ExitStatus.UNAVAILABLE.code(), none.exitCode(), none.toString());
        assertEquals("jvault: aws-vault's file store needs its passphrase and there is no terminal to ask on: set"
                + " AWS_VAULT_FILE_PASSPHRASE\n", none.stderr());
    }
}

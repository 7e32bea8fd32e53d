package dev.jvault.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jvault.error.ExitStatus;
import dev.jvault.keys.AwsKeys;
import dev.jvault.prompt.Passphrases;
import dev.jvault.store.StoredItem;
import dev.jvault.store.select.StoreSelection;
import dev.jvault.testing.Cli;
import dev.jvault.testing.Fixtures;
import dev.jvault.testing.JvaultProcess;
import dev.jvault.testing.SandboxHome;
import dev.jvault.testing.ScriptedPrompter;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** add, list, remove, clear and passwd in-process, on the vault file with its real parameters. */
class StoreCommandsTest {

    private static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private final SandboxHome home = new SandboxHome().config(Fixtures.SEED_CONFIG)
            .set("JVAULT_BACKEND", "file").set("JVAULT_FILE_PASSPHRASE", "correct horse");

    @AfterEach
    void cleanUp() {
        home.close();
    }

    private JvaultProcess.Result jvault(String... args) {
        return Cli.run(home.environment(), args);
    }

    private JvaultProcess.Result addMainFromEnv() {
        home.set("AWS_ACCESS_KEY_ID", KEY_ID).set("AWS_SECRET_ACCESS_KEY", SECRET);
        return jvault("add", "main", "--env");
    }

    /** A session as exec will cache it, written straight into the store. */
    private void cacheSession(String profile, Duration left) {
        StoreSelection selection = new StoreSelection(home.environment(), Optional.empty(), Optional.empty(),
                new Passphrases(home.environment(), ScriptedPrompter.noTerminal()));
        selection.open(selection.choose()).update(editor -> editor.put(new StoredItem.CachedSession("main", profile,
                "k-" + profile + "-" + left.toMinutes(), "AssumeRole for " + profile, AwsKeys.temporary("ASIAEXAMPLEEXAMPLE01", "s".repeat(40),
                        "token", Instant.now().plus(left)))));
    }

    @Test
    void addsFromTheEnvironmentAndLists() throws Exception {
        JvaultProcess.Result added = addMainFromEnv();
        assertEquals(0, added.exitCode(), added.toString());
        assertEquals("Added keys for main (AKIA****MPLE) in file ~/.jvault/vault.jvlt\n", added.stdout());
        cacheSession("dev-1", Duration.ofMinutes(42));
        cacheSession("dev-1", Duration.ofHours(3));

        JvaultProcess.Result list = jvault("list");
        assertEquals(0, list.exitCode(), list.toString());
        assertTrue(list.stdout().startsWith("Store: file ~/.jvault/vault.jvlt\n"), list.stdout());
        List<String> lines = list.stdout().lines().toList();
        int sessionsColumn = lines.get(1).indexOf("SESSIONS");
        assertTrue(lines.get(2).matches("main +access key AKIA\\*\\*\\*\\*MPLE +-"), list.stdout());
        assertTrue(lines.get(3).matches("dev-1 +- +AssumeRole for dev-1 \\(4[12]m left\\)"), list.stdout());
        assertEquals(sessionsColumn, lines.get(3).indexOf("AssumeRole"), "aligned: " + list.stdout());
        assertTrue(lines.get(4).matches(" {" + sessionsColumn + "}AssumeRole for dev-1 \\((2h59m|3h) left\\)"),
                "each profile once, its second session under the first: " + list.stdout());
        assertFalse(list.stdout().contains(SECRET) || list.stdout().contains(KEY_ID));

        JsonNode json = new ObjectMapper().readTree(jvault("list", "--json").stdout());
        assertEquals("file ~/.jvault/vault.jvlt", json.get("store").asText());
        assertEquals("access key AKIA****MPLE", json.at("/profiles/0/credentials").asText());
        assertTrue(json.at("/profiles/1/sessions/0/secondsLeft").asInt() > 2400);
        assertEquals("main\n", jvault("list", "--credentials").stdout());
        assertEquals("main\ndev-1\ndev-2\n", jvault("list", "--profiles").stdout());
        assertTrue(jvault("list", "--sessions").stdout().matches("PROFILE  LEFT   SESSION\\ndev-1    4[12]m    AssumeRole for dev-1\\n"
                + "         (2h59m|3h) +AssumeRole for dev-1\\n"), jvault("list", "--sessions").stdout());
    }

    @Test
    void awsVaultsShortNamesWork() {
        assertEquals(0, addMainFromEnv().exitCode());
        cacheSession("dev-1", Duration.ofMinutes(42));
        assertEquals("main\n", jvault("ls", "--credentials").stdout(), "aws-vault ls");
        JvaultProcess.Result sessionsOnly = jvault("rm", "dev-1", "-s", "-f");
        assertEquals(0, sessionsOnly.exitCode(), sessionsOnly.toString());
        assertEquals("", jvault("list", "--sessions").stdout().lines().skip(1).reduce("", String::concat), "aws-vault rm -s");
        assertEquals("main\n", jvault("ls", "--credentials").stdout(), "the keys stay");
    }

    @Test
    void asksForTheKeysOnTheTerminal() {
        ScriptedPrompter terminal = ScriptedPrompter.answering(KEY_ID, SECRET);
        JvaultProcess.Result added = Cli.run(home.environment(), terminal, "add", "main");
        assertEquals(0, added.exitCode(), added.toString());
        assertEquals(List.of("Access key ID for main: ", "Secret access key: "), terminal.asked());
    }

    @Test
    void refusesKeysOfTheWrongShape() {
        home.set("AWS_ACCESS_KEY_ID", "AKIA123").set("AWS_SECRET_ACCESS_KEY", SECRET);
        JvaultProcess.Result shortId = jvault("add", "main", "--env");
        assertEquals(ExitStatus.DATA.code(), shortId.exitCode());
        assertEquals("jvault: access key id must be AKIA followed by 16 capital letters or digits (20 characters); got 7"
                + " characters\n", shortId.stderr());
        home.set("AWS_ACCESS_KEY_ID", KEY_ID).set("AWS_SECRET_ACCESS_KEY", "tooshort");
        assertTrue(jvault("add", "main", "--env").stderr().contains("secret access key must be 40 characters"));
        home.set("AWS_SECRET_ACCESS_KEY", "");
        assertEquals("jvault: --env: $AWS_SECRET_ACCESS_KEY is not set\n", jvault("add", "main", "--env").stderr());
        assertTrue(Files.notExists(home.path().resolve(".jvault/vault.jvlt")), "nothing was stored");
    }

    @Test
    void refusesAProfileNameItCannotStoreUnder() {
        home.set("AWS_ACCESS_KEY_ID", KEY_ID).set("AWS_SECRET_ACCESS_KEY", SECRET);
        JvaultProcess.Result slash = jvault("add", "a/b", "--env");
        assertEquals(ExitStatus.DATA.code(), slash.exitCode(), slash.toString());
        assertEquals("jvault: jvault cannot store anything under the profile name 'a/b': a name for stored keys is not"
                + " empty and has no '/' or control characters; rename the profile\n", slash.stderr());
        assertTrue(Files.notExists(home.path().resolve(".jvault/vault.jvlt")), "nothing was stored");
    }

    @Test
    void refusesAProfileThatAssumesARole() {
        home.set("AWS_ACCESS_KEY_ID", KEY_ID).set("AWS_SECRET_ACCESS_KEY", SECRET);
        JvaultProcess.Result result = jvault("add", "dev-1", "--env");
        assertEquals(ExitStatus.CONFIG.code(), result.exitCode());
        assertEquals("jvault: profile dev-1 gets its credentials from profile main (dev-1 -> main): store the keys under"
                + " main instead\n", result.stderr());
    }

    @Test
    void neverTakesASecretFromTheCommandLine() {
        JvaultProcess.Result result = jvault("add", "main", SECRET);
        assertEquals(ExitStatus.USAGE.code(), result.exitCode());
    }

    @Test
    void replacingAsksAndDropsTheOldKeysSessions() {
        addMainFromEnv();
        cacheSession("dev-1", Duration.ofHours(1));
        home.set("AWS_ACCESS_KEY_ID", "AKIANEWNEWNEWNEWNEW1");

        JvaultProcess.Result noTerminal = jvault("add", "main", "--env");
        assertEquals(ExitStatus.UNAVAILABLE.code(), noTerminal.exitCode());
        assertTrue(noTerminal.stderr().contains("are stored already and there is no terminal to confirm replacing them"));

        JvaultProcess.Result declined = Cli.run(home.environment(), ScriptedPrompter.answering("n"), "add", "main", "--env");
        assertEquals(ExitStatus.DECLINED.code(), declined.exitCode());
        assertTrue(jvault("list").stdout().contains("AKIA****MPLE"));

        JvaultProcess.Result replaced = Cli.run(home.environment(), ScriptedPrompter.answering("y"), "add", "main", "--env");
        assertEquals(0, replaced.exitCode(), replaced.toString());
        assertEquals("Replaced keys for main (AKIA****NEW1) in file ~/.jvault/vault.jvlt; dropped 1 cached session(s) made"
                + " from the old keys\n", replaced.stdout());
        assertEquals("", jvault("list", "--sessions").stdout());
    }

    @Test
    void replacingTypedKeysAsksBeforeTheKeysAreTyped() {
        addMainFromEnv();
        ScriptedPrompter declining = ScriptedPrompter.answering("n");
        JvaultProcess.Result declined = Cli.run(home.environment(), declining, "add", "main");
        assertEquals(ExitStatus.DECLINED.code(), declined.exitCode(), declined.toString());
        assertEquals(1, declining.asked().size(), "only the question, no key asked: " + declining.asked());
        assertTrue(declining.asked().getFirst().startsWith("Replace the stored keys for main"), declining.asked().toString());
    }

    @Test
    void importsFromTheCredentialsFileAndRemovesTheClearTextLines() throws Exception {
        home.credentials("# seeds' setup\n[main]  ## primary\naws_access_key_id = " + KEY_ID + "\naws_secret_access_key = "
                + SECRET + "\nregion = eu-west-1\n\n[other]\naws_access_key_id = AKIAOTHEROTHEROTHER1\n");
        JvaultProcess.Result result = jvault("add", "main", "--from-credentials-file", "--remove-from-file");
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stdout().endsWith("Removed the clear-text keys of [main] from ~/.aws/credentials.\n"));
        assertEquals("# seeds' setup\n[main]  ## primary\nregion = eu-west-1\n\n[other]\naws_access_key_id = AKIAOTHEROTHEROTHER1\n",
                Files.readString(home.awsCredentials()));
        assertEquals("main\n", jvault("list", "--credentials").stdout());
        assertEquals(ExitStatus.USAGE.code(), jvault("add", "main", "--remove-from-file").exitCode());
    }

    @Test
    void removeAsksUnlessForcedAndSaysWhenThereIsNothing() {
        addMainFromEnv();
        cacheSession("dev-1", Duration.ofHours(1));
        assertEquals(ExitStatus.UNAVAILABLE.code(), jvault("remove", "main").exitCode());
        ScriptedPrompter terminal = ScriptedPrompter.answering("yes");
        JvaultProcess.Result sessions = Cli.run(home.environment(), terminal, "remove", "main", "--sessions-only");
        assertEquals(0, sessions.exitCode(), sessions.toString());
        assertEquals(List.of("  dev-1: AssumeRole for dev-1", "Remove these from file ~/.jvault/vault.jvlt? [y/N] "),
                terminal.asked());
        assertEquals("main\n", jvault("list", "--credentials").stdout());
        assertEquals("Removed 1 item(s) of main from file ~/.jvault/vault.jvlt.\n", jvault("remove", "main", "-f").stdout());
        JvaultProcess.Result none = jvault("remove", "main", "-f");
        assertEquals(ExitStatus.NOT_FOUND.code(), none.exitCode());
        assertEquals("jvault: nothing stored for profile main in file ~/.jvault/vault.jvlt (jvault list shows what is"
                + " there)\n", none.stderr());
    }

    @Test
    void clearDropsSessionsAndKeepsKeys() {
        addMainFromEnv();
        cacheSession("dev-1", Duration.ofHours(1));
        cacheSession("dev-2", Duration.ofHours(1));
        assertEquals("Cleared 1 cached session(s) of dev-2 from file ~/.jvault/vault.jvlt.\n", jvault("clear", "dev-2").stdout());
        assertEquals("Cleared 1 cached session(s) from file ~/.jvault/vault.jvlt.\n", jvault("clear").stdout());
        assertEquals("main\n", jvault("list", "--credentials").stdout());
    }

    @Test
    void aPassphraseTypedWrongGetsThreeTriesAndOneFromElsewhereIsNamed() {
        addMainFromEnv();
        home.set("JVAULT_FILE_PASSPHRASE", "");
        ScriptedPrompter third = ScriptedPrompter.answering("wrong", "wrong again", "correct horse");
        JvaultProcess.Result list = Cli.run(home.environment(), third, "list", "--credentials");
        assertEquals(0, list.exitCode(), list.toString());
        assertEquals(List.of("Passphrase for ~/.jvault/vault.jvlt: ", "Wrong passphrase; try again.",
                "Passphrase for ~/.jvault/vault.jvlt: ", "Wrong passphrase; try again.", "Passphrase for ~/.jvault/vault.jvlt: "),
                third.asked());
        JvaultProcess.Result never = Cli.run(home.environment(), ScriptedPrompter.answering("a", "b", "c"), "list");
        assertEquals(ExitStatus.PERMISSION.code(), never.exitCode());
        assertEquals("jvault: wrong passphrase for ~/.jvault/vault.jvlt (from the terminal, 3 tries): the vault was left"
                + " as it is\n", never.stderr());
        home.set("AWS_VAULT_FILE_PASSPHRASE", "wrong");
        assertTrue(jvault("list").stderr().contains("(from $AWS_VAULT_FILE_PASSPHRASE)"), "aws-vault's name, read and named");
        home.set("AWS_VAULT_FILE_PASSPHRASE", "").set("JVAULT_PASSPHRASE_COMMAND", "echo wrong");
        assertTrue(jvault("list").stderr().contains("(from the output of $JVAULT_PASSPHRASE_COMMAND)"));
    }

    @Test
    void aWrongPassphraseHasItsOwnStatusAndChangesNothing() throws Exception {
        addMainFromEnv();
        byte[] before = Files.readAllBytes(home.path().resolve(".jvault/vault.jvlt"));
        home.set("JVAULT_FILE_PASSPHRASE", "wrong").set("AWS_ACCESS_KEY_ID", "AKIANEWNEWNEWNEWNEW1");
        JvaultProcess.Result list = jvault("list");
        assertEquals(ExitStatus.PERMISSION.code(), list.exitCode());
        assertEquals("jvault: wrong passphrase for ~/.jvault/vault.jvlt (from $JVAULT_FILE_PASSPHRASE): the vault was left"
                + " as it is\n", list.stderr());
        assertEquals(ExitStatus.PERMISSION.code(), Cli.run(home.environment(), ScriptedPrompter.answering("y"), "add", "main",
                "--env").exitCode());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(home.path().resolve(".jvault/vault.jvlt"))));
    }

    @Test
    void passwdWithoutAVaultSaysHowOneIsMade() {
        JvaultProcess.Result result = jvault("passwd");
        assertEquals(ExitStatus.NOT_FOUND.code(), result.exitCode());
        assertEquals("jvault: there is no vault at ~/.jvault/vault.jvlt yet: jvault add creates it\n", result.stderr());
    }

    @Test
    void passwdChangesThePassphrase() {
        addMainFromEnv();
        home.set("JVAULT_NEW_FILE_PASSPHRASE", "battery staple");
        assertEquals("Changed the passphrase of file ~/.jvault/vault.jvlt.\n", jvault("passwd").stdout());
        assertEquals(ExitStatus.PERMISSION.code(), jvault("list").exitCode());
        home.set("JVAULT_FILE_PASSPHRASE", "battery staple");
        assertEquals("main\n", jvault("list", "--credentials").stdout());
    }

    @Test
    void passwdRefusesTheCurrentPassphraseAsTheNewOne() throws Exception {
        addMainFromEnv();
        byte[] before = Files.readAllBytes(home.path().resolve(".jvault/vault.jvlt"));
        home.set("JVAULT_NEW_FILE_PASSPHRASE", "correct horse");
        JvaultProcess.Result same = jvault("passwd");
        assertEquals(ExitStatus.DATA.code(), same.exitCode());
        assertEquals("jvault: JVAULT_NEW_FILE_PASSPHRASE is the current passphrase: set it to another (nothing was changed)\n",
                same.stderr());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(home.path().resolve(".jvault/vault.jvlt"))));
    }

    @Test
    void aSecondRemovalOfAWrittenSectionSaysNothingWasThere() {
        JvaultProcess.Result first = jvault("export", "dev-1", "--remove-written");
        assertEquals(0, first.exitCode(), first.toString());
        assertEquals("jvault: nothing to remove: there is no [jvault-dev-1] in ~/.aws/credentials\n", first.stderr());
    }

    @Test
    void debugSaysWhichStoreAndWhy() {
        addMainFromEnv();
        String debug = jvault("--debug", "list").stderr();
        assertTrue(debug.contains("jvault: debug: reading ~/.aws/config\n"), debug);
        assertTrue(debug.contains("jvault: debug: store: file (chosen by $JVAULT_BACKEND), ~/.jvault/vault.jvlt\n"), debug);
        assertFalse(debug.contains(SECRET), debug);
    }
}

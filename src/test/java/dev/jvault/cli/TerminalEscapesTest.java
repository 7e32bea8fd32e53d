package dev.jvault.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jvault.testing.Cli;
import dev.jvault.testing.JvaultProcess;
import dev.jvault.testing.SandboxHome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Strings from the config files reach the terminal escaped, whatever shows them: a value that
 * holds OSC 52 (write the clipboard), OSC 0 (set the title) or CSI (colours, cursor moves) is
 * shown as text, and still works as the value it is.
 */
class TerminalEscapesTest {

    private static final String OSC_52 = "\u001b]52;c;cm0gLXJmIH4=\u0007";
    private static final String OSC_0 = "\u001b]0;owned\u0007";
    private static final String CSI = "\u001b[31m";
    private static final String CONFIG = """
            [profile main]
            region = eu-west-1

            [profile ci]
            credential_process = echo %s%s
            region = eu-west-1

            [profile red%sdev]
            role_arn = arn:aws:iam::222222222222:role/dev
            source_profile = main

            [profile keys%sholder]
            region = eu-west-1
            """.formatted(OSC_52, OSC_0, CSI, CSI);

    private final SandboxHome home = new SandboxHome().config(CONFIG);

    @AfterEach
    void cleanUp() {
        home.close();
    }

    /** No control character at all, but the line breaks between lines. */
    private static void assertNoControlCharacters(String shown) {
        assertFalse(shown.chars().anyMatch(c -> c != '\n' && Character.isISOControl(c)), "raw control characters in: " + shown);
    }

    @Test
    void describeShowsACredentialProcessWithEscapesAsText() {
        JvaultProcess.Result result = Cli.run(home.environment(), "describe", "ci");
        assertEquals(0, result.exitCode(), result.toString());
        assertNoControlCharacters(result.stdout());
        assertNoControlCharacters(result.stderr());
        assertTrue(result.stdout().contains("credential_process echo \\x1b]52;c;cm0gLXJmIH4=\\x07\\x1b]0;owned\\x07"),
                result.stdout());
    }

    @Test
    void describeAndDebugShowAProfileNameWithEscapesAsText() {
        JvaultProcess.Result result = Cli.run(home.environment(), "--debug", "describe", "red" + CSI + "dev");
        assertEquals(0, result.exitCode(), result.toString());
        assertNoControlCharacters(result.stdout());
        assertNoControlCharacters(result.stderr());
        assertTrue(result.stdout().contains("red\\x1b[31mdev -> main"), result.stdout());
        assertTrue(result.stderr().contains("jvault: debug: target profile red\\x1b[31mdev"), result.stderr());
    }

    @Test
    void listShowsProfileNamesWithEscapesAsTextAndJsonKeepsThemExact() throws Exception {
        JvaultProcess.Result table = Cli.run(home.environment(), "list", "--profiles");
        assertEquals(0, table.exitCode(), table.toString());
        assertNoControlCharacters(table.stdout());
        assertTrue(table.stdout().contains("red\\x1b[31mdev\n"), table.stdout());

        JvaultProcess.Result json = Cli.run(home.environment(), "list", "--profiles", "--json");
        assertNoControlCharacters(json.stdout());
        JsonNode names = new ObjectMapper().readTree(json.stdout());
        assertEquals("red" + CSI + "dev", names.get(2).asText(), "JSON escapes it, and a reader gets the name back");
    }

    @Test
    void addShowsNamesAndPathsWithEscapesAsText() throws Exception {
        home.set("JVAULT_BACKEND", "file").set("JVAULT_FILE_PASSPHRASE", "escapes test passphrase")
                .set("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE").set("AWS_SECRET_ACCESS_KEY", "s".repeat(40));
        JvaultProcess.Result refused = Cli.run(home.environment(), "add", "keys" + CSI + "holder", "--env");
        assertEquals(65, refused.exitCode(), refused.toString());
        assertNoControlCharacters(refused.stderr());
        assertTrue(refused.stderr().contains("profile name 'keys\\x1b[31mholder'"), refused.stderr());

        java.nio.file.Path odd = java.nio.file.Files.createDirectories(home.path().resolve("cfg" + CSI));
        java.nio.file.Files.copy(home.awsConfig(), odd.resolve("config"));
        home.set("AWS_CONFIG_FILE", odd.resolve("config").toString());
        JvaultProcess.Result added = Cli.run(home.environment(), "add", "plain", "--env");
        assertEquals(0, added.exitCode(), added.toString());
        assertNoControlCharacters(added.stdout());
        assertTrue(added.stdout().contains("cfg\\x1b[31m/config has no [profile plain]"), added.stdout());
    }
}

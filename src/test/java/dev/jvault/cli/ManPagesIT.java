package dev.jvault.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvault.testing.JvaultProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The man pages the build wrote (target/man/man1): one per command, clean roff, the same text as --help. */
class ManPagesIT {

    private static final Path MAN = Path.of(System.getProperty("jvault.projectDir", ".")).resolve("target/man");
    private static final List<String> COMMANDS = List.of("exec", "export", "login", "add", "list", "remove", "rotate",
            "clear", "passwd", "describe", "agent", "lock", "completion", "sso", "import");

    @Test
    void onePagePerCommandInCleanRoff() {
        Assumptions.assumeTrue(JvaultProcess.onPath("groff"), "groff checks the roff");
        for (String page : java.util.stream.Stream.concat(java.util.stream.Stream.of("jvault"),
                COMMANDS.stream().map(command -> "jvault-" + command)).toList()) {
            Path file = MAN.resolve("man1/" + page + ".1");
            assertTrue(Files.isRegularFile(file), page);
            JvaultProcess.Result check = JvaultProcess.runCommand(List.of("groff", "-man", "-ww", "-z", file.toString()),
                    Map.of("PATH", System.getenv("PATH")), "", Duration.ofSeconds(30));
            assertEquals("", check.stderr(), page + ": groff warns");
        }
    }

    private static String man(String page) {
        Assumptions.assumeTrue(JvaultProcess.onPath("man"), "man is installed");
        JvaultProcess.Result shown = JvaultProcess.runCommand(List.of("man", "-M", MAN.toString(), "-P", "cat", page),
                Map.of("PATH", System.getenv("PATH"), "MANWIDTH", "400", "LANG", "C.UTF-8"), "", Duration.ofSeconds(30));
        assertEquals(0, shown.exitCode(), shown.toString());
        return shown.stdout().replace("\u2010", "-");
    }

    @Test
    void theMainPageNamesEveryCommandAndPageAndTheGlobalOptionsOnce() {
        String jvault = man("jvault");
        assertTrue(jvault.contains("jvault - Keeps your long-lived AWS keys locked away and gives each command short-lived,"
                + " MFA-backed credentials for the profile you name, from your ~/.aws/config.\n"), "a whole NAME line: " + jvault);
        String seeAlso = jvault.substring(jvault.indexOf("SEE ALSO"));
        for (String command : COMMANDS) {
            assertTrue(jvault.contains("See jvault-" + command + "(1)."), command + " under COMMANDS: " + jvault);
            assertTrue(seeAlso.contains("jvault-" + command + "(1)"), command + " under SEE ALSO: " + seeAlso);
        }
        assertTrue(jvault.contains("GLOBAL OPTIONS") && jvault.contains("--config-file FILE"), jvault);

        String exec = man("jvault-exec");
        assertTrue(!exec.contains("--config-file FILE") && exec.contains("the global options --debug, --config-file,"
                + " --backend: see jvault(1)"), "named, not repeated: " + exec);
    }

    @Test
    void manShowsWhatHelpShows() {
        String text = man("jvault-exec");
        for (String expected : List.of("jvault-exec - Run a command with short-lived credentials for PROFILE in its environment.",
                "-d, --duration DURATION", "EXAMPLES", "jvault exec dev-1 -- aws s3 ls")) {
            assertTrue(text.contains(expected), expected + " in: " + text);
        }
    }
}

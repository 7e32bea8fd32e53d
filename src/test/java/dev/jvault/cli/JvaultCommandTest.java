package dev.jvault.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvault.testing.Cli;
import dev.jvault.testing.JvaultProcess;
import dev.jvault.testing.SandboxHome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JvaultCommandTest {

    private final SandboxHome home = new SandboxHome();

    @AfterEach
    void cleanUp() {
        home.close();
    }

    @Test
    void versionNamesTheReleaseAndTheJava() {
        JvaultProcess.Result result = Cli.run(home.environment(), "--version");
        assertEquals(0, result.exitCode());
        assertTrue(result.stdout().matches("jvault \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(Java 2[5-9].*\\)\n"), result.stdout());
    }

    @Test
    void helpListsOnlyWorkingCommands() {
        JvaultProcess.Result result = Cli.run(home.environment(), "--help");
        assertEquals(0, result.exitCode());
        assertTrue(result.stdout().contains("describe"), result.stdout());
        assertTrue(result.stdout().contains("--debug"), result.stdout());
        assertTrue(result.stdout().contains("--config-file=FILE"), result.stdout());
    }

    @Test
    void everyCommandHasHelp() {
        JvaultProcess.Result result = Cli.run(home.environment(), "describe", "--help");
        assertEquals(0, result.exitCode());
        assertTrue(result.stdout().startsWith("Usage: jvault describe"), result.stdout());
    }

    @Test
    void noCommandOrAnUnknownOneIsAUsageError() {
        assertEquals(ExitCodes.USAGE, Cli.run(home.environment()).exitCode());
        JvaultProcess.Result unknown = Cli.run(home.environment(), "frobnicate");
        assertEquals(ExitCodes.USAGE, unknown.exitCode());
        assertTrue(unknown.stderr().contains("Unmatched argument at index 0: 'frobnicate'"), unknown.stderr());
    }
}

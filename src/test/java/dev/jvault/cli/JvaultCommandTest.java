package dev.jvault.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvault.error.ExitStatus;
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
        for (String command : java.util.List.of("add", "list", "remove", "clear", "passwd", "describe", "help")) {
            assertTrue(result.stdout().contains("\n  " + command + " "), command + " missing from: " + result.stdout());
        }
        assertTrue(result.stdout().contains("--debug"), result.stdout());
        assertTrue(result.stdout().contains("--config-file=FILE"), result.stdout());
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : java.util.List.of("add", "list", "remove", "clear", "passwd", "describe")) {
            JvaultProcess.Result result = Cli.run(home.environment(), command, "--help");
            assertEquals(0, result.exitCode(), command);
            assertTrue(result.stdout().startsWith("Usage: jvault " + command), result.stdout());
        }
        assertTrue(Cli.run(home.environment(), "help", "add").stdout().startsWith("Usage: jvault add"));
    }

    @Test
    void badOptionsOfExecAndExportSayWhatIsWrong() {
        JvaultProcess.Result format = Cli.run(home.environment(), "export", "dev-1", "--format", "yaml");
        assertEquals(ExitStatus.USAGE.code(), format.exitCode());
        assertTrue(format.stderr().startsWith("jvault: --format is env, export-env, json or ini, not 'yaml'\n"), format.stderr());
        JvaultProcess.Result both = Cli.run(home.environment(), "exec", "dev-1", "--server", "--ec2-server", "true");
        assertEquals(ExitStatus.EXEC_FAILED.code(), both.exitCode(), "exec's own failures are 125, as with env(1)");
        assertTrue(both.stderr().startsWith("jvault: choose one of --server and --ec2-server\n"), both.stderr());
    }

    @Test
    void noCommandOrAnUnknownOneIsAUsageError() {
        assertEquals(ExitStatus.USAGE.code(), Cli.run(home.environment()).exitCode());
        JvaultProcess.Result unknown = Cli.run(home.environment(), "frobnicate");
        assertEquals(ExitStatus.USAGE.code(), unknown.exitCode());
        assertTrue(unknown.stderr().contains("Unmatched argument at index 0: 'frobnicate'"), unknown.stderr());
    }
}

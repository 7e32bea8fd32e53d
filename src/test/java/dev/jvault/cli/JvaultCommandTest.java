package dev.jvault.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvault.error.ExitStatus;
import dev.jvault.testing.Cli;
import dev.jvault.testing.JvaultProcess;
import dev.jvault.testing.SandboxHome;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JvaultCommandTest {

    private final SandboxHome home = new SandboxHome();

    @AfterEach
    void cleanUp() {
        home.close();
    }

    @Test
    void versionNamesTheReleaseTheCommitTheBuildDateAndTheJava() {
        JvaultProcess.Result result = Cli.run(home.environment(), "--version");
        assertEquals(0, result.exitCode());
        assertTrue(result.stdout().matches("jvault \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit ([0-9a-f]{10}(\\+changes)?|unknown), built"
                + " \\d{4}-\\d\\d-\\d\\d; Java 2[5-9].*\\)\n"), result.stdout());
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
    void bareJvaultPrintsTheUsageAndAnUnknownCommandOrOptionIsNamedWithTheClosest() {
        JvaultProcess.Result bare = Cli.run(home.environment());
        assertEquals(ExitStatus.OK.code(), bare.exitCode());
        assertTrue(bare.stdout().startsWith("Usage: jvault"), bare.stdout());
        JvaultProcess.Result typo = Cli.run(home.environment(), "exce", "dev-1");
        assertEquals(ExitStatus.USAGE.code(), typo.exitCode());
        assertEquals("jvault: unknown command 'exce'; did you mean exec?\nRun 'jvault --help' for usage.\n", typo.stderr());
        JvaultProcess.Result unknown = Cli.run(home.environment(), "frobnicate");
        assertTrue(unknown.stderr().startsWith("jvault: unknown command 'frobnicate': the commands are exec, export, add,"),
                unknown.stderr());
        for (List<String> args : List.of(List.of("exec", "--duraton", "1h", "dev-1", "--", "true"),
                List.of("export", "--duraton", "1h", "dev-1"))) {
            JvaultProcess.Result option = Cli.run(home.environment(), args.toArray(String[]::new));
            assertEquals(args.getFirst().equals("exec") ? ExitStatus.EXEC_FAILED.code() : ExitStatus.USAGE.code(), option.exitCode());
            assertTrue(option.stderr().startsWith("jvault: unknown option '--duraton'; did you mean --duration?\n"),
                    option.stderr());
        }
        JvaultProcess.Result json = Cli.run(home.environment(), "exec", "--json", "dev-1");
        assertTrue(json.stderr().startsWith("jvault: unknown option '--json'"), "not 'name a profile': " + json.stderr());
    }
}

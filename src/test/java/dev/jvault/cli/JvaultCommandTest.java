package dev.jvault.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvault.error.ExitStatus;
import dev.jvault.testing.Cli;
import dev.jvault.testing.JvaultProcess;
import dev.jvault.testing.SandboxHome;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

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
        for (String command : java.util.List.of("login", "add", "list", "remove", "clear", "passwd", "describe", "help")) {
            assertTrue(result.stdout().contains("\n  " + command + " ") || result.stdout().contains("\n  " + command + ", "),
                    command + " missing from: " + result.stdout());
        }
        assertTrue(result.stdout().contains("--debug"), result.stdout());
        assertTrue(result.stdout().contains("--config-file=FILE"), result.stdout());
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : java.util.List.of("login", "add", "list", "remove", "clear", "passwd", "describe")) {
            JvaultProcess.Result result = Cli.run(home.environment(), command, "--help");
            assertEquals(0, result.exitCode(), command);
            assertTrue(result.stdout().contains("Usage: jvault " + command), result.stdout());
        }
        assertTrue(Cli.run(home.environment(), "help", "add").stdout().contains("\nUsage: jvault add"), "help add is add's help");
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
        assertTrue(unknown.stderr().startsWith("jvault: unknown command 'frobnicate': the commands are exec, export, login, sso, add,"),
                unknown.stderr());
        for (List<String> args : List.of(List.of("exec", "--duraton", "1h", "dev-1", "--", "true"),
                List.of("export", "--duraton", "1h", "dev-1"))) {
            JvaultProcess.Result option = Cli.run(home.environment(), args.toArray(String[]::new));
            assertEquals(args.getFirst().equals("exec") ? ExitStatus.EXEC_FAILED.code() : ExitStatus.USAGE.code(), option.exitCode());
            assertTrue(option.stderr().startsWith("jvault: unknown option '--duraton'; did you mean --duration?\n"),
                    option.stderr());
        }
        JvaultProcess.Result unknownOption = Cli.run(home.environment(), "exec", "--output", "dev-1");
        assertTrue(unknownOption.stderr().startsWith("jvault: unknown option '--output'"), "not 'name a profile': " + unknownOption.stderr());
    }

    @Test
    void theSameConditionGivesTheSameStatusInEveryCommand() {
        home.config(dev.jvault.testing.Fixtures.SEED_CONFIG).set("JVAULT_BACKEND", "file").set("JVAULT_FILE_PASSPHRASE", "pw");
        for (List<String> noProfile : List.of(List.of("export"), List.of("describe"))) {
            assertEquals(ExitStatus.USAGE.code(), Cli.run(home.environment(), noProfile.toArray(String[]::new)).exitCode(),
                    "no profile given: " + noProfile);
        }
        assertEquals(ExitStatus.EXEC_FAILED.code(), Cli.run(home.environment(), "exec").exitCode(), "exec: env(1)'s 125");
        for (List<String> unknown : List.of(List.of("export", "dve-1"), List.of("describe", "dve-1"), List.of("clear", "dve-1"))) {
            JvaultProcess.Result result = Cli.run(home.environment(), unknown.toArray(String[]::new));
            assertEquals(ExitStatus.NOT_FOUND.code(), result.exitCode(), "unknown profile: " + unknown + " " + result);
            assertTrue(result.stderr().endsWith("; did you mean dev-1?\n"), result.stderr());
        }
        assertEquals(ExitStatus.USAGE.code(), Cli.run(home.environment(), "list", "--backend", "bogus").exitCode());
        assertEquals(ExitStatus.USAGE.code(), Cli.run(home.environment(), "--backend", "bogus", "list").exitCode(),
                "--backend before the command too");
        assertEquals(ExitStatus.CONFIG.code(), Cli.run(home.set("JVAULT_BACKEND", "bogus").environment(), "list").exitCode());
    }

    @Test
    void optionValuesAreCheckedBeforeAnythingElseRuns() {
        home.config(dev.jvault.testing.Fixtures.SEED_CONFIG);
        JvaultProcess.Result prompt = Cli.run(home.environment(), "export", "dev-1", "--prompt", "bogus");
        assertEquals(ExitStatus.USAGE.code(), prompt.exitCode());
        assertTrue(prompt.stderr().startsWith("jvault: unknown prompt driver 'bogus' (--prompt)"), prompt.stderr());
        JvaultProcess.Result code = Cli.run(home.environment(), "export", "dev-1", "-t", "abc");
        assertEquals(ExitStatus.USAGE.code(), code.exitCode());
        assertEquals("jvault: --mfa-token gave an MFA code that is not 6 digits (3 characters): nothing was sent to AWS\n",
                code.stderr());
    }

    @Test
    void everySummaryIsAWholeSentenceAndEveryCommandEndsWithExamples() {
        String help = Cli.run(home.environment(), "--help").stdout();
        String commands = help.substring(help.indexOf("Commands:"), help.indexOf("Exit status:"));
        for (String summary : commands.split("\n  (?=\\w)")) {
            if (!summary.startsWith("Commands:")) {
                assertTrue(summary.strip().endsWith("."), "a whole sentence: " + summary);
            }
        }
        for (String command : List.of("exec", "export", "login", "add", "import", "list", "remove", "rotate", "clear", "passwd",
                "describe", "agent", "lock", "completion")) {
            String own = Cli.run(home.environment(), command, "--help").stdout();
            String examples = own.substring(own.indexOf("\nExamples:\n") + 1);
            assertTrue(own.contains("\nExamples:\n") && examples.lines().filter(line -> line.startsWith("  ")
                    && line.contains("jvault ")).count() >= 2, command + " ends with two or more examples: " + own);
            assertEquals(own.indexOf("Example"), own.lastIndexOf("Example"), command + " shows its examples once: " + own);
        }
    }

    @Test
    void everyCommandsHelpSaysItsSummaryOnce() {
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        CommandLine root = JvaultCommand.commandLine(home.environment(), nowhere, nowhere);
        for (CommandLine command : root.getSubcommands().values()) {
            var usage = command.getCommandSpec().usageMessage();
            String[] lines = usage.header().length > 0 ? usage.header() : usage.description();
            if (lines.length == 0) {
                continue; // help itself
            }
            String summary = lines[0];
            String start = summary.substring(0, Math.min(30, summary.length()));
            String help = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
            assertEquals(help.indexOf(start), help.lastIndexOf(start), command.getCommandName() + " says its summary twice: " + help);
        }
    }

    @Test
    void everyDescriptionLineFitsTheHelpWidthAsWritten() {
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        CommandLine root = JvaultCommand.commandLine(home.environment(), nowhere, nowhere);
        List<CommandLine> commands = new ArrayList<>(root.getSubcommands().values());
        commands.add(root);
        for (CommandLine command : commands) {
            int width = command.getUsageHelpWidth();
            for (String line : command.getCommandSpec().usageMessage().description()) {
                assertTrue(line.length() <= width, command.getCommandName() + ": a line picocli would break again, ragged: "
                        + line);
            }
        }
    }

    @Test
    void everyParameterOfEveryCommandSaysWhatItIs() {
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        CommandLine root = JvaultCommand.commandLine(home.environment(), nowhere, nowhere);
        List<CommandLine> commands = new ArrayList<>(root.getSubcommands().values());
        commands.addAll(root.getSubcommands().values().stream().flatMap(command -> command.getSubcommands().values().stream())
                .toList());
        for (CommandLine command : commands) {
            command.getCommandSpec().positionalParameters().forEach(parameter -> assertTrue(
                    parameter.description().length > 0 && !parameter.description()[0].isBlank(),
                    command.getCommandName() + " " + parameter.paramLabel() + " has no description"));
        }
    }
}

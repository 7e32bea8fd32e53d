package dev.jvault.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvault.testing.ExecSandbox;
import dev.jvault.testing.JvaultProcess;
import dev.jvault.testing.MotoExtension;
import dev.jvault.testing.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code jvault exec} with no profile, on a real pseudo-terminal with fifty profiles: the JLine
 * picker (type to filter, arrows, Enter, Esc, Ctrl-C), the numbered list on a dumb terminal, and
 * no JLine at all in a run that asks nothing.
 */
@ExtendWith(MotoExtension.class)
class PickerIT {

    private static final String PTY = Path.of("src/test/resources/pty_run.py").toAbsolutePath().toString();
    private static final String DOWN = "\\x1b[B";
    private static final String UP = "\\x1b[A";
    private static final String REVERSE_VIDEO = "\u001b[7m";

    private ExecSandbox sandbox;

    @BeforeEach
    void setUp(MotoServer moto) throws Exception {
        sandbox = new ExecSandbox(moto);
        String teams = IntStream.rangeClosed(1, 46).mapToObj("[profile team-%02d]\nregion = eu-west-1\n"::formatted)
                .collect(Collectors.joining("\n"));
        Files.writeString(sandbox.home().awsConfig(), ExecSandbox.CONFIG + "\n" + teams);
    }

    @AfterEach
    void cleanUp() {
        sandbox.close();
    }

    /**
     * Runs {@code jvault exec -- sh -c 'echo chosen=$JVAULT'} on a terminal of the given type,
     * answering in turn, and shows what the terminal showed, the status, and whether the terminal's
     * settings came back.
     */
    private String execWithoutAProfile(String term, String... promptsAndAnswers) {
        return execWithoutAProfile(Map.of("TERM", term), promptsAndAnswers);
    }

    private String execWithoutAProfile(Map<String, String> variables, String... promptsAndAnswers) {
        List<String> command = new ArrayList<>(List.of("python3", PTY, "40"));
        command.addAll(List.of(promptsAndAnswers));
        command.addAll(List.of("--", "sh", "-c", "trap true INT; before=$(stty -g); " + JvaultProcess.launcher()
                + " exec -- sh -c 'echo chosen=$JVAULT'; echo \"status=$?\"; [ \"$(stty -g)\" = \"$before\" ] && echo terminal-as-it-was"));
        Map<String, String> env = new HashMap<>(sandbox.home().variables());
        env.putAll(variables);
        return JvaultProcess.runCommand(command, env, "", Duration.ofSeconds(60)).stdout();
    }

    @Test
    void aProfileNameWithEscapeSequencesIsShownAsTextAndStillChosen() throws Exception {
        Files.writeString(sandbox.home().awsConfig(), "\n[profile red\u001b[31m\u001b[5mdev]\nregion = eu-west-1\n"
                + "role_arn = arn:aws:iam::222222222222:role/dev-1-role\nsource_profile = main\n", StandardOpenOption.APPEND);
        String shown = execWithoutAProfile("xterm-256color", "Choose a profile", "keys:red\\r", "Enter MFA code", "123456");
        String jvaultsPart = shown.substring(0, Math.max(0, shown.indexOf("chosen=")));
        assertTrue(jvaultsPart.contains("red\\x1b[31m\\x1b[5mdev"), "the name as text: " + shown);
        assertFalse(jvaultsPart.contains("\u001b[31m") || jvaultsPart.contains("\u001b[5m"), "the name's own sequences, raw: "
                + shown);
        assertTrue(shown.contains("chosen=red\u001b[31m\u001b[5mdev"), "the real name reaches the command: " + shown);
    }

    @Test
    void typingFiltersTheFiftyProfilesAndTheArrowsChoose() {
        // dev-1 is selected first; down, down (the last match: stays), up, down.
        String shown = execWithoutAProfile("xterm-256color", "Choose a profile",
                "keys:dev" + DOWN + DOWN + UP + DOWN + "\\r", "Enter MFA code", "123456");
        assertTrue(shown.contains("50/50"), "every profile listed at first: " + shown);
        assertTrue(shown.contains("2/50"), "'dev' leaves dev-1 and dev-2: " + shown);
        assertTrue(shown.contains("chosen=dev-2"), shown);
        assertTrue(shown.contains("status=0") && shown.contains("terminal-as-it-was"), shown);
    }

    @Test
    void ctrlCInThePickerExits130AndLeavesTheTerminalAsItWas() {
        // "zz" matches nothing, and Enter then chooses nothing; Ctrl-C ends it.
        String shown = execWithoutAProfile("xterm", "Choose a profile", "keys:zz\\r\\x03");
        assertTrue(shown.contains("0/50 (no profile holds"), "the list says nothing matches: " + shown);
        assertTrue(shown.contains("status=130"), shown);
        assertTrue(shown.contains("terminal-as-it-was"), shown);
        assertFalse(shown.contains("chosen="), shown);
        assertTrue(shown.contains(REVERSE_VIDEO + "> main"), "the selected profile in reverse video: " + shown);

        String noColor = execWithoutAProfile(Map.of("TERM", "xterm", "NO_COLOR", "1"), "Choose a profile", "keys:\\x03");
        assertTrue(noColor.contains("> main") && !noColor.contains(REVERSE_VIDEO), "only the marker with NO_COLOR: " + noColor);
    }

    @Test
    void escCancelsAsCtrlCDoes() {
        String shown = execWithoutAProfile("xterm", "Choose a profile", "keys:\\x1b");
        assertTrue(shown.contains("jvault: cancelled at the prompt (Esc): nothing was changed"), shown);
        assertTrue(shown.contains("status=130"), "a cancel, as Ctrl-C: " + shown);
        assertTrue(shown.contains("terminal-as-it-was"), shown);
    }

    @Test
    void thePickerUsesTheTerminalItselfWhenStdinIsPipedAndOutputCaptured() throws Exception {
        Files.writeString(sandbox.home().awsConfig(), "\n[profile alpha]\ncredential_process = echo '{\"Version\": 1,"
                + " \"AccessKeyId\": \"AKIAALPHA00000000001\", \"SecretAccessKey\": \"alpha\"}'\n",
                StandardOpenOption.APPEND);
        List<String> command = List.of("python3", PTY, "40", "Choose a profile", "keys:alp\\r", "--", "sh", "-c",
                "out=$(echo | " + JvaultProcess.launcher() + " export --format env 2>/dev/null); echo \"status=$?\"; echo \"$out\"");
        Map<String, String> env = new HashMap<>(sandbox.home().variables());
        env.put("TERM", "xterm");
        String shown = JvaultProcess.runCommand(command, env, "", Duration.ofSeconds(60)).stdout();
        assertTrue(shown.contains("status=0") && shown.contains("AWS_ACCESS_KEY_ID=AKIAALPHA00000000001"), shown);
    }

    @Test
    void aRunThatAsksNothingLoadsNoJLine() throws Exception {
        // jvault's JVM run as the launcher runs it, with a class log: the launcher keeps Java option
        // variables (JDK_JAVA_OPTIONS, ...) from jvault's JVM, so the log is asked for here.
        Path classLog = sandbox.home().path().resolve("classes.log");
        Path lib = JvaultProcess.launcher().getParent().resolveSibling("target/lib");
        String classPath;
        try (var jars = Files.list(lib)) {
            classPath = lib.resolve("jvault.jar") + jars.map(Path::toString).filter(jar -> jar.endsWith(".jar")
                    && !jar.endsWith("/jvault.jar")).map(jar -> ":" + jar).collect(Collectors.joining());
        }
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + classLog, "--enable-native-access=ALL-UNNAMED", "-cp", classPath,
                "dev.jvault.Main", "exec", "dev-1", "-t", "123456", "--", "true");
        JvaultProcess.Result exec = JvaultProcess.runCommand(command, sandbox.home().variables(), "", Duration.ofSeconds(60));
        assertEquals(0, exec.exitCode(), exec.toString());
        String loaded = Files.readString(classLog);
        assertTrue(loaded.contains("dev.jvault.prompt.InteractivePrompter"), "the log names what was loaded");
        assertFalse(loaded.contains("org.jline."), "JLine stays unloaded when no question is asked");
    }

    @Test
    void aDumbTerminalGetsTheNumberedList() {
        String shown = execWithoutAProfile("dumb", "Profile (number or name)", "3", "Enter MFA code", "123456");
        assertTrue(shown.contains("  3) dev-2") && shown.contains(" 50) team-46"), shown);
        assertFalse(shown.contains("\u001b["), "no cursor movement on a dumb terminal: " + shown);
        assertTrue(shown.contains("chosen=dev-2") && shown.contains("status=0"), shown);
    }
}

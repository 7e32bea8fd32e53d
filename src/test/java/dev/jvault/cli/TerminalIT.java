package dev.jvault.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvault.testing.JvaultProcess;
import dev.jvault.testing.SandboxHome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * jvault at a real terminal (a pseudo-terminal, answered like a person would): Ctrl-C and
 * Ctrl-D at its prompts end the line, leave the terminal settings as they were, and give the
 * documented statuses.
 */
class TerminalIT {

    private static final String PTY = Path.of("src/test/resources/pty_run.py").toAbsolutePath().toString();

    private final SandboxHome home = new SandboxHome()
            .set("JVAULT_BACKEND", "file")
            .set("JVAULT_FILE_PASSPHRASE", "terminal test passphrase");

    @AfterEach
    void cleanUp() {
        home.close();
    }

    /**
     * Runs {@code jvault add main} on a terminal, answering its prompts in turn, and shows what
     * the terminal showed, jvault's status, and whether the terminal's settings (stty) came back (the shell
     * around it outlives a Ctrl-C, as an interactive one does).
     */
    private String addMainAnswering(String... promptsAndAnswers) {
        List<String> command = new ArrayList<>(List.of("python3", PTY, "30"));
        command.addAll(List.of(promptsAndAnswers));
        command.addAll(List.of("--", "sh", "-c", "trap true INT; before=$(stty -g); " + JvaultProcess.launcher() + " add main;"
                + " echo \"status=$?\"; [ \"$(stty -g)\" = \"$before\" ] && echo terminal-as-it-was"));
        return JvaultProcess.runCommand(command, home.variables(), "", Duration.ofSeconds(60)).stdout();
    }

    @Test
    void ctrlCAtAHiddenPromptEndsTheLineRestoresEchoAndExits130() {
        String shown = addMainAnswering("Access key ID", "AKIAIOSFODNN7EXAMPLE", "Secret access key", "^C");
        assertTrue(shown.contains("status=130"), shown);
        assertTrue(shown.contains("terminal-as-it-was"), "echo is back on: " + shown);
        String afterPrompt = shown.substring(shown.indexOf("<answered Secret access key>"));
        assertTrue(afterPrompt.replace("<answered Secret access key>", "").replace("^C", "").startsWith("\r\n"),
                "the prompt's line is ended: " + afterPrompt);
        assertFalse(shown.contains("Added keys"), shown);
    }

    @Test
    void aSecretShowsAsOneStarPerCharacterAndNeverAsItself() {
        String secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        String shown = addMainAnswering("Access key ID", "AKIAIOSFODNN7EXAMPLE", "Secret access key", secret);
        assertTrue(shown.contains("<answered Secret access key>" + "*".repeat(secret.length()) + "\r\n"), shown);
        assertFalse(shown.contains(secret), shown);
        assertTrue(shown.contains("Added keys for main") && shown.contains("status=0") && shown.contains("terminal-as-it-was"),
                shown);
    }

    @Test
    void ctrlCAtAVisiblePromptExits130() {
        String shown = addMainAnswering("Access key ID", "^C");
        assertTrue(shown.contains("status=130"), shown);
        assertTrue(shown.contains("terminal-as-it-was"), shown);
    }

    @Test
    void ctrlDAtAPromptIsNoAnswerAndChangesNothing() {
        String shown = addMainAnswering("Access key ID", "^D");
        assertTrue(shown.contains("jvault: no answer (the input ended at the prompt): nothing was changed"), shown);
        assertTrue(shown.contains("status=1\r\n"), shown);
        assertTrue(shown.contains("terminal-as-it-was"), shown);
        String hidden = addMainAnswering("Access key ID", "AKIAIOSFODNN7EXAMPLE", "Secret access key", "^D");
        assertTrue(hidden.contains("status=1\r\n") && hidden.contains("terminal-as-it-was"), hidden);
    }

    @Test
    void colourOnlyOnATerminalAndNeverWithNoColor() {
        Map<String, String> noColor = new HashMap<>(home.variables());
        noColor.put("NO_COLOR", "1");
        String onTerminal = JvaultProcess.runCommand(List.of("python3", PTY, "30", "--", JvaultProcess.launcher().toString(),
                "--help"), noColor, "", Duration.ofSeconds(60)).stdout();
        assertTrue(onTerminal.contains("Usage: jvault"), onTerminal);
        assertFalse(onTerminal.contains("\u001b"), "NO_COLOR is honoured on a terminal: " + onTerminal);
        JvaultProcess.Result piped = JvaultProcess.run(home.variables(), "--help");
        assertFalse(piped.stdout().contains("\u001b"), "no escapes when not on a terminal");
    }
}

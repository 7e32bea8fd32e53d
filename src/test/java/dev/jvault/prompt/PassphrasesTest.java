package dev.jvault.prompt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvault.config.Environment;
import dev.jvault.error.ExitStatus;
import dev.jvault.testing.ScriptedPrompter;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class PassphrasesTest {

    private static final Predicate<char[]> NOT_CURRENT = candidate -> false;

    private static Passphrases with(Map<String, String> env, ScriptedPrompter prompter) {
        return new Passphrases(new Environment(env), prompter);
    }

    @Test
    void theEnvironmentComesFirst() {
        assertArrayEquals("from env".toCharArray(), with(Map.of("JVAULT_FILE_PASSPHRASE", "from env",
                "JVAULT_PASSPHRASE_COMMAND", "echo from-command"), ScriptedPrompter.noTerminal()).existing("v", 1));
    }

    @Test
    void thenACommandsOutputLessOneNewline() {
        assertArrayEquals("from command ".toCharArray(), with(Map.of("JVAULT_PASSPHRASE_COMMAND", "printf 'from command \\n'"),
                ScriptedPrompter.noTerminal()).existing("v", 1));
    }

    @Test
    void aFailingCommandSaysSo() {
        PromptException error = assertThrows(PromptException.class, () -> with(Map.of("JVAULT_PASSPHRASE_COMMAND", "exit 3"),
                ScriptedPrompter.noTerminal()).existing("v", 1));
        assertEquals(ExitStatus.UNAVAILABLE.code(), error.exitStatus());
        assertEquals("JVAULT_PASSPHRASE_COMMAND failed with exit status 3: check the command, or unset it to be asked on"
                + " the terminal", error.getMessage());
    }

    @Test
    void thenTheTerminalAndWithoutOneAClearError() {
        ScriptedPrompter terminal = ScriptedPrompter.answering("typed");
        assertArrayEquals("typed".toCharArray(), with(Map.of(), terminal).existing("~/.jvault/vault.jvlt", 1));
        assertEquals(List.of("Passphrase for ~/.jvault/vault.jvlt: "), terminal.asked());
        PromptException error = assertThrows(PromptException.class, () -> with(Map.of(), ScriptedPrompter.noTerminal()).existing("v", 1));
        assertEquals(ExitStatus.UNAVAILABLE.code(), error.exitStatus());
        assertEquals("the vault file needs a passphrase and there is no terminal to ask on: set"
                + " JVAULT_PASSPHRASE_COMMAND (or JVAULT_FILE_PASSPHRASE)", error.getMessage());
        assertEquals("the vault file needs a passphrase and there is no terminal to ask on: set JVAULT_NEW_FILE_PASSPHRASE",
                assertThrows(PromptException.class, () -> with(Map.of("JVAULT_FILE_PASSPHRASE", "old"),
                        ScriptedPrompter.noTerminal()).replacement("v", NOT_CURRENT)).getMessage(), "passwd names what it needs");
    }

    @Test
    void aNewPassphraseIsAskedTwiceUntilBothAgree() {
        ScriptedPrompter terminal = ScriptedPrompter.answering("one", "two", "", "", "same", "same");
        assertArrayEquals("same".toCharArray(), with(Map.of(), terminal).create("v"));
        assertEquals(List.of("New passphrase for v: ", "The same passphrase again: ", "The two passphrases differ; again.",
                "New passphrase for v: ", "The same passphrase again: ", "The passphrase cannot be empty.",
                "New passphrase for v: ", "The same passphrase again: ", "Warning: this passphrase is weak (4 characters,"
                + " about 18 bits; jvault suggests at least 12 characters and 60 bits, e.g. four or five random words)."
                + " It was taken."), terminal.asked());
        ScriptedPrompter strong = ScriptedPrompter.answering("orbit lantern velvet quarry", "orbit lantern velvet quarry");
        with(Map.of(), strong).create("v");
        assertEquals(2, strong.asked().size(), "no warning for four random words: " + strong.asked());
    }

    @Test
    void theCurrentPassphraseIsRefusedAsTheNewOneAndAskedAgainAtOnce() {
        Predicate<char[]> isCurrent = candidate -> new String(candidate).equals("current");
        ScriptedPrompter terminal = ScriptedPrompter.answering("current", "orbit lantern velvet quarry",
                "orbit lantern velvet quarry");
        assertArrayEquals("orbit lantern velvet quarry".toCharArray(), with(Map.of(), terminal).replacement("v", isCurrent));
        assertEquals(List.of("New passphrase for v: ", "That is the current passphrase: choose another.",
                "New passphrase for v: ", "The same passphrase again: "), terminal.asked(), "refused before it is typed twice");

        ScriptedPrompter stubborn = ScriptedPrompter.answering("current", "current", "current");
        PromptException error = assertThrows(PromptException.class, () -> with(Map.of(), stubborn).replacement("v", isCurrent));
        assertEquals("no passphrase agreed on after 3 attempts: nothing was changed", error.getMessage());

        PromptException fromEnv = assertThrows(PromptException.class, () -> with(Map.of("JVAULT_NEW_FILE_PASSPHRASE", "current"),
                ScriptedPrompter.noTerminal()).replacement("v", isCurrent));
        assertEquals("JVAULT_NEW_FILE_PASSPHRASE is the current passphrase: set it to another (nothing was changed)",
                fromEnv.getMessage());
    }

    @Test
    void theReplacementNeverComesFromTheCurrentPassphrasesVariable() {
        Map<String, String> env = Map.of("JVAULT_FILE_PASSPHRASE", "old", "JVAULT_NEW_FILE_PASSPHRASE", "new");
        assertArrayEquals("new".toCharArray(), with(env, ScriptedPrompter.noTerminal()).replacement("v", NOT_CURRENT));
        assertArrayEquals("asked".toCharArray(), with(Map.of("JVAULT_FILE_PASSPHRASE", "old"),
                ScriptedPrompter.answering("asked", "asked")).replacement("v", NOT_CURRENT));
    }

    @Test
    void aNestedJvaultSaysWhyItAsksAgain() {
        ScriptedPrompter terminal = ScriptedPrompter.answering("typed");
        with(Map.of("JVAULT", "dev-1"), terminal).existing("v", 1);
        assertEquals(List.of("inside jvault exec dev-1, which never hands the vault's passphrase to its command; with the"
                + " agent running nothing would be asked (docs/agent.md)", "Passphrase for v: "), terminal.asked());
        assertTrue(assertThrows(PromptException.class, () -> with(Map.of("JVAULT", "dev-1"), ScriptedPrompter.noTerminal())
                .existing("v", 1)).getMessage().endsWith("(inside jvault exec dev-1, which never hands the vault's passphrase"
                        + " to its command; with the agent running nothing would be asked (docs/agent.md))"));
    }
}

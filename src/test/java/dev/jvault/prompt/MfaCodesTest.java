package dev.jvault.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jvault.config.Origin;
import dev.jvault.config.Sourced;
import dev.jvault.testing.ScriptedPrompter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MfaCodesTest {

    private static final String SERIAL = "arn:aws:iam::111111111111:mfa/alice";

    @Test
    void theOptionComesFirstAndMustBeSixDigits() {
        assertEquals("123456", new MfaCodes(Optional.of("123456"), Optional.empty(), "terminal", ScriptedPrompter.noTerminal())
                .code(SERIAL));
        assertEquals("--mfa-token gave an MFA code that is not 6 digits (5 characters): nothing was sent to AWS",
                assertThrows(PromptException.class, () -> new MfaCodes(Optional.of("12345"), Optional.empty(), "terminal",
                        ScriptedPrompter.noTerminal()).code(SERIAL)).getMessage());
    }

    @Test
    void thenMfaProcess() {
        Sourced<String> process = new Sourced<>("printf ' 654321\\n'", Origin.builtIn("test"));
        assertEquals("654321", new MfaCodes(Optional.empty(), Optional.of(process), "terminal",
                ScriptedPrompter.noTerminal()).code(SERIAL));
        Sourced<String> failing = new Sourced<>("exit 4", Origin.builtIn("test"));
        assertEquals("mfa_process (test) exited with status 4 without an MFA code", assertThrows(PromptException.class,
                () -> new MfaCodes(Optional.empty(), Optional.of(failing), "terminal", ScriptedPrompter.noTerminal())
                        .code(SERIAL)).getMessage());
    }

    @Test
    void theTerminalAsksAgainUntilSixDigitsAndOnlyOncePerDevice() {
        ScriptedPrompter terminal = ScriptedPrompter.answering("12345", "abcdef", "123456");
        MfaCodes codes = new MfaCodes(Optional.empty(), Optional.empty(), "terminal", terminal);
        assertEquals("123456", codes.code(SERIAL));
        assertEquals("123456", codes.code(SERIAL));
        assertEquals(List.of("Enter MFA code for " + SERIAL + ": ", "An MFA code is 6 digits.",
                "Enter MFA code for " + SERIAL + ": ", "An MFA code is 6 digits.", "Enter MFA code for " + SERIAL + ": "),
                terminal.asked());
    }

    @Test
    void withoutATerminalSaysWhatElseWorks() {
        assertEquals("no terminal to ask for the MFA code for " + SERIAL + ": pass --mfa-token, set mfa_process in the"
                + " profile, or use --prompt ykman|zenity|kdialog|osascript", assertThrows(PromptException.class,
                () -> new MfaCodes(Optional.empty(), Optional.empty(), "terminal", ScriptedPrompter.noTerminal())
                        .code(SERIAL)).getMessage());
        assertEquals("unknown prompt driver 'pager': terminal, ykman, zenity, kdialog or osascript",
                assertThrows(PromptException.class, () -> new MfaCodes(Optional.empty(), Optional.empty(), "pager",
                        ScriptedPrompter.noTerminal()).code(SERIAL)).getMessage());
    }
}

package dev.jvault.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jvault.config.Environment;
import dev.jvault.config.Origin;
import dev.jvault.config.Sourced;
import dev.jvault.error.ExitStatus;
import dev.jvault.error.JvaultException;
import dev.jvault.testing.ScriptedPrompter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MfaCodesTest {

    private static final String SERIAL = "arn:aws:iam::111111111111:mfa/alice";

    private static MfaCodes codes(Optional<String> option, Optional<Sourced<String>> process, String driver, Prompter prompter) {
        return new MfaCodes(option, process, driver, prompter, Duration.ofSeconds(5));
    }

    @Test
    void theOptionComesFirstAndMustBeSixDigits() {
        assertEquals("123456", codes(Optional.of("123456"), Optional.empty(), "terminal", ScriptedPrompter.noTerminal())
                .code(SERIAL));
        assertEquals("--mfa-token gave an MFA code that is not 6 digits (5 characters): nothing was sent to AWS",
                assertThrows(JvaultException.class, () -> codes(Optional.of("12345"), Optional.empty(), "terminal",
                        ScriptedPrompter.noTerminal()).code(SERIAL)).getMessage());
    }

    @Test
    void thenMfaProcess() {
        Sourced<String> process = new Sourced<>("printf ' 654321\\n'", Origin.builtIn("test"));
        assertEquals("654321", codes(Optional.empty(), Optional.of(process), "terminal",
                ScriptedPrompter.noTerminal()).code(SERIAL));
        Sourced<String> failing = new Sourced<>("exit 4", Origin.builtIn("test"));
        assertEquals("mfa_process (test) exited with status 4 without an MFA code", assertThrows(PromptException.class,
                () -> codes(Optional.empty(), Optional.of(failing), "terminal", ScriptedPrompter.noTerminal())
                        .code(SERIAL)).getMessage());
    }

    @Test
    void aHungMfaProcessIsStoppedWithEverythingItStarted() throws Exception {
        Path pids = Files.createTempFile("jvault-mfa-", ".pids");
        try {
            Sourced<String> hung = new Sourced<>("sleep 60 & echo $! > " + pids + "; sleep 60", Origin.builtIn("test"));
            MfaCodes slow = new MfaCodes(Optional.empty(), Optional.of(hung), "terminal", ScriptedPrompter.noTerminal(),
                    Duration.ofSeconds(1));
            assertEquals("mfa_process (test) did not finish within 1s and was stopped: check it, or allow it longer with"
                    + " JVAULT_HELPER_TIMEOUT", assertThrows(PromptException.class, () -> slow.code(SERIAL)).getMessage());
            long background = Long.parseLong(Files.readString(pids).strip());
            Optional<ProcessHandle> left = ProcessHandle.of(background);
            left.ifPresent(handle -> handle.onExit().orTimeout(5, TimeUnit.SECONDS).join());
            assertFalse(ProcessHandle.of(background).map(ProcessHandle::isAlive).orElse(false),
                    "the helper's background child was killed too");
        } finally {
            Files.delete(pids);
        }
    }

    @Test
    void anMfaProcessThatPrintsWithoutEndIsStopped() {
        Sourced<String> endless = new Sourced<>("yes 123456", Origin.builtIn("test"));
        assertEquals("mfa_process (test) printed more than 64 KiB on stdout: that is not the short answer jvault reads"
                + " from it", assertThrows(PromptException.class,
                () -> codes(Optional.empty(), Optional.of(endless), "terminal", ScriptedPrompter.noTerminal())
                        .code(SERIAL)).getMessage());
    }

    @Test
    void theTerminalAsksAgainUntilSixDigitsAndOnlyOncePerDevice() {
        ScriptedPrompter terminal = ScriptedPrompter.answering("12345", "abcdef", "123456");
        MfaCodes codes = codes(Optional.empty(), Optional.empty(), "terminal", terminal);
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
                () -> codes(Optional.empty(), Optional.empty(), "terminal", ScriptedPrompter.noTerminal())
                        .code(SERIAL)).getMessage());
    }

    @Test
    void driversAndCodesAreCheckedAsGivenAndCodesMayBeGroupedAsAppsShowThem() {
        JvaultException driver = assertThrows(JvaultException.class, () -> MfaCodes.driver(Optional.of("ykmn"),
                new Environment(Map.of())));
        assertEquals("unknown prompt driver 'ykmn' (--prompt): it is one of terminal, ykman, zenity, kdialog, osascript;"
                + " did you mean ykman?", driver.getMessage());
        assertEquals(ExitStatus.USAGE.code(), driver.exitStatus());
        assertEquals("123456", MfaCodes.validCode("123 456", "--mfa-token", ExitStatus.USAGE));
        assertEquals("--mfa-token gave an MFA code that is not 6 digits (3 characters): nothing was sent to AWS",
                assertThrows(JvaultException.class, () -> MfaCodes.validCode("abc", "--mfa-token", ExitStatus.USAGE)).getMessage());
        ScriptedPrompter terminal = ScriptedPrompter.answering("654 321");
        assertEquals("654321", codes(Optional.empty(), Optional.empty(), "terminal", terminal).code(SERIAL));
    }
}

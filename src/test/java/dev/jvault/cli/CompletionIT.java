package dev.jvault.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvault.testing.Fixtures;
import dev.jvault.testing.JvaultProcess;
import dev.jvault.testing.SandboxHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The completion scripts in the real shells: what TAB offers, and each script accepted by its shell. */
class CompletionIT {

    private final SandboxHome home = new SandboxHome().config(Fixtures.SEED_CONFIG);

    @AfterEach
    void cleanUp() {
        home.close();
    }

    private Path script(String shell) throws IOException {
        JvaultProcess.Result result = JvaultProcess.run(home.variables(), "completion", shell);
        assertEquals(0, result.exitCode(), result.toString());
        return Files.writeString(home.path().resolve("jvault." + shell), result.stdout());
    }

    /** What bash's completion offers for the words typed so far, the last one being completed. */
    private String bashOffers(Path script, String... words) {
        String setWords = "COMP_WORDS=(" + String.join(" ", java.util.Arrays.stream(words).map(w -> "'" + w + "'").toList())
                + "); COMP_CWORD=" + (words.length - 1) + "; ";
        JvaultProcess.Result result = JvaultProcess.runCommand(List.of("bash", "-c", "source " + script + "; " + setWords
                + "_jvault; echo \"${COMPREPLY[*]}\""), withJvaultOnPath(), "", Duration.ofSeconds(60));
        assertEquals(0, result.exitCode(), result.toString());
        return result.stdout().strip();
    }

    private Map<String, String> withJvaultOnPath() {
        Map<String, String> env = new java.util.HashMap<>(home.variables());
        env.put("PATH", JvaultProcess.launcher().getParent() + ":" + env.get("PATH"));
        return env;
    }

    @Test
    void bashOffersCommandsOptionsProfilesAndThenTheCommandsOwnCompletion() throws IOException {
        Path bash = script("bash");
        assertEquals("dev-1 dev-2", bashOffers(bash, "jvault", "exec", "d"), "profile names from the config");
        assertEquals("exec export", bashOffers(bash, "jvault", "ex"));
        assertEquals("--duration", bashOffers(bash, "jvault", "exec", "--dur"));
        assertEquals("dev-1 dev-2", bashOffers(bash, "jvault", "exec", "-d", "1h", "d"), "an option's value is not the profile");
        assertTrue(List.of(bashOffers(bash, "jvault", "exec", "dev-1", "--", "ech").split(" ")).contains("echo"),
                "after exec PROFILE -- the command's completion takes over");
        assertEquals("keychain file", bashOffers(bash, "jvault", "--backend", ""));
        assertEquals("dev-1 dev-2", bashOffers(bash, "jvault", "--backend", "file", "exec", "d"),
                "a global option's value is not the command");
        assertEquals("main dev-1 dev-2", bashOffers(bash, "jvault", "login", ""));
    }

    @Test
    void bashRunsNothingFromAProfileNameAndOffersItQuoted() throws IOException {
        Path pwned = home.path().resolve("pwned");
        home.config("""
                [profile dev-1]
                region = eu-west-1

                [profile $(touch${IFS}%1$s)]
                region = eu-west-1

                [profile d`touch${IFS}%1$s`]
                region = eu-west-1

                [profile d\u001b[31mx]
                region = eu-west-1
                """.formatted(pwned));
        Path bash = script("bash");
        String all = bashOffers(bash, "jvault", "exec", "");
        String fromD = bashOffers(bash, "jvault", "exec", "d");
        assertTrue(Files.notExists(pwned), "a profile name ran as a command");
        assertEquals("dev-1 \\$\\(touch\\$\\{IFS\\}" + pwned + "\\) d\\`touch\\$\\{IFS\\}" + pwned
                + "\\`", all, "each name quoted as the shell must read it; none with a control character");
        assertEquals("dev-1 d\\`touch\\$\\{IFS\\}" + pwned + "\\`", fromD);
    }

    @Test
    void anUnknownShellIsAUsageError() {
        JvaultProcess.Result result = JvaultProcess.run(home.variables(), "completion", "powershell");
        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.stderr().startsWith("jvault: the shells are bash, zsh and fish, not 'powershell'\n"), result.stderr());
        assertEquals("", result.stdout());
    }

    @Test
    void zshAndFishAcceptTheirScripts() throws IOException {
        for (List<String> check : List.of(List.of("zsh", "-n"), List.of("fish", "--no-execute"))) {
            Assumptions.assumeTrue(JvaultProcess.onPath(check.getFirst()), check.getFirst() + " is not installed (scripts/test.sh installs it)");
            Path script = script(check.getFirst());
            JvaultProcess.Result result = JvaultProcess.runCommand(List.of(check.get(0), check.get(1), script.toString()),
                    home.variables(), "", Duration.ofSeconds(30));
            assertEquals(0, result.exitCode(), check + ": " + result);
        }
        JvaultProcess.Result fish = JvaultProcess.runCommand(List.of("fish", "-c", "source " + script("fish")
                + "; complete -C 'jvault exec d'"), withJvaultOnPath(), "", Duration.ofSeconds(60));
        assertEquals("dev-1\ndev-2\n", fish.stdout(), fish.toString());
    }
}

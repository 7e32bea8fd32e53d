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

    /** What zsh's completion offers, with compadd, _files and _normal standing in for the completion system's own. */
    private String zshOffers(Path script, String... words) {
        String setWords = "words=(" + String.join(" ", java.util.Arrays.stream(words).map(w -> "'" + w + "'").toList())
                + "); CURRENT=" + words.length + "; ";
        JvaultProcess.Result result = JvaultProcess.runCommand(List.of("zsh", "-fc", "compadd() { [[ $1 == -- ]] && shift;"
                + " print -r -- \"$*\"; }; _files() { print -r -- FILES; }; _normal() { print -r -- NORMAL; }; source " + script
                + "; " + setWords + "_jvault"), withJvaultOnPath(), "", Duration.ofSeconds(60));
        assertEquals(0, result.exitCode() == 1 && result.stdout().isEmpty() ? 0 : result.exitCode(), result.toString());
        return result.stdout().strip();
    }

    /** What fish offers, in fish's order (sorted). */
    private String fishOffers(Path script, String line) {
        JvaultProcess.Result result = JvaultProcess.runCommand(List.of("fish", "-c", "source " + script + "; complete -C '"
                + line + "'"), withJvaultOnPath(), "", Duration.ofSeconds(60));
        assertEquals(0, result.exitCode(), result.toString());
        return String.join(" ", result.stdout().lines().map(offer -> offer.split("\t")[0]).toList());
    }

    @Test
    void optionValuesAndFixedArgumentsComeFromTheModelInEveryShell() throws IOException {
        Path bash = script("bash");
        assertEquals("env export-env json ini", bashOffers(bash, "jvault", "export", "--format", ""));
        assertEquals("json", bashOffers(bash, "jvault", "export", "dev-1", "--format", "j"));
        assertEquals("terminal ykman zenity kdialog osascript", bashOffers(bash, "jvault", "exec", "--prompt", ""));
        assertEquals("start stop status", bashOffers(bash, "jvault", "agent", ""));
        assertEquals("bash zsh fish", bashOffers(bash, "jvault", "completion", ""));
        assertEquals("login logout profiles", bashOffers(bash, "jvault", "sso", ""));
        assertEquals("aws-vault", bashOffers(bash, "jvault", "import", ""));
        assertEquals("file secret-service", bashOffers(bash, "jvault", "import", "aws-vault", "--aws-vault-backend", ""));
        assertEquals("keychain file", bashOffers(bash, "jvault", "list", "--backend", ""));
        assertEquals("main dev-1 dev-2", bashOffers(bash, "jvault", "rm", ""), "an alias completes as its command");
        assertEquals("", bashOffers(bash, "jvault", "exec", "-t", ""), "an MFA code is the user's own");
        assertEquals("", bashOffers(bash, "jvault", "agent", "start", ""), "one action");
        assertEquals(bash.toString(), bashOffers(bash, "jvault", "add", "--vault-file", bash.toString()), "a FILE is a file name");

        Assumptions.assumeTrue(JvaultProcess.onPath("zsh") && JvaultProcess.onPath("fish"), "scripts/test.sh installs zsh and fish");
        Path zsh = script("zsh");
        assertEquals("env export-env json ini", zshOffers(zsh, "jvault", "export", "--format", ""));
        assertEquals("start stop status", zshOffers(zsh, "jvault", "agent", ""));
        assertEquals("bash zsh fish", zshOffers(zsh, "jvault", "completion", ""));
        assertEquals("keychain file", zshOffers(zsh, "jvault", "--backend", ""));
        assertEquals("file secret-service", zshOffers(zsh, "jvault", "import", "--aws-vault-backend", ""));
        assertEquals("FILES", zshOffers(zsh, "jvault", "add", "--vault-file", ""));
        assertEquals("", zshOffers(zsh, "jvault", "exec", "-d", ""), "a duration is the user's own");
        assertEquals("main dev-1 dev-2", zshOffers(zsh, "jvault", "export", "--format", "json", ""));
        assertEquals("", zshOffers(zsh, "jvault", "export", "dev-1", ""), "one profile");

        Path fish = script("fish");
        assertEquals("env export-env ini json", fishOffers(fish, "jvault export --format "));
        assertEquals("start status stop", fishOffers(fish, "jvault agent "));
        assertEquals("bash fish zsh", fishOffers(fish, "jvault completion "));
        assertEquals("file keychain", fishOffers(fish, "jvault --backend "));
        assertEquals("kdialog osascript terminal ykman zenity", fishOffers(fish, "jvault exec --prompt "));
    }
}

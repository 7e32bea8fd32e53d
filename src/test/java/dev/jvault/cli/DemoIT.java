package dev.jvault.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvault.testing.JvaultProcess;
import dev.jvault.testing.SandboxHome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** scripts/demo.sh, the README's try-out, runs to the end and leaves nothing behind, however it ends. */
class DemoIT {

    private static final Path SCRIPTS = Path.of(System.getProperty("jvault.projectDir", ".")).resolve("scripts");

    @Test
    void runsTwiceWithOneCodeAndCleansUp() {
        Path demo = SCRIPTS.resolve("demo.sh");
        try (SandboxHome home = new SandboxHome()) {
            JvaultProcess.Result result = JvaultProcess.runCommand(List.of(demo.toString(), "123456"), home.variables(), "",
                    Duration.ofSeconds(120));
            assertEquals(0, result.exitCode(), result.toString());
            Matcher arns = Pattern.compile("arn:aws:sts::222222222222:assumed-role/dev-1-role/jvault-\\S+\"").matcher(result.stdout());
            assertTrue(arns.find() && arns.find(), "both runs print the role: " + result.stdout());
            assertTrue(result.stdout().contains("AssumeRole arn:aws:iam::222222222222:role/dev-1-role ("), result.stdout());
            assertTrue(result.stdout().contains("Agent: pid ") && result.stdout().contains("session    dev-1  AssumeRole"),
                    "the agent holds the session: " + result.stdout());
            assertTrue(home.path().resolve("tmp").toFile().list().length == 0, "the demo's folder is removed");
            assertFalse(result.stdout().contains("\u001b") || result.stderr().contains("\u001b"), "piped: no terminal escapes");
        }
    }

    @Test
    void ctrlCAtTheMfaPromptStillRemovesEverything() {
        try (SandboxHome home = new SandboxHome()) {
            JvaultProcess.Result result = JvaultProcess.runCommand(List.of("python3",
                    SCRIPTS.resolveSibling("src/test/resources/pty_run.py").toString(), "60", "Enter MFA code", "^C", "--",
                    SCRIPTS.resolve("demo.sh").toString()), home.variables(), "", Duration.ofSeconds(120));
            assertEquals(130, result.exitCode(), result.toString());
            assertTrue(result.stdout().contains("<answered Enter MFA code>"), result.stdout());
            assertEquals(0, home.path().resolve("tmp").toFile().list().length, "the throwaway HOME and moto's files are removed");
        }
    }

    @Test
    void everyScriptPrintsItsOwnUsage() {
        for (String script : List.of("demo.sh", "test.sh", "bench.sh", "install.sh", "package.sh", "homebrew-formula.sh",
                "with-private-keyring.sh")) {
            JvaultProcess.Result help = JvaultProcess.runCommand(List.of(SCRIPTS.resolve(script).toString(), "--help"),
                    java.util.Map.of("PATH", System.getenv("PATH")), "", Duration.ofSeconds(30));
            assertEquals(0, help.exitCode(), script + ": " + help);
            assertTrue(help.stdout().contains("scripts/" + script), script + " names itself in its usage: " + help.stdout());
        }
    }

    @Test
    void mavensColourResetsAreDroppedAndItsStatusKept() throws Exception {
        try (SandboxHome home = new SandboxHome()) {
            Path fakeMaven = home.path().resolve("bin/mvn");
            java.nio.file.Files.createDirectories(fakeMaven.getParent());
            java.nio.file.Files.writeString(fakeMaven, "#!/bin/sh\nprintf '\\033[0mBUILD\\n'; printf '\\033[0m' >&2\nexit 3\n");
            fakeMaven.toFile().setExecutable(true);
            JvaultProcess.Result result = JvaultProcess.runCommand(List.of("bash", "-c", ". " + SCRIPTS.resolve("lib/maven.sh")
                    + "; run_maven verify"), java.util.Map.of("PATH", fakeMaven.getParent() + ":/usr/bin:/bin"), "",
                    Duration.ofSeconds(30));
            assertEquals("BUILD\n", result.stdout());
            assertEquals(3, result.exitCode(), "Maven's own status, not sed's");
        }
    }
}

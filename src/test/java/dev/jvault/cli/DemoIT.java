package dev.jvault.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvault.testing.JvaultProcess;
import dev.jvault.testing.SandboxHome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** scripts/demo.sh, the README's try-out, runs to the end and leaves nothing behind. */
class DemoIT {

    @Test
    void runsTwiceWithOneCodeAndCleansUp() {
        Path demo = Path.of(System.getProperty("jvault.projectDir", ".")).resolve("scripts/demo.sh");
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
        }
    }
}

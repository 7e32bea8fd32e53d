package dev.jvault.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvault.testing.JvaultProcess;
import dev.jvault.testing.SandboxHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's one-minute try-out, run as written (in a sandbox), shows what the README says it shows. */
class ReadmeTryOutIT {

    @Test
    void theTryOutRunsAndPrintsWhatTheReadmeShows() throws IOException {
        String readme = Files.readString(Path.of(System.getProperty("jvault.projectDir", ".")).resolve("README.md"));
        String section = readme.substring(readme.indexOf("## Try it in one minute"), readme.indexOf("## Documentation"));
        List<String> scripts = new ArrayList<>();
        String shownOutput = null;
        for (String[] block : fencedBlocks(section)) {
            if (block[0].equals("sh") && block[1].contains("/tmp/jvault-try")) {
                scripts.add(block[1]);
            } else if (block[0].isEmpty() && block[1].startsWith("profile ")) {
                shownOutput = block[1];
            }
        }
        assertEquals(2, scripts.size(), "the try-out's shell blocks (the demo is DemoIT's)");

        try (SandboxHome home = new SandboxHome()) {
            String sandbox = home.path() + "/";
            Map<String, String> env = new java.util.HashMap<>(home.variables());
            env.put("PATH", JvaultProcess.launcher().getParent() + ":" + env.get("PATH"));
            env.put("JVAULT_FILE_PASSPHRASE", "no terminal in CI");
            JvaultProcess.Result describe = bash(scripts.get(0).replace("/tmp/", sandbox), env);
            assertEquals(0, describe.exitCode(), describe.toString());
            // The sandbox path is longer than /tmp/, which moves the columns: compare with spaces folded.
            assertEquals(folded(shownOutput.replace("/tmp/", "~/")), folded(describe.stdout()), "the sandbox is HOME, shown as ~/");

            Map<String, String> withAgent = new java.util.HashMap<>(env);
            withAgent.remove("JVAULT_AGENT"); // as on the reader's machine: the agent keeps the vault key
            JvaultProcess.Result store = bash(scripts.get(1).replace("/tmp/", sandbox)
                    + "echo \"after the try-out: ${JVAULT_BACKEND:-unset} ${JVAULT_VAULT_FILE:-unset}\"\n", withAgent);
            assertEquals(0, store.exitCode(), store.toString());
            assertTrue(store.stdout().contains("main     access key AKIA****MPLE"), store.stdout());
            assertTrue(store.stdout().contains("Stopped the agent; it forgot everything it held."),
                    "the try-out leaves no agent holding its vault's key: " + store.stdout());
            assertTrue(store.stdout().endsWith("after the try-out: unset unset\n"),
                    "the try-out's throwaway vault is forgotten before the README turns to real keys: " + store.stdout());
        }
    }

    /** Each fenced block as {language, text}. */
    private static List<String[]> fencedBlocks(String markdown) {
        List<String[]> blocks = new ArrayList<>();
        String language = null;
        StringBuilder text = new StringBuilder();
        for (String line : markdown.split("\n")) {
            if (line.startsWith("```") && language == null) {
                language = line.substring(3).strip();
                text.setLength(0);
            } else if (line.startsWith("```")) {
                blocks.add(new String[] {language, text.toString()});
                language = null;
            } else if (language != null) {
                text.append(line).append('\n');
            }
        }
        return blocks;
    }

    private static String folded(String text) {
        return text.replaceAll(" +", " ");
    }

    private static JvaultProcess.Result bash(String script, Map<String, String> env) {
        return JvaultProcess.runCommand(List.of("bash", "-euc", script), env, "", Duration.ofSeconds(60));
    }
}

package dev.jvault.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvault.error.ExitStatus;
import dev.jvault.testing.JvaultProcess;
import dev.jvault.testing.MotoExtension;
import dev.jvault.testing.MotoServer;
import dev.jvault.testing.SandboxHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A credential_process that runs jvault, as aws-vault documents it for the AWS CLI's sake
 * ({@code credential_process = aws-vault export --format=json home}); and helpers that outlive
 * their welcome. Nothing may start jvault after jvault, or leave a helper running.
 */
@ExtendWith(MotoExtension.class)
class CredentialProcessIT {

    private MotoServer moto;
    private SandboxHome home;

    @BeforeEach
    void setUp(MotoServer moto) {
        this.moto = moto;
        home = new SandboxHome().config("""
                [profile home]
                region = eu-west-1
                credential_process = %s export --format=json home
                """.formatted(JvaultProcess.launcher()))
                .set("JVAULT_BACKEND", "file")
                .set("JVAULT_FILE_PASSPHRASE", "credential process test")
                .set("AWS_ENDPOINT_URL_STS", moto.endpoint().toString());
    }

    @AfterEach
    void cleanUp() {
        home.close();
    }

    private Map<String, String> with(String name, String value) {
        Map<String, String> env = new HashMap<>(home.variables());
        env.put(name, value);
        return env;
    }

    @Test
    void keysStoredForTheProfileWinOverItsCredentialProcessForJvaultAndTheAwsCli() {
        Map<String, String> adding = with("AWS_ACCESS_KEY_ID", "AKIAHOMEHOMEHOME0001");
        adding.put("AWS_SECRET_ACCESS_KEY", "h".repeat(40));
        assertEquals(0, JvaultProcess.run(adding, "add", "home", "--env").exitCode());

        JvaultProcess.Result exported = JvaultProcess.run(home.variables(), "export", "--format=json", "home");
        assertEquals(0, exported.exitCode(), exported.toString());
        assertTrue(exported.stdout().contains("\"AccessKeyId\""), exported.toString());

        Map<String, String> cli = with("AWS_PROFILE", "home");
        JvaultProcess.Result aws = JvaultProcess.runCommand(List.of("aws", "sts", "get-caller-identity", "--output", "text"),
                cli, "", Duration.ofSeconds(60));
        assertEquals(0, aws.exitCode(), "the AWS CLI gets home's credentials through jvault: " + aws);

        JvaultProcess.Result describe = JvaultProcess.run(home.variables(), "describe", "home");
        assertTrue(describe.stderr().contains("if it holds keys for home, exec starts the chain from those keys"),
                "describe says which source wins: " + describe);
    }

    @Test
    void withoutStoredKeysJvaultRefusesAtOnceToRunItselfForTheSameProfile() {
        JvaultProcess.Result exec = JvaultProcess.run(home.variables(), "exec", "home", "--", "true");
        assertEquals(ExitStatus.EXEC_FAILED.code(), exec.exitCode(), exec.toString());
        assertTrue(exec.stderr().startsWith("jvault: ~/.aws/config:3: the credential_process of profile home runs jvault"
                + " for home itself, which would start jvault without end"), exec.stderr());

        Map<String, String> cli = with("AWS_PROFILE", "home");
        JvaultProcess.Result aws = JvaultProcess.runCommand(List.of("aws", "sts", "get-caller-identity"), cli, "",
                Duration.ofSeconds(60));
        assertFalse(aws.exitCode() == 0, aws.toString());
        assertTrue(aws.stderr().contains("runs jvault for home itself"), "the AWS CLI shows jvault's line: " + aws);
        JvaultProcess.Result inner = JvaultProcess.run(with("JVAULT_CREDENTIAL_PROCESS_FOR", "home"), "export",
                "--format=json", "home");
        assertEquals(ExitStatus.CONFIG.code(), inner.exitCode(), "the inner jvault's own status: " + inner);
    }

    /** A helper whose children sleep with a mark of this test, and whether any of them still runs. */
    private static String marker() {
        return "30" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
    }

    private static boolean running(String marker) throws IOException {
        try (var processes = Files.list(Path.of("/proc"))) {
            return processes.filter(p -> p.getFileName().toString().matches("\\d+")).anyMatch(p -> {
                try {
                    return Files.readString(p.resolve("cmdline")).replace('\0', ' ').contains("sleep " + marker);
                } catch (IOException gone) {
                    return false;
                }
            });
        }
    }

    private void helperSleeping(String marker) throws IOException {
        Files.writeString(home.awsConfig(), """
                [profile slow]
                credential_process = sh -c 'sleep %1$s & sleep %1$s; wait'
                """.formatted(marker));
    }

    @Test
    void aHelperThatTimesOutEndsWithEverythingItStarted() throws Exception {
        String marker = marker();
        helperSleeping(marker);
        JvaultProcess.Result exec = JvaultProcess.run(with("JVAULT_HELPER_TIMEOUT", "2s"), "exec", "slow", "--", "true");
        assertEquals(ExitStatus.EXEC_FAILED.code(), exec.exitCode(), exec.toString());
        assertTrue(exec.stderr().contains("did not finish within 2s and was stopped"), exec.stderr());
        Thread.sleep(500);
        assertFalse(running(marker), "a sleep the helper started outlived it");
    }

    @Test
    void aHelperEndsWhenJvaultIsEnded() throws Exception {
        String marker = marker();
        helperSleeping(marker);
        ProcessBuilder builder = new ProcessBuilder(JvaultProcess.launcher().toString(), "exec", "slow", "--", "true")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        builder.environment().putAll(home.variables());
        Process jvault = builder.start();
        try {
            for (int i = 0; i < 600 && !running(marker); i++) {
                Thread.sleep(50);
            }
            assertTrue(running(marker), "the helper runs");
            jvault.destroy(); // SIGTERM, as kill and a closing terminal send
            jvault.waitFor();
            for (int i = 0; i < 100 && running(marker); i++) {
                Thread.sleep(50);
            }
            assertFalse(running(marker), "the helper and its children ended with jvault");
        } finally {
            jvault.descendants().forEach(ProcessHandle::destroyForcibly);
            jvault.destroyForcibly();
        }
    }
}

package dev.jvault.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvault.error.ExitStatus;
import dev.jvault.testing.ExecSandbox;
import dev.jvault.testing.JvaultProcess;
import dev.jvault.testing.MotoExtension;
import dev.jvault.testing.MotoServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What an attacker review reproduced against the released jvault, each tried again on the real launcher. */
@ExtendWith(MotoExtension.class)
class SecurityIT {

    private ExecSandbox sandbox;

    @BeforeEach
    void setUp(MotoServer moto) {
        sandbox = new ExecSandbox(moto);
    }

    @AfterEach
    void cleanUp() {
        sandbox.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--server", "--ec2-server"})
    void noServerModeHandsOutLongLivedKeys(String mode) {
        JvaultProcess.Result result = sandbox.jvault("exec", "main", "-n", mode, "--", "true");
        assertEquals(125, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains("--no-session on main, which has no role, would serve its long-lived keys"
                + " themselves"), result.toString());
    }

    @Test
    void anStsEndpointThatDripsIsWaitedForVisiblyAndGivenUpOnWithOneLine() throws Exception {
        try (ServerSocket drip = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> dripOneByteASecond(drip));
            Map<String, String> env = sandbox.with("AWS_ENDPOINT_URL_STS", "http://127.0.0.1:" + drip.getLocalPort());
            env.put("JVAULT_STS_TIMEOUT", "3s");
            long started = System.nanoTime();
            JvaultProcess.Result result = JvaultProcess.run(env, "exec", "main", "-t", "123456", "true");
            assertEquals(125, result.exitCode(), result.toString());
            assertEquals("jvault: waiting for STS at http://127.0.0.1:" + drip.getLocalPort() + " (gives up after 3s)\n"
                    + "jvault: STS at http://127.0.0.1:" + drip.getLocalPort() + " did not answer within 3s (endpoint"
                    + " from $AWS_ENDPOINT_URL_STS): check the network or the endpoint, or allow longer with"
                    + " JVAULT_STS_TIMEOUT\n", result.stderr());
            assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 30, "it gave up, not the test's timeout");
        }
    }

    /** Answers every connection with a valid-looking response, one byte a second, for ever. */
    private static void dripOneByteASecond(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread.ofVirtual().start(() -> {
                    try (client; OutputStream out = client.getOutputStream()) {
                        client.getInputStream().read(new byte[8192]);
                        for (byte b : "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n<".repeat(100)
                                .getBytes(StandardCharsets.US_ASCII)) {
                            out.write(b);
                            out.flush();
                            Thread.sleep(1000);
                        }
                    } catch (IOException | InterruptedException e) {
                        // the client gave up: that is the point
                    }
                });
            } catch (IOException e) {
                return;
            }
        }
    }

    @Test
    void helpersNeverSeeTheVaultPassphrase() throws Exception {
        Path home = sandbox.home().path();
        sandbox.home().config(ExecSandbox.CONFIG.replace("mfa_serial = arn:aws:iam::111111111111:mfa/alice\n",
                "mfa_serial = arn:aws:iam::111111111111:mfa/alice\nmfa_process = env > " + home.resolve("mfa-env")
                        + "; echo 123456\n") + """

                [profile cp]
                credential_process = sh -c 'env > %s; echo "{\\"Version\\": 1, \\"AccessKeyId\\": \\"AKIAX\\", \\"SecretAccessKey\\": \\"s\\"}"'
                """.formatted(home.resolve("cp-env")));
        assertEquals(0, sandbox.jvault("exec", "dev-1", "true").exitCode());
        assertEquals(0, sandbox.jvault("export", "cp", "--format", "json").exitCode());
        for (String file : List.of("mfa-env", "cp-env")) {
            String env = Files.readString(home.resolve(file));
            assertTrue(env.contains("HOME="), file + " was written by the helper: " + env);
            assertFalse(env.contains("JVAULT_FILE_PASSPHRASE"), file + ": " + env);
        }
    }

    @Test
    void anEmptyPassphraseFromTheCommandIsRefused() {
        Map<String, String> env = sandbox.with("JVAULT_PASSPHRASE_COMMAND", "printf ''");
        env.remove("JVAULT_FILE_PASSPHRASE");
        env.put("JVAULT_VAULT_FILE", sandbox.home().path().resolve("empty/vault.jvlt").toString());
        env.put("AWS_ACCESS_KEY_ID", ExecSandbox.KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", ExecSandbox.SECRET);
        JvaultProcess.Result result = JvaultProcess.run(env, "add", "main", "--env");
        assertEquals(ExitStatus.DATA.code(), result.exitCode(), result.toString());
        assertEquals("jvault: JVAULT_PASSPHRASE_COMMAND printed an empty passphrase, and a vault is never opened or made"
                + " without one: check the command (nothing was changed)\n", result.stderr());
        assertFalse(Files.exists(sandbox.home().path().resolve("empty/vault.jvlt")));
    }

    @Test
    void aJvaultWaitingWithSecretsCannotBeAttachedToOrDumpCore() throws Exception {
        List<String> command = List.of(JvaultProcess.launcher().toString(), "list");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(sandbox.home().variables());
        builder.environment().remove("JVAULT_FILE_PASSPHRASE");
        builder.environment().put("JVAULT_PASSPHRASE_COMMAND", "sleep 60");
        Process jvault = builder.start();
        try {
            waitForHelper(jvault);
            String limits = Files.readString(Path.of("/proc", Long.toString(jvault.pid()), "limits"));
            assertTrue(limits.lines().anyMatch(line -> line.matches("Max core file size\\s+0\\s+0\\s+bytes\\s*")), limits);
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            JvaultProcess.Result attach = JvaultProcess.runCommand(List.of(jcmd.toString(), Long.toString(jvault.pid()),
                    "VM.version"), Map.of("PATH", "/usr/bin:/bin"), "", Duration.ofSeconds(30));
            assertNotEquals(0, attach.exitCode(), "jcmd attached: " + attach);
            assertFalse(attach.stdout().contains("JDK"), attach.toString());
        } finally {
            jvault.descendants().forEach(ProcessHandle::destroyForcibly);
            jvault.destroyForcibly().waitFor();
        }
    }

    /** Until jvault has started its passphrase command, i.e. it is inside the store, waiting. */
    private static void waitForHelper(Process jvault) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            if (jvault.descendants().anyMatch(child -> child.info().command().orElse("").endsWith("sleep"))) {
                return;
            }
            assertTrue(jvault.isAlive(), "jvault ended before it asked for the passphrase");
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new AssertionError("jvault never ran its passphrase command");
    }
}

package dev.jvault.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvault.error.ExitStatus;
import dev.jvault.testing.ClearTextScan;
import dev.jvault.testing.Fixtures;
import dev.jvault.testing.JvaultProcess;
import dev.jvault.testing.SandboxHome;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The store through bin/jvault, as separate processes: concurrency, crashes, modes, terminals, leaks. */
class StoreIT {

    private static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private final SandboxHome home = new SandboxHome().config(Fixtures.SEED_CONFIG)
            .set("JVAULT_BACKEND", "file").set("JVAULT_FILE_PASSPHRASE", "correct horse");
    private final Path vault = home.path().resolve(".jvault/vault.jvlt");

    @AfterEach
    void cleanUp() {
        home.close();
    }

    private Map<String, String> withKeys(String id, String secret) {
        Map<String, String> env = new HashMap<>(home.variables());
        env.put("AWS_ACCESS_KEY_ID", id);
        env.put("AWS_SECRET_ACCESS_KEY", secret);
        return env;
    }

    private static String keyId(int n) {
        return "AKIA" + String.format("%016d", n);
    }

    @Test
    void aSessionBusThatNeverAnswersDoesNotHangTheChoiceOfBackend() throws Exception {
        Path socket = home.path().resolve("tmp/silent-bus");
        try (ServerSocketChannel bus = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            bus.bind(UnixDomainSocketAddress.of(socket));
            List<SocketChannel> accepted = new ArrayList<>();
            Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        accepted.add(bus.accept()); // and never a word back
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            Map<String, String> env = new HashMap<>(home.variables());
            env.remove("JVAULT_BACKEND");
            env.put("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + socket);
            JvaultProcess.Result list = JvaultProcess.runCommand(List.of(JvaultProcess.launcher().toString(), "--debug", "list"),
                    env, "", Duration.ofSeconds(30));
            assertEquals(0, list.exitCode(), list.toString());
            assertTrue(list.stderr().contains("the OS keychain did not answer within 5s: using the vault file"), list.toString());
            assertTrue(list.stdout().startsWith("Store: file ~/.jvault/vault.jvlt"), list.toString());
        }
    }

    @Test
    void twoProcessesAddingAtOnceBothLand() {
        var first = CompletableFuture.supplyAsync(() -> JvaultProcess.run(withKeys(keyId(1), SECRET), "add", "team-a", "--env"));
        var second = CompletableFuture.supplyAsync(() -> JvaultProcess.run(withKeys(keyId(2), SECRET), "add", "team-b", "--env"));
        assertEquals(0, first.join().exitCode(), first.join().toString());
        assertEquals(0, second.join().exitCode(), second.join().toString());
        assertEquals("team-a\nteam-b\n", sorted(JvaultProcess.run(home.variables(), "list", "--credentials").stdout()));
    }

    @Test
    void aProcessKilledWhileWritingLeavesTheOldVaultOrTheNew() throws Exception {
        assertEquals(0, JvaultProcess.run(withKeys(KEY_ID, SECRET), "add", "main", "--env").exitCode());
        int killedMidWrite = 0;
        List<String> expected = new ArrayList<>(List.of("main"));
        for (int round = 1; round <= 6; round++) {
            ProcessBuilder builder = new ProcessBuilder(JvaultProcess.launcher().toString(), "add", "p" + round, "--env");
            builder.environment().clear();
            builder.environment().putAll(withKeys(keyId(round), SECRET));
            Process process = builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (awaitTempFile(process)) {
                process.destroyForcibly().waitFor();
                killedMidWrite++;
            } else {
                process.waitFor();
            }
            String names = sorted(JvaultProcess.run(home.variables(), "list", "--credentials").stdout());
            List<String> withNew = new ArrayList<>(expected);
            withNew.add("p" + round);
            assertTrue(names.equals(lines(expected)) || names.equals(lines(withNew)),
                    "round " + round + ": the vault holds neither the old nor the new state: " + names);
            if (names.equals(lines(withNew))) {
                expected = withNew;
            }
        }
        assertTrue(killedMidWrite > 0, "no kill landed while a temp file existed; the test proved nothing");
    }

    /** Polls for the temp file of an atomic write; true when seen while the process still runs. */
    private boolean awaitTempFile(Process process) throws IOException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (process.isAlive() && Instant.now().isBefore(deadline)) {
            try (Stream<Path> files = Files.list(vault.getParent())) {
                if (files.anyMatch(f -> f.getFileName().toString().startsWith(".vault.jvlt.tmp-"))) {
                    return process.isAlive();
                }
            }
        }
        return false;
    }

    @ParameterizedTest
    @ValueSource(strings = {"file", "keychain"})
    void noClearTextSecretIsLeftOnDisk(String backend) throws IOException {
        ClearTextScan scan = ClearTextScan.fromNow();
        home.set("JVAULT_BACKEND", backend);
        String id = "AKIA" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
        String secret = (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "").substring(0, 40);
        assertEquals(0, JvaultProcess.run(withKeys(id, secret), "add", "leak-check", "--env").exitCode());
        assertEquals(0, JvaultProcess.run(home.variables(), "list").exitCode());
        assertEquals(0, JvaultProcess.run(home.variables(), "remove", "leak-check", "-f").exitCode());
        scan.assertNoneOf(home.path(), List.of(secret, id));
    }

    @Test
    void refusesAVaultWithLooseModes() throws IOException {
        assertEquals(0, JvaultProcess.run(withKeys(KEY_ID, SECRET), "add", "main", "--env").exitCode());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(vault.getParent())));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(vault)));
        Files.setPosixFilePermissions(vault, PosixFilePermissions.fromString("rw-rw-r--"));
        JvaultProcess.Result result = JvaultProcess.run(home.variables(), "list");
        assertEquals(ExitStatus.PERMISSION.code(), result.exitCode());
        assertEquals("jvault: ~/.jvault/vault.jvlt can be read by other users (mode rw-rw-r--): run chmod 600"
                + " ~/.jvault/vault.jvlt\n", result.stderr());
    }

    @Test
    void aKeychainThatDoesNotAnswerIsOneLineWithWhatToSetInstead() {
        home.set("JVAULT_BACKEND", "keychain").set("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus");
        JvaultProcess.Result result = JvaultProcess.run(home.variables(), "list");
        assertEquals(ExitStatus.UNAVAILABLE.code(), result.exitCode(), result.toString());
        assertEquals(1, result.stderr().lines().count(), result.stderr());
        assertTrue(result.stderr().startsWith("jvault: the OS keychain does not answer"), result.stderr());
        assertTrue(result.stderr().contains("--backend file (or JVAULT_BACKEND=file)"), result.stderr());
    }

    @Test
    void asksOnTheTerminalWithoutEchoingTheSecretEvenWhenStdinIsPiped() {
        Map<String, String> env = new HashMap<>(home.variables());
        env.remove("JVAULT_FILE_PASSPHRASE");
        String script = Path.of("src/test/resources/pty_run.py").toAbsolutePath().toString();
        JvaultProcess.Result result = JvaultProcess.runCommand(List.of("python3", script, "60",
                "Access key ID for main: ", KEY_ID,
                "Secret access key: ", SECRET,
                "New passphrase for ~/.jvault/vault.jvlt: ", "terminal pass",
                "The same passphrase again: ", "terminal pass",
                "--", "sh", "-c", "echo piped-input | " + JvaultProcess.launcher() + " add main"), env, "", Duration.ofSeconds(90));
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stdout().contains("Added keys for main (AKIA****MPLE)"), result.stdout());
        assertTrue(result.stdout().contains(KEY_ID), "the key id is echoed like any typed line: " + result.stdout());
        assertFalse(result.stdout().contains(SECRET), "the secret must not be echoed: " + result.stdout());
        assertFalse(result.stdout().contains("terminal pass"), "the passphrase must not be echoed: " + result.stdout());
        env.put("JVAULT_FILE_PASSPHRASE", "terminal pass");
        assertEquals("main\n", JvaultProcess.run(env, "list", "--credentials").stdout());
    }

    private static String lines(List<String> names) {
        return sorted(String.join("\n", names));
    }

    private static String sorted(String lines) {
        return lines.lines().sorted().map(line -> line + "\n").reduce("", String::concat);
    }
}

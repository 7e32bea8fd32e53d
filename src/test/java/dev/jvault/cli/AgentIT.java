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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The agent through bin/jvault, as users meet it: unlock once, the fast path, lock, and an agent that dies. */
@ExtendWith(MotoExtension.class)
class AgentIT {

    private MotoServer moto;
    private ExecSandbox sandbox;

    @BeforeEach
    void setUp(MotoServer moto) {
        this.moto = moto;
        sandbox = new ExecSandbox(moto);
        sandbox.home().set("JVAULT_AGENT", "on");
        moto.startRecording();
    }

    @AfterEach
    void stopTheAgent() {
        agentPid().ifPresent(pid -> {
            sandbox.jvault("agent", "stop");
            ProcessHandle.of(pid).ifPresent(process -> {
                process.onExit().completeOnTimeout(null, 10, java.util.concurrent.TimeUnit.SECONDS).join();
                process.destroyForcibly();
            });
        });
        sandbox.close();
    }

    private Path socket() {
        return sandbox.home().path().resolve(".jvault/agent/agent.sock");
    }

    private Optional<Long> agentPid() {
        JvaultProcess.Result status = sandbox.jvault("agent", "status");
        return status.stdout().lines().filter(line -> line.startsWith("Agent: pid ")).findFirst()
                .map(line -> Long.parseLong(line.split(" ")[2]));
    }

    /** The sandbox's environment without the vault passphrase: only the agent can open the vault now. */
    private Map<String, String> withoutPassphrase() {
        Map<String, String> env = sandbox.with("JVAULT_AGENT", "on");
        env.remove("JVAULT_FILE_PASSPHRASE");
        return env;
    }

    @Test
    void oneUnlockServesOtherRolesWithoutAPassphraseUntilLocked() throws Exception {
        assertEquals(0, sandbox.jvault("exec", "dev-1", "-t", "123456", "--", "true").exitCode());
        assertTrue(agentPid().isPresent(), "the first unlock started the agent");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket().getParent())));

        JvaultProcess.Result otherRole = JvaultProcess.run(withoutPassphrase(), "exec", "dev-2", "--", "sh", "-c",
                "echo $AWS_ACCESS_KEY_ID");
        assertEquals(0, otherRole.exitCode(), otherRole.toString());
        assertTrue(otherRole.stdout().startsWith("ASIA"), otherRole.toString());
        assertEquals(1, moto.recorded("GetSessionToken").size(), "dev-2 rode on the MFA session: no new code");
        assertEquals(2, moto.recorded("AssumeRole").size());

        JvaultProcess.Result cached = JvaultProcess.run(withoutPassphrase(), "exec", "dev-2", "--", "sh", "-c",
                "echo $AWS_ACCESS_KEY_ID");
        assertEquals(otherRole.stdout(), cached.stdout(), "the second run is a hit");
        assertEquals(2, moto.recorded("AssumeRole").size(), "a hit makes no STS call");

        JvaultProcess.Result status = sandbox.jvault("agent", "status");
        assertTrue(status.stdout().contains("vault key  "), status.toString());
        assertTrue(status.stdout().contains("session    dev-2  AssumeRole arn:aws:iam::333333333333:role/dev-2-role"),
                status.toString());
        String secret = cached.stdout().strip();
        assertFalse(status.stdout().contains(ExecSandbox.SECRET) || status.stdout().contains("exec test passphrase"),
                "status shows no secret: " + status);

        assertEquals("Locked: the agent forgot the vault key and every session.\n", sandbox.jvault("lock").stdout());
        JvaultProcess.Result locked = JvaultProcess.run(withoutPassphrase(), "exec", "prod", "--", "true");
        assertEquals(125, locked.exitCode(), locked.toString());
        assertEquals("jvault: the vault file needs a passphrase and there is no terminal to ask on: set"
                + " JVAULT_PASSPHRASE_COMMAND (or JVAULT_FILE_PASSPHRASE)\n", locked.stderr());
        assertNoClearText(List.of(ExecSandbox.SECRET, "exec test passphrase", secret));
    }

    @Test
    void theFastPathGivesTheCommandTheSameEnvironmentAsTheFullPath() {
        assertEquals(0, sandbox.jvault("exec", "dev-1", "-t", "123456", "--", "true").exitCode());
        Map<String, String> parent = sandbox.with("AWS_PROFILE", "stale");
        parent.put("AWS_SECRET_KEY", "parent's");
        parent.put("KEEP_ME", "yes");
        JvaultProcess.Result fast = JvaultProcess.run(parent, "exec", "dev-1", "--", "env");
        parent.put("JVAULT_AGENT", "off");
        JvaultProcess.Result full = JvaultProcess.run(parent, "exec", "dev-1", "--", "env");
        assertEquals(0, fast.exitCode(), fast.toString());
        assertEquals(0, full.exitCode(), full.toString());
        assertEquals(relevant(full.stdout()), relevant(fast.stdout()));
        assertTrue(relevant(fast.stdout()).containsKey("AWS_SESSION_TOKEN"));
        assertEquals("yes", relevant(fast.stdout()).get("KEEP_ME"));
        assertEquals(1, moto.recorded("AssumeRole").size(), "both served from the cache");

        JvaultProcess.Result status = JvaultProcess.run(parent, "exec", "dev-1", "--", "sh", "-c", "exit 7");
        assertEquals(7, status.exitCode(), "the command's own status");
        JvaultProcess.Result missing = JvaultProcess.run(sandbox.home().variables(), "exec", "dev-1", "--", "no-such-command");
        assertEquals(127, missing.exitCode(), missing.toString());
    }

    /** The variables jvault sets or removes, and one it must keep; the rest (PWD, SHLVL, _, the test's JVAULT_AGENT) may differ. */
    private static Map<String, String> relevant(String env) {
        return env.lines().filter(line -> line.startsWith("AWS_") || line.startsWith("JVAULT=") || line.startsWith("KEEP_ME="))
                .collect(Collectors.toMap(line -> line.substring(0, line.indexOf('=')), line -> line.substring(line.indexOf('=') + 1),
                        (a, b) -> a, TreeMap::new));
    }

    @Test
    void anAgentThatHangsOrDiesLeavesEveryClientWorking() throws Exception {
        assertEquals(0, sandbox.jvault("exec", "dev-1", "-t", "123456", "--", "true").exitCode());
        long pid = agentPid().orElseThrow();
        ProcessHandle agent = ProcessHandle.of(pid).orElseThrow();
        new ProcessBuilder("kill", "-STOP", Long.toString(pid)).start().waitFor();
        try {
            JvaultProcess.Result hung = sandbox.jvault("exec", "dev-1", "--", "sh", "-c", "echo $AWS_ACCESS_KEY_ID");
            assertEquals(0, hung.exitCode(), hung.toString());
            assertTrue(hung.stdout().startsWith("ASIA"), hung.toString());
        } finally {
            new ProcessBuilder("kill", "-KILL", Long.toString(pid)).start().waitFor();
        }
        agent.onExit().join();
        List<CompletableFuture<JvaultProcess.Result>> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            clients.add(CompletableFuture.supplyAsync(() -> sandbox.jvault("exec", "dev-1", "--", "true")));
        }
        clients.forEach(client -> assertEquals(0, client.join().exitCode(), client.join().toString()));
        assertEquals(1, moto.recorded("AssumeRole").size(), "the vault still held the session");
        assertNotEquals(pid, agentPid().orElse(pid), "a new agent replaced the dead one");
    }

    @Test
    void tenParallelMissesMakeOneSetOfStsCalls() {
        List<CompletableFuture<JvaultProcess.Result>> runs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            runs.add(CompletableFuture.supplyAsync(() -> sandbox.jvault("exec", "dev-1", "-t", "123456", "--", "true")));
        }
        runs.forEach(run -> assertEquals(0, run.join().exitCode(), run.join().toString()));
        assertEquals(1, moto.recorded("GetSessionToken").size());
        assertEquals(1, moto.recorded("AssumeRole").size());
    }

    @Test
    void anotherUserCannotReachTheAgent() throws Exception {
        Assumptions.assumeTrue(System.getProperty("user.name").equals("root") && Files.isExecutable(Path.of("/usr/sbin/runuser")),
                "needs root and runuser to act as another user");
        assertEquals(0, sandbox.jvault("agent", "start").exitCode());
        Files.setPosixFilePermissions(sandbox.home().path(), PosixFilePermissions.fromString("rwxr-xr-x"));
        JvaultProcess.Result intruder = JvaultProcess.runCommand(List.of("/usr/sbin/runuser", "-u", "nobody", "--", "python3",
                "-c", "import socket; s = socket.socket(socket.AF_UNIX); s.connect('" + socket() + "'); print('connected')"),
                Map.of("PATH", "/usr/bin:/bin"), "", Duration.ofSeconds(30));
        assertNotEquals(0, intruder.exitCode(), intruder.toString());
        assertTrue(intruder.stderr().contains("PermissionError"), intruder.toString());
    }

    private void assertNoClearText(List<String> secrets) throws IOException {
        try (Stream<Path> files = Files.walk(sandbox.home().path())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (String secret : secrets) {
                    assertFalse(content.contains(secret), file + " holds a secret in clear text");
                }
            }
        }
    }
}

package dev.jvault.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvault.error.ExitStatus;
import dev.jvault.testing.AgentProcess;
import dev.jvault.testing.ClearTextScan;
import dev.jvault.testing.ExecSandbox;
import dev.jvault.testing.JvaultProcess;
import dev.jvault.testing.MotoExtension;
import dev.jvault.testing.MotoServer;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
    private ClearTextScan scan;

    @BeforeEach
    void setUp(MotoServer moto) {
        this.moto = moto;
        scan = ClearTextScan.fromNow();
        sandbox = new ExecSandbox(moto);
        sandbox.home().set("JVAULT_AGENT", "on");
        moto.startRecording();
    }

    @AfterEach
    void stopTheAgent() {
        AgentProcess.stop(sandbox.home().variables());
        sandbox.close();
    }

    private Path socket() {
        return sandbox.home().path().resolve(".jvault/agent/agent.sock");
    }

    private Optional<Long> agentPid() {
        return AgentProcess.pid(sandbox.home().variables());
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
        scan.assertNoneOf(sandbox.home().path(), List.of(ExecSandbox.SECRET, "exec test passphrase", secret));
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
    void anotherUserCannotReachTheAgent() throws Exception {
        Assumptions.assumeTrue(System.getProperty("user.name").equals("root") && Files.isExecutable(Path.of("/usr/sbin/runuser")),
                "needs root and runuser to act as another user");
        JvaultProcess.Result started = sandbox.jvault("agent", "start");
        assertEquals(0, started.exitCode());
        assertTrue(started.stdout().endsWith("It is empty: it keeps the vault key and the sessions of the jvault commands you run"
                + " next, and stops by itself if none comes within 20s.\n"), "what it will do: " + started.stdout());
        Files.setPosixFilePermissions(sandbox.home().path(), PosixFilePermissions.fromString("rwxr-xr-x"));
        JvaultProcess.Result intruder = JvaultProcess.runCommand(List.of("/usr/sbin/runuser", "-u", "nobody", "--", "python3",
                "-c", "import socket; s = socket.socket(socket.AF_UNIX); s.connect('" + socket() + "'); print('connected')"),
                Map.of("PATH", "/usr/bin:/bin"), "", Duration.ofSeconds(30));
        assertNotEquals(0, intruder.exitCode(), intruder.toString());
        assertTrue(intruder.stderr().contains("PermissionError"), intruder.toString());
    }

    @Test
    void theFastPathRefusesWhatTheFullPathRefusesAndAnswersOnlyForItsOwnStore() throws IOException {
        assertEquals(0, sandbox.jvault("exec", "dev-1", "-t", "123456", "--", "true").exitCode());
        assertEquals(0, sandbox.jvault("exec", "dev-1", "--", "true").exitCode(), "a hit");
        for (Map.Entry<String, String> bad : Map.of("JVAULT_BACKEND", "bogus", "AWS_VAULT_BACKEND", "bogus",
                "JVAULT_PROMPT", "bogus").entrySet()) {
            Map<String, String> env = sandbox.with(bad.getKey(), bad.getValue());
            if (bad.getKey().equals("AWS_VAULT_BACKEND")) {
                env.remove("JVAULT_BACKEND");
            }
            JvaultProcess.Result refused = JvaultProcess.run(env, "exec", "dev-1", "--", "true");
            assertEquals(ExitStatus.EXEC_FAILED.code(), refused.exitCode(), bad + ": " + refused);
            assertTrue(refused.stderr().startsWith("jvault: $" + bad.getKey() + " names ")
                    || refused.stderr().startsWith("jvault: unknown prompt driver 'bogus' ($JVAULT_PROMPT)"), refused.stderr());
        }
        Path other = sandbox.home().path().resolve("other/vault.jvlt");
        Map<String, String> otherVault = sandbox.with("JVAULT_VAULT_FILE", other.toString());
        otherVault.put("JVAULT_FILE_PASSPHRASE", "another passphrase");
        JvaultProcess.Result elsewhere = JvaultProcess.run(otherVault, "exec", "dev-1", "--", "true");
        assertEquals(ExitStatus.EXEC_FAILED.code(), elsewhere.exitCode(), "the other vault holds no keys: " + elsewhere);
        assertTrue(elsewhere.stderr().contains("no keys for profile main"), elsewhere.stderr());
        assertEquals(1, moto.recorded("AssumeRole").size());
    }

    @Test
    void passwdAsksForTheCurrentPassphraseEvenWhenTheAgentHoldsTheVaultKey() {
        assertEquals(0, sandbox.jvault("exec", "dev-1", "-t", "123456", "--", "true").exitCode());
        Map<String, String> env = withoutPassphrase();
        assertEquals(0, JvaultProcess.run(env, "exec", "dev-2", "--", "true").exitCode(), "the agent opens the vault");
        env.put("JVAULT_NEW_FILE_PASSPHRASE", "a new passphrase of some length");
        JvaultProcess.Result passwd = JvaultProcess.run(env, "passwd");
        assertEquals(ExitStatus.UNAVAILABLE.code(), passwd.exitCode(), passwd.toString());
        assertEquals("jvault: the vault file needs a passphrase and there is no terminal to ask on: set"
                + " JVAULT_PASSPHRASE_COMMAND (or JVAULT_FILE_PASSPHRASE)\n", passwd.stderr());
        env.put("JVAULT_FILE_PASSPHRASE", "exec test passphrase");
        assertEquals(0, JvaultProcess.run(env, "passwd").exitCode(), "with the current passphrase proven it changes");
    }

    @Test
    void statusShowsAProfileNameWithEscapesAsText() throws Exception {
        Files.writeString(sandbox.home().awsConfig(), "\n[profile red\u001b[31mdev]\nrole_arn = arn:aws:iam::222222222222:role/r\n"
                + "source_profile = main\n", StandardOpenOption.APPEND);
        assertEquals(0, sandbox.jvault("exec", "red\u001b[31mdev", "-t", "123456", "--", "true").exitCode());
        JvaultProcess.Result status = sandbox.jvault("agent", "status");
        assertTrue(status.stdout().contains("session    red\\x1b[31mdev  AssumeRole"), status.toString());
        assertFalse(status.stdout().contains("\u001b"), "raw escape in: " + status);
    }

    /** The agent's resident memory, from /proc (Linux). */
    private static long residentKiB(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(line -> line.startsWith("VmRSS:")).map(line -> Long.parseLong(line.replaceAll("\\D", "")))
                .findFirst().orElseThrow();
    }

    @Test
    void aFloodOfHalfSentFramesCostsTheAgentNoMemoryAndItsSteadySizeIsSmall() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "reads the agent's size from /proc");
        assertEquals(0, sandbox.jvault("exec", "dev-1", "-t", "123456", "--", "true").exitCode());
        long pid = agentPid().orElseThrow();
        Thread.sleep(1000);
        long baseline = residentKiB(pid);
        assertTrue(baseline <= 48 * 1024, "the agent's steady size is " + baseline / 1024 + " MiB, above 48 MiB");
        List<SocketChannel> flood = new ArrayList<>();
        try {
            for (int i = 0; i < 1000; i++) {
                SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                flood.add(channel);
                try {
                    channel.connect(UnixDomainSocketAddress.of(socket()));
                    // A frame announcing 1 MiB, of which a few bytes come.
                    channel.write(ByteBuffer.allocate(12).putInt(1024 * 1024).putLong(0).flip());
                } catch (IOException closed) {
                    // the agent closed it at once: beyond its bound of connections
                }
            }
            long during = residentKiB(pid);
            assertTrue(during - baseline < 16 * 1024, "the flood grew the agent from " + baseline / 1024 + " to "
                    + during / 1024 + " MiB");
        } finally {
            for (SocketChannel channel : flood) {
                channel.close();
            }
        }
        JvaultProcess.Result after = JvaultProcess.run(withoutPassphrase(), "exec", "dev-1", "--", "true");
        assertEquals(0, after.exitCode(), "served again after the flood: " + after);
        assertTrue(residentKiB(pid) - baseline < 16 * 1024, "back near its size before the flood");
        assertEquals(1, moto.recorded("AssumeRole").size(), "from the agent or the vault, without STS");
    }

    @Test
    void theAgentStopsAfterItsIdleTimeWhateverItHolds() throws Exception {
        sandbox.home().set("JVAULT_AGENT_IDLE", "3s");
        assertEquals(0, sandbox.jvault("exec", "dev-1", "-t", "123456", "--", "true").exitCode());
        ProcessHandle agent = ProcessHandle.of(agentPid().orElseThrow()).orElseThrow();
        agent.onExit().get(30, TimeUnit.SECONDS);
        assertFalse(Files.exists(socket()), "it removed its socket");
        JvaultProcess.Result stillCached = JvaultProcess.run(sandbox.with("JVAULT_AGENT", "off"), "exec", "dev-1", "--", "true");
        assertEquals(0, stillCached.exitCode(), stillCached.toString());
        assertEquals(1, moto.recorded("AssumeRole").size(), "the session stayed in the store's encrypted cache");
    }

    @Test
    void underCiTheAgentStartsOnlyWhenAskedFor() {
        Map<String, String> ci = sandbox.with("CI", "true");
        ci.remove("JVAULT_AGENT");
        assertEquals(0, JvaultProcess.run(ci, "exec", "dev-1", "-t", "123456", "--", "true").exitCode());
        assertTrue(agentPid().isEmpty(), "no agent started by itself under CI");
        assertFalse(Files.exists(socket()));
        ci.put("JVAULT_AGENT", "on");
        assertEquals(0, JvaultProcess.run(ci, "exec", "dev-1", "--", "true").exitCode());
        assertTrue(agentPid().isPresent(), "JVAULT_AGENT=on starts it under CI");
        sandbox.jvault("agent", "stop");
        ci.remove("JVAULT_AGENT");
        assertEquals(0, JvaultProcess.run(ci, "agent", "start").exitCode());
        assertTrue(agentPid().isPresent(), "and so does jvault agent start");
    }

    /** bin/ and lib/ of this build, copied as an install would lay them out; returns the agent it started. */
    private long agentOfACopy(Path app) throws IOException {
        Path lib = JvaultProcess.launcher().getParent().resolveSibling("target/lib");
        Files.createDirectories(app.resolve("bin"));
        Files.createDirectories(app.resolve("lib"));
        for (String script : List.of("jvault", "jvault-java.sh")) {
            Files.copy(JvaultProcess.launcher().resolveSibling(script), app.resolve("bin").resolve(script));
        }
        try (Stream<Path> jars = Files.list(lib)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                Files.copy(jar, app.resolve("lib").resolve(jar.getFileName()));
            }
        }
        // Touched: another build as far as the agent's handshake can tell.
        Files.setLastModifiedTime(app.resolve("lib/jvault.jar"), FileTime.fromMillis(86_400_000L));
        JvaultProcess.Result started = JvaultProcess.runCommand(List.of(app.resolve("bin/jvault").toString(), "agent", "start"),
                sandbox.home().variables(), "", Duration.ofSeconds(60));
        assertEquals(0, started.exitCode(), started.toString());
        return Long.parseLong(started.stdout().lines().filter(line -> line.startsWith("Agent: pid ")).findFirst()
                .orElseThrow().split(" ")[2]);
    }

    @Test
    void anAgentWhoseJarIsGoneStops() throws Exception {
        Path app = sandbox.home().path().resolve("uninstalled");
        ProcessHandle agent = ProcessHandle.of(agentOfACopy(app)).orElseThrow();
        Files.delete(app.resolve("lib/jvault.jar"));
        agent.onExit().get(30, TimeUnit.SECONDS);
        assertFalse(Files.exists(socket()), "it removed its socket");
    }

    @Test
    void aClientStopsAnAgentOfAnotherBuildAndDoesNotUseIt() throws Exception {
        long other = agentOfACopy(sandbox.home().path().resolve("other-build"));

        JvaultProcess.Result status = JvaultProcess.run(sandbox.with("JVAULT_AGENT", "on"), "--debug", "agent", "status");
        assertTrue(status.stdout().startsWith("No agent runs"), status.toString());
        assertTrue(status.stderr().contains("is of another build of jvault: stopping it"), status.stderr());
        ProcessHandle.of(other).ifPresent(process -> process.onExit().join());
        assertEquals(0, sandbox.jvault("exec", "dev-1", "-t", "123456", "--", "true").exitCode());
        assertNotEquals(other, agentPid().orElseThrow(), "a current agent took its place");
    }
}

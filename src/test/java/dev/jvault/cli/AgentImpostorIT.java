package dev.jvault.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvault.testing.ExecSandbox;
import dev.jvault.testing.JvaultProcess;
import dev.jvault.testing.MotoExtension;
import dev.jvault.testing.MotoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Another user on the machine plants a listening socket where jvault looks for its agent. Run as
 * root with a second user the test creates (and removes); skipped, with the reason, otherwise.
 * No byte may reach the impostor, and jvault works as it would without an agent, at once.
 */
@ExtendWith(MotoExtension.class)
class AgentImpostorIT {

    /** The impostor: accepts, records how many bytes each client sent, and answers "found" to anything. */
    private static final String IMPOSTOR = """
            import os, socket, sys
            path, log = sys.argv[1], sys.argv[2]
            server = socket.socket(socket.AF_UNIX)
            server.bind(path)
            os.chmod(path, 0o777)
            server.listen(16)
            open(log, 'a').write('listening\\n')
            while True:
                client, _ = server.accept()
                client.settimeout(3)
                received = b''
                try:
                    while len(received) < 4096:
                        chunk = client.recv(4096)
                        if not chunk:
                            break
                        received += chunk
                        client.sendall(b'\\x00\\x00\\x00\\x01\\x01')
                except OSError:
                    pass
                open(log, 'a').write('client sent %d bytes\\n' % len(received))
                client.close()
            """;

    private MotoServer moto;
    private ExecSandbox sandbox;
    private final String user = "jvimp" + UUID.randomUUID().toString().substring(0, 8);
    private Path shared;
    private Process impostor;

    @BeforeEach
    void setUp(MotoServer moto) throws Exception {
        Assumptions.assumeTrue(System.getProperty("user.name").equals("root") && Files.isExecutable(Path.of("/usr/sbin/useradd"))
                && Files.isExecutable(Path.of("/usr/sbin/runuser")) && Files.isExecutable(Path.of("/usr/bin/python3")),
                "needs root, useradd, runuser and /usr/bin/python3 to act as a second user");
        this.moto = moto;
        JvaultProcess.Result added = JvaultProcess.runCommand(List.of("/usr/sbin/useradd", "--system", "--no-create-home",
                "--shell", "/usr/sbin/nologin", user), Map.of("PATH", "/usr/sbin:/usr/bin:/bin"), "", Duration.ofSeconds(30));
        assertEquals(0, added.exitCode(), added.toString());
        sandbox = new ExecSandbox(moto);
        sandbox.home().set("JVAULT_AGENT", "on");
        // A folder every user may write to, as a misconfigured XDG_RUNTIME_DIR would be.
        shared = Files.createTempDirectory("jvault-shared-");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        moto.startRecording();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (impostor != null) {
            impostor.descendants().forEach(ProcessHandle::destroyForcibly); // runuser does not pass SIGKILL on
            impostor.destroyForcibly().waitFor();
        }
        if (sandbox != null) {
            sandbox.jvault("agent", "stop");
            sandbox.close();
        }
        JvaultProcess.runCommand(List.of("/usr/sbin/userdel", user), Map.of("PATH", "/usr/sbin:/usr/bin:/bin"), "",
                Duration.ofSeconds(30));
        if (shared != null) {
            JvaultProcess.runCommand(List.of("rm", "-rf", shared.toString()), Map.of("PATH", "/usr/bin:/bin"), "",
                    Duration.ofSeconds(30));
        }
    }

    /** A folder the second user makes, with the given mode. */
    private Path folderOfTheImpostor(String name, String mode) {
        Path folder = shared.resolve(name);
        JvaultProcess.Result made = JvaultProcess.runCommand(List.of("/usr/sbin/runuser", "-u", user, "--", "mkdir", "-m", mode,
                folder.toString()), Map.of("PATH", "/usr/bin:/bin"), "", Duration.ofSeconds(30));
        assertEquals(0, made.exitCode(), made.toString());
        return folder;
    }

    /** Starts the impostor as the second user, listening on {@code socket}; returns its log. */
    private Path plant(Path socket) throws Exception {
        Path log = shared.resolve("impostor.log");
        impostor = new ProcessBuilder("/usr/sbin/runuser", "-u", user, "--", "/usr/bin/python3", "-c", IMPOSTOR,
                socket.toString(), log.toString()).redirectErrorStream(true)
                .redirectOutput(shared.resolve("impostor.out").toFile()).start();
        for (int i = 0; i < 500 && !(Files.exists(log) && Files.readString(log).contains("listening")); i++) {
            Thread.sleep(10);
        }
        assertTrue(Files.readString(log).contains("listening"), "the impostor listens: " + Files.readString(
                shared.resolve("impostor.out")));
        return log;
    }

    private JvaultProcess.Result exec(Map<String, String> env) {
        return JvaultProcess.run(env, "--debug", "exec", "dev-1", "-t", "123456", "--", "sh", "-c", "echo $AWS_ACCESS_KEY_ID");
    }

    private void assertWorkedWithoutTheImpostor(JvaultProcess.Result run, Path log) throws IOException {
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.stdout().startsWith("ASIA"), "credentials from STS, not from the impostor: " + run);
        assertFalse(run.stderr().contains("did not answer within"), "no wait for an agent that cannot start: " + run);
        assertFalse(Files.readString(log).matches("(?s).*client sent [1-9].*"), "no byte reached the impostor: "
                + Files.readString(log));
    }

    @Test
    void aSocketPlantedInASharedRuntimeFolderGetsNothing() throws Exception {
        Path log = plant(folderOfTheImpostor("jvault", "700").resolve("agent.sock"));
        Map<String, String> env = sandbox.with("XDG_RUNTIME_DIR", shared.toString());
        JvaultProcess.Result run = exec(env);
        assertWorkedWithoutTheImpostor(run, log);
        assertTrue(run.stderr().contains("not using XDG_RUNTIME_DIR for the agent: " + shared
                + " can be entered by other users"), run.stderr());
        // The agent that did start is the user's own, in ~/.jvault/agent, and serves the next run.
        JvaultProcess.Result again = exec(env);
        assertWorkedWithoutTheImpostor(again, log);
        assertEquals(1, moto.recorded("AssumeRole").size(), "the second run was served by the real agent");
    }

    @Test
    void aRuntimeFolderOwnedByAnotherUserIsNotUsed() throws Exception {
        Path runtime = folderOfTheImpostor("run", "700");
        JvaultProcess.Result run = exec(sandbox.with("XDG_RUNTIME_DIR", runtime.toString()));
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.stderr().contains(runtime + " belongs to " + user), run.stderr());
        assertFalse(run.stderr().contains("did not answer within"), run.stderr());
    }

    @Test
    void aSocketOfAnotherUserInTheUsersOwnFolderGetsNothing() throws Exception {
        // The impostor binds in a folder of its own; root then moves the live socket into the user's
        // 0700 agent folder: the folder passes every check, and only the peer's uid tells.
        Path own = folderOfTheImpostor("own", "755");
        Path log = plant(own.resolve("agent.sock"));
        Path agentFolder = sandbox.home().path().resolve(".jvault/agent");
        Files.createDirectories(agentFolder);
        Files.setPosixFilePermissions(agentFolder, PosixFilePermissions.fromString("rwx------"));
        Files.move(own.resolve("agent.sock"), agentFolder.resolve("agent.sock"));

        JvaultProcess.Result run = exec(sandbox.home().variables());
        assertWorkedWithoutTheImpostor(run, log);
        assertTrue(run.stderr().contains("the process listening there runs as " + user), run.stderr());
    }
}

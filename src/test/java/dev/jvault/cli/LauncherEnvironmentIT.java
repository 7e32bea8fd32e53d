package dev.jvault.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvault.testing.ExecSandbox;
import dev.jvault.testing.JvaultProcess;
import dev.jvault.testing.MotoExtension;
import dev.jvault.testing.MotoServer;
import dev.jvault.testing.NativeClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What bin/jvault does to the environment: the command gets exactly what the launcher was given,
 * plus and minus what docs/commands.md lists, on the native client, the Java fast path and the full path alike; and
 * jvault's own JVM never sees the variables that would turn its attach mechanism back on.
 */
@ExtendWith(MotoExtension.class)
class LauncherEnvironmentIT {

    /** What jvault sets for the command (docs/commands.md); everything else must come through as it was. */
    private static final Set<String> SET_BY_JVAULT = Set.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
            "AWS_CREDENTIAL_EXPIRATION", "AWS_REGION", "AWS_DEFAULT_REGION", "JVAULT_REGION", "JVAULT", "AWS_VAULT");
    /** jvault's own secrets, which the command never gets (docs/commands.md). */
    private static final Set<String> REMOVED_BY_JVAULT = Set.of("JVAULT_FILE_PASSPHRASE");
    private static final List<String> JAVA_OPTION_VARIABLES = List.of("_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");
    /** What any shell that runs a command changes (bash in the launcher, as dash did before it). */
    private static final Set<String> SET_BY_THE_SHELL = Set.of("SHLVL", "PWD", "_");

    private MotoServer moto;
    private ExecSandbox sandbox;

    @BeforeEach
    void setUp(MotoServer moto) {
        this.moto = moto;
        sandbox = new ExecSandbox(moto);
        moto.startRecording();
        assertEquals(0, sandbox.jvault("exec", "dev-1", "-t", "123456", "--", "true").exitCode());
    }

    @AfterEach
    void tearDown() {
        JvaultProcess.run(sandbox.with("JVAULT_AGENT", "on"), "agent", "stop");
        sandbox.close();
    }

    /** The environment the command saw, from {@code env -0}: every name, whatever characters it holds. */
    private static Map<String, String> childEnvironment(JvaultProcess.Result result) {
        assertEquals(0, result.exitCode(), result.toString());
        return Stream.of(result.stdout().split("\0")).filter(entry -> !entry.isEmpty())
                .collect(Collectors.toMap(entry -> entry.substring(0, entry.indexOf('=')),
                        entry -> entry.substring(entry.indexOf('=') + 1), (a, b) -> a, TreeMap::new));
    }

    /**
     * The native client (built as install.sh builds it), whose fallback launcher notes it: on
     * "native" the hit must be its own, and the environment it hands on exactly its own, changed
     * as the other paths change theirs.
     */
    private static Path nativeClient(Path work) {
        Path client = NativeClient.build(work.resolve("jvault-fast"), List.of());
        return NativeClient.layOut(work.resolve("native"), client, NativeClient.recordingLauncher(JvaultProcess.launcher()));
    }

    @ParameterizedTest(name = "agent {0}")
    @ValueSource(strings = {"off", "on", "native"})
    void theCommandGetsTheLaunchersEnvironmentWithOddNamesAndTheLaunchersOwnNames(String path, @TempDir Path work) {
        boolean viaClient = path.equals("native");
        String agent = viaClient ? "on" : path;
        Map<String, String> parent = sandbox.with("JVAULT_AGENT", agent);
        parent.put("spring.profiles.active", "dev");
        parent.put("MY-VAR", "dash drops this one");
        parent.put("lib", "mine");             // names the launcher works with
        parent.put("self", "mine too");
        parent.put("jvm_flags", "-Xmine");
        parent.put("class_path", "/mine");
        parent.put("name", "mine");
        parent.put("SPACES", " two  spaces ");
        if (agent.equals("on")) {
            assertEquals(0, JvaultProcess.run(parent, "exec", "dev-1", "--", "true").exitCode(), "an agent holds the session");
        }
        Path fallbacks = work.resolve("fallbacks");
        parent.put("NATIVE_FALLBACKS", fallbacks.toString());
        List<String> words = List.of("exec", "dev-1", "--", "env", "-0");
        Map<String, String> child = childEnvironment(viaClient
                ? JvaultProcess.runCommand(Stream.concat(Stream.of(nativeClient(work).toString()), words.stream()).toList(),
                        parent, "", Duration.ofSeconds(60))
                : JvaultProcess.run(parent, words.toArray(String[]::new)));
        assertFalse(Files.exists(fallbacks), "answered by the native client itself");
        Map<String, String> expected = new TreeMap<>(parent);
        expected.keySet().removeAll(SET_BY_THE_SHELL);
        expected.keySet().removeAll(REMOVED_BY_JVAULT);
        Map<String, String> seen = new TreeMap<>(child);
        seen.keySet().removeAll(SET_BY_JVAULT);
        seen.keySet().removeAll(SET_BY_THE_SHELL);
        assertEquals(expected, seen);
        assertTrue(child.get("AWS_SESSION_TOKEN") != null && child.get("JVAULT").equals("dev-1"), child.toString());
        assertEquals(1, moto.recorded("AssumeRole").size(), "served from the cache");
    }

    @Test
    void javaOptionVariablesDoNotReachJvaultsJvmButReachTheCommand() throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(jcmd) && Files.isDirectory(Path.of("/proc/self")),
                "needs the JDK's jcmd and /proc");
        Map<String, String> env = new HashMap<>(sandbox.home().variables());
        for (String variable : JAVA_OPTION_VARIABLES) {
            env.put(variable, "-XX:-DisableAttachMechanism -XX:+EnableDynamicAgentLoading");
        }
        // jvault waits for its vault passphrase from a command that takes a while: time to attach.
        env.remove("JVAULT_FILE_PASSPHRASE");
        env.put("JVAULT_PASSPHRASE_COMMAND", "sleep 5; echo 'exec test passphrase'");
        ProcessBuilder builder = new ProcessBuilder(JvaultProcess.launcher().toString(), "clear", "dev-1")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        builder.environment().putAll(env);
        Process waiting = builder.start();
        try {
            ProcessHandle jvm = awaitJvm(waiting.toHandle());
            String jvmEnvironment = Files.readString(Path.of("/proc", Long.toString(jvm.pid()), "environ"));
            for (String variable : JAVA_OPTION_VARIABLES) {
                assertFalse(("\0" + jvmEnvironment).contains("\0" + variable + "="), "jvault's own JVM got " + variable);
            }
            JvaultProcess.Result attach = JvaultProcess.runCommand(List.of(jcmd.toString(), Long.toString(jvm.pid()),
                    "VM.version"), Map.of("PATH", "/usr/bin:/bin"), "", Duration.ofSeconds(60));
            assertNotEquals(0, attach.exitCode(), "jcmd attached to a jvault holding secrets: " + attach);
        } finally {
            waiting.descendants().forEach(ProcessHandle::destroyForcibly);
            waiting.destroyForcibly().waitFor();
        }
        Map<String, String> asSet = new HashMap<>(sandbox.home().variables());
        for (String variable : JAVA_OPTION_VARIABLES) {
            asSet.put(variable, "-Dset.by=user -Dfor=" + variable);
        }
        Map<String, String> child = childEnvironment(JvaultProcess.run(asSet, "exec", "dev-1", "--", "env", "-0"));
        for (String variable : JAVA_OPTION_VARIABLES) {
            assertEquals("-Dset.by=user -Dfor=" + variable, child.get(variable), "the command gets it as the user set it");
        }
        assertFalse(child.keySet().stream().anyMatch(name -> name.startsWith("JVAULT_SAVED_")), child.toString());
    }

    /** The JVM the launcher became (it execs java): the process itself once its command line names java. */
    private static ProcessHandle awaitJvm(ProcessHandle launched) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            if (launched.info().command().map(command -> command.endsWith("/java")).orElse(false)) {
                Thread.sleep(1500); // its JVM is up and in jvault's code
                return launched;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the launcher did not become a JVM");
    }

    @ParameterizedTest(name = "agent {0}")
    @ValueSource(strings = {"off", "on"})
    void anUnsetJavaOptionVariableStaysUnset(String agent) {
        Map<String, String> env = new HashMap<>(sandbox.with("JVAULT_AGENT", agent));
        JvaultProcess.run(env, "exec", "dev-1", "--", "true");
        Map<String, String> child = childEnvironment(JvaultProcess.run(env, "exec", "dev-1", "--", "env", "-0"));
        assertFalse(child.containsKey("_JAVA_OPTIONS") || child.containsKey("JAVA_TOOL_OPTIONS")
                || child.containsKey("JDK_JAVA_OPTIONS"), child.toString());
        Map<String, String> empty = childEnvironment(JvaultProcess.run(sandbox.with("JAVA_TOOL_OPTIONS", ""), "exec", "dev-1",
                "--", "env", "-0"));
        assertEquals("", empty.get("JAVA_TOOL_OPTIONS"), "set but empty stays set and empty");
    }
}

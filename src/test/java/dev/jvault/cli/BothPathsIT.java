package dev.jvault.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvault.config.Environment;
import dev.jvault.fast.FastEntry;
import dev.jvault.testing.AgentProcess;
import dev.jvault.testing.ExecSandbox;
import dev.jvault.testing.JvaultProcess;
import dev.jvault.testing.MotoExtension;
import dev.jvault.testing.MotoServer;
import dev.jvault.testing.NativeClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The three paths over one table of command lines, configs and environments, the error cases
 * among them. Each row runs three times: through bin/jvault with the agent (the launcher tries
 * the Java fast path first), through the native client (built under ASan and UBSan) with the
 * same agent, and through bin/jvault with JVAULT_AGENT=off (the full path alone); the three must
 * agree on the exit status, the command's output and jvault's stderr. Each row also says
 * whether the fast paths answer it themselves: the Java one ({@link FastEntry#answer}, asked
 * in-process of the same agent) and the native one (its launcher notes every fallback), so the
 * table cannot pass by the fast paths stepping aside everywhere.
 */
@ExtendWith(MotoExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BothPathsIT {

    private static final String LOOP_CONFIG = """
            [profile a]
            role_arn = arn:aws:iam::111111111111:role/a
            source_profile = b

            [profile b]
            role_arn = arn:aws:iam::111111111111:role/b
            source_profile = a
            """;

    private ExecSandbox sandbox;
    private Path nativeClient;
    /** The same client, whose fallback only notes it: asked first, it tells whether the client answers a row by itself. */
    private Path nativeProbe;
    private Path nativeFallbacks;

    /**
     * @param fastAnswers whether the fast path answers it on its own (else it steps aside for the full path)
     * @param env         variables over the sandbox's
     * @param shows       what the run with the agent shows on stdout or stderr ("" for the exit-status row)
     */
    record Row(String name, boolean fastAnswers, Map<String, String> env, List<String> args, String shows) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Row> rows() {
        return List.of(
                new Row("exec, command after --", true, Map.of(), List.of("exec", "dev-1", "--", "env"),
                        "AWS_SESSION_TOKEN="),
                new Row("exec, command after the profile", true, Map.of("KEEP_ME", "yes", "AWS_PROFILE", "stale",
                        "AWS_SECRET_KEY", "parent's"), List.of("exec", "dev-1", "env"), "KEEP_ME=yes"),
                new Row("exec, --region before the profile", true, Map.of(), List.of("exec", "--region", "us-west-2", "dev-1",
                        "env"), "AWS_REGION=us-west-2"),
                new Row("exec, --region=... after the profile", true, Map.of(), List.of("exec", "dev-1", "--region=ap-south-1",
                        "env"), "AWS_REGION=ap-south-1"),
                new Row("exec, the command's own options", true, Map.of(), List.of("exec", "dev-1", "sh", "-c",
                        "echo \"$AWS_REGION $0 $1\"", "--region", "-d"), "eu-central-1 --region -d"),
                new Row("exec, the profile from AWS_PROFILE", true, Map.of("AWS_PROFILE", "dev-2"), List.of("exec", "--", "env"),
                        "JVAULT=dev-2"),
                new Row("exec, the command's own exit status", true, Map.of(), List.of("exec", "dev-1", "--", "sh", "-c", "exit 7"),
                        ""),
                new Row("exec, $SHELL without a command", true, Map.of("SHELL", "/usr/bin/env"), List.of("exec", "dev-2"),
                        "AWS_VAULT=dev-2"),
                new Row("export", true, Map.of(), List.of("export", "dev-1"), "AWS_SESSION_TOKEN="),
                new Row("export --format json", true, Map.of(), List.of("export", "--format", "json", "dev-2"),
                        "\"SessionToken\""),
                new Row("export --format=export-env", true, Map.of(), List.of("export", "dev-1", "--format=export-env"),
                        "export AWS_SESSION_TOKEN="),
                new Row("a relative AWS_CONFIG_FILE, read from the command's folder", true,
                        Map.of("AWS_CONFIG_FILE", "relative:config"), List.of("exec", "dev-1", "--", "env"), "JVAULT=dev-1"),
                new Row("a command by a relative path", true, Map.of(), List.of("exec", "dev-1", "--", "scripts/bench.sh",
                        "--help"), "Start-up benchmark"),
                new Row("a command on a relative PATH entry", true, Map.of("PATH", "scripts:" + System.getenv("PATH")),
                        List.of("exec", "dev-1", "--", "bench.sh", "--help"), "Start-up benchmark"),
                new Row("a chain through a profile only the store can place", false, Map.of(), List.of("exec", "prod", "--", "env"),
                        "JVAULT=prod"),
                new Row("-t needs the full path", false, Map.of(), List.of("exec", "dev-1", "-t", "123456", "--", "env"),
                        "AWS_SESSION_TOKEN="),
                new Row("--prompt needs the full path", false, Map.of(), List.of("export", "--prompt", "terminal", "dev-1"),
                        "AWS_SESSION_TOKEN="),
                new Row("nested in another exec", false, Map.of("JVAULT", "dev-2"), List.of("exec", "dev-1", "--", "env"),
                        "inside jvault exec dev-2 already"),
                new Row("no such profile", false, Map.of(), List.of("exec", "dev-3", "--", "env"), "dev-3"),
                new Row("no such command", false, Map.of(), List.of("exec", "dev-1", "--", "no-such-command"),
                        "no-such-command"),
                new Row("a mistyped option before the profile", false, Map.of(), List.of("exec", "--regoin", "x", "dev-1", "env"),
                        "unknown option '--regoin'"),
                new Row("an unknown word after export's profile", false, Map.of(), List.of("export", "dev-1", "extra"),
                        "extra"),
                new Row("an unknown export format", false, Map.of(), List.of("export", "--format", "yaml", "dev-1"),
                        "--format is env"),
                new Row("an unknown prompt driver", false, Map.of("JVAULT_PROMPT", "bogus"), List.of("exec", "dev-1", "--", "env"),
                        "unknown prompt driver 'bogus'"),
                new Row("an unknown backend", false, Map.of("JVAULT_BACKEND", "bogus"), List.of("exec", "dev-1", "--", "env"),
                        "$JVAULT_BACKEND names"),
                new Row("a source_profile loop", false, Map.of("AWS_CONFIG_FILE", "loop"), List.of("exec", "a", "--", "env"),
                        "source_profile"),
                new Row("a duration with no session held", false, Map.of(), List.of("exec", "dev-1", "-d", "50m", "--", "env"),
                        "AWS_SESSION_TOKEN="),
                new Row("a minimum TTL longer than the role's session", false, Map.of("JVAULT_MIN_TTL", "2h"),
                        List.of("exec", "dev-1", "--", "env"), "JVAULT_MIN_TTL"));
    }

    @BeforeAll
    void warmTheAgent(MotoServer moto, @TempDir Path work) {
        Path client = NativeClient.build(work.resolve("jvault-fast"), NativeClient.SANITIZERS);
        nativeClient = NativeClient.layOut(work.resolve("native"), client, NativeClient.recordingLauncher(JvaultProcess.launcher()));
        nativeProbe = NativeClient.layOut(work.resolve("probe"), client, NativeClient.recordingLauncher(Path.of("/bin/true")));
        nativeFallbacks = work.resolve("native-fallbacks");
        sandbox = new ExecSandbox(moto);
        sandbox.home().write(sandbox.home().path().resolve(".aws/loop"), LOOP_CONFIG);
        for (String profile : List.of("dev-1", "dev-2")) {
            JvaultProcess.Result warm = JvaultProcess.run(environment(Map.of("JVAULT_AGENT", "on")), "exec", profile, "-t",
                    "123456", "--", "true");
            assertEquals(0, warm.exitCode(), warm.toString());
        }
    }

    @AfterAll
    void stopTheAgent() {
        AgentProcess.stop(environment(Map.of("JVAULT_AGENT", "on")));
        sandbox.close();
    }

    private Map<String, String> environment(Map<String, String> over) {
        Map<String, String> env = new HashMap<>(sandbox.home().variables());
        over.forEach((name, value) -> {
            if (name.equals("AWS_CONFIG_FILE")) {
                Path file = sandbox.home().path().resolve(".aws/" + value.replace("relative:", ""));
                // Through target/: from any other folder (the agent's is /) the path leads nowhere.
                value = value.startsWith("relative:") ? "target/../" + Path.of("").toAbsolutePath().relativize(file)
                        : file.toString();
            }
            env.put(name, value);
        });
        return env;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void theThreePathsGiveTheSameAnswer(Row row) throws IOException {
        Map<String, String> withAgent = environment(row.env());
        withAgent.put("JVAULT_AGENT", "on");
        assertEquals(row.fastAnswers(), fastAnswer(withAgent, row.args()).isPresent(), "whether the fast path answers");

        Map<String, String> withoutAgent = new HashMap<>(withAgent);
        withoutAgent.put("JVAULT_AGENT", "off");
        Map<String, String> withClient = new HashMap<>(withAgent);
        withClient.put("NATIVE_FALLBACKS", nativeFallbacks.toString());
        JvaultProcess.runCommand(words(nativeProbe, row.args()), withClient, "", Duration.ofSeconds(60));
        assertEquals(row.fastAnswers() ? "" : "fell back: " + String.join(" ", row.args()) + "\n", fallbacks(),
                "whether the native client answers");
        List<String> clientCommand = words(nativeClient, row.args());
        // All at once: a session any run makes is made once, under the root's lock, and read by the others.
        CompletableFuture<JvaultProcess.Result> fastRun = CompletableFuture.supplyAsync(
                () -> JvaultProcess.run(withAgent, row.args().toArray(String[]::new)));
        CompletableFuture<JvaultProcess.Result> nativeRun = CompletableFuture.supplyAsync(
                () -> JvaultProcess.runCommand(clientCommand, withClient, "", Duration.ofSeconds(60)));
        JvaultProcess.Result full = JvaultProcess.run(withoutAgent, row.args().toArray(String[]::new));
        JvaultProcess.Result fast = fastRun.join();
        JvaultProcess.Result client = nativeRun.join();

        for (JvaultProcess.Result answered : List.of(fast, client)) {
            assertEquals(full.exitCode(), answered.exitCode(), "exit status: " + answered + " / " + full);
            assertEquals(relevant(full.stdout()), relevant(answered.stdout()), "output");
            assertEquals(full.stderr(), answered.stderr(), "jvault's messages");
            assertTrue((answered.stdout() + answered.stderr()).contains(row.shows()), "shows " + row.shows() + ": " + answered);
            if (row.fastAnswers()) {
                assertEquals(row.shows().isEmpty() ? 7 : 0, answered.exitCode(), answered.toString());
            }
        }
        fallbacks();
    }

    private static List<String> words(Path program, List<String> args) {
        List<String> words = new ArrayList<>(List.of(program.toString()));
        words.addAll(args);
        return words;
    }

    /** The native client's fallbacks since the last call, which forgets them. */
    private String fallbacks() throws IOException {
        if (!Files.exists(nativeFallbacks)) {
            return "";
        }
        String noted = Files.readString(nativeFallbacks);
        Files.delete(nativeFallbacks);
        return noted;
    }

    /** The fast path's answer in-process: empty, or an exception, is the launcher's cue for the full path. */
    private static Optional<String> fastAnswer(Map<String, String> env, List<String> args) {
        try {
            return FastEntry.answer(new Environment(env), args);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** For env's output: the variables jvault sets or removes and one it keeps; PWD, SHLVL, _ and JVAULT_AGENT may differ. */
    private static Object relevant(String output) {
        if (output.lines().noneMatch(line -> line.startsWith("PATH="))) {
            return output;
        }
        return output.lines().filter(line -> line.startsWith("AWS_") || line.startsWith("JVAULT=") || line.startsWith("KEEP_ME="))
                .collect(Collectors.toMap(line -> line.substring(0, line.indexOf('=')), line -> line.substring(line.indexOf('=') + 1),
                        (a, b) -> a, TreeMap::new));
    }
}

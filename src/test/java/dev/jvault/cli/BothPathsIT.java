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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fast path and the full path over one table of command lines, configs and environments,
 * the error cases among them. Each row runs through bin/jvault twice: with the agent (the
 * launcher tries the fast path first) and with JVAULT_AGENT=off (the full path alone), and the
 * two must agree on the exit status, the command's output and jvault's stderr. Each row also
 * says whether the fast path itself answers it ({@link FastEntry#answer}, asked in-process of
 * the same agent), so the table cannot pass by the fast path stepping aside everywhere.
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
    void warmTheAgent(MotoServer moto) {
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
                value = sandbox.home().path().resolve(".aws/" + value).toString();
            }
            env.put(name, value);
        });
        return env;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void bothPathsGiveTheSameAnswer(Row row) {
        Map<String, String> withAgent = environment(row.env());
        withAgent.put("JVAULT_AGENT", "on");
        assertEquals(row.fastAnswers(), fastAnswer(withAgent, row.args()).isPresent(), "whether the fast path answers");

        Map<String, String> withoutAgent = new HashMap<>(withAgent);
        withoutAgent.put("JVAULT_AGENT", "off");
        // Both at once: a session either run makes is made once, under the root's lock, and read by the other.
        CompletableFuture<JvaultProcess.Result> fastRun = CompletableFuture.supplyAsync(
                () -> JvaultProcess.run(withAgent, row.args().toArray(String[]::new)));
        JvaultProcess.Result full = JvaultProcess.run(withoutAgent, row.args().toArray(String[]::new));
        JvaultProcess.Result fast = fastRun.join();

        assertEquals(full.exitCode(), fast.exitCode(), "exit status: " + fast + " / " + full);
        assertEquals(relevant(full.stdout()), relevant(fast.stdout()), "output");
        assertEquals(full.stderr(), fast.stderr(), "jvault's messages");
        assertTrue((fast.stdout() + fast.stderr()).contains(row.shows()), "shows " + row.shows() + ": " + fast);
        if (row.fastAnswers()) {
            assertEquals(row.shows().isEmpty() ? 7 : 0, fast.exitCode(), fast.toString());
        }
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

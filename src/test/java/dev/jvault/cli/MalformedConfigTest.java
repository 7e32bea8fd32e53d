package dev.jvault.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvault.error.ExitStatus;
import dev.jvault.testing.Cli;
import dev.jvault.testing.Fixtures;
import dev.jvault.testing.JvaultProcess;
import dev.jvault.testing.SandboxHome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of damaged config files: each gives either a working describe or exit 78 with one
 * line on stderr, and never an uncaught exception (exit 70) or a stack trace.
 */
class MalformedConfigTest {

    private final SandboxHome home = new SandboxHome();

    @AfterEach
    void cleanUp() {
        home.close();
    }

    static Stream<Arguments> corpus() {
        List<Arguments> cases = new ArrayList<>();
        cases.add(Arguments.of("binary", new byte[] {0x7f, 'E', 'L', 'F', 0, 0, 1, 2}, "holds binary data"));
        cases.add(Arguments.of("utf-16", ("[profile dev-1]\n").getBytes(StandardCharsets.UTF_16), "UTF-16"));
        cases.add(Arguments.of("latin-1", "[profile dev-1]\n# café\n".getBytes(StandardCharsets.ISO_8859_1), "not valid UTF-8"));
        cases.add(Arguments.of("unclosed header", "[profile dev-1\n".getBytes(StandardCharsets.UTF_8), "has no closing ]"));
        cases.add(Arguments.of("damaged arn", Fixtures.SEED_CONFIG.replace("222222222222", "2222").getBytes(StandardCharsets.UTF_8),
                "is not a role ARN"));
        cases.add(Arguments.of("json instead of ini", "{\"profile\": \"dev-1\"}\n".getBytes(StandardCharsets.UTF_8),
                "stands before any [section]"));
        cases.add(Arguments.of("only garbage", "\u0001\u0002\u0003".getBytes(StandardCharsets.UTF_8), "stands before any [section]"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void givesOneClearLineAndExit78(String name, byte[] content, String expected) throws IOException {
        Files.write(home.awsConfig(), content);
        JvaultProcess.Result result = Cli.run(home.environment(), "describe", "dev-1");
        assertEquals(ExitStatus.CONFIG.code(), result.exitCode(), result.toString());
        assertEquals(1, result.stderr().lines().count(), result.toString());
        assertTrue(result.stderr().startsWith("jvault: ~/.aws/config"), result.toString());
        assertTrue(result.stderr().contains(expected), result.toString());
        assertEquals("", result.stdout());
    }

    @Test
    void hugeFileIsRefusedWithoutReadingIt() throws IOException {
        byte[] line = "# padding padding padding padding padding padding padding\n".getBytes(StandardCharsets.UTF_8);
        try (var out = Files.newOutputStream(home.awsConfig())) {
            for (int i = 0; i < 5 * 1024 * 1024 / line.length + 1; i++) {
                out.write(line);
            }
        }
        JvaultProcess.Result result = Cli.run(home.environment(), "describe", "dev-1");
        assertEquals(ExitStatus.CONFIG.code(), result.exitCode(), result.toString());
        assertTrue(result.stderr().contains("too large for an AWS config file"), result.toString());
    }

    @Test
    void neverQuotesASecretFromEitherFile() throws IOException {
        String secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        home.config(Fixtures.SEED_CONFIG).credentials("[main]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n" + secret + "\n");
        JvaultProcess.Result credentials = Cli.run(home.environment(), "describe", "dev-1");
        assertEquals(ExitStatus.CONFIG.code(), credentials.exitCode(), credentials.toString());
        assertEquals("jvault: ~/.aws/credentials:3: expected 'key = value', found a line (not shown: it may hold a secret)\n",
                credentials.stderr());
        home.credentials("").config(Fixtures.SEED_CONFIG + "aws_secret_access_key " + secret + "\n");
        JvaultProcess.Result config = Cli.run(home.environment(), "describe", "dev-1");
        assertEquals(ExitStatus.CONFIG.code(), config.exitCode(), config.toString());
        assertFalse(config.stderr().contains(secret.substring(0, 8)), config.toString());
    }

    @Test
    void refusesDevicesAndPipesInsteadOfReadingThem() throws Exception {
        JvaultProcess.Result zero = Cli.run(home.set("AWS_CONFIG_FILE", "/dev/zero").environment(), "describe", "dev-1");
        assertEquals(ExitStatus.CONFIG.code(), zero.exitCode(), zero.toString());
        assertEquals("jvault: /dev/zero is not a regular file (a device or a pipe?): point jvault at the file itself\n",
                zero.stderr());
        home.set("AWS_CONFIG_FILE", home.awsConfig().toString()).config(Fixtures.SEED_CONFIG);
        new ProcessBuilder("mkfifo", home.awsCredentials().toString()).start().waitFor();
        JvaultProcess.Result fifo = Cli.run(home.environment(), "describe", "dev-1");
        assertEquals(ExitStatus.CONFIG.code(), fifo.exitCode(), fifo.toString());
        assertTrue(fifo.stderr().contains("~/.aws/credentials is not a regular file"), fifo.toString());
    }

    @Test
    void aChainTooLongToBeRealIsOneLine() throws IOException {
        StringBuilder config = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            config.append("[profile p").append(i).append("]\nsource_profile = p").append(i + 1).append('\n');
        }
        home.config(config.append("[profile p20000]\n").toString());
        JvaultProcess.Result result = Cli.run(home.environment(), "describe", "p0");
        assertEquals(ExitStatus.CONFIG.code(), result.exitCode(), result.toString());
        assertEquals(1, result.stderr().lines().count(), result.toString());
        assertTrue(result.stderr().contains("the source_profile chain from p0 is longer than 64 profiles"), result.toString());
    }

    @Test
    void aHomeThatIsNotAnAbsolutePathIsRefused() {
        JvaultProcess.Result result = Cli.run(home.set("HOME", "relative/home").environment(), "describe", "dev-1");
        assertEquals(ExitStatus.CONFIG.code(), result.exitCode(), result.toString());
        assertEquals("jvault: HOME is 'relative/home', not an absolute path: set it to your home folder (jvault keeps its"
                + " files under it)\n", result.stderr());
    }

    @Test
    void everyTruncationOfAValidFileResolvesOrFailsCleanly() throws IOException {
        byte[] seed = Fixtures.SEED_CONFIG.getBytes(StandardCharsets.UTF_8);
        for (int length = 0; length <= seed.length; length++) {
            Files.write(home.awsConfig(), Arrays.copyOf(seed, length));
            assertCleanOutcome(Cli.run(home.environment(), "describe", "dev-1"), "truncated at " + length);
        }
    }

    @Test
    void randomBytesResolveOrFailCleanly() throws IOException {
        Random random = new Random(20261122);
        byte[] seed = Fixtures.SEED_CONFIG.getBytes(StandardCharsets.UTF_8);
        for (int round = 0; round < 2000; round++) {
            byte[] mutated = seed.clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            Files.write(home.awsConfig(), mutated);
            assertCleanOutcome(Cli.run(home.environment(), "describe", "dev-1"), "round " + round);
        }
    }

    private static void assertCleanOutcome(JvaultProcess.Result result, String what) {
        if (result.exitCode() == ExitStatus.OK.code()) {
            assertTrue(result.stdout().startsWith("profile"), what + ": " + result);
        } else {
            // a damaged header may leave dev-1 unknown (66); anything else is the config's fault (78)
            assertTrue(List.of(ExitStatus.CONFIG.code(), ExitStatus.NOT_FOUND.code()).contains(result.exitCode()), what + ": " + result);
            List<String> lines = result.stderr().lines().toList();
            assertTrue(lines.subList(0, lines.size() - 1).stream().allMatch(line -> line.startsWith("jvault: warning: ")),
                    what + ": one error line, after any warnings: " + result);
            assertTrue(lines.getLast().startsWith("jvault: "), what + ": " + result);
        }
    }
}

package dev.jvault.agent;

import static dev.jvault.agent.NativeWire.body;
import static dev.jvault.agent.NativeWire.field;
import static dev.jvault.agent.NativeWire.run;
import static dev.jvault.agent.NativeWire.text;
import static dev.jvault.agent.NativeWire.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jvault.testing.JvaultProcess;
import dev.jvault.testing.NativeClient;
import dev.jvault.testing.SandboxHome;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The native client against a fake agent written here, which answers what a broken, hostile or
 * slow agent could: malformed, truncated, oversized and late frames, from sockets the client
 * must not trust. Every time, the client must exec its launcher (here a script that notes it)
 * with the words it was given, run nothing the agent named, print nothing, and not crash;
 * each case runs with the client as packaged (warnings as errors) and under ASan and UBSan.
 * Well-formed answers are the control: the same harness does make the client run and print.
 */
class NativeClientIT {

    private static final List<String> WORDS = List.of("exec", "dev-1", "--", "true");

    @TempDir
    static Path clients;
    private static Path plainClient;
    private static Path sanitizedClient;

    @TempDir
    Path work;
    private SandboxHome home;
    private Path marker;
    private Path markerFile;
    private Path fallbacks;

    @BeforeAll
    static void buildTheClients() {
        plainClient = NativeClient.build(clients.resolve("jvault-fast"), List.of());
        sanitizedClient = NativeClient.build(clients.resolve("jvault-fast-sanitized"), NativeClient.SANITIZERS);
    }

    @BeforeEach
    void prepare() throws IOException {
        home = new SandboxHome().unset("JVAULT_AGENT");
        markerFile = work.resolve("the-command-ran");
        fallbacks = work.resolve("fallbacks");
        marker = work.resolve("command.sh");
        Files.writeString(marker, "#!/bin/sh\ntouch \"$MARKER_FILE\"\necho \"ran: $FROM_AGENT ${UNSET_ME-gone} $*\"\n");
        Files.setPosixFilePermissions(marker, PosixFilePermissions.fromString("rwx------"));
    }

    @AfterEach
    void cleanUp() {
        home.close();
    }

    enum Flavour { PLAIN, SANITIZED }

    /** How the fake agent answers a request it has read. */
    interface Answer {
        void send(SocketChannel client, Path marker) throws Exception;
    }

    record Case(String name, Answer answer) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> hostileAnswers() {
        return List.of(
                new Case("hangs up without a word", (client, marker) -> client.close()),
                new Case("NONE: a miss", (client, marker) -> write(client, frame(new byte[] {2}))),
                new Case("an unknown status", (client, marker) -> write(client, frame(new byte[] {9}))),
                new Case("OK, which is no answer to this request", (client, marker) -> write(client, frame(new byte[] {0}))),
                new Case("a frame of no bytes", (client, marker) -> write(client, frame(new byte[0]))),
                new Case("a length without its frame", (client, marker) -> write(client, new byte[] {0, 0, 0, 100, 5, 0})),
                new Case("half a length", (client, marker) -> write(client, new byte[] {0, 0})),
                new Case("an oversized frame", (client, marker) -> write(client, new byte[] {0x7f, -1, -1, -1, 5, 0, 0, 0})),
                new Case("a frame just over the limit", (client, marker) -> write(client, frame(new byte[64 * 1024 + 1]))),
                new Case("a negative length", (client, marker) -> write(client, new byte[] {-1, -1, -1, -1, 5})),
                new Case("RUN with a count beyond the frame", (client, marker) -> write(client, frame(body(out -> {
                    out.writeByte(5);
                    field(out, marker.toString());
                    out.writeInt(0x10000000);
                })))),
                new Case("RUN with a field longer than the frame", (client, marker) -> write(client, frame(body(out -> {
                    out.writeByte(5);
                    out.writeInt(4096);
                    out.write(marker.toString().getBytes(StandardCharsets.UTF_8));
                })))),
                new Case("RUN with a NUL inside a word", (client, marker) -> write(client, frame(run(marker.toString(),
                        List.of(marker.toString(), "a\0b"), List.of(), Map.of())))),
                new Case("RUN with a NUL inside a value", (client, marker) -> write(client, frame(run(marker.toString(),
                        List.of(marker.toString()), List.of(), Map.of("FROM_AGENT", "x\0y"))))),
                new Case("RUN with a name holding '='", (client, marker) -> write(client, frame(run(marker.toString(),
                        List.of(marker.toString()), List.of("PATH=/tmp"), Map.of())))),
                new Case("RUN with an empty name to set", (client, marker) -> write(client, frame(run(marker.toString(),
                        List.of(marker.toString()), List.of(), Map.of("", "x"))))),
                new Case("RUN with an empty program", (client, marker) -> write(client, frame(run("",
                        List.of(marker.toString()), List.of(), Map.of())))),
                new Case("RUN with no words", (client, marker) -> write(client, frame(run(marker.toString(),
                        List.of(), List.of(), Map.of())))),
                new Case("RUN with bytes after its last field", (client, marker) -> write(client, frame(append(run(
                        marker.toString(), List.of(marker.toString()), List.of(), Map.of("FROM_AGENT", "x")), 7)))),
                new Case("RUN cut short by one byte", (client, marker) -> {
                    byte[] run = run(marker.toString(), List.of(marker.toString()), List.of(), Map.of("FROM_AGENT", "x"));
                    write(client, frame(java.util.Arrays.copyOf(run, run.length - 1)));
                }),
                new Case("RUN of a program that is not there", (client, marker) -> write(client, frame(run(
                        marker + ".missing", List.of("x"), List.of(), Map.of())))),
                new Case("PRINT with bytes after its text", (client, marker) -> write(client, frame(append(body(out -> {
                    out.writeByte(6);
                    field(out, "AWS_ACCESS_KEY_ID=ASIA\n");
                }), 1)))),
                new Case("PRINT with a NUL inside", (client, marker) -> write(client, frame(body(out -> {
                    out.writeByte(6);
                    field(out, "AWS_ACCESS_KEY_ID=\0ASIA\n");
                })))),
                new Case("a good RUN, after the client's deadline", (client, marker) -> {
                    Thread.sleep(3_000);
                    write(client, frame(run(marker.toString(), List.of(marker.toString()), List.of(), Map.of("FROM_AGENT", "late"))));
                }));
    }

    static Stream<Arguments> hostileAnswersWithEachClient() {
        return hostileAnswers().stream().flatMap(c -> Stream.of(Arguments.of(c, Flavour.PLAIN), Arguments.of(c, Flavour.SANITIZED)));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("hostileAnswersWithEachClient")
    void anythingButAWellFormedAnswerFallsBackToTheLauncher(Case hostile, Flavour flavour) throws Exception {
        Path client = fallbackLayout(flavour);
        try (FakeAgent agent = FakeAgent.at(socketFolder(), hostile.answer(), marker)) {
            JvaultProcess.Result result = runClient(client, Map.of());
            agent.awaitDone();
            assertFellBack(result);
            assertEquals(1, agent.requests(), "the client asked the agent once");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flavours")
    void aWellFormedRunChangesTheEnvironmentExactlyAndExecsTheProgram(Flavour flavour) throws Exception {
        Path client = fallbackLayout(flavour);
        Answer good = (channel, program) -> write(channel, frame(run(program.toString(), List.of(program.toString(), "word 1"),
                List.of("UNSET_ME", "NOT_SET_AT_ALL"), Map.of("FROM_AGENT", "the agent's value"))));
        try (FakeAgent agent = FakeAgent.at(socketFolder(), good, marker)) {
            JvaultProcess.Result result = runClient(client, Map.of("UNSET_ME", "still here", "FROM_AGENT", "the parent's"));
            agent.awaitDone();
            assertEquals(0, result.exitCode(), result.toString());
            assertEquals("ran: the agent's value gone word 1\n", result.stdout());
            assertEquals("", result.stderr());
            assertTrue(Files.exists(markerFile));
            assertFalse(Files.exists(fallbacks), "no fallback");
            // What the client sent: the protocol's version and operation, its folder, its words and its environment.
            assertEquals(2, agent.version());
            assertEquals(AgentWire.Op.ANSWER_COMMAND.ordinal(), agent.op());
            assertEquals(Path.of("").toAbsolutePath().toString(), agent.folder());
            assertEquals(WORDS, agent.args());
            assertTrue(agent.environment().contains("UNSET_ME=still here"), agent.environment().toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flavours")
    void aWellFormedPrintIsPrintedAndNothingRuns(Flavour flavour) throws Exception {
        Path client = fallbackLayout(flavour);
        Answer print = (channel, program) -> write(channel, frame(body(out -> {
            out.writeByte(6);
            field(out, "{\"Version\": 1}\n");
        })));
        try (FakeAgent agent = FakeAgent.at(socketFolder(), print, marker)) {
            JvaultProcess.Result result = runClient(client, Map.of());
            agent.awaitDone();
            assertEquals(new JvaultProcess.Result(0, "{\"Version\": 1}\n", ""), result);
            assertFalse(Files.exists(fallbacks), "no fallback");
        }
    }

    static Stream<Flavour> flavours() {
        return Stream.of(Flavour.values());
    }

    /** Sockets the client must not even connect to, or must leave before it sends a byte. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("flavours")
    void aSocketAnotherUserCouldHavePlacedIsNeverAsked(Flavour flavour) throws Exception {
        Path client = fallbackLayout(flavour);
        Answer good = (channel, program) -> write(channel, frame(run(program.toString(), List.of(program.toString()),
                List.of(), Map.of())));
        Path folder = socketFolder();
        try (FakeAgent agent = FakeAgent.at(folder, good, marker)) {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
            assertFellBack(runClient(client, Map.of()));
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));

            // The folder a link to a private one: another user could have pointed it anywhere.
            Path agentFolder = folder.getParent().resolve("agent");
            Path moved = Files.move(agentFolder, folder.getParent().resolve("elsewhere"));
            Files.createSymbolicLink(agentFolder, moved);
            assertFellBack(runClient(client, Map.of()));
            assertEquals(0, agent.connections(), "never connected to");
        }
    }

    @Test
    void aFolderOrAListenerOfAnotherUserIsNeverTrusted() throws Exception {
        assumeTrue(isRoot() && JvaultProcess.onPath("setpriv") && Files.isExecutable(Path.of("/usr/bin/python3")),
                "needs root, setpriv and the system's python3 to play another user");
        Path client = fallbackLayout(Flavour.SANITIZED);
        Path folder = socketFolder();
        Answer good = (channel, program) -> write(channel, frame(run(program.toString(), List.of(program.toString()),
                List.of(), Map.of())));
        try (FakeAgent agent = FakeAgent.at(folder, good, marker)) {
            Files.setAttribute(folder, "unix:uid", 65534);
            assertFellBack(runClient(client, Map.of()));
            assertEquals(0, agent.connections(), "a folder of nobody's: never connected to");
        }
        Files.setAttribute(folder, "unix:uid", 0);

        // A listener that runs as nobody, its socket moved into the user's own folder: the
        // client connects, reads the peer's uid and leaves without sending a byte.
        Path shared = Files.createTempDirectory(Path.of("/tmp"), "jvault-other-user-");
        try {
            Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
            Process listener = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/python3", "-c", """
                    import socket, sys
                    s = socket.socket(socket.AF_UNIX); s.bind(sys.argv[1]); s.listen(1); print("ready", flush=True)
                    s.settimeout(20); c, _ = s.accept(); c.settimeout(3); got = b""
                    try:
                        while True:
                            d = c.recv(65536)
                            if not d: break
                            got += d
                    except OSError: pass
                    open(sys.argv[2], "w").write(str(len(got)))
                    """, shared.resolve("s.sock").toString(), shared.resolve("received").toString()).start();
            try {
                assertEquals("ready", new String(listener.getInputStream().readNBytes(5), StandardCharsets.UTF_8));
                Files.move(shared.resolve("s.sock"), folder.resolve("agent.sock"), StandardCopyOption.REPLACE_EXISTING);
                assertFellBack(runClient(client, Map.of()));
                assertTrue(listener.waitFor(10, TimeUnit.SECONDS), "the listener ends once the client hangs up");
                assertEquals("0", Files.readString(shared.resolve("received")), "bytes the other user's listener got");
            } finally {
                listener.destroyForcibly();
            }
        } finally {
            try (Stream<Path> files = Files.walk(shared)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** What the client never sends: another command, an agent turned off, a nested exec, an environment beyond the frame. */
    @Test
    void requestsTheClientLeavesToTheLauncherAreNeverSent() throws Exception {
        Path client = fallbackLayout(Flavour.SANITIZED);
        Answer good = (channel, program) -> write(channel, frame(run(program.toString(), List.of(program.toString()),
                List.of(), Map.of())));
        try (FakeAgent agent = FakeAgent.at(socketFolder(), good, marker)) {
            for (Map<String, String> env : List.of(Map.of("JVAULT_AGENT", "Off"), Map.of("JVAULT", "dev-2"),
                    Map.of("BIG_1", "x".repeat(100 * 1024), "BIG_2", "y".repeat(100 * 1024)))) {
                assertFellBack(runClient(client, env));
            }
            JvaultProcess.Result list = JvaultProcess.runCommand(List.of(client.toString(), "list"), environment(Map.of()), "",
                    Duration.ofSeconds(30));
            assertEquals(0, list.exitCode(), list.toString());
            assertEquals("fell back: list tried\n", Files.readString(fallbacks));
            assertEquals(0, agent.connections());
        }
    }

    /** A client with no launcher beside it: one line, the path escaped, status 125, nothing run. */
    @Test
    void withoutItsLauncherTheClientSaysSoInOneLine() throws Exception {
        Path folder = Files.createDirectories(work.resolve("odd\u001b[31mname"));
        Path client = Files.copy(sanitizedClient, folder.resolve("jvault-fast"));
        JvaultProcess.Result result = runClient(client, Map.of("JVAULT_AGENT", "off"));
        assertEquals(new JvaultProcess.Result(125, "", "jvault: cannot run " + folder.toString().replace("\u001b", "\\x1b")
                + "/jvault: No such file or directory; reinstall jvault\n"), result);
    }

    /** bin/jvault itself: the client first for exec, and never again once it has been tried. */
    @Test
    void theLauncherRunsTheClientFirstAndNotAfterItFellBack() throws Exception {
        Path bin = Files.createDirectories(work.resolve("app/bin"));
        Files.copy(Path.of("bin/jvault-java.sh"), bin.resolve("jvault-java.sh"));
        Path client = NativeClient.layOut(work.resolve("app"), plainClient, Files.readString(Path.of("bin/jvault")));
        Answer good = (channel, program) -> write(channel, frame(run(program.toString(), List.of(program.toString()),
                List.of(), Map.of("FROM_AGENT", "agent"))));
        try (FakeAgent agent = FakeAgent.at(socketFolder(), good, marker)) {
            JvaultProcess.Result hit = JvaultProcess.runCommand(launch(client.resolveSibling("jvault")),
                    environment(Map.of()), "", Duration.ofSeconds(30));
            agent.awaitDone();
            assertEquals(new JvaultProcess.Result(0, "ran: agent gone \n", ""), hit);
        }
        Files.delete(markerFile);
        try (FakeAgent agent = FakeAgent.at(socketFolder(), good, marker)) {
            // As after a fallback: no client, no Java fast path; the full path finds no such profile.
            JvaultProcess.Result full = JvaultProcess.runCommand(launch(client.resolveSibling("jvault")),
                    environment(Map.of("JVAULT_FAST_CLIENT", "tried")), "", Duration.ofSeconds(60));
            assertTrue(full.exitCode() != 0 && full.stderr().contains("dev-1"), full.toString());
            assertEquals(0, agent.connections(), "neither fast path asked the agent");
            assertFalse(Files.exists(markerFile));
        }
    }

    private static List<String> launch(Path program) {
        List<String> command = new ArrayList<>(List.of(program.toString()));
        command.addAll(WORDS);
        return command;
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** A layout whose launcher only notes that the client fell back, and how. */
    private Path fallbackLayout(Flavour flavour) {
        return NativeClient.layOut(work.resolve("app-" + flavour), flavour == Flavour.PLAIN ? plainClient : sanitizedClient, """
                #!/bin/bash
                printf 'fell back: %s %s\\n' "$*" "${JVAULT_FAST_CLIENT-}" >> "$NATIVE_FALLBACKS"
                """);
    }

    private Path socketFolder() throws IOException {
        Path folder = home.path().resolve(".jvault/agent");
        Files.createDirectories(folder);
        Files.setPosixFilePermissions(home.path().resolve(".jvault"), PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        return folder;
    }

    private Map<String, String> environment(Map<String, String> over) {
        Map<String, String> env = new HashMap<>(home.variables());
        env.put("NATIVE_FALLBACKS", fallbacks.toString());
        env.put("MARKER_FILE", markerFile.toString());
        env.putAll(over);
        return env;
    }

    private JvaultProcess.Result runClient(Path client, Map<String, String> over) {
        return JvaultProcess.runCommand(launch(client), environment(over), "", Duration.ofSeconds(30));
    }

    /** The launcher ran with the same words and the client's mark; nothing ran, nothing was printed; no sanitizer spoke. */
    private void assertFellBack(JvaultProcess.Result result) throws IOException {
        assertEquals(new JvaultProcess.Result(0, "", ""), result);
        assertEquals("fell back: " + String.join(" ", WORDS) + " tried\n", Files.readString(fallbacks));
        Files.delete(fallbacks);
        assertFalse(Files.exists(markerFile), "ran what the agent named");
    }

    static byte[] append(byte[] body, int extra) {
        return java.util.Arrays.copyOf(body, body.length + extra);
    }

    static byte[] frame(byte[] body) {
        return ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
    }

    static void write(SocketChannel channel, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** One connection at a time on the agent's socket; reads the request, then answers as told. */
    static final class FakeAgent implements AutoCloseable {
        private final ServerSocketChannel server;
        private final Path socket;
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private volatile int connections;
        private volatile int requests;
        private volatile int version;
        private volatile int op;
        private volatile String folder;
        private volatile List<String> args;
        private volatile List<String> environment;

        private FakeAgent(ServerSocketChannel server, Path socket) {
            this.server = server;
            this.socket = socket;
        }

        static FakeAgent at(Path folder, Answer answer, Path marker) throws IOException {
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(folder.resolve("agent.sock")));
            FakeAgent agent = new FakeAgent(server, folder.resolve("agent.sock"));
            Thread.ofPlatform().daemon().start(() -> agent.serve(answer, marker));
            return agent;
        }

        private void serve(Answer answer, Path marker) {
            while (server.isOpen()) {
                try (SocketChannel client = server.accept()) {
                    connections++;
                    read(client);
                    requests++;
                    answer.send(client, marker);
                } catch (Exception e) {
                    // the client hung up, or the test closed the socket
                } finally {
                    done.complete(null);
                }
            }
        }

        private void read(SocketChannel client) throws IOException {
            ByteBuffer length = ByteBuffer.allocate(4);
            while (length.hasRemaining() && client.read(length) >= 0) {
                // until the length is in
            }
            ByteBuffer body = ByteBuffer.allocate(length.flip().getInt());
            while (body.hasRemaining() && client.read(body) >= 0) {
                // until the body is in
            }
            DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(body.array()));
            version = in.readUnsignedByte();
            op = in.readUnsignedByte();
            in.readUTF(); // the build
            folder = text(in);
            args = texts(in);
            environment = texts(in);
        }

        void awaitDone() throws Exception {
            done.get(10, TimeUnit.SECONDS);
        }

        int connections() {
            return connections;
        }

        int requests() {
            return requests;
        }

        int version() {
            return version;
        }

        int op() {
            return op;
        }

        String folder() {
            return folder;
        }

        List<String> args() {
            return args;
        }

        List<String> environment() {
            return environment;
        }

        @Override
        public void close() throws IOException {
            server.close();
            Files.deleteIfExists(socket);
        }
    }
}

package dev.jvault.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvault.config.Environment;
import dev.jvault.files.PrivateFiles;
import dev.jvault.testing.SandboxHome;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The agent's socket in this process: what the client refuses to talk to, and what the server
 * does with requests that are too large, too slow, too many, or from another build.
 */
class AgentServerTest {

    private final SandboxHome home = new SandboxHome();
    private AgentPaths paths;
    private Thread serving;

    @BeforeEach
    void startTheAgent() throws Exception {
        paths = new AgentPaths(home.path().resolve(".jvault/agent"));
        AgentState state = new AgentState(Clock.systemUTC(), Duration.ofMinutes(10), Duration.ofHours(2));
        AgentServer server = new AgentServer(paths, state, new PrivateFiles(Path::toString), Duration.ofMinutes(15));
        serving = Thread.ofPlatform().daemon().start(() -> {
            try {
                server.serve();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        assertTrue(answersSoon(new AgentClient(paths)), "the agent answers");
    }

    private static boolean answersSoon(AgentClient client) throws InterruptedException {
        for (int i = 0; i < 500 && !client.running(); i++) {
            Thread.sleep(10);
        }
        return client.running();
    }

    @AfterEach
    void stopTheAgent() throws Exception {
        new AgentClient(paths).stop();
        serving.join(TimeUnit.SECONDS.toMillis(10));
        home.close();
    }

    private SocketChannel connect() throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(paths.socket()));
        return channel;
    }

    /** Reads until the agent closes the connection (or resets it, having left bytes unread); the bytes it sent first. */
    private static int readUntilClosed(SocketChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        int total = 0;
        try {
            for (int read; (read = channel.read(buffer)) >= 0; buffer.clear()) {
                total += read;
            }
        } catch (java.net.SocketException reset) {
            // closed with our request unread: as good as closed
        }
        return total;
    }

    @Test
    void aRequestAnnouncedLargerThanAnyRealOneIsDroppedUnread() throws IOException {
        try (SocketChannel channel = connect()) {
            channel.write(ByteBuffer.allocate(Integer.BYTES + 8).putInt(1024 * 1024).put(new byte[8]).flip());
            assertEquals(0, readUntilClosed(channel), "closed without an answer");
        }
    }

    @Test
    @Timeout(30) // without a deadline the agent would keep the connection, and this read, open for ever
    void aHalfSentRequestIsDroppedAtTheDeadline() throws IOException {
        try (SocketChannel channel = connect()) {
            channel.write(ByteBuffer.allocate(Integer.BYTES + 2).putInt(100).put(new byte[2]).flip());
            assertEquals(0, readUntilClosed(channel), "closed without an answer");
        }
    }

    @Test
    void connectionsBeyondTheBoundAreClosedAndTheAgentServesAgainOnceTheyAreGone() throws Exception {
        List<SocketChannel> idle = new ArrayList<>();
        try {
            for (int i = 0; i < AgentServer.MAX_CONNECTIONS; i++) {
                idle.add(connect());
            }
            Thread.sleep(200); // each is being served (and waits for its request)
            try (SocketChannel oneTooMany = connect()) {
                assertEquals(0, readUntilClosed(oneTooMany), "closed at once");
            }
        } finally {
            for (SocketChannel channel : idle) {
                channel.close();
            }
        }
        assertTrue(answersSoon(new AgentClient(paths)), "served again");
    }

    @Test
    void aClientOfAnotherBuildIsAnsweredWithTheAgentsBuildAndCanStopIt() throws Exception {
        byte[] request = AgentWire.body(out -> {
            out.writeByte(AgentWire.VERSION);
            out.writeByte(AgentWire.Op.STATUS.ordinal());
            out.writeUTF("jvault 0.0.1 0000000000 other");
        });
        try (SocketChannel channel = connect(); FrameChannel frames = new FrameChannel(channel, Duration.ofSeconds(5))) {
            frames.write(request);
            DataInputStream answer = AgentWire.reader(frames.read(AgentWire.MAX_ANSWER));
            assertEquals(AgentWire.Answer.OTHER_VERSION.ordinal(), answer.readUnsignedByte());
            assertEquals(BuildIdentity.current(), answer.readUTF());
        }
        try (SocketChannel channel = connect(); FrameChannel frames = new FrameChannel(channel, Duration.ofSeconds(5))) {
            frames.write(AgentWire.stopAnyVersion());
            assertEquals(AgentWire.Answer.OK.ordinal(), frames.read(AgentWire.MAX_ANSWER)[0]);
        }
        serving.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(serving.isAlive(), "the agent stopped");
        assertFalse(Files.exists(paths.socket()), "and removed its socket");
    }

    @Test
    void theClientSendsNothingToASocketInAFolderOthersCanEnter() throws Exception {
        Path open = Files.createDirectories(home.path().resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertNoByteReaches(new AgentPaths(open), "can be entered by other users");
    }

    @Test
    void theClientSendsNothingThroughASymbolicLink() throws Exception {
        Path real = Files.createDirectories(home.path().resolve("real"));
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rwx------"));
        Path link = Files.createSymbolicLink(home.path().resolve("link"), real);
        assertNoByteReaches(new AgentPaths(link), "is a symbolic link");
    }

    /** A listener in the folder, as an impostor would plant it: the client must not connect, let alone send. */
    private static void assertNoByteReaches(AgentPaths planted, String reason) throws IOException {
        assertTrue(planted.untrusted().orElseThrow().contains(reason), planted.untrusted().toString());
        try (ServerSocketChannel impostor = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            impostor.bind(UnixDomainSocketAddress.of(planted.socket()));
            impostor.configureBlocking(false);
            AgentClient client = new AgentClient(planted);
            assertFalse(client.running());
            assertTrue(client.vaultKey("/some/vault").isEmpty());
            assertNull(impostor.accept(), "the client never connected");
        }
    }

    @Test
    void xdgRuntimeDirIsUsedOnlyWhenItIsTheUsersOwnPrivateFolder() throws IOException {
        Path runtime = Files.createDirectories(home.path().resolve("run"));
        Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwx------"));
        Map<String, String> env = Map.of("HOME", home.path().toString(), "XDG_RUNTIME_DIR", runtime.toString());
        assertEquals(runtime.resolve("jvault"), AgentPaths.of(new Environment(env)).folder());

        Path fallback = home.path().resolve(".jvault/agent");
        Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertEquals(fallback, AgentPaths.of(new Environment(env)).folder(), "a folder anyone can write to");

        Path link = Files.createSymbolicLink(home.path().resolve("run-link"), runtime);
        Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwx------"));
        assertEquals(fallback, AgentPaths.of(new Environment(Map.of("HOME", home.path().toString(), "XDG_RUNTIME_DIR",
                link.toString()))).folder(), "a link");
        assertEquals(fallback, AgentPaths.of(new Environment(Map.of("HOME", home.path().toString(), "XDG_RUNTIME_DIR",
                home.path().resolve("missing").toString()))).folder(), "a folder that is not there");
    }
}

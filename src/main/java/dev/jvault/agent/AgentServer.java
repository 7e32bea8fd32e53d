package dev.jvault.agent;

import dev.jvault.error.ExitStatus;
import dev.jvault.error.JvaultException;
import dev.jvault.files.PrivateFiles;
import dev.jvault.log.Log;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * The agent's listening side: a Unix-domain socket in a 0700 folder, each connection checked
 * to come from this user (SO_PEERCRED) before a byte is read, one request and one answer per
 * connection. A request is a few KiB at most and must arrive within {@link #REQUEST_DEADLINE};
 * at most {@link #MAX_CONNECTIONS} are served at once, and further ones are closed unread, so
 * a flood of half-sent frames costs the agent no memory. It stops, removing its socket, when it
 * holds nothing (after a start-up grace for its first client), when no request came for the
 * idle time, when asked to, when its socket is removed or replaced, or when its own jar is gone
 * (jvault was uninstalled or upgraded).
 */
public final class AgentServer {

    private static final Duration SWEEP_EVERY = Duration.ofSeconds(2);
    /** How long a new agent waits for its first client to hand it something before it stops. */
    public static final Duration START_GRACE = Duration.ofSeconds(20);
    static final Duration REQUEST_DEADLINE = Duration.ofSeconds(2);
    static final int MAX_CONNECTIONS = 16;

    private final AgentPaths paths;
    private final AgentState state;
    private final PrivateFiles files;
    private final Duration idle;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Semaphore connections = new Semaphore(MAX_CONNECTIONS);
    private volatile Instant lastRequest = Instant.now();
    private ServerSocketChannel server;
    private Object socketIdentity;

    /** @param idle how long the agent waits for a request before it stops, whatever it holds */
    AgentServer(AgentPaths paths, AgentState state, PrivateFiles files, Duration idle) {
        this.paths = paths;
        this.state = state;
        this.files = files;
        this.idle = idle;
    }

    /** Serves until stopped; false when another agent already answers on the socket. */
    boolean serve() throws IOException {
        files.ensureDirectory(paths.folder());
        files.requireOwnedByUser(paths.folder());
        Path socket = paths.socket();
        if (Files.exists(socket)) {
            if (new AgentClient(paths).running()) {
                return false;
            }
            Files.delete(socket); // a dead agent's
        }
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        socketIdentity = Files.readAttributes(socket, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        // Ended by a signal (SIGTERM from the package's removal, a logout): forget, and leave no socket behind.
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
        Thread.ofVirtual().start(this::sweep);
        Thread.ofVirtual().start(this::accept);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stop();
        return true;
    }

    private void accept() {
        UserPrincipal self = self();
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                if (!connections.tryAcquire()) {
                    client.close(); // busy: a real client finds no agent and takes the full path
                    continue;
                }
                Thread.ofVirtual().start(() -> {
                    try {
                        serveOne(client, self);
                    } finally {
                        connections.release();
                    }
                });
            } catch (IOException e) {
                if (server.isOpen()) {
                    Log.debug("agent: accept failed: " + e);
                }
            }
        }
    }

    private void serveOne(SocketChannel client, UserPrincipal self) {
        try (client; FrameChannel frames = new FrameChannel(client, REQUEST_DEADLINE)) {
            UnixDomainPrincipal peer = client.getOption(ExtendedSocketOptions.SO_PEERCRED);
            if (!peer.user().equals(self)) {
                frames.write(AgentWire.answer(AgentWire.Answer.REFUSED, AgentWire.none()));
                return;
            }
            byte[] request = frames.read(AgentWire.MAX_REQUEST);
            byte[] answer = null;
            try {
                answer = handle(request);
                frames.write(answer);
            } finally {
                Arrays.fill(request, (byte) 0);
                if (answer != null) {
                    Arrays.fill(answer, (byte) 0);
                }
            }
        } catch (IOException | RuntimeException e) {
            Log.debug("agent: a request failed: " + e);
        }
    }

    /** One request's answer. */
    byte[] handle(byte[] request) throws IOException {
        DataInputStream in = AgentWire.reader(request);
        int version = in.readUnsignedByte();
        int code = in.readUnsignedByte();
        if (code == AgentWire.Op.STOP.ordinal()) {
            stopped.countDown(); // whatever the version: how a client of another build ends this agent
            return ok();
        }
        if (version != AgentWire.VERSION || code >= AgentWire.Op.values().length
                || !in.readUTF().equals(BuildIdentity.current())) {
            return AgentWire.answer(AgentWire.Answer.OTHER_VERSION, out -> out.writeUTF(BuildIdentity.current()));
        }
        lastRequest = Instant.now();
        AgentWire.Op op = AgentWire.Op.values()[code];
        return switch (op) {
            case STATUS -> AgentWire.answer(AgentWire.Answer.OK, out -> {
                out.writeLong(ProcessHandle.current().pid());
                out.writeUTF(String.join("\n", state.describe()));
            });
            case GET_SESSION -> {
                String store = in.readUTF();
                String root = in.readUTF();
                String key = in.readUTF();
                Duration minimumTtl = Duration.ofSeconds(in.readLong());
                yield state.session(store, root, key, minimumTtl)
                        .map(session -> AgentWire.answer(AgentWire.Answer.FOUND, out -> AgentWire.writeSession(out, session)))
                        .orElseGet(() -> AgentWire.answer(AgentWire.Answer.NONE, AgentWire.none()));
            }
            case PUT_SESSION -> {
                String store = in.readUTF();
                state.put(store, AgentWire.readSession(in));
                yield ok();
            }
            case DROP_SESSIONS -> {
                state.drop(in.readUTF(), in.readUTF(), in.readUTF());
                yield ok();
            }
            case GET_VAULT_KEY -> state.vaultKey(in.readUTF())
                    .map(key -> AgentWire.answer(AgentWire.Answer.FOUND, out -> AgentWire.writeVaultKey(out, key)))
                    .orElseGet(() -> AgentWire.answer(AgentWire.Answer.NONE, AgentWire.none()));
            case PUT_VAULT_KEY -> {
                String vault = in.readUTF();
                state.putVaultKey(vault, AgentWire.readVaultKey(in));
                yield ok();
            }
            case LOCK -> {
                state.lock();
                yield ok();
            }
            case ANSWER_COMMAND -> ClientCommand.answer(in, paths, state);
            case STOP -> throw new IllegalStateException("answered above");
        };
    }

    private static byte[] ok() {
        return AgentWire.answer(AgentWire.Answer.OK, AgentWire.none());
    }

    /** Every few seconds: drop what expired; stop when there is no more reason to run. */
    private void sweep() {
        Instant started = Instant.now();
        Optional<Path> code = BuildIdentity.codeSource();
        while (stopped.getCount() > 0) {
            try {
                Thread.sleep(SWEEP_EVERY);
            } catch (InterruptedException e) {
                return;
            }
            Instant now = Instant.now();
            boolean graceOver = now.isAfter(started.plus(START_GRACE));
            boolean idleOver = now.isAfter(lastRequest.plus(idle));
            boolean uninstalled = code.isPresent() && !Files.exists(code.get());
            if ((graceOver && state.isEmpty()) || idleOver || uninstalled || !socketStillOurs()) {
                Log.debug("agent: stopping (" + (uninstalled ? "its jar is gone" : idleOver ? "idle" : "nothing to hold or"
                        + " its socket was replaced") + ")");
                stopped.countDown();
            }
        }
    }

    private boolean socketStillOurs() {
        try {
            return socketIdentity.equals(Files.readAttributes(paths.socket(),
                    java.nio.file.attribute.BasicFileAttributes.class).fileKey());
        } catch (IOException e) {
            return false;
        }
    }

    private void stop() {
        state.lock();
        try {
            server.close();
            if (socketStillOurs()) {
                Files.deleteIfExists(paths.socket());
            }
        } catch (IOException e) {
            Log.debug("agent: could not remove its socket: " + e);
        }
    }

    private static UserPrincipal self() {
        try {
            return AgentPaths.self();
        } catch (IOException e) {
            throw new JvaultException(ExitStatus.IO, "agent: cannot tell who it runs as: " + e.getMessage(), e);
        }
    }
}

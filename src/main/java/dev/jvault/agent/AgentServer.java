package dev.jvault.agent;

import dev.jvault.log.Log;
import dev.jvault.store.PrivateFiles;
import dev.jvault.store.StoreException;
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
import java.util.concurrent.CountDownLatch;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * The agent's listening side: a Unix-domain socket in a 0700 folder, each connection checked
 * to come from this user (SO_PEERCRED) before a byte is read, one request and one answer per
 * connection. It stops, removing its socket, when it holds nothing (after a start-up grace for
 * its first client), when asked to, or when its socket is removed or replaced.
 */
public final class AgentServer {

    private static final Duration SWEEP_EVERY = Duration.ofSeconds(2);
    private static final Duration START_GRACE = Duration.ofSeconds(20);

    private final AgentPaths paths;
    private final AgentState state;
    private final PrivateFiles files;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private ServerSocketChannel server;
    private Object socketIdentity;

    AgentServer(AgentPaths paths, AgentState state, PrivateFiles files) {
        this.paths = paths;
        this.state = state;
        this.files = files;
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
                Thread.ofVirtual().start(() -> serveOne(client, self));
            } catch (IOException e) {
                if (server.isOpen()) {
                    Log.debug("agent: accept failed: " + e);
                }
            }
        }
    }

    private void serveOne(SocketChannel client, UserPrincipal self) {
        try (client) {
            UnixDomainPrincipal peer = client.getOption(ExtendedSocketOptions.SO_PEERCRED);
            if (!peer.user().equals(self)) {
                Frames.write(client, AgentWire.answer(AgentWire.Answer.REFUSED, AgentWire.none()));
                return;
            }
            Frames.write(client, handle(Frames.read(client)));
        } catch (IOException | RuntimeException e) {
            Log.debug("agent: a request failed: " + e);
        }
    }

    /** One request's answer. */
    byte[] handle(byte[] request) throws IOException {
        DataInputStream in = AgentWire.reader(request);
        if (in.readUnsignedByte() != AgentWire.VERSION) {
            return AgentWire.answer(AgentWire.Answer.REFUSED, AgentWire.none());
        }
        AgentWire.Op op = AgentWire.Op.values()[in.readUnsignedByte()];
        return switch (op) {
            case STATUS -> AgentWire.answer(AgentWire.Answer.OK, out -> {
                out.writeLong(ProcessHandle.current().pid());
                out.writeUTF(String.join("\n", state.describe()));
            });
            case GET_SESSION -> {
                String root = in.readUTF();
                String key = in.readUTF();
                Duration minimumTtl = Duration.ofSeconds(in.readLong());
                yield state.session(root, key, minimumTtl)
                        .map(session -> AgentWire.answer(AgentWire.Answer.FOUND, out -> AgentWire.writeSession(out, session)))
                        .orElseGet(() -> AgentWire.answer(AgentWire.Answer.NONE, AgentWire.none()));
            }
            case PUT_SESSION -> {
                state.put(AgentWire.readSession(in));
                yield ok();
            }
            case DROP_SESSIONS -> {
                state.drop(in.readUTF(), in.readUTF());
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
            case STOP -> {
                stopped.countDown();
                yield ok();
            }
        };
    }

    private static byte[] ok() {
        return AgentWire.answer(AgentWire.Answer.OK, AgentWire.none());
    }

    /** Every few seconds: drop what expired; stop when empty, or when the socket is no longer ours. */
    private void sweep() {
        Instant started = Instant.now();
        while (stopped.getCount() > 0) {
            try {
                Thread.sleep(SWEEP_EVERY);
            } catch (InterruptedException e) {
                return;
            }
            boolean graceOver = Instant.now().isAfter(started.plus(START_GRACE));
            if ((graceOver && state.isEmpty()) || !socketStillOurs()) {
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
            return Path.of("/").getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(System.getProperty("user.name"));
        } catch (IOException e) {
            throw new StoreException(StoreException.Reason.IO, "agent: cannot tell who it runs as: " + e.getMessage(), e);
        }
    }
}

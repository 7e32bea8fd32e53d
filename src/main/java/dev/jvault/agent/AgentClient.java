package dev.jvault.agent;

import dev.jvault.log.Log;
import dev.jvault.store.StoredItem;
import dev.jvault.store.file.VaultKey;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Optional;

/**
 * Asks the agent, when one runs. Every call is bounded in time, and any failure (no agent, a
 * dead or hung one, a garbled answer) reads as "the agent has nothing": the caller then takes
 * the full path, never a broken answer.
 */
public final class AgentClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final AgentPaths paths;

    public AgentClient(AgentPaths paths) {
        this.paths = paths;
    }

    /**
     * Sets up the JDK's Unix-domain sockets on a thread of its own, so that it overlaps the
     * caller's work before its first request: their first use costs about 15 ms, mostly a
     * SecureRandom (and the security providers behind it) that the JDK makes for unnamed sockets.
     */
    public static void prepareInBackground() {
        Thread.ofPlatform().daemon().start(() -> {
            try {
                SocketChannel.open(StandardProtocolFamily.UNIX).close();
            } catch (IOException | RuntimeException e) {
                // the request itself will fail the same way and read as "no agent"
            }
        });
    }

    public AgentPaths paths() {
        return paths;
    }

    /** What {@code jvault agent status} shows. */
    public record Status(long pid, String holdings) {
    }

    public boolean running() {
        return status().isPresent();
    }

    public Optional<Status> status() {
        return ask(AgentWire.Op.STATUS, AgentWire.none()).map(in -> {
            try {
                return new Status(in.readLong(), in.readUTF());
            } catch (IOException e) {
                return null;
            }
        });
    }

    public Optional<StoredItem.CachedSession> session(String root, String cacheKey, Duration minimumTtl) {
        return ask(AgentWire.Op.GET_SESSION, out -> {
            out.writeUTF(root);
            out.writeUTF(cacheKey);
            out.writeLong(minimumTtl.toSeconds());
        }).map(in -> {
            try {
                return AgentWire.readSession(in);
            } catch (IOException e) {
                return null;
            }
        });
    }

    public boolean put(StoredItem.CachedSession session) {
        return ask(AgentWire.Op.PUT_SESSION, out -> AgentWire.writeSession(out, session)).isPresent();
    }

    /** Drops {@code root}'s session under {@code cacheKey}, all of root's when it is empty, all sessions when root is. */
    public boolean drop(String root, String cacheKey) {
        return ask(AgentWire.Op.DROP_SESSIONS, out -> {
            out.writeUTF(root);
            out.writeUTF(cacheKey);
        }).isPresent();
    }

    public Optional<VaultKey> vaultKey(String vault) {
        return ask(AgentWire.Op.GET_VAULT_KEY, out -> out.writeUTF(vault)).map(in -> {
            try {
                return AgentWire.readVaultKey(in);
            } catch (IOException e) {
                return null;
            }
        });
    }

    public boolean putVaultKey(String vault, VaultKey key) {
        return ask(AgentWire.Op.PUT_VAULT_KEY, out -> {
            out.writeUTF(vault);
            AgentWire.writeVaultKey(out, key);
        }).isPresent();
    }

    /** Forgets every vault key and session; false when no agent answered. */
    public boolean lock() {
        return ask(AgentWire.Op.LOCK, AgentWire.none()).isPresent();
    }

    public boolean stop() {
        return ask(AgentWire.Op.STOP, AgentWire.none()).isPresent();
    }

    /** The answer's fields when the agent answered OK or FOUND; empty on NONE, REFUSED or any failure. */
    private Optional<DataInputStream> ask(AgentWire.Op op, AgentWire.Body fields) {
        try {
            DataInputStream answer = AgentWire.reader(exchange(AgentWire.request(op, fields)));
            AgentWire.Answer status = AgentWire.Answer.values()[answer.readUnsignedByte()];
            if (status == AgentWire.Answer.REFUSED) {
                Log.debug("the agent at " + paths.socket() + " refused the request");
            }
            return status == AgentWire.Answer.OK || status == AgentWire.Answer.FOUND ? Optional.of(answer) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private byte[] exchange(byte[] request) throws IOException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(paths.socket()));
            channel.configureBlocking(false);
            try (Selector selector = Selector.open()) {
                ByteBuffer out = ByteBuffer.allocate(Integer.BYTES + request.length).putInt(request.length).put(request).flip();
                while (out.hasRemaining()) {
                    await(channel, selector, SelectionKey.OP_WRITE, deadline);
                    channel.write(out);
                }
                ByteBuffer length = read(channel, selector, ByteBuffer.allocate(Integer.BYTES), deadline);
                int size = length.getInt();
                if (size < 0 || size > AgentWire.MAX_FRAME) {
                    throw new IOException("an answer of " + size + " bytes");
                }
                return read(channel, selector, ByteBuffer.allocate(size), deadline).array();
            }
        }
    }

    private static ByteBuffer read(SocketChannel channel, Selector selector, ByteBuffer buffer, long deadline)
            throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new IOException("the agent hung up");
            }
            if (buffer.hasRemaining()) {
                await(channel, selector, SelectionKey.OP_READ, deadline);
            }
        }
        return buffer.flip();
    }

    private static void await(SocketChannel channel, Selector selector, int operation, long deadline) throws IOException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new IOException("the agent did not answer within " + TIMEOUT.toSeconds() + "s");
        }
        channel.register(selector, operation);
        selector.select(left);
        selector.selectedKeys().clear();
    }
}

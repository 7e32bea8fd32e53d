package dev.jvault.agent;

import dev.jvault.log.Log;
import dev.jvault.store.StoredItem;
import dev.jvault.store.file.VaultKey;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import jdk.net.ExtendedSocketOptions;

/**
 * Asks the agent, when one runs. Before it sends a byte it checks that the socket's folder is
 * the user's own and that the process at the other end runs as the user: whatever else listens
 * there gets nothing. Every call is bounded in time, and any failure (no agent, a dead, hung or
 * foreign one, a garbled answer) reads as "the agent has nothing": the caller then takes the
 * full path, never a broken answer. An agent of another build is stopped, not used.
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
        return ask(AgentWire.Op.STATUS, AgentWire.none(), in -> new Status(in.readLong(), in.readUTF()));
    }

    /** {@code store}'s session of {@code root} under {@code cacheKey}, if the agent holds it with more than the minimum TTL left. */
    public Optional<StoredItem.CachedSession> session(String store, String root, String cacheKey, Duration minimumTtl) {
        return ask(AgentWire.Op.GET_SESSION, out -> {
            out.writeUTF(store);
            out.writeUTF(root);
            out.writeUTF(cacheKey);
            out.writeLong(minimumTtl.toSeconds());
        }, AgentWire::readSession);
    }

    public boolean put(String store, StoredItem.CachedSession session) {
        return ask(AgentWire.Op.PUT_SESSION, out -> {
            out.writeUTF(store);
            AgentWire.writeSession(out, session);
        }, in -> true).isPresent();
    }

    /**
     * Drops {@code store}'s session of {@code root} under {@code cacheKey}, all of root's when it
     * is empty, all of the store's when root is.
     */
    public boolean drop(String store, String root, String cacheKey) {
        return ask(AgentWire.Op.DROP_SESSIONS, out -> {
            out.writeUTF(store);
            out.writeUTF(root);
            out.writeUTF(cacheKey);
        }, in -> true).isPresent();
    }

    public Optional<VaultKey> vaultKey(String vault) {
        return ask(AgentWire.Op.GET_VAULT_KEY, out -> out.writeUTF(vault), AgentWire::readVaultKey);
    }

    public boolean putVaultKey(String vault, VaultKey key) {
        return ask(AgentWire.Op.PUT_VAULT_KEY, out -> {
            out.writeUTF(vault);
            AgentWire.writeVaultKey(out, key);
        }, in -> true).isPresent();
    }

    /** Forgets every vault key and session; false when no agent answered. */
    public boolean lock() {
        return ask(AgentWire.Op.LOCK, AgentWire.none(), in -> true).isPresent();
    }

    public boolean stop() {
        return ask(AgentWire.Op.STOP, AgentWire.none(), in -> true).isPresent();
    }

    /** Reads an answer's fields. */
    private interface Fields<T> {
        T read(DataInputStream in) throws IOException;
    }

    /** The answer's fields when the agent answered OK or FOUND; empty on NONE, REFUSED or any failure. */
    private <T> Optional<T> ask(AgentWire.Op op, AgentWire.Body fields, Fields<T> parse) {
        byte[] request = AgentWire.request(op, fields);
        byte[] answer = null;
        try {
            answer = exchange(request);
            DataInputStream in = AgentWire.reader(answer);
            int code = in.readUnsignedByte();
            AgentWire.Answer status = code < AgentWire.Answer.values().length ? AgentWire.Answer.values()[code]
                    : AgentWire.Answer.OTHER_VERSION;
            if (status == AgentWire.Answer.OTHER_VERSION || status == AgentWire.Answer.REFUSED) {
                // An agent of another build (an older one answers REFUSED): never used, stopped so a current one can start.
                Log.debug("the agent at " + paths.socket() + " is of another build of jvault: stopping it");
                exchange(AgentWire.stopAnyVersion());
                return Optional.empty();
            }
            return status == AgentWire.Answer.OK || status == AgentWire.Answer.FOUND ? Optional.of(parse.read(in))
                    : Optional.empty();
        } catch (IOException | RuntimeException e) {
            Log.debug("no answer from an agent at " + paths.socket() + ": " + e.getMessage());
            return Optional.empty();
        } finally {
            Arrays.fill(request, (byte) 0);
            if (answer != null) {
                Arrays.fill(answer, (byte) 0);
            }
        }
    }

    private byte[] exchange(byte[] request) throws IOException {
        Optional<String> untrusted = paths.untrusted();
        if (untrusted.isPresent()) {
            throw new IOException("not asking it: " + untrusted.get());
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(paths.socket()));
            var peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED).user();
            if (!peer.equals(AgentPaths.self())) {
                throw new IOException("not asking it: the process listening there runs as " + peer.getName());
            }
            try (FrameChannel frames = new FrameChannel(channel, TIMEOUT)) {
                frames.write(request);
                return frames.read(AgentWire.MAX_ANSWER);
            }
        }
    }
}

package dev.jvault.agent;

import dev.jvault.store.ItemCodec;
import dev.jvault.store.StoredItem;
import dev.jvault.store.file.KdfParameters;
import dev.jvault.store.file.VaultKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The agent's protocol, version 1: one request and one answer per connection, each a frame of
 * a 4-byte length and a body. A request body is the version, an operation and its fields; an
 * answer is a status and its fields. Fields are UTF strings, longs, and length-prefixed bytes.
 */
final class AgentWire {

    static final int VERSION = 1;
    static final int MAX_FRAME = 1024 * 1024;

    enum Op { STATUS, GET_SESSION, PUT_SESSION, DROP_SESSIONS, GET_VAULT_KEY, PUT_VAULT_KEY, LOCK, STOP }

    enum Answer { OK, FOUND, NONE, REFUSED }

    private AgentWire() {
    }

    /** Writes the fields of a body. */
    interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    static byte[] request(Op op, Body fields) {
        return body(out -> {
            out.writeByte(VERSION);
            out.writeByte(op.ordinal());
            fields.write(out);
        });
    }

    static byte[] answer(Answer answer, Body fields) {
        return body(out -> {
            out.writeByte(answer.ordinal());
            fields.write(out);
        });
    }

    static Body none() {
        return out -> {
        };
    }

    static byte[] body(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            body.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static DataInputStream reader(byte[] body) {
        return new DataInputStream(new ByteArrayInputStream(body));
    }

    static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_FRAME) {
            throw new IOException("a field of " + length + " bytes");
        }
        return in.readNBytes(length);
    }

    static void writeSession(DataOutputStream out, StoredItem.CachedSession session) throws IOException {
        writeBytes(out, ItemCodec.encodeItem(session));
    }

    static StoredItem.CachedSession readSession(DataInputStream in) throws IOException {
        if (ItemCodec.decodeItem(readBytes(in)) instanceof StoredItem.CachedSession session) {
            return session;
        }
        throw new IOException("not a session");
    }

    static void writeVaultKey(DataOutputStream out, VaultKey key) throws IOException {
        writeBytes(out, key.salt());
        byte[] master = key.master();
        writeBytes(out, master);
        java.util.Arrays.fill(master, (byte) 0);
        out.writeInt(key.kdf().memoryKiB());
        out.writeInt(key.kdf().iterations());
        out.writeInt(key.kdf().lanes());
    }

    static VaultKey readVaultKey(DataInputStream in) throws IOException {
        byte[] salt = readBytes(in);
        byte[] master = readBytes(in);
        KdfParameters kdf = new KdfParameters(in.readInt(), in.readInt(), in.readInt());
        if (!kdf.withinLimits()) {
            throw new IOException("KDF parameters beyond jvault's limits");
        }
        VaultKey key = new VaultKey(salt, master, kdf);
        java.util.Arrays.fill(master, (byte) 0);
        return key;
    }
}

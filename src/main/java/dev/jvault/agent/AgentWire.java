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
import java.util.Arrays;

/**
 * The agent's protocol, version 2: one request and one answer per connection, each a frame of
 * a 4-byte length and a body. A request body is the protocol version, an operation, the
 * client's build (an agent answers only a client of its own build) and the operation's fields;
 * an answer is a status and its fields. Fields are UTF strings, longs, and length-prefixed bytes.
 * Every buffer that held a request or an answer is zeroed once used: they carry vault keys and
 * session secrets.
 */
final class AgentWire {

    static final int VERSION = 2;
    /**
     * The largest request is a native client's: its command line and environment (docs/agent.md),
     * which it sends only when they fit; the Java client's (a role session with a long token) are under 4 KiB.
     */
    static final int MAX_REQUEST = 128 * 1024;
    /** Every body that carries a secret (a session, a vault key, a command's credentials) fits, so that its buffer never grows. */
    static final int SECRET_BODY = 16 * 1024;
    /** An answer may list many sessions (status); the client reads it from an agent it has checked. */
    static final int MAX_ANSWER = 1024 * 1024;

    /**
     * The codes keep their places across versions: STOP is 7 in every one. ANSWER_COMMAND is
     * the native client's: an exec or export to answer from a held session ({@link ClientCommand}).
     */
    enum Op { STATUS, GET_SESSION, PUT_SESSION, DROP_SESSIONS, GET_VAULT_KEY, PUT_VAULT_KEY, LOCK, STOP, ANSWER_COMMAND }

    /** RUN and PRINT answer ANSWER_COMMAND on a hit, NONE on anything else. */
    enum Answer { OK, FOUND, NONE, REFUSED, OTHER_VERSION, RUN, PRINT }

    /** STOP in version 1's form, which agents of every version obey: how a client ends an agent of another build. */
    static byte[] stopAnyVersion() {
        return new byte[] {1, (byte) Op.STOP.ordinal()};
    }

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
            out.writeUTF(BuildIdentity.current());
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

    /** The body's bytes; the stream's own buffer, which may have held the same secrets, is zeroed. */
    static byte[] body(Body body) {
        WipedBuffer bytes = new WipedBuffer();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            body.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            bytes.wipe();
        }
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
        if (length < 0 || length > in.available()) {
            throw new IOException("a field of " + length + " bytes");
        }
        return in.readNBytes(length);
    }

    static void writeSession(DataOutputStream out, StoredItem.CachedSession session) throws IOException {
        byte[] encoded = ItemCodec.encodeItem(session);
        try {
            writeBytes(out, encoded);
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }

    static StoredItem.CachedSession readSession(DataInputStream in) throws IOException {
        byte[] encoded = readBytes(in);
        try {
            if (ItemCodec.decodeItem(encoded) instanceof StoredItem.CachedSession session) {
                return session;
            }
            throw new IOException("not a session");
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }

    static void writeVaultKey(DataOutputStream out, VaultKey key) throws IOException {
        writeBytes(out, key.salt());
        byte[] master = key.master();
        try {
            writeBytes(out, master);
        } finally {
            Arrays.fill(master, (byte) 0);
        }
        out.writeInt(key.kdf().memoryKiB());
        out.writeInt(key.kdf().iterations());
        out.writeInt(key.kdf().lanes());
    }

    static VaultKey readVaultKey(DataInputStream in) throws IOException {
        byte[] salt = readBytes(in);
        byte[] master = readBytes(in);
        try {
            KdfParameters kdf = new KdfParameters(in.readInt(), in.readInt(), in.readInt());
            if (!kdf.withinLimits()) {
                throw new IOException("KDF parameters beyond jvault's limits");
            }
            return new VaultKey(salt, master, kdf);
        } finally {
            Arrays.fill(master, (byte) 0);
        }
    }

    /**
     * A byte stream whose buffer is zeroed on request. Sized for the largest secret body, so that it
     * does not grow (a grown stream leaves its old buffer behind, unwiped) for anything secret.
     */
    private static final class WipedBuffer extends ByteArrayOutputStream {
        WipedBuffer() {
            super(SECRET_BODY);
        }

        void wipe() {
            Arrays.fill(buf, (byte) 0);
        }
    }
}

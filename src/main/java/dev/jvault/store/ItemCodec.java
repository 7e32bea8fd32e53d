package dev.jvault.store;

import dev.jvault.keys.AwsKeys;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The binary form of stored items, shared by both backends: the vault file's payload (all items)
 * and the keychain's entries (one item each, plus an index of their non-secret facts).
 * Decoding errors surface as {@link IOException} for the caller to report as damage.
 */
public final class ItemCodec {

    private static final int VERSION = 1;
    private static final int KEYS = 1;
    private static final int SESSION = 2;
    private static final int SSO_TOKEN = 3;

    private ItemCodec() {
    }

    public static byte[] encodeItems(List<StoredItem> items) {
        return write(out -> {
            out.writeInt(items.size());
            for (StoredItem item : items) {
                writeItem(out, item);
            }
        });
    }

    public static List<StoredItem> decodeItems(byte[] bytes) throws IOException {
        DataInputStream in = reader(bytes);
        int count = in.readInt();
        List<StoredItem> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(readItem(in));
        }
        expectEnd(in);
        return items;
    }

    public static byte[] encodeItem(StoredItem item) {
        return write(out -> writeItem(out, item));
    }

    public static StoredItem decodeItem(byte[] bytes) throws IOException {
        DataInputStream in = reader(bytes);
        StoredItem item = readItem(in);
        expectEnd(in);
        return item;
    }

    public static byte[] encodeIndex(List<ItemInfo> index) {
        return write(out -> {
            out.writeInt(index.size());
            for (ItemInfo info : index) {
                out.writeByte(tag(info.key().kind()));
                out.writeUTF(info.key().profile());
                out.writeUTF(info.key().cacheKey());
                out.writeUTF(info.profile());
                out.writeUTF(info.description());
                out.writeLong(info.expiration().map(Instant::getEpochSecond).orElse(Long.MIN_VALUE));
            }
        });
    }

    public static List<ItemInfo> decodeIndex(byte[] bytes) throws IOException {
        DataInputStream in = reader(bytes);
        int count = in.readInt();
        List<ItemInfo> index = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ItemKey.Kind kind = kind(in.readUnsignedByte());
            ItemKey key = new ItemKey(kind, in.readUTF(), in.readUTF());
            String profile = in.readUTF();
            String description = in.readUTF();
            long expiration = in.readLong();
            index.add(new ItemInfo(key, profile, description,
                    expiration == Long.MIN_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochSecond(expiration))));
        }
        expectEnd(in);
        return index;
    }

    private static void writeItem(DataOutputStream out, StoredItem item) throws IOException {
        switch (item) {
            case StoredItem.LongLivedKeys keys -> {
                out.writeByte(KEYS);
                out.writeUTF(keys.profile());
                out.writeUTF(keys.accessKeyId());
                out.writeUTF(keys.secretAccessKey());
                out.writeLong(keys.added().getEpochSecond());
            }
            case StoredItem.CachedSession session -> {
                out.writeByte(SESSION);
                out.writeUTF(session.rootProfile());
                out.writeUTF(session.profile());
                out.writeUTF(session.cacheKey());
                out.writeUTF(session.description());
                AwsKeys credentials = session.credentials();
                out.writeUTF(credentials.accessKeyId());
                out.writeUTF(credentials.secretAccessKey());
                out.writeUTF(credentials.sessionToken().orElseThrow());
                out.writeLong(credentials.expiration().orElseThrow().getEpochSecond());
            }
            case StoredItem.SsoToken token -> {
                out.writeByte(SSO_TOKEN);
                out.writeUTF(token.cacheName());
                out.writeUTF(token.cacheDigest());
                out.writeUTF(token.startUrl());
                out.writeUTF(token.region());
                writeLong(out, token.accessToken());
                out.writeLong(token.expiresAt().getEpochSecond());
                out.writeBoolean(token.refreshToken().isPresent());
                if (token.refreshToken().isPresent()) {
                    writeLong(out, token.refreshToken().get());
                }
                out.writeBoolean(token.registration().isPresent());
                if (token.registration().isPresent()) {
                    StoredItem.Registration registration = token.registration().get();
                    out.writeUTF(registration.clientId());
                    writeLong(out, registration.clientSecret());
                    out.writeLong(registration.expiresAt().getEpochSecond());
                    out.writeUTF(registration.flow());
                }
            }
        }
    }

    /** Tokens and client secrets can outgrow writeUTF's 64 KiB: a length-prefixed UTF-8 string. */
    private static void writeLong(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readLong(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > 1 << 20) {
            throw new IOException("a stored string of " + length + " bytes");
        }
        return new String(in.readNBytes(length), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static StoredItem.SsoToken readToken(DataInputStream in) throws IOException {
        String cacheName = in.readUTF();
        String cacheDigest = in.readUTF();
        String startUrl = in.readUTF();
        String region = in.readUTF();
        String accessToken = readLong(in);
        Instant expiresAt = Instant.ofEpochSecond(in.readLong());
        Optional<String> refreshToken = in.readBoolean() ? Optional.of(readLong(in)) : Optional.empty();
        Optional<StoredItem.Registration> registration = in.readBoolean()
                ? Optional.of(new StoredItem.Registration(in.readUTF(), readLong(in), Instant.ofEpochSecond(in.readLong()),
                        in.readUTF()))
                : Optional.empty();
        return new StoredItem.SsoToken(cacheName, cacheDigest, startUrl, region, accessToken, expiresAt, refreshToken,
                registration);
    }

    private static StoredItem readItem(DataInputStream in) throws IOException {
        return switch (kind(in.readUnsignedByte())) {
            case KEYS -> new StoredItem.LongLivedKeys(in.readUTF(), in.readUTF(), in.readUTF(),
                    Instant.ofEpochSecond(in.readLong()));
            case SESSION -> new StoredItem.CachedSession(in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(),
                    AwsKeys.temporary(in.readUTF(), in.readUTF(), in.readUTF(), Instant.ofEpochSecond(in.readLong())));
            case SSO_TOKEN -> readToken(in);
        };
    }

    private static ItemKey.Kind kind(int tag) throws IOException {
        return switch (tag) {
            case KEYS -> ItemKey.Kind.KEYS;
            case SESSION -> ItemKey.Kind.SESSION;
            case SSO_TOKEN -> ItemKey.Kind.SSO_TOKEN;
            default -> throw new IOException("unknown item type " + tag);
        };
    }

    private static int tag(ItemKey.Kind kind) {
        return switch (kind) {
            case KEYS -> KEYS;
            case SESSION -> SESSION;
            case SSO_TOKEN -> SSO_TOKEN;
        };
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] write(Writer writer) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            writer.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DataInputStream reader(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        int version = in.readUnsignedByte();
        if (version != VERSION) {
            throw new IOException("unknown item format " + version);
        }
        return in;
    }

    private static void expectEnd(DataInputStream in) throws IOException {
        if (in.read() != -1) {
            throw new IOException("unexpected bytes after the items");
        }
    }
}

package dev.jvault.store.file;

import dev.jvault.store.ItemCodec;
import dev.jvault.store.StoreException;
import dev.jvault.store.StoreException.Reason;
import dev.jvault.store.StoredItem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

/**
 * Vault file format, version 2 (version 1 is still read). One file; the names and number of
 * items are inside the ciphertext. All integers big-endian. The two versions share the layout;
 * they differ in the payload key ({@link VaultCrypto}).
 *
 * <pre>
 *  0  4  "JVLT"
 *  4  1  format version (2; 1 is read)
 *  5  1  KDF id (1 = Argon2id v1.3)
 *  6  4  memory KiB       10  4  iterations      14  1  lanes
 * 15 16  salt (fresh for every new passphrase)
 * 31  1  AEAD id (1 = AES-256-GCM)
 * 32 12  nonce (fresh on every write)
 * 44  4  ciphertext length, tag included
 * 48 32  keycheck = HMAC-SHA256(HKDF(master, "jvault/v1/check"), bytes 0..48)
 * 80  8  header digest = SHA-256(bytes 0..80), first 8 bytes
 * 88  n  ciphertext + 16-byte tag, AAD = bytes 0..88
 * </pre>
 *
 * The unkeyed header digest tells accidental damage to the header or keycheck apart from a
 * wrong passphrase: without it, any flipped header byte would read as "wrong passphrase".
 * The length field tells a truncated file apart from tampered contents.
 */
final class VaultFormat {

    private static final byte[] MAGIC = "JVLT".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 2;
    private static final int OLDEST_VERSION = 1;
    private static final int KDF_ARGON2ID_13 = 1;
    private static final int AEAD_AES_256_GCM = 1;
    static final int SALT_BYTES = 16;
    static final int NONCE_BYTES = 12;
    static final int KEYCHECKED_BYTES = 48;
    static final int DIGESTED_BYTES = 80;
    static final int HEADER_BYTES = 88;
    private static final int DIGEST_BYTES = 8;
    private static final int TAG_BYTES = VaultCrypto.TAG_BITS / 8;

    /** A vault's contents and the KDF parameters it was written with. */
    record Opened(List<StoredItem> items, KdfParameters kdf) {
    }

    /** The master key for a salt and KDF parameters: derived from the passphrase, or remembered. */
    interface MasterKeys {
        byte[] master(byte[] salt, KdfParameters kdf);
    }

    static byte[] freshSalt(SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return salt;
    }

    private VaultFormat() {
    }

    /** Writes the items under a fresh nonce; {@code master} is the key derived for {@code salt}. */
    static byte[] seal(List<StoredItem> items, byte[] salt, byte[] master, KdfParameters kdf, SecureRandom random) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] plaintext = ItemCodec.encodeItems(items);
        ByteBuffer file = ByteBuffer.allocate(HEADER_BYTES + plaintext.length + TAG_BYTES);
        file.put(MAGIC).put((byte) VERSION).put((byte) KDF_ARGON2ID_13)
                .putInt(kdf.memoryKiB()).putInt(kdf.iterations()).put((byte) kdf.lanes())
                .put(salt).put((byte) AEAD_AES_256_GCM).put(nonce).putInt(plaintext.length + TAG_BYTES);
        try {
            file.put(VaultCrypto.keycheck(master, Arrays.copyOf(file.array(), KEYCHECKED_BYTES)));
            file.put(VaultCrypto.sha256(file.array(), DIGESTED_BYTES), 0, DIGEST_BYTES);
            file.put(VaultCrypto.seal(master, nonce, Arrays.copyOf(file.array(), HEADER_BYTES), plaintext));
            return file.array();
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /**
     * Checks the structure first and asks for the passphrase only once the file is known to be
     * intact, so a damaged file is reported without prompting.
     */
    static Opened open(byte[] file, String name, MasterKeys keys) {
        if (file.length < MAGIC.length || !Arrays.equals(file, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw damaged(name + " is not a jvault vault (it does not start with JVLT)");
        }
        if (file.length < HEADER_BYTES) {
            throw damaged(name + " is truncated (" + file.length + " bytes, shorter than a vault header)");
        }
        byte[] digest = Arrays.copyOf(VaultCrypto.sha256(file, DIGESTED_BYTES), DIGEST_BYTES);
        if (!Arrays.equals(digest, 0, DIGEST_BYTES, file, DIGESTED_BYTES, HEADER_BYTES)) {
            throw damaged(name + " has a damaged header (its checksum does not match)");
        }
        ByteBuffer header = ByteBuffer.wrap(file);
        header.position(MAGIC.length);
        int version = header.get() & 0xFF;
        int kdfId = header.get() & 0xFF;
        KdfParameters kdf = new KdfParameters(header.getInt(), header.getInt(), header.get() & 0xFF);
        byte[] salt = new byte[SALT_BYTES];
        header.get(salt);
        int aeadId = header.get() & 0xFF;
        byte[] nonce = new byte[NONCE_BYTES];
        header.get(nonce);
        long ciphertextLength = header.getInt() & 0xFFFFFFFFL;
        if (version < OLDEST_VERSION || version > VERSION) {
            throw new StoreException(Reason.DAMAGED, name + " is vault format " + version + "; this jvault reads"
                    + " formats " + OLDEST_VERSION + " to " + VERSION + ": update jvault (the vault was left as it is)");
        }
        if (kdfId != KDF_ARGON2ID_13 || aeadId != AEAD_AES_256_GCM) {
            throw damaged(name + " names an unknown algorithm (KDF " + kdfId + ", AEAD " + aeadId + ")");
        }
        if (!kdf.withinLimits()) {
            throw damaged(name + " asks for Argon2id " + kdf + ", beyond jvault's limits (" + KdfParameters.LIMITS
                    + "): refusing to derive a key; this is not a file jvault wrote");
        }
        if (file.length != HEADER_BYTES + ciphertextLength) {
            throw damaged(name + " is " + (file.length < HEADER_BYTES + ciphertextLength ? "truncated" : "too long")
                    + " (" + file.length + " bytes; its header says " + (HEADER_BYTES + ciphertextLength) + ")");
        }
        byte[] master = keys.master(salt, kdf);
        try {
            byte[] expectedCheck = VaultCrypto.keycheck(master, Arrays.copyOf(file, KEYCHECKED_BYTES));
            if (!VaultCrypto.sameBytes(expectedCheck, Arrays.copyOfRange(file, KEYCHECKED_BYTES, DIGESTED_BYTES))) {
                throw new StoreException(Reason.WRONG_PASSPHRASE, "wrong passphrase for " + name
                        + ": try again (the vault was left as it is)");
            }
            byte[] plaintext = VaultCrypto.open(version, master, nonce, Arrays.copyOf(file, HEADER_BYTES),
                    Arrays.copyOfRange(file, HEADER_BYTES, file.length));
            try {
                return new Opened(ItemCodec.decodeItems(plaintext), kdf);
            } finally {
                Arrays.fill(plaintext, (byte) 0);
            }
        } catch (GeneralSecurityException | IOException e) {
            throw damaged(name + " fails its integrity check: it was damaged or tampered with");
        }
    }

    private static StoreException damaged(String what) {
        return new StoreException(Reason.DAMAGED, what + "; it was left as it is: restore it from a backup,"
                + " or move it aside to start a new vault");
    }
}

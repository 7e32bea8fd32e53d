package dev.jvault.store.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvault.keys.AwsKeys;
import dev.jvault.store.StoreException;
import dev.jvault.store.StoredItem;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class VaultFormatTest {

    /** Cheap parameters keep the exhaustive tests fast; the format is the same. */
    static final KdfParameters CHEAP = new KdfParameters(64, 1, 1);
    private static final List<StoredItem> ITEMS = List.of(
            new StoredItem.LongLivedKeys("main", "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                    Instant.ofEpochSecond(1_700_000_000)),
            new StoredItem.CachedSession("main", "main", "k", "GetSessionToken", AwsKeys.temporary(
                    "ASIAEXAMPLEEXAMPLE01", "s".repeat(40), "t".repeat(300), Instant.ofEpochSecond(1_800_000_000))));
    private static final SecureRandom RANDOM = new SecureRandom();

    private static byte[] seal(String passphrase) {
        byte[] salt = VaultFormat.freshSalt(RANDOM);
        return VaultFormat.seal(ITEMS, salt, VaultCrypto.masterKey(passphrase.toCharArray(), salt, CHEAP), CHEAP, RANDOM);
    }

    /** Derives from the passphrase, as the file store does. */
    private static VaultFormat.MasterKeys passphrase(String passphrase) {
        return (salt, kdf) -> VaultCrypto.masterKey(passphrase.toCharArray(), salt, kdf);
    }

    private static StoreException failure(byte[] file, String passphrase) {
        return assertThrows(StoreException.class, () -> VaultFormat.open(file, "vault", passphrase(passphrase)));
    }

    @Test
    void roundTripsWithItsParameters() {
        VaultFormat.Opened opened = VaultFormat.open(seal("pw"), "vault", passphrase("pw"));
        assertEquals(ITEMS, opened.items());
        assertEquals(CHEAP, opened.kdf());
    }

    @Test
    void everyWriteHasAFreshSaltAndNonce() {
        byte[] first = seal("pw");
        byte[] second = seal("pw");
        assertFalse(Arrays.equals(first, 15, 31, second, 15, 31), "salt");
        assertFalse(Arrays.equals(first, 32, 44, second, 32, 44), "nonce");
    }

    @Test
    void aWrongPassphraseIsToldApart() {
        StoreException error = failure(seal("right"), "wrong");
        assertEquals(StoreException.Reason.WRONG_PASSPHRASE, error.reason());
        assertEquals("wrong passphrase for vault: try again (the vault was left as it is)", error.getMessage());
    }

    @Test
    void thePassphraseIsNormalisedToNfc() {
        byte[] file = seal("caf\u00e9");
        assertEquals(ITEMS, VaultFormat.open(file, "vault", passphrase("cafe\u0301")).items());
    }

    @Test
    void everySingleByteFlipIsDamageNotAWrongPassphrase() {
        byte[] file = seal("pw");
        for (int i = 0; i < file.length; i++) {
            byte[] flipped = file.clone();
            flipped[i] ^= 0x01;
            StoreException error = failure(flipped, "pw");
            assertEquals(StoreException.Reason.DAMAGED, error.reason(), "byte " + i + ": " + error.getMessage());
        }
    }

    @Test
    void everyTruncationIsDamage() {
        byte[] file = seal("pw");
        for (int length = 0; length < file.length; length++) {
            StoreException error = failure(Arrays.copyOf(file, length), "pw");
            assertEquals(StoreException.Reason.DAMAGED, error.reason(), "length " + length);
            if (length >= VaultFormat.HEADER_BYTES) {
                assertTrue(error.getMessage().contains("is truncated (" + length + " bytes; its header says "), error.getMessage());
            }
        }
    }

    @Test
    void saysWhatKindOfDamage() {
        byte[] file = seal("pw");
        assertTrue(failure("not a vault".getBytes(), "pw").getMessage().startsWith("vault is not a jvault vault"));
        byte[] header = file.clone();
        header[20] ^= 1;
        assertTrue(failure(header, "pw").getMessage().startsWith("vault has a damaged header"));
        byte[] body = file.clone();
        body[body.length - 1] ^= 1;
        assertTrue(failure(body, "pw").getMessage().startsWith("vault fails its integrity check: it was damaged or tampered with"));
    }

    @Test
    void refusesCostlyParametersBeforeDerivingOrAsking() throws Exception {
        // 1 GiB with t=10 cost 27 s and 1.2 GB before it was called a wrong passphrase: now it is damaged at once.
        for (KdfParameters crafted : List.of(new KdfParameters(1024 * 1024, 10, 4), new KdfParameters(512 * 1024, 3, 4),
                new KdfParameters(65536, 7, 4), new KdfParameters(65536, 3, 9), new KdfParameters(8, 1, 4))) {
            byte[] file = withParameters(seal("pw"), crafted);
            VaultFormat.MasterKeys mustNotAsk = (salt, kdf) -> {
                throw new AssertionError("asked for a passphrase for " + crafted);
            };
            StoreException error = assertThrows(StoreException.class, () -> VaultFormat.open(file, "vault", mustNotAsk));
            assertEquals(StoreException.Reason.DAMAGED, error.reason());
            assertTrue(error.getMessage().contains("beyond jvault's limits"), error.getMessage());
        }
    }

    @Test
    void aNewerFormatSaysToUpdate() throws Exception {
        byte[] file = seal("pw");
        file[4] = 3;
        redigest(file);
        assertTrue(failure(file, "pw").getMessage().startsWith("vault is vault format 3; this jvault reads formats 1 to 2:"
                + " update jvault"));
    }

    /** A crafted file: other KDF parameters and a matching header digest, as an attacker could write. */
    private static byte[] withParameters(byte[] file, KdfParameters kdf) throws Exception {
        byte[] crafted = file.clone();
        ByteBuffer.wrap(crafted).putInt(6, kdf.memoryKiB()).putInt(10, kdf.iterations()).put(14, (byte) kdf.lanes());
        redigest(crafted);
        return crafted;
    }

    private static void redigest(byte[] file) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(Arrays.copyOf(file, VaultFormat.DIGESTED_BYTES));
        System.arraycopy(digest, 0, file, VaultFormat.DIGESTED_BYTES, 8);
        assertArrayEquals(Arrays.copyOf(digest, 8), Arrays.copyOfRange(file, VaultFormat.DIGESTED_BYTES, VaultFormat.HEADER_BYTES));
    }
}

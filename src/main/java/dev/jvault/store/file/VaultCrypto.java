package dev.jvault.store.file;

import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.text.Normalizer;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.KDF;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.HKDFParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * The vault's cryptography: Argon2id turns the passphrase into a master key; HKDF derives from
 * it one key for the keycheck (HMAC-SHA256) and one for the payload (AES-256-GCM). Separate keys
 * let the keycheck tell a wrong passphrase apart without weakening the payload's key.
 * <p>
 * Format 2 derives the payload key from the master key and the write's fresh nonce, so every
 * write has a key of its own even though the master key (and its salt) now outlive the
 * passphrase, which is dropped as soon as the master key is derived. Format 1 used one payload
 * key per salt and a fresh salt per write; it is still read.
 */
final class VaultCrypto {

    static final int KEY_BYTES = 32;
    static final int TAG_BITS = 128;
    private static final byte[] CHECK_INFO = "jvault/v1/check".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PAYLOAD_INFO_V1 = "jvault/v1/payload".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PAYLOAD_INFO_V2 = "jvault/v2/payload".getBytes(StandardCharsets.US_ASCII);

    private VaultCrypto() {
    }

    /** Argon2id v1.3 over the NFC form of the passphrase in UTF-8, so the same words typed on any OS match. */
    static byte[] masterKey(char[] passphrase, byte[] salt, KdfParameters kdf) {
        char[] normalized = Normalizer.normalize(CharBuffer.wrap(passphrase), Normalizer.Form.NFC).toCharArray();
        byte[] master = new byte[KEY_BYTES];
        try {
            Argon2BytesGenerator argon2 = new Argon2BytesGenerator();
            argon2.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                    .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                    .withMemoryAsKB(kdf.memoryKiB())
                    .withIterations(kdf.iterations())
                    .withParallelism(kdf.lanes())
                    .withSalt(salt)
                    .build());
            argon2.generateBytes(normalized, master);
            return master;
        } finally {
            Arrays.fill(normalized, '\0');
        }
    }

    static byte[] keycheck(byte[] master, byte[] headerSoFar) {
        byte[] checkKey = hkdf(master, CHECK_INFO);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(checkKey, "HmacSHA256"));
            return mac.doFinal(headerSoFar);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        } finally {
            Arrays.fill(checkKey, (byte) 0);
        }
    }

    static boolean sameBytes(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    /** Seals in the current format: the payload key is derived from {@code master} and this write's fresh {@code nonce}. */
    static byte[] seal(byte[] master, byte[] nonce, byte[] aad, byte[] plaintext) {
        try {
            return cipher(Cipher.ENCRYPT_MODE, payloadInfo(2, nonce), master, nonce, aad).doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** @throws javax.crypto.AEADBadTagException when the ciphertext, tag or header was changed */
    static byte[] open(int version, byte[] master, byte[] nonce, byte[] aad, byte[] ciphertext) throws GeneralSecurityException {
        return cipher(Cipher.DECRYPT_MODE, payloadInfo(version, nonce), master, nonce, aad).doFinal(ciphertext);
    }

    private static byte[] payloadInfo(int version, byte[] nonce) {
        if (version == 1) {
            return PAYLOAD_INFO_V1;
        }
        byte[] info = Arrays.copyOf(PAYLOAD_INFO_V2, PAYLOAD_INFO_V2.length + nonce.length);
        System.arraycopy(nonce, 0, info, PAYLOAD_INFO_V2.length, nonce.length);
        return info;
    }

    private static Cipher cipher(int mode, byte[] payloadInfo, byte[] master, byte[] nonce, byte[] aad)
            throws GeneralSecurityException {
        byte[] payloadKey = hkdf(master, payloadInfo);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(payloadKey, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            return cipher;
        } finally {
            Arrays.fill(payloadKey, (byte) 0);
        }
    }

    /** HKDF-SHA256 (RFC 5869) with no salt, through the JDK's own KDF: Bouncy Castle is needed only for Argon2id. */
    private static byte[] hkdf(byte[] master, byte[] info) {
        try {
            return KDF.getInstance("HKDF-SHA256").deriveData(HKDFParameterSpec.ofExtract().addIKM(master)
                    .thenExpand(info, KEY_BYTES));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HKDF-SHA256 is part of every Java 25 runtime", e);
        }
    }

    static byte[] sha256(byte[] data, int length) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(Arrays.copyOf(data, length));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

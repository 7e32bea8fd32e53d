package dev.jvault.migrate;

import dev.jvault.text.JsonReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opens one item of aws-vault's file store: a JWE in compact form (RFC 7516) as its keyring
 * library writes it with jose2go, PBES2-HS256+A128KW (RFC 7518 4.8) wrapping the key of
 * A256GCM content. Only that pair is read: any other is a format this jvault does not know.
 */
final class AwsVaultJwe {

    static final String ALGORITHM = "PBES2-HS256+A128KW";
    static final String ENCRYPTION = "A256GCM";
    /** aws-vault writes 8192; a bound keeps a planted file from holding the import for hours. */
    private static final int MAX_ITERATIONS = 10_000_000;
    private static final int GCM_TAG_BITS = 128;

    /** Why an item could not be opened, each with its own exit status and advice. */
    enum Failure { WRONG_PASSPHRASE, DAMAGED, UNKNOWN_FORMAT }

    static final class OpenFailure extends Exception {
        private final Failure failure;

        OpenFailure(Failure failure, String detail) {
            super(detail);
            this.failure = failure;
        }

        Failure failure() {
            return failure;
        }
    }

    private AwsVaultJwe() {
    }

    /** The payload of a compact JWE, decrypted with the passphrase. */
    static String open(String compact, char[] passphrase) throws OpenFailure {
        String[] parts = compact.strip().split("\\.", -1);
        if (parts.length != 5) {
            throw new OpenFailure(Failure.DAMAGED, "not a JWE in compact form (" + parts.length + " parts, not 5)");
        }
        Map<String, Object> header = header(parts[0]);
        String algorithm = String.valueOf(header.get("alg"));
        String encryption = String.valueOf(header.get("enc"));
        if (!ALGORITHM.equals(algorithm) || !ENCRYPTION.equals(encryption) || header.containsKey("zip")) {
            throw new OpenFailure(Failure.UNKNOWN_FORMAT, "encrypted as " + algorithm + " / " + encryption
                    + (header.containsKey("zip") ? " compressed" : "") + ", not " + ALGORITHM + " / " + ENCRYPTION);
        }
        byte[] salt = decode(text(header, "p2s"), "p2s");
        int iterations = iterations(header.get("p2c"));
        SecretKey contentKey = unwrap(passphrase, algorithm, salt, iterations, decode(parts[1], "encrypted key"));
        byte[] iv = decode(parts[2], "iv");
        byte[] ciphertext = decode(parts[3], "ciphertext");
        byte[] tag = decode(parts[4], "tag");
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, contentKey, new GCMParameterSpec(GCM_TAG_BITS, iv));
            // The protected header, as it stands in the file, is the additional authenticated data.
            gcm.updateAAD(parts[0].getBytes(StandardCharsets.US_ASCII));
            gcm.update(ciphertext);
            return new String(gcm.doFinal(tag), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            // The passphrase unwrapped the key, so it is right: the rest of the file was changed.
            throw new OpenFailure(Failure.DAMAGED, "its contents do not match their authentication tag");
        } catch (GeneralSecurityException e) {
            throw new OpenFailure(Failure.DAMAGED, e.getMessage());
        }
    }

    private static SecretKey unwrap(char[] passphrase, String algorithm, byte[] p2s, int iterations, byte[] wrapped)
            throws OpenFailure {
        // RFC 7518 4.8.1.1: the salt is the algorithm's name, a zero byte, then p2s.
        byte[] name = algorithm.getBytes(StandardCharsets.UTF_8);
        byte[] salt = ByteBuffer.allocate(name.length + 1 + p2s.length).put(name).put((byte) 0).put(p2s).array();
        PBEKeySpec spec = new PBEKeySpec(passphrase, salt, iterations, 128);
        byte[] kek = null;
        try {
            kek = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            Cipher keyWrap = Cipher.getInstance("AESWrap");
            keyWrap.init(Cipher.UNWRAP_MODE, new SecretKeySpec(kek, "AES"));
            SecretKey key = (SecretKey) keyWrap.unwrap(wrapped, "AES", Cipher.SECRET_KEY);
            if (key.getEncoded().length != 32) {
                throw new OpenFailure(Failure.DAMAGED, "its content key has " + key.getEncoded().length + " bytes, not 32");
            }
            return key;
        } catch (InvalidKeyException e) {
            // AES key wrap checks its integrity value: a wrong passphrase fails here (RFC 3394 2.2.3).
            throw new OpenFailure(Failure.WRONG_PASSPHRASE, "the passphrase does not open it");
        } catch (GeneralSecurityException e) {
            throw new OpenFailure(Failure.DAMAGED, e.getMessage());
        } finally {
            spec.clearPassword();
            if (kek != null) {
                Arrays.fill(kek, (byte) 0);
            }
        }
    }

    private static Map<String, Object> header(String part) throws OpenFailure {
        try {
            return JsonReader.object(new String(decode(part, "header"), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new OpenFailure(Failure.DAMAGED, "its header is not JSON (" + e.getMessage() + ")");
        }
    }

    private static String text(Map<String, Object> header, String name) throws OpenFailure {
        if (header.get(name) instanceof String value) {
            return value;
        }
        throw new OpenFailure(Failure.DAMAGED, "its header has no " + name);
    }

    private static int iterations(Object p2c) throws OpenFailure {
        if (p2c instanceof BigDecimal count && count.signum() > 0 && count.compareTo(BigDecimal.valueOf(MAX_ITERATIONS)) <= 0
                && count.stripTrailingZeros().scale() <= 0) {
            return count.intValueExact();
        }
        throw new OpenFailure(Failure.DAMAGED, "its header's p2c (" + p2c + ") is not a count from 1 to " + MAX_ITERATIONS);
    }

    private static byte[] decode(String part, String what) throws OpenFailure {
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw new OpenFailure(Failure.DAMAGED, "its " + what + " is not base64url");
        }
    }
}

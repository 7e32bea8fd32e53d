package dev.jvault.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvault.text.JsonReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Items jwcrypto wrote (AwsVaultFixtures), opened, and each way one cannot be. */
class AwsVaultJweTest {

    @TempDir
    Path temp;

    private String item(String store, String file) throws IOException {
        return Files.readString(AwsVaultFixtures.copy(store, temp.resolve(store)).resolve(file));
    }

    private static AwsVaultJwe.Failure failure(String jwe, String passphrase) {
        return assertThrows(AwsVaultJwe.OpenFailure.class, () -> AwsVaultJwe.open(jwe, passphrase.toCharArray())).failure();
    }

    @Test
    void opensAnItemJwcryptoWroteAsAwsVaultDoes() throws Exception {
        String payload = AwsVaultJwe.open(item("store", "main"), AwsVaultFixtures.PASSPHRASE.toCharArray());
        var json = JsonReader.object(payload);
        assertEquals("main", json.get("Key"));
        String data = new String(Base64.getDecoder().decode((String) json.get("Data")), StandardCharsets.UTF_8);
        assertEquals(AwsVaultFixtures.MAIN_SECRET, JsonReader.object(data).get("SecretAccessKey"));
    }

    @Test
    void aWrongPassphraseIsToldApartFromDamage() throws IOException {
        assertEquals(AwsVaultJwe.Failure.WRONG_PASSPHRASE, failure(item("store", "main"), "not the passphrase"));
    }

    @Test
    void changedContentsHeaderOrShapeAreDamage() throws IOException {
        String[] parts = item("store", "main").split("\\.");
        byte[] ciphertext = Base64.getUrlDecoder().decode(parts[3]);
        ciphertext[0] ^= 1;
        String flipped = String.join(".", parts[0], parts[1], parts[2],
                Base64.getUrlEncoder().withoutPadding().encodeToString(ciphertext), parts[4]);
        assertEquals(AwsVaultJwe.Failure.DAMAGED, failure(flipped, AwsVaultFixtures.PASSPHRASE));

        // The header is authenticated too: a "created" changed by a byte fails the tag.
        String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8).replace("20", "19");
        String reheaded = String.join(".", Base64.getUrlEncoder().withoutPadding().encodeToString(header.getBytes(StandardCharsets.UTF_8)),
                parts[1], parts[2], parts[3], parts[4]);
        assertEquals(AwsVaultJwe.Failure.DAMAGED, failure(reheaded, AwsVaultFixtures.PASSPHRASE));

        assertEquals(AwsVaultJwe.Failure.DAMAGED, failure(String.join(".", parts[0], parts[1], parts[2], parts[3]),
                AwsVaultFixtures.PASSPHRASE));
        assertEquals(AwsVaultJwe.Failure.DAMAGED, failure("", AwsVaultFixtures.PASSPHRASE));
        assertEquals(AwsVaultJwe.Failure.DAMAGED, failure("!!.a.b.c.d", AwsVaultFixtures.PASSPHRASE));
    }

    @Test
    void anIterationCountBeyondTheBoundIsRefusedBeforeAnyWork() throws IOException {
        String[] parts = item("store", "main").split("\\.");
        String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8)
                .replace("\"p2c\": 8192", "\"p2c\": 2000000000").replace("\"p2c\":8192", "\"p2c\":2000000000");
        assertTrue(header.contains("2000000000"), header);
        String planted = String.join(".", Base64.getUrlEncoder().withoutPadding().encodeToString(header.getBytes(StandardCharsets.UTF_8)),
                parts[1], parts[2], parts[3], parts[4]);
        var failure = assertThrows(AwsVaultJwe.OpenFailure.class,
                () -> AwsVaultJwe.open(planted, AwsVaultFixtures.PASSPHRASE.toCharArray()));
        assertEquals(AwsVaultJwe.Failure.DAMAGED, failure.failure());
        assertTrue(failure.getMessage().contains("p2c"), failure.getMessage());
    }

    @Test
    void anotherAlgorithmIsAFormatThisJvaultDoesNotKnow() throws IOException {
        var failure = assertThrows(AwsVaultJwe.OpenFailure.class,
                () -> AwsVaultJwe.open(item("newer-encryption", "main"), AwsVaultFixtures.PASSPHRASE.toCharArray()));
        assertEquals(AwsVaultJwe.Failure.UNKNOWN_FORMAT, failure.failure());
        assertTrue(failure.getMessage().contains("A128GCM"), failure.getMessage());
    }
}

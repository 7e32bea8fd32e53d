package dev.jvault.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jvault.keys.AwsKeys;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ItemCodecTest {

    static final StoredItem.LongLivedKeys KEYS = new StoredItem.LongLivedKeys("main", "AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", Instant.ofEpochSecond(1_700_000_000));
    static final StoredItem.CachedSession SESSION = new StoredItem.CachedSession("main", "dev-1", "3f2a",
            "AssumeRole arn:aws:iam::222222222222:role/dev", AwsKeys.temporary("ASIAEXAMPLEEXAMPLE01",
                    "secret/secret/secret/secret/secret/secre", "token".repeat(200), Instant.ofEpochSecond(1_800_000_000)));

    static final StoredItem.SsoToken TOKEN = new StoredItem.SsoToken("corp", "5b2c0ffee", "https://corp.awsapps.com/start",
            "eu-west-1", "access".repeat(20_000), Instant.ofEpochSecond(1_800_000_000), java.util.Optional.of("refresh-1"),
            java.util.Optional.of(new StoredItem.Registration("client-1", "client-secret-1", Instant.ofEpochSecond(1_900_000_000),
                    "pkce")));
    static final StoredItem.SsoToken IMPORTED = new StoredItem.SsoToken("https://legacy.awsapps.com/start", "9e1d",
            "https://legacy.awsapps.com/start", "us-east-1", "access-2", Instant.ofEpochSecond(1_800_000_000),
            java.util.Optional.empty(), java.util.Optional.empty());

    @Test
    void roundTripsItems() throws IOException {
        assertEquals(List.of(KEYS, SESSION), ItemCodec.decodeItems(ItemCodec.encodeItems(List.of(KEYS, SESSION))));
        assertEquals(SESSION, ItemCodec.decodeItem(ItemCodec.encodeItem(SESSION)));
    }

    @Test
    void roundTripsSsoTokensLongerThanWriteUtfTakes() throws IOException {
        assertEquals(List.of(TOKEN, IMPORTED, KEYS), ItemCodec.decodeItems(ItemCodec.encodeItems(List.of(TOKEN, IMPORTED, KEYS))));
        byte[] index = ItemCodec.encodeIndex(List.of(TOKEN.info()));
        assertEquals(List.of(TOKEN.info()), ItemCodec.decodeIndex(index));
        String text = new String(index, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals(false, text.contains("access") || text.contains("refresh-1") || text.contains("client-secret-1"));
        assertEquals("sso/5b2c0ffee", TOKEN.key().account());
    }

    @Test
    void roundTripsTheIndexWithoutSecrets() throws IOException {
        List<ItemInfo> index = List.of(KEYS.info(), SESSION.info());
        byte[] encoded = ItemCodec.encodeIndex(index);
        assertEquals(index, ItemCodec.decodeIndex(encoded));
        String text = new String(encoded, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals(false, text.contains(KEYS.secretAccessKey()) || text.contains(KEYS.accessKeyId()));
    }

    @Test
    void refusesTruncatedTrailingOrUnknownData() {
        byte[] encoded = ItemCodec.encodeItems(List.of(KEYS, SESSION));
        assertThrows(IOException.class, () -> ItemCodec.decodeItems(Arrays.copyOf(encoded, encoded.length - 1)));
        assertThrows(IOException.class, () -> ItemCodec.decodeItems(Arrays.copyOf(encoded, encoded.length + 1)));
        byte[] unknownVersion = encoded.clone();
        unknownVersion[0] = 9;
        assertThrows(IOException.class, () -> ItemCodec.decodeItems(unknownVersion));
    }
}

package dev.jvault.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AwsVaultFileStoreTest {

    @Test
    void fileNamesAndKeysMapBothWays() {
        for (String key : List.of("main", "team/ops%1", "oidc:https://x.awsapps.com/start", "%2F", "a%b/c")) {
            assertEquals(key, AwsVaultFileStore.itemKey(AwsVaultFileStore.fileName(key)), key);
        }
        assertEquals("team%2Fops%251", AwsVaultFileStore.fileName("team/ops%1"));
        // Lower-case escapes and stray percent signs read as they stand.
        assertEquals("a/b", AwsVaultFileStore.itemKey("a%2fb"));
        assertEquals("50%", AwsVaultFileStore.itemKey("50%"));
    }
}

package dev.jvault.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.jvault.keys.AwsKeys;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChildEnvironmentTest {

    @Test
    void replacesEveryCredentialSettingAndKeepsTheRest() {
        Map<String, String> parent = new HashMap<>();
        ChildEnvironment.UNSET.forEach(name -> parent.put(name, "parent"));
        parent.put("PATH", "/usr/bin");
        Map<String, String> child = ChildEnvironment.build(parent, ChildEnvironment.variables("dev-1", new AwsKeys("ASIAX", "secret",
                Optional.of("token"), Optional.of(Instant.parse("2026-11-22T09:30:00.123Z"))), Optional.of("eu-west-1")));
        assertEquals(Map.of("PATH", "/usr/bin", "AWS_ACCESS_KEY_ID", "ASIAX", "AWS_SECRET_ACCESS_KEY", "secret",
                "AWS_SESSION_TOKEN", "token", "AWS_CREDENTIAL_EXPIRATION", "2026-11-22T09:30:00Z", "AWS_REGION", "eu-west-1",
                "AWS_DEFAULT_REGION", "eu-west-1", "JVAULT_REGION", "eu-west-1", "JVAULT", "dev-1", "AWS_VAULT", "dev-1"), child);
    }

    @Test
    void dropsTheOlderKeyNamesAndEveryPassphraseVariable() {
        Map<String, String> child = ChildEnvironment.build(Map.of("AWS_ACCESS_KEY", "AKIAPARENT", "AWS_SECRET_KEY", "parent",
                "JVAULT_FILE_PASSPHRASE", "pw", "AWS_VAULT_FILE_PASSPHRASE", "pw", "HOME", "/home/a"), Map.of());
        assertEquals(Map.of("HOME", "/home/a"), child);
    }

    @Test
    void longLivedKeysHaveNoTokenNoExpiryAndARegionOnlyWhenKnown() {
        Map<String, String> child = ChildEnvironment.build(Map.of("AWS_SESSION_TOKEN", "stale"), ChildEnvironment.variables("main",
                new AwsKeys("AKIAX", "secret", Optional.empty(), Optional.empty()), Optional.empty()));
        assertFalse(child.containsKey("AWS_SESSION_TOKEN"));
        assertFalse(child.containsKey("AWS_CREDENTIAL_EXPIRATION"));
        assertFalse(child.containsKey("AWS_REGION"));
        assertFalse(child.containsKey("JVAULT_REGION"), "no outer region to tell apart");
    }
}

package dev.jvault.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AwsVaultItemTest {

    private static String item(String key, String data) {
        return "{\"Key\":\"" + key + "\",\"Data\":\"" + Base64.getEncoder().encodeToString(data.getBytes(StandardCharsets.UTF_8))
                + "\",\"Label\":\"aws-vault (" + key + ")\",\"Description\":\"\"}";
    }

    @Test
    void sessionsAndTokensAreKnownByTheirKeyAlone() {
        for (String key : new String[] {"session,bWFpbg,,1700000000", "sts.GetSessionToken,bWFpbg,,1700000000",
            "sts.AssumeRole,ZGV2,,1700000000", "sso.GetRoleCredentials,ZGV2,1700000000", "credential_process,ZGV2"}) {
            assertEquals(Optional.of(new AwsVaultItem.Skipped(key, AwsVaultItem.Kind.SESSION)), AwsVaultItem.byKey(key), key);
        }
        assertEquals(AwsVaultItem.Kind.SSO_TOKEN, AwsVaultItem.byKey("oidc:https://x.awsapps.com/start").orElseThrow().kind());
        assertEquals(Optional.empty(), AwsVaultItem.byKey("main"));
        assertEquals(Optional.empty(), AwsVaultItem.byKey("team/ops"));
    }

    @Test
    void readsTheNewAndTheOldShapeOfKeys() throws Exception {
        var current = AwsVaultItem.read("main", item("main", "{\"AccessKeyID\":\"AKIAEXAMPLE0000001\",\"SecretAccessKey\":"
                + "\"secretsecretsecretsecret1\",\"SessionToken\":\"\",\"Source\":\"\",\"CanExpire\":false,"
                + "\"Expires\":\"0001-01-01T00:00:00Z\",\"AccountID\":\"123456789012\"}"));
        assertEquals(new AwsVaultItem.LongLivedKeys("main", "AKIAEXAMPLE0000001", "secretsecretsecretsecret1"), current);
        var old = AwsVaultItem.read("old", item("old", "{\"AccessKeyID\":\"AKIAEXAMPLE0000002\",\"SecretAccessKey\":"
                + "\"secretsecretsecretsecret2\",\"SessionToken\":\"\",\"ProviderName\":\"SharedConfigCredentials\"}"));
        assertEquals(new AwsVaultItem.LongLivedKeys("old", "AKIAEXAMPLE0000002", "secretsecretsecretsecret2"), old);
        assertTrue(!current.toString().contains("secretsecret"), current.toString());
    }

    @Test
    void temporaryKeysUnderAProfileNameStayBehind() throws Exception {
        var item = AwsVaultItem.read("temp", item("temp", "{\"AccessKeyID\":\"ASIAEXAMPLE0000003\",\"SecretAccessKey\":"
                + "\"secretsecretsecretsecret3\",\"SessionToken\":\"tokentokentoken\"}"));
        assertEquals(new AwsVaultItem.Skipped("temp", AwsVaultItem.Kind.TEMPORARY_KEYS), item);
    }

    @Test
    void anyOtherShapeIsUnknownAndSaysWhatItHas() {
        var noData = assertThrows(AwsVaultItem.UnknownFormat.class, () -> AwsVaultItem.read("x", "{\"Key\":\"x\",\"Blob\":\"\"}"));
        assertTrue(noData.getMessage().contains("[Blob, Key]"), noData.getMessage());
        var otherData = assertThrows(AwsVaultItem.UnknownFormat.class, () -> AwsVaultItem.read("x", item("x", "{\"Provider\":{}}")));
        assertTrue(otherData.getMessage().contains("[Provider]"), otherData.getMessage());
        assertThrows(AwsVaultItem.UnknownFormat.class, () -> AwsVaultItem.read("x", "not json"));
        assertThrows(AwsVaultItem.UnknownFormat.class, () -> AwsVaultItem.read("x", "{\"Data\":\"%%%\"}"));
    }
}

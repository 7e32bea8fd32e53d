package dev.jvault.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvault.testing.SandboxHome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CredentialsFileKeysTest {

    private static final String CREDENTIALS = """
            # my keys; do not share
            [default]
            aws_access_key_id = AKIADEFAULTDEFAULT01
            aws_secret_access_key = defaultdefaultdefaultdefaultdefaultdefau

            [main]  ## This is the main or primary account
            aws_access_key_id = AKIAIOSFODNN7EXAMPLE
            ; rotated 2026-01
            aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
            region = eu-west-1
            """;

    private final SandboxHome home = new SandboxHome();

    @AfterEach
    void cleanUp() {
        home.close();
    }


    @Test
    void findsTheSeedsClearTextKeys() {
        home.credentials(CREDENTIALS);
        CredentialsFileKeys.Found found = CredentialsFileKeys.find(home.loadConfig(), "main");
        assertEquals("AKIAIOSFODNN7EXAMPLE", found.accessKeyId());
        assertEquals("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", found.secretAccessKey());
        assertEquals("~/.aws/credentials:7", found.origin().toString());
        assertTrue(!found.toString().contains("wJal"), "no secret in toString");
    }

    @Test
    void refusesTemporaryKeysAndMissingOnes() {
        home.credentials("[tmp]\naws_access_key_id = ASIAX\naws_secret_access_key = y\naws_session_token = z\n[half]\n"
                + "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n");
        assertTrue(assertThrows(ConfigException.class, () -> CredentialsFileKeys.find(home.loadConfig(), "tmp")).getMessage()
                .contains("holds temporary keys"));
        assertTrue(assertThrows(ConfigException.class, () -> CredentialsFileKeys.find(home.loadConfig(), "half")).getMessage()
                .contains("has aws_access_key_id but no aws_secret_access_key"));
        assertEquals("~/.aws/credentials has no aws_access_key_id for [nobody]: nothing to import",
                assertThrows(ConfigException.class, () -> CredentialsFileKeys.find(home.loadConfig(), "nobody")).getMessage());
    }

    @Test
    void removesOnlyThatSectionsKeyLinesKeepingEverythingElse() {
        assertEquals("""
                # my keys; do not share
                [default]
                aws_access_key_id = AKIADEFAULTDEFAULT01
                aws_secret_access_key = defaultdefaultdefaultdefaultdefaultdefau

                [main]  ## This is the main or primary account
                ; rotated 2026-01
                region = eu-west-1
                """, CredentialsFileText.withoutKeys(CREDENTIALS, "main"));
    }

    @Test
    void keepsWindowsLineEndingsAndAMissingFinalNewline() {
        String text = "[main]\r\naws_access_key_id = A\r\n# keep\r\naws_secret_access_key = B\r\n[x]\r\ny = 1";
        assertEquals("[main]\r\n# keep\r\n[x]\r\ny = 1", CredentialsFileText.withoutKeys(text, "main"));
    }
}

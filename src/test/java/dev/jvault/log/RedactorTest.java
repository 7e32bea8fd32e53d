package dev.jvault.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class RedactorTest {

    private final Redactor redactor = new Redactor();

    @Test
    void masksSecretKeysAndSessionTokens() {
        String line = "secret=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY token=" + "AQoEXAMPLEH4aoAH0gNCAPy".repeat(10);
        assertEquals("secret=**** token=****", redactor.redact(line));
    }

    @Test
    void keepsTheLastFourCharactersOfAccessKeyIds() {
        assertEquals("key AKIA****MPLE and ASIA****7890", redactor.redact("key AKIAIOSFODNN7EXAMPLE and ASIAABCDEFGH34567890"));
    }

    @Test
    void masksMfaCodesAndRegisteredSecrets() {
        redactor.addSecret("correct horse battery");
        String out = redactor.redact("TokenCode=123456 passphrase 'correct horse battery'");
        assertEquals("TokenCode=**** passphrase '****'", out);
        assertFalse(out.contains("123456"));
    }

    @Test
    void leavesOrdinaryTextAlone() {
        String text = "AssumeRole arn:aws:iam::222222222222:role/dev-1 at https://sts.eu-west-1.amazonaws.com";
        assertEquals(text, redactor.redact(text));
    }
}

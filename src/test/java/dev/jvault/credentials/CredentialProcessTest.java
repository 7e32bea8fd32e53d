package dev.jvault.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvault.config.ConfigException;
import dev.jvault.config.Environment;
import dev.jvault.config.Origin;
import dev.jvault.config.RootSource;
import dev.jvault.config.Sourced;
import dev.jvault.error.ExitStatus;
import dev.jvault.keys.AwsKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A root profile's credential_process, run for real through sh. */
class CredentialProcessTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Environment NO_GUARD = new Environment(Map.of());

    private static RootSource.CredentialProcess process(String command) {
        return new RootSource.CredentialProcess("ci", new Sourced<>(command, Origin.file("~/.aws/config", 4)));
    }

    private static String failure(String command) {
        return assertThrows(KeySourceException.class, () -> CredentialProcess.run(process(command), TIMEOUT, NO_GUARD)).getMessage();
    }

    @Test
    void readsTemporaryAndLongLivedCredentials() {
        AwsKeys temporary = CredentialProcess.run(process("printf '%s' '{\"Version\": 1, \"AccessKeyId\": \"ASIAX\","
                + " \"SecretAccessKey\": \"s\", \"SessionToken\": \"t\", \"Expiration\": \"2026-11-22T10:00:00Z\"}'"), TIMEOUT, NO_GUARD);
        assertEquals(new AwsKeys("ASIAX", "s", Optional.of("t"), Optional.of(Instant.parse("2026-11-22T10:00:00Z"))),
                temporary);
        AwsKeys keys = CredentialProcess.run(process("echo '{\"Version\":1,\"AccessKeyId\":\"AKIAX\",\"SecretAccessKey\":\"s\"}'"), TIMEOUT, NO_GUARD);
        assertEquals(Optional.empty(), keys.sessionToken());
    }

    @Test
    void saysWhatIsWrongWithTheProcessOrItsOutput() {
        String where = "credential_process of profile ci (~/.aws/config:4)";
        assertEquals(where + " exited with status 3", failure("exit 3"));
        assertEquals(where + " printed something that is not its JSON credentials: run the command by hand to see what it prints", failure("echo not json"));
        assertEquals(where + " printed no \"Version\": 1", failure("echo '{\"AccessKeyId\": \"A\"}'"));
        assertEquals(where + " printed no SecretAccessKey", failure("echo '{\"Version\": 1, \"AccessKeyId\": \"A\"}'"));
        assertEquals(where + " printed more than 64 KiB on stdout: that is not the short answer jvault reads from it",
                failure("yes x | head -c 100000"));
    }

    @Test
    void handsItsHelperTheProfilesItRunsFor() {
        Environment outer = new Environment(Map.of(CredentialProcess.GUARD, "home"));
        // The helper prints what it was handed as a key id: the outer profile, then this one.
        AwsKeys seen = CredentialProcess.run(process("printf '{\"Version\": 1, \"AccessKeyId\": \"%s\","
                + " \"SecretAccessKey\": \"s\"}' \"$(printf '%s' \"$" + CredentialProcess.GUARD + "\" | tr '\\n' +)\""),
                TIMEOUT, outer);
        assertEquals("home+ci", seen.accessKeyId());
    }

    @Test
    void refusesAtOnceToRunTheCredentialProcessOfAProfileAnOuterJvaultRunsItFor() {
        Environment inner = new Environment(Map.of(CredentialProcess.GUARD, "home\nci"));
        ConfigException error = assertThrows(ConfigException.class,
                () -> CredentialProcess.run(process("touch /nonexistent/never-run"), TIMEOUT, inner));
        assertEquals(ExitStatus.CONFIG.code(), error.exitStatus());
        assertTrue(error.getMessage().startsWith("~/.aws/config:4: the credential_process of profile ci runs jvault for ci"
                + " itself, which would start jvault without end: store keys for it (jvault add ci;"), error.getMessage());
    }
}

package dev.jvault.sts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jvault.config.Origin;
import dev.jvault.config.RootSource;
import dev.jvault.config.Sourced;
import dev.jvault.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A root profile's credential_process, run for real through sh. */
class CredentialProcessTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static RootSource.CredentialProcess process(String command) {
        return new RootSource.CredentialProcess("ci", new Sourced<>(command, Origin.file("~/.aws/config", 4)));
    }

    private static String failure(String command) {
        return assertThrows(StoreException.class, () -> CredentialProcess.run(process(command), TIMEOUT)).getMessage();
    }

    @Test
    void readsTemporaryAndLongLivedCredentials() {
        IssuedCredentials temporary = CredentialProcess.run(process("printf '%s' '{\"Version\": 1, \"AccessKeyId\": \"ASIAX\","
                + " \"SecretAccessKey\": \"s\", \"SessionToken\": \"t\", \"Expiration\": \"2026-11-22T10:00:00Z\"}'"), TIMEOUT);
        assertEquals(new IssuedCredentials("ASIAX", "s", Optional.of("t"), Optional.of(Instant.parse("2026-11-22T10:00:00Z"))),
                temporary);
        IssuedCredentials keys = CredentialProcess.run(process("echo '{\"Version\":1,\"AccessKeyId\":\"AKIAX\",\"SecretAccessKey\":\"s\"}'"), TIMEOUT);
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
}

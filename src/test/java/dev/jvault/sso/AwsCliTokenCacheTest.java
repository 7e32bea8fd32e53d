package dev.jvault.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvault.config.Origin;
import dev.jvault.config.Sourced;
import dev.jvault.config.SsoSession;
import dev.jvault.files.FileException;
import dev.jvault.files.PrivateFiles;
import dev.jvault.store.StoredItem;
import dev.jvault.testing.SandboxHome;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AwsCliTokenCacheTest {

    private final SandboxHome home = new SandboxHome();
    private final AwsCliTokenCache cache = new AwsCliTokenCache(home.environment(), new PrivateFiles(home.environment()::display));
    private final SsoSession session = new SsoSession(Optional.of("corp"), new Sourced<>("https://corp.awsapps.com/start",
            Origin.builtIn("test")), new Sourced<>("eu-west-1", Origin.builtIn("test")), List.of("sso:account:access"), false,
            new Sourced<>(URI.create("https://oidc.eu-west-1.amazonaws.com"), Origin.builtIn("test")),
            new Sourced<>(URI.create("https://portal.sso.eu-west-1.amazonaws.com"), Origin.builtIn("test")));

    @AfterEach
    void tearDown() {
        home.close();
    }

    private Path file() {
        return cache.file(session);
    }

    @Test
    void writesWhatItReadsBackUnderTheCliesName() throws Exception {
        StoredItem.SsoToken token = new StoredItem.SsoToken("corp", session.cacheDigest(), "https://corp.awsapps.com/start",
                "eu-west-1", "access-1", Instant.parse("2026-12-06T18:00:00Z"), Optional.of("refresh-1"),
                Optional.of(new StoredItem.Registration("client-1", "secret-1", Instant.parse("2027-03-01T00:00:00Z"), "")));
        cache.write(token);
        // botocore's name: python3 -c "import hashlib; print(hashlib.sha1(b'corp').hexdigest())"
        assertEquals("ee0bfd2552fbd840c02cc48b6e823320543c450f.json", file().getFileName().toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file().getParent())));
        String text = Files.readString(file());
        assertTrue(text.contains("\"expiresAt\": \"2026-12-06T18:00:00Z\"") && text.contains("\"registrationExpiresAt\""), text);
        assertEquals(Optional.of(token), cache.read(session));
    }

    @Test
    void refusesAFileOrFolderOthersCouldWriteAndIgnoresAMalformedOne() throws Exception {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), "{\"accessToken\": \"a\", \"expiresAt\": \"2026-12-06T18:00:00Z\"}");
        Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-rw-rw-"));
        FileException loose = assertThrows(FileException.class, () -> cache.read(session));
        assertEquals(77, loose.exitStatus());
        Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(file().getParent(), PosixFilePermissions.fromString("rwxrwxrwx"));
        assertEquals(77, assertThrows(FileException.class, () -> cache.read(session)).exitStatus());
        Files.setPosixFilePermissions(file().getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals("a", cache.read(session).orElseThrow().accessToken(), "a folder others may read is the CLI's default");
        Files.writeString(file(), "{not json");
        assertEquals(Optional.empty(), cache.read(session));
    }
}

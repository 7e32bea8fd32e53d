package dev.jvault.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jvault.config.Origin;
import dev.jvault.config.RootSource;
import dev.jvault.config.Sourced;
import dev.jvault.error.ExitStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebIdentityTokenTest {

    private static RootSource.WebIdentity web(Path file) {
        return new RootSource.WebIdentity("ci", new Sourced<>("arn:aws:iam::111111111111:role/ci", Origin.builtIn("test")),
                new Sourced<>(file.toString(), Origin.env("AWS_WEB_IDENTITY_TOKEN_FILE")), Optional.empty());
    }

    @Test
    void theTokenIsReadAtEachCallWithoutTheNewline(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("token"), "eyJhbGciOiJSUzI1NiJ9.first.sig\n");
        assertEquals("eyJhbGciOiJSUzI1NiJ9.first.sig", WebIdentityToken.read(web(file)));
        Files.writeString(file, "eyJhbGciOiJSUzI1NiJ9.second.sig");
        assertEquals("eyJhbGciOiJSUzI1NiJ9.second.sig", WebIdentityToken.read(web(file)), "the platform replaced it");
    }

    @Test
    void aMissingEmptyOrHugeFileIsOneLine(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("missing");
        KeySourceException notThere = assertThrows(KeySourceException.class, () -> WebIdentityToken.read(web(missing)));
        assertEquals(ExitStatus.NOT_FOUND.code(), notThere.exitStatus());
        assertEquals("the web identity token file " + missing + " (from $AWS_WEB_IDENTITY_TOKEN_FILE) of profile ci is not"
                + " there: run where the token is issued, or fix the path", notThere.getMessage());
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertEquals(ExitStatus.DATA.code(), assertThrows(KeySourceException.class, () -> WebIdentityToken.read(web(empty)))
                .exitStatus());
        Path huge = Files.writeString(dir.resolve("huge"), "x".repeat(64 * 1024 + 1));
        assertEquals("the web identity token file " + huge + " (from $AWS_WEB_IDENTITY_TOKEN_FILE) is larger than 64 KiB:"
                + " it must hold the token alone",
                assertThrows(KeySourceException.class, () -> WebIdentityToken.read(web(huge))).getMessage());
        assertEquals(ExitStatus.IO.code(), assertThrows(KeySourceException.class, () -> WebIdentityToken.read(web(dir)))
                .exitStatus(), "a folder, not a file");
    }
}

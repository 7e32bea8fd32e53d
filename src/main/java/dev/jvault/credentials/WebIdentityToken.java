package dev.jvault.credentials;

import dev.jvault.config.RootSource;
import dev.jvault.error.ExitStatus;
import dev.jvault.log.Log;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The token of a web identity, read from its file at the moment of the call, as botocore reads
 * it: CI systems and EKS replace the file while a job runs. Its owner is not checked, unlike
 * jvault's own files: the platform writes it (EKS as root, into a projected volume) and the token
 * proves nothing beyond the role's trust policy, which STS checks.
 */
final class WebIdentityToken {

    /** Far beyond any OIDC token (a few KiB): a larger file is not a token. */
    private static final int MAX_BYTES = 64 * 1024;

    private WebIdentityToken() {
    }

    static String read(RootSource.WebIdentity web) {
        Path file = Path.of(web.tokenFile().value());
        String where = "the web identity token file " + web.tokenFile().value() + " (from " + web.tokenFile().origin() + ")";
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new KeySourceException(ExitStatus.NOT_FOUND, where + " of profile " + web.profile() + " is not there:"
                    + " run where the token is issued, or fix the path");
        } catch (IOException e) {
            throw new KeySourceException(ExitStatus.IO, "cannot read " + where + " of profile " + web.profile()
                    + " (" + e.getClass().getSimpleName() + "): check the file");
        }
        String token = new String(bytes, StandardCharsets.UTF_8).strip();
        if (bytes.length > MAX_BYTES || token.isEmpty()) {
            throw new KeySourceException(ExitStatus.DATA, where + " is " + (token.isEmpty() ? "empty" : "larger than "
                    + MAX_BYTES / 1024 + " KiB") + ": it must hold the token alone");
        }
        Log.secret(token);
        return token;
    }
}

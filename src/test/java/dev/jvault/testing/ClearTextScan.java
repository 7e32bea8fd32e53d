package dev.jvault.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Looks for secrets in clear text in every file written since the scan began: the sandbox
 * HOME, the temp folder, and the private keyring's data folder when the tests run under one.
 * Moto's own records (it keeps the requests it received) are the emulator's, not jvault's.
 */
public final class ClearTextScan {

    private static final long LARGEST = 50_000_000;

    private final Instant since = Instant.now().minusSeconds(1);

    /** A scan of what is written from now on. */
    public static ClearTextScan fromNow() {
        return new ClearTextScan();
    }

    public void assertNoneOf(Path home, List<String> secrets) throws IOException {
        List<Path> roots = new ArrayList<>(List.of(home, Path.of(System.getProperty("java.io.tmpdir"))));
        Optional.ofNullable(System.getenv("XDG_DATA_HOME")).map(Path::of).ifPresent(roots::add);
        for (Path root : roots) {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile() && attributes.size() <= LARGEST
                            && !attributes.lastModifiedTime().toInstant().isBefore(since)
                            && !file.toString().contains("/moto-")) {
                        check(file, secrets);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // gone or not ours to read
                }
            });
        }
    }

    private static void check(Path file, List<String> secrets) {
        String content;
        try {
            content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException vanished) {
            return;
        }
        for (String secret : secrets) {
            assertFalse(content.contains(secret), file + " holds a secret in clear text");
        }
    }
}

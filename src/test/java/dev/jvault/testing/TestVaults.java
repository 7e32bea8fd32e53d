package dev.jvault.testing;

import dev.jvault.files.PrivateFiles;
import dev.jvault.store.file.FileStore;
import dev.jvault.store.file.KdfParameters;
import dev.jvault.store.file.PassphraseSource;

/** Vault files for tests of other logic: a fixed passphrase and cheap KDF parameters (the format is the same). */
public final class TestVaults {

    public static final KdfParameters CHEAP = new KdfParameters(64, 1, 1);

    private TestVaults() {
    }

    public static FileStore cheap(SandboxHome home) {
        return cheap(home, ".jvault/vault.jvlt");
    }

    /** @param relativePath where in the sandbox HOME the vault lives */
    public static FileStore cheap(SandboxHome home, String relativePath) {
        PassphraseSource fixed = new PassphraseSource() {
            @Override
            public char[] existing(String name, int attempt) {
                return "test passphrase".toCharArray();
            }

            @Override
            public char[] create(String name) {
                return existing(name, 1);
            }

            @Override
            public char[] replacement(String name, java.util.function.Predicate<char[]> isCurrent) {
                return existing(name, 1);
            }
        };
        return new FileStore(home.path().resolve(relativePath), "~/" + relativePath,
                new PrivateFiles(home.environment()::display), fixed, CHEAP);
    }
}

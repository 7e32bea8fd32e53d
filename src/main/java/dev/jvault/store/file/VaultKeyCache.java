package dev.jvault.store.file;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Somewhere outside this process that keeps a vault key for a while (the agent), so the next
 * jvault opens the vault without asking for the passphrase. Failures are the cache's business:
 * a cache that does not answer simply has nothing.
 */
public interface VaultKeyCache {

    VaultKeyCache NONE = new VaultKeyCache() {
        @Override
        public Optional<VaultKey> get(Path vault) {
            return Optional.empty();
        }

        @Override
        public void put(Path vault, VaultKey key) {
        }
    };

    /** @param vault the vault file's real path */
    Optional<VaultKey> get(Path vault);

    void put(Path vault, VaultKey key);
}

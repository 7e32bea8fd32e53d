package dev.jvault.store.os;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;
import dev.jvault.files.PrivateFiles;
import dev.jvault.log.Log;
import dev.jvault.store.CredentialStore;
import dev.jvault.store.ItemCodec;
import dev.jvault.store.ItemInfo;
import dev.jvault.store.ItemKey;
import dev.jvault.store.StoreException.Reason;
import dev.jvault.store.StoreException;
import dev.jvault.store.StoredItem;
import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The OS keychain (macOS Keychain, Windows Credential Manager, Linux Secret Service) through
 * java-keyring: one entry per item under the service "jvault", plus an "index" entry with the
 * items' non-secret facts, because the library cannot list entries. Items are written before the
 * index and dropped from the index before they are deleted, so the index never names an entry
 * that is not there; a sidecar lock file serialises jvault processes.
 */
public final class KeychainStore implements CredentialStore {

    /** The service name jvault's entries are filed under. */
    public static final String SERVICE = "jvault";
    private static final String INDEX = "index";
    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final String service;
    private final PrivateFiles files;
    private final Path lockFile;
    private Keyring keyring;

    /** @param service {@link #SERVICE}; tests use their own, to stay clear of real entries */
    public KeychainStore(String service, PrivateFiles files, Path lockFile) {
        this.service = service;
        this.files = files;
        this.lockFile = lockFile;
    }

    /**
     * Whether a keychain answers here, for choosing the default backend. Bounded: with no
     * keyring daemon behind the bus, the library can wait without end (java-keyring issue 96).
     */
    public static boolean answers() {
        CompletableFuture<Boolean> probe = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                Keyring keyring = Keyring.create();
                probe.complete(keyring != null);
                keyring.close(); // the probe's own connection; its close may be interrupted, which changes nothing
            } catch (Exception e) {
                probe.complete(false);
            }
        });
        try {
            return probe.get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            Log.debug("the OS keychain did not answer within " + PROBE_TIMEOUT.toSeconds() + "s: using the vault file");
            return false;
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String describe() {
        return "keychain (" + keyring().getKeyringStorageType() + ")";
    }

    @Override
    public List<ItemInfo> list() {
        return readIndex();
    }

    @Override
    public Optional<StoredItem> get(ItemKey key) {
        try {
            return Optional.of(decode(key, keyring().getPassword(service, key.account())));
        } catch (PasswordAccessException e) {
            // The library reports "not there" and "refused" alike; the index tells them apart.
            if (readIndex().stream().anyMatch(info -> info.key().equals(key))) {
                throw unavailable("the keychain has an entry for " + key.account() + " but would not return it ("
                        + e.getMessage() + "): unlock the keychain and try again", e);
            }
            return Optional.empty();
        }
    }

    @Override
    public <T> T edit(Function<Editor, T> change) {
        files.ensureDirectory(lockFile.toAbsolutePath().getParent());
        try (FileLock lock = files.lock(lockFile, LOCK_TIMEOUT)) {
            Map<ItemKey, ItemInfo> index = new LinkedHashMap<>();
            readIndex().forEach(info -> index.put(info.key(), info));
            KeychainEditor editor = new KeychainEditor(index);
            T result = change.apply(editor);
            editor.commit();
            return result;
        } catch (IOException e) {
            throw new StoreException(Reason.IO, "cannot release the lock on " + lockFile + ": " + e.getMessage(), e);
        }
    }

    private List<ItemInfo> readIndex() {
        String encoded;
        try {
            encoded = keyring().getPassword(service, INDEX);
        } catch (PasswordAccessException e) {
            return List.of();
        }
        try {
            return ItemCodec.decodeIndex(Base64.getDecoder().decode(encoded));
        } catch (IOException | IllegalArgumentException e) {
            throw new StoreException(Reason.DAMAGED, "jvault's index entry in the keychain is damaged: delete the entry"
                    + " 'index' of service '" + service + "' in your keychain and add your keys again", e);
        }
    }

    private StoredItem decode(ItemKey key, String encoded) {
        try {
            return ItemCodec.decodeItem(Base64.getDecoder().decode(encoded));
        } catch (IOException | IllegalArgumentException e) {
            throw new StoreException(Reason.DAMAGED, "the keychain entry " + key.account() + " of service '" + service + "' is"
                    + " damaged: jvault remove " + key.profile() + " -f, then add the keys again", e);
        }
    }

    private void write(String account, byte[] value) {
        try {
            keyring().setPassword(service, account, Base64.getEncoder().encodeToString(value));
        } catch (PasswordAccessException e) {
            throw unavailable("the keychain refused to store " + account + " (" + e.getMessage()
                    + "): unlock it and try again", e);
        }
    }

    private void delete(String account) {
        try {
            keyring().deletePassword(service, account);
        } catch (PasswordAccessException alreadyGone) {
            // nothing to delete
        }
    }

    private Keyring keyring() {
        if (keyring == null) {
            try {
                keyring = Keyring.create();
            } catch (BackendNotSupportedException | RuntimeException e) {
                throw unavailable("the OS keychain does not answer (" + e.getMessage() + "): unlock or start it,"
                        + " or keep keys in the vault file with --backend file (or JVAULT_BACKEND=file)", e);
            }
        }
        return keyring;
    }

    private static StoreException unavailable(String message, Exception cause) {
        return new StoreException(Reason.UNAVAILABLE, message, cause);
    }

    /** Collects changes, then applies them in the order that keeps the index truthful. */
    private final class KeychainEditor implements Editor {
        private final Map<ItemKey, ItemInfo> index;
        private final Map<ItemKey, StoredItem> puts = new LinkedHashMap<>();
        private final List<ItemKey> removals = new ArrayList<>();

        KeychainEditor(Map<ItemKey, ItemInfo> index) {
            this.index = index;
        }

        @Override
        public List<ItemInfo> list() {
            return List.copyOf(index.values());
        }

        @Override
        public void put(StoredItem item) {
            puts.put(item.key(), item);
            removals.remove(item.key());
            index.put(item.key(), item.info());
        }

        @Override
        public boolean remove(ItemKey key) {
            puts.remove(key);
            boolean present = index.remove(key) != null;
            if (present) {
                removals.add(key);
            }
            return present;
        }

        void commit() {
            if (puts.isEmpty() && removals.isEmpty()) {
                return;
            }
            puts.values().forEach(item -> write(item.key().account(), ItemCodec.encodeItem(item)));
            write(INDEX, ItemCodec.encodeIndex(List.copyOf(index.values())));
            removals.forEach(key -> delete(key.account()));
        }
    }
}

package dev.jvault.store.file;

import dev.jvault.files.PrivateFiles;
import dev.jvault.store.CredentialStore;
import dev.jvault.store.ItemInfo;
import dev.jvault.store.ItemKey;
import dev.jvault.store.StoreException.Reason;
import dev.jvault.store.StoreException;
import dev.jvault.store.StoredItem;
import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The encrypted vault file ({@link VaultFormat}). Every change is a read-modify-write under an
 * exclusive lock on a sidecar {@code .lock} file, written atomically under a fresh nonce (and so
 * a fresh payload key); the salt stays until the passphrase changes. The passphrase is asked at most once per
 * process and wiped as soon as the master key is derived from it: the master key and its salt
 * (the vault key) are all that later reads and writes need. A vault written with older,
 * weaker KDF parameters gets a new salt and the current parameters on its next write.
 * A symbolic link to the vault is followed (and kept): the real file's folder is checked.
 */
public final class FileStore implements CredentialStore {

    private static final long MAX_VAULT_BYTES = 16L * 1024 * 1024;
    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(30);

    private final Path vault;
    private final String name;
    private final PrivateFiles files;
    private final PassphraseSource passphrases;
    /** Which passphrase of its source {@link #masterKey} asks for: counts up while they are wrong. */
    private int passphraseAttempt = 1;
    private final KdfParameters kdf;
    private final SecureRandom random = new SecureRandom();
    private final VaultKeyCache keyCache;
    /** The vault key: the salt and the master key derived for it with {@link #kdf}. Argon2id runs once per process. */
    private byte[] knownSalt;
    private byte[] knownMaster;
    /** Whether {@link #keyCache} has the known vault key already. */
    private boolean keyShared;
    /** Set while passwd runs: the vault is opened with the passphrase itself, never a cached key. */
    private boolean provingPassphrase;

    public FileStore(Path vault, String name, PrivateFiles files, PassphraseSource passphrases, KdfParameters kdf) {
        this(vault, name, files, passphrases, kdf, VaultKeyCache.NONE);
    }

    /** @param keyCache where a vault key derived here is kept for later processes, and looked for first */
    public FileStore(Path vault, String name, PrivateFiles files, PassphraseSource passphrases, KdfParameters kdf,
            VaultKeyCache keyCache) {
        this.keyCache = keyCache;
        this.vault = vault;
        this.name = name;
        this.files = files;
        this.passphrases = passphrases;
        this.kdf = kdf;
    }

    @Override
    public String describe() {
        return "file " + name;
    }

    @Override
    public List<ItemInfo> list() {
        return read().values().stream().map(StoredItem::info).toList();
    }

    @Override
    public Optional<StoredItem> get(ItemKey key) {
        return Optional.ofNullable(read().get(key));
    }

    @Override
    public <T> T edit(Function<Editor, T> change) {
        return locked(change::apply);
    }

    /**
     * Re-encrypts the vault under a new passphrase, asked after the current one opened the vault.
     * The current passphrase is always asked and proven, as passwd(1) does: a vault key the agent
     * holds is not enough to change it.
     */
    public void changePassphrase() {
        if (!Files.exists(vault)) {
            throw new StoreException(Reason.NOT_FOUND, "there is no vault at " + name + " yet: jvault add creates it");
        }
        forget();
        provingPassphrase = true;
        try {
            locked(editor -> {
                deriveNewKey(passphrases.replacement(name, this::isCurrentPassphrase));
                editor.changed = true;
                return null;
            });
        } finally {
            provingPassphrase = false;
        }
    }

    private boolean isCurrentPassphrase(char[] candidate) {
        byte[] derived = VaultCrypto.masterKey(candidate, knownSalt, kdf);
        try {
            return VaultCrypto.sameBytes(derived, knownMaster);
        } finally {
            Arrays.fill(derived, (byte) 0);
        }
    }

    private <T> T locked(Function<MapEditor, T> change) {
        Path real = files.realFile(vault);
        files.ensureDirectory(real.getParent());
        files.requireOwnedByUser(real.getParent());
        try (FileLock lock = files.lock(lockFile(real), LOCK_TIMEOUT)) {
            files.removeLeftovers(real);
            boolean exists = Files.exists(real);
            MapEditor editor = new MapEditor(exists ? read() : new LinkedHashMap<>());
            T result = change.apply(editor);
            if (editor.changed) {
                if (knownMaster == null) {
                    deriveNewKey(passphrases.create(name));
                }
                files.writeAtomically(real, VaultFormat.seal(new ArrayList<>(editor.items.values()), knownSalt, knownMaster,
                        kdf, random));
                shareKey();
            }
            return result;
        } catch (IOException e) {
            throw new StoreException(Reason.IO, "cannot release the lock on " + name + ": " + e.getMessage(), e);
        }
    }

    /** The items by key; a vault that does not exist yet is empty (and needs no passphrase). */
    private Map<ItemKey, StoredItem> read() {
        byte[] bytes;
        Path real = files.realFile(vault);
        try {
            files.requireOwnedByUser(real.getParent());
            files.requireOwnerOnly(real.getParent(), "700");
            files.requireOwnedByUser(real);
            files.requireOwnerOnly(real, "600");
            if (Files.exists(real) && !Files.isRegularFile(real)) {
                throw new StoreException(Reason.DAMAGED, name + " is not a regular file: it is not a jvault vault (it was"
                        + " left as it is)");
            }
            if (Files.size(real) > MAX_VAULT_BYTES) {
                throw new StoreException(Reason.DAMAGED, name + " is larger than any vault jvault writes: it is not"
                        + " a jvault vault (it was left as it is)");
            }
            bytes = Files.readAllBytes(real);
        } catch (NoSuchFileException e) {
            return new LinkedHashMap<>();
        } catch (IOException e) {
            throw new StoreException(Reason.IO, "cannot read " + name + ": " + e.getMessage(), e);
        }
        VaultFormat.Opened opened = open(bytes);
        if (opened.kdf().equals(kdf)) {
            shareKey();
        }
        Map<ItemKey, StoredItem> items = new LinkedHashMap<>();
        opened.items().forEach(item -> items.put(item.key(), item));
        return items;
    }

    /** The vault opened; a wrong passphrase is asked again as often as its source allows, then named in the error. */
    private VaultFormat.Opened open(byte[] bytes) {
        for (passphraseAttempt = 1; ; passphraseAttempt++) {
            try {
                return VaultFormat.open(bytes, name, this::masterKey);
            } catch (StoreException e) {
                forget();
                if (e.reason() != Reason.WRONG_PASSPHRASE) {
                    throw e;
                }
                if (passphraseAttempt >= passphrases.attempts()) {
                    throw new StoreException(Reason.WRONG_PASSPHRASE, "wrong passphrase for " + name + " (from "
                            + passphrases.origin() + (passphrases.attempts() > 1 ? ", " + passphrases.attempts() + " tries" : "")
                            + "): the vault was left as it is", e);
                }
            }
        }
    }

    /**
     * The master key for the vault's salt: the known one, else derived from the passphrase,
     * which is wiped right after. A vault with older KDF parameters also gets a new vault key
     * with the current ones, derived from the same passphrase, for its next write.
     */
    private byte[] masterKey(byte[] salt, KdfParameters parameters) {
        if (knownSalt != null && Arrays.equals(knownSalt, salt) && parameters.equals(kdf)) {
            return knownMaster;
        }
        Optional<VaultKey> cached = provingPassphrase ? Optional.empty()
                : keyCache.get(files.realFile(vault)).filter(key -> key.opens(salt, parameters));
        if (cached.isPresent()) {
            remember(cached.get().salt(), cached.get().master());
            cached.get().wipe();
            keyShared = true;
            return knownMaster;
        }
        char[] passphrase = passphrases.existing(name, passphraseAttempt);
        try {
            byte[] master = VaultCrypto.masterKey(passphrase, salt, parameters);
            if (parameters.equals(kdf)) {
                remember(salt, master);
            } else {
                byte[] freshSalt = VaultFormat.freshSalt(random);
                remember(freshSalt, VaultCrypto.masterKey(passphrase, freshSalt, kdf));
            }
            return master;
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    /** A new vault key (fresh salt) for a new passphrase, which is wiped once used. */
    private void deriveNewKey(char[] passphrase) {
        try {
            byte[] salt = VaultFormat.freshSalt(random);
            remember(salt, VaultCrypto.masterKey(passphrase, salt, kdf));
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    private void remember(byte[] salt, byte[] master) {
        forget();
        knownSalt = salt.clone();
        knownMaster = master;
        keyShared = false;
    }

    /** Hands the vault key to the cache once it has opened the vault or written it: never a key that failed. */
    private void shareKey() {
        if (keyShared || knownMaster == null) {
            return;
        }
        VaultKey key = new VaultKey(knownSalt, knownMaster, kdf);
        keyCache.put(files.realFile(vault), key);
        key.wipe();
        keyShared = true;
    }

    /** After a failure (a wrong passphrase), nothing derived from it is kept. */
    private void forget() {
        if (knownMaster != null) {
            Arrays.fill(knownMaster, (byte) 0);
        }
        knownSalt = null;
        knownMaster = null;
    }

    private static Path lockFile(Path real) {
        return real.resolveSibling(real.getFileName() + ".lock");
    }

    /** Edits an in-memory copy; the store writes it back only when something changed. */
    private static final class MapEditor implements Editor {
        private final Map<ItemKey, StoredItem> items;
        private boolean changed;

        MapEditor(Map<ItemKey, StoredItem> items) {
            this.items = items;
        }

        @Override
        public List<ItemInfo> list() {
            return items.values().stream().map(StoredItem::info).toList();
        }

        @Override
        public void put(StoredItem item) {
            items.put(item.key(), item);
            changed = true;
        }

        @Override
        public boolean remove(ItemKey key) {
            boolean removed = items.remove(key) != null;
            changed |= removed;
            return removed;
        }
    }
}

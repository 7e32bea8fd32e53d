package dev.jvault.store;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Where jvault keeps long-lived keys and cached sessions: the OS keychain or the encrypted vault
 * file. Reads see a consistent state; {@link #edit} is an atomic read-modify-write under the
 * backend's lock, so concurrent jvault processes never lose each other's changes.
 */
public interface CredentialStore {

    /** e.g. {@code file ~/.jvault/vault.jvlt} or {@code keychain (GNOME_KEYRING)}: said by list and errors. */
    String describe();

    List<ItemInfo> list();

    Optional<StoredItem> get(ItemKey key);

    /** Runs {@code change} against the current items and stores the result, all under the store's lock. */
    <T> T edit(Function<Editor, T> change);

    /** {@link #edit} for a change with nothing to return. */
    default void update(Consumer<Editor> change) {
        edit(editor -> {
            change.accept(editor);
            return null;
        });
    }

    /** The view of the store inside {@link #edit}. */
    interface Editor {
        List<ItemInfo> list();

        void put(StoredItem item);

        boolean remove(ItemKey key);
    }
}

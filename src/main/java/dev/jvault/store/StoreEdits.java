package dev.jvault.store;

import dev.jvault.store.StoreException.Reason;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** What the commands do with the store, each as one atomic edit. */
public final class StoreEdits {

    private final CredentialStore store;

    public StoreEdits(CredentialStore store) {
        this.store = store;
    }

    /** The store itself, for what it says of itself and for the credential service. */
    public CredentialStore backend() {
        return store;
    }

    public Optional<StoredItem.LongLivedKeys> keys(String profile) {
        return store.get(ItemKey.keys(profile)).map(StoredItem.LongLivedKeys.class::cast);
    }

    /**
     * Stores (or replaces) a profile's keys and drops every session made from the old ones.
     *
     * @return how many cached sessions were dropped
     */
    public int enrol(StoredItem.LongLivedKeys keys) {
        return store.edit(editor -> {
            int dropped = removeAll(editor, info -> isSession(info) && info.key().profile().equals(keys.profile()));
            editor.put(keys);
            return dropped;
        });
    }

    /** What {@link #remove} would take away, for the confirmation question. */
    public List<ItemInfo> itemsOf(String profile, boolean sessionsOnly) {
        return store.list().stream().filter(belongsTo(profile, sessionsOnly)).toList();
    }

    /** Removes a profile's keys and its sessions (or only the sessions); nothing there is an error. */
    public int remove(String profile, boolean sessionsOnly) {
        int removed = store.edit(editor -> removeAll(editor, belongsTo(profile, sessionsOnly)));
        if (removed == 0) {
            throw new StoreException(Reason.NOT_FOUND, "nothing " + (sessionsOnly ? "cached" : "stored") + " for profile "
                    + profile + " in " + store.describe() + " (jvault list shows what is there)");
        }
        return removed;
    }

    /** Drops cached sessions: all, or those made from or for one profile. */
    public int clearSessions(Optional<String> profile) {
        return store.edit(editor -> removeAll(editor, info -> isSession(info)
                && profile.map(name -> belongsTo(name, true).test(info)).orElse(true)));
    }

    private static Predicate<ItemInfo> belongsTo(String profile, boolean sessionsOnly) {
        return info -> (info.key().profile().equals(profile) || info.profile().equals(profile))
                && (!sessionsOnly || isSession(info));
    }

    private static boolean isSession(ItemInfo info) {
        return info.key().kind() == ItemKey.Kind.SESSION;
    }

    private static int removeAll(CredentialStore.Editor editor, Predicate<ItemInfo> which) {
        int removed = 0;
        for (ItemInfo info : editor.list()) {
            if (which.test(info) && editor.remove(info.key())) {
                removed++;
            }
        }
        return removed;
    }
}

package dev.jvault.agent;

import dev.jvault.log.Log;
import dev.jvault.store.CredentialStore;
import dev.jvault.store.ItemInfo;
import dev.jvault.store.ItemKey;
import dev.jvault.store.StoredItem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A store with the agent's sessions in front: a session the agent holds (with more than the
 * minimum TTL left) is answered without opening the store, which for the vault file means no
 * passphrase and no Argon2id, and for the keychain no D-Bus. A session read from the store, or
 * written to it, is handed to the agent; one removed from the store is dropped there too, so
 * {@code clear}, {@code remove} and replaced keys take effect in the agent at once. The agent
 * keeps each store's sessions apart: another vault file, or the keychain, gets none of these.
 */
final class AgentCachedStore implements CredentialStore {

    private final Agent agent;
    private final Supplier<CredentialStore> open;
    private final String storeIdentity;
    private final Duration minimumTtl;
    private CredentialStore store;

    AgentCachedStore(Agent agent, Supplier<CredentialStore> open, String storeIdentity, Duration minimumTtl) {
        this.agent = agent;
        this.open = open;
        this.storeIdentity = storeIdentity;
        this.minimumTtl = minimumTtl;
    }

    private CredentialStore store() {
        if (store == null) {
            store = open.get();
        }
        return store;
    }

    @Override
    public String describe() {
        return store().describe();
    }

    @Override
    public List<ItemInfo> list() {
        return store().list();
    }

    @Override
    public Optional<StoredItem> get(ItemKey key) {
        if (key.kind() != ItemKey.Kind.SESSION) {
            return store().get(key);
        }
        Optional<StoredItem.CachedSession> held = agent.client().session(storeIdentity, key.profile(), key.cacheKey(), minimumTtl);
        if (held.isPresent()) {
            Log.debug("the agent holds the session " + key.cacheKey() + " of " + key.profile());
            return Optional.of(held.get());
        }
        Log.debug("the agent does not hold the session " + key.cacheKey() + " of " + key.profile() + ": asking the store");
        Optional<StoredItem> stored = store().get(key);
        stored.ifPresent(this::give);
        return stored;
    }

    @Override
    public <T> T edit(Function<Editor, T> change) {
        List<StoredItem.CachedSession> put = new ArrayList<>();
        List<ItemKey> removed = new ArrayList<>();
        T result = store().edit(editor -> change.apply(new Editor() {
            @Override
            public List<ItemInfo> list() {
                return editor.list();
            }

            @Override
            public void put(StoredItem item) {
                editor.put(item);
                if (item instanceof StoredItem.CachedSession session) {
                    put.add(session);
                }
            }

            @Override
            public boolean remove(ItemKey key) {
                boolean gone = editor.remove(key);
                removed.add(key);
                return gone;
            }
        }));
        // Only once the store has the change: the agent never holds what the store does not.
        removed.stream().filter(key -> key.kind() != ItemKey.Kind.SSO_TOKEN) // the agent never holds tokens
                .forEach(key -> agent.client().drop(storeIdentity, key.profile(),
                        key.kind() == ItemKey.Kind.SESSION ? key.cacheKey() : ""));
        put.forEach(this::give);
        return result;
    }

    private void give(StoredItem item) {
        if (item instanceof StoredItem.CachedSession session && agent.ensureRunning()) {
            agent.client().put(storeIdentity, session);
        }
    }
}

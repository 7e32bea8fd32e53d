package dev.jvault.store.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvault.files.PrivateFiles;
import dev.jvault.keys.AwsKeys;
import dev.jvault.store.ItemKey;
import dev.jvault.store.StoreEdits;
import dev.jvault.store.StoredItem;
import dev.jvault.testing.SandboxHome;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Against the real Secret Service: the gnome-keyring that scripts/test.sh starts on a private
 * D-Bus session. Entries go under a service name of their own, never "jvault".
 */
class KeychainStoreIT {

    private final SandboxHome home = new SandboxHome();
    private final String service = "jvault-test-" + UUID.randomUUID();
    private final KeychainStore store = new KeychainStore(service, new PrivateFiles(home.environment()::display),
            home.path().resolve(".jvault/keychain.lock"));

    private final StoredItem.LongLivedKeys keys = new StoredItem.LongLivedKeys("main", "AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", Instant.ofEpochSecond(1_700_000_000));
    private final StoredItem.CachedSession session = new StoredItem.CachedSession("main", "dev-1", "k1", "AssumeRole x",
            AwsKeys.temporary("ASIAEXAMPLEEXAMPLE01", "s".repeat(40), "t".repeat(1200), Instant.ofEpochSecond(1_800_000_000)));

    @BeforeAll
    static void keychainAnswers() {
        assertTrue(KeychainStore.answers(), "no Secret Service answers: run the tests through scripts/test.sh");
    }

    @AfterEach
    void cleanUp() {
        new StoreEdits(store).clearSessions(Optional.empty());
        store.edit(editor -> editor.remove(ItemKey.keys("main")));
        home.close();
    }

    @Test
    void roundTripsKeysAndSessions() {
        assertEquals(List.of(), store.list());
        store.update(editor -> {
            editor.put(keys);
            editor.put(session);
        });
        KeychainStore another = new KeychainStore(service, new PrivateFiles(home.environment()::display),
                home.path().resolve(".jvault/keychain.lock"));
        assertEquals(Optional.of(keys), another.get(ItemKey.keys("main")));
        assertEquals(Optional.of(session), another.get(session.key()));
        assertEquals(List.of(keys.info(), session.info()), another.list());
        assertTrue(another.describe().startsWith("keychain ("), another.describe());
    }

    @Test
    void removesEntriesAndReportsMissingOnesAsAbsent() {
        StoreEdits credentials = new StoreEdits(store);
        credentials.enrol(keys);
        store.update(editor -> {
            editor.put(session);
        });
        assertEquals(1, credentials.remove("main", true));
        assertEquals(Optional.empty(), store.get(session.key()));
        assertEquals(List.of(keys.info()), store.list());
        assertEquals(Optional.empty(), store.get(ItemKey.keys("nobody")));
    }
}

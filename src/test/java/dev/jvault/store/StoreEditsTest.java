package dev.jvault.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jvault.keys.AwsKeys;
import dev.jvault.testing.SandboxHome;
import dev.jvault.testing.TestVaults;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StoreEditsTest {

    private final SandboxHome home = new SandboxHome();
    private StoreEdits edits;

    private static StoredItem.LongLivedKeys keys(String profile, String id) {
        return new StoredItem.LongLivedKeys(profile, id, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", Instant.EPOCH);
    }

    private static StoredItem.CachedSession session(String root, String profile, String cacheKey) {
        return new StoredItem.CachedSession(root, profile, cacheKey, "session " + cacheKey,
                AwsKeys.temporary("ASIAEXAMPLEEXAMPLE01", "s".repeat(40), "t", Instant.EPOCH.plusSeconds(3600)));
    }

    @BeforeEach
    void fill() {
        edits = new StoreEdits(TestVaults.cheap(home));
        edits.enrol(keys("main", "AKIAIOSFODNN7EXAMPLE"));
        edits.enrol(keys("other", "AKIAOTHEROTHEROTHER1"));
        edits.backend().update(editor -> {
            editor.put(session("main", "main", "s1"));
            editor.put(session("main", "dev-1", "s2"));
            editor.put(session("other", "other", "s3"));
        });
    }

    @AfterEach
    void cleanUp() {
        home.close();
    }

    private List<String> keysLeft() {
        return edits.backend().list().stream().map(info -> info.key().account()).toList();
    }

    @Test
    void replacingKeysDropsTheSessionsMadeFromThem() {
        assertEquals(2, edits.enrol(keys("main", "AKIANEWNEWNEWNEWNEW1")));
        assertEquals(Optional.of("AKIANEWNEWNEWNEWNEW1"), edits.keys("main").map(StoredItem.LongLivedKeys::accessKeyId));
        assertEquals(List.of("keys/main", "keys/other", "session/other/s3"), keysLeft());
    }

    @Test
    void removesAProfileOrOnlyItsSessions() {
        assertEquals(2, edits.remove("main", true));
        assertEquals(List.of("keys/main", "keys/other", "session/other/s3"), keysLeft());
        assertEquals(1, edits.remove("main", false));
        StoreException none = assertThrows(StoreException.class, () -> edits.remove("main", false));
        assertEquals(StoreException.Reason.NOT_FOUND, none.reason());
        assertEquals("nothing stored for profile main in file ~/.jvault/vault.jvlt (jvault list shows what is there)", none.getMessage());
    }

    @Test
    void clearsSessionsOfOneProfileOrAll() {
        assertEquals(1, edits.clearSessions(Optional.of("dev-1")), "made for dev-1");
        assertEquals(2, edits.clearSessions(Optional.empty()));
        assertEquals(List.of("keys/main", "keys/other"), keysLeft());
    }
}

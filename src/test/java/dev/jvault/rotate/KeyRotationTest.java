package dev.jvault.rotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvault.error.JvaultException;
import dev.jvault.files.PrivateFiles;
import dev.jvault.keys.AwsKeys;
import dev.jvault.store.StoreEdits;
import dev.jvault.store.StoredItem;
import dev.jvault.store.file.FileStore;
import dev.jvault.testing.MutableClock;
import dev.jvault.testing.SandboxHome;
import dev.jvault.testing.TestVaults;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rotation's logic against an in-memory IAM: whatever step fails or is cut short, a key IAM
 * knows stays stored, and the next run finishes the job.
 */
class KeyRotationTest {

    private static final String OLD_ID = "AKIAOLDOLDOLDOLDOLD1";

    private final SandboxHome home = new SandboxHome();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T08:00:00Z"));
    private final FileStore vault = TestVaults.cheap(home);
    private final StoreEdits store = new StoreEdits(vault);
    private final FakeIam iam = new FakeIam();

    KeyRotationTest() {
        store.enrol(new StoredItem.LongLivedKeys("main", OLD_ID, "o".repeat(40), Instant.EPOCH));
        iam.keys.put(OLD_ID, new Key(Instant.EPOCH, "o".repeat(40)));
    }

    @AfterEach
    void cleanUp() {
        home.close();
    }

    private record Key(Instant created, String secret) {
    }

    /** IAM's keys of one user; a step can be made to fail, and a new key to take a while to work. */
    private final class FakeIam implements IamGateway {
        final Map<String, Key> keys = new LinkedHashMap<>();
        final List<String> calls = new ArrayList<>();
        String failing = "";
        int notYetWorking;
        int made;

        @Override
        public String owner(AwsKeys from, String keyId) {
            return "alice";
        }

        @Override
        public List<AccessKey> accessKeys(AwsKeys from, String user) {
            return keys.entrySet().stream().map(e -> new AccessKey(e.getKey(), e.getValue().created())).toList();
        }

        @Override
        public NewKey createAccessKey(AwsKeys from, String user) {
            calls.add("create");
            String id = "AKIANEWNEWNEWNEWNEW" + ++made;
            keys.put(id, new Key(clock.instant(), "n".repeat(40)));
            fail("create");
            return new NewKey(id, "n".repeat(40));
        }

        @Override
        public void deleteAccessKey(AwsKeys from, String user, String keyId) {
            calls.add("delete " + keyId);
            fail("delete");
            keys.remove(keyId);
        }

        @Override
        public boolean works(AwsKeys key) {
            return keys.containsKey(key.accessKeyId()) && notYetWorking-- <= 0;
        }

        private void fail(String step) {
            if (failing.equals(step)) {
                failing = "";
                throw new JvaultException(dev.jvault.error.ExitStatus.STS, "IAM failed at " + step);
            }
        }
    }

    private KeyRotation rotation(java.util.function.Consumer<String> afterStep) {
        return new KeyRotation(store, iam, home.path().resolve(".jvault/rotating"), new PrivateFiles(home.environment()::display),
                clock, Duration.ofSeconds(30), clock::advance, afterStep);
    }

    private KeyRotation.Result rotate() {
        return rotation(step -> assertAWorkingKeyIsStored()).rotate("main", () -> stored());
    }

    private AwsKeys stored() {
        StoredItem.LongLivedKeys keys = store.keys("main").orElseThrow();
        return new AwsKeys(keys.accessKeyId(), keys.secretAccessKey(), Optional.empty(), Optional.empty());
    }

    private void assertAWorkingKeyIsStored() {
        assertTrue(iam.keys.containsKey(store.keys("main").orElseThrow().accessKeyId()), "the stored key is one IAM has");
    }

    @Test
    void makesStoresChecksThenDeletes() {
        iam.notYetWorking = 3;
        KeyRotation.Result result = rotate();
        assertEquals(OLD_ID, result.oldKeyId());
        assertEquals(List.of("create", "delete " + OLD_ID), iam.calls, "the old key goes only after the new one works");
        assertEquals(List.of(result.newKeyId()), List.copyOf(iam.keys.keySet()));
        assertEquals(result.newKeyId(), store.keys("main").orElseThrow().accessKeyId());
        assertTrue(clock.instant().isAfter(Instant.parse("2026-11-23T08:00:05Z")), "it waited for the key to work");
    }

    @Test
    void aUserWithTwoKeysIsToldWhichToDeleteAndNothingChanges() {
        iam.keys.put("AKIAOTHEROTHEROTHER1", new Key(Instant.EPOCH, "x"));
        JvaultException error = assertThrows(JvaultException.class, this::rotate);
        assertTrue(error.getMessage().contains("has two access keys already (IAM's limit): AKIA****OLD1 (stored) and"
                + " AKIA****HER1; delete AKIA****HER1 if nothing uses it"), error.getMessage());
        assertEquals(List.of(), iam.calls);
    }

    @Test
    void cutShortAfterIamMadeTheKeyTheNextRunDeletesTheLostKeyAndRotates() {
        assertThrows(Halted.class, () -> rotation(step -> {
            if (step.equals("created")) {
                throw new Halted();
            }
        }).rotate("main", this::stored));
        assertEquals(OLD_ID, store.keys("main").orElseThrow().accessKeyId(), "the old key is still stored and works");
        assertEquals(2, iam.keys.size());
        KeyRotation.Result result = rotate();
        assertTrue(result.notes().getFirst().startsWith("deleted AKIA****NEW1, made by the rotation begun at"), result.notes().toString());
        assertEquals(List.of(result.newKeyId()), List.copyOf(iam.keys.keySet()));
        assertEquals("AKIANEWNEWNEWNEWNEW2", store.keys("main").orElseThrow().accessKeyId());
    }

    @Test
    void cutShortAfterTheNewKeyWasStoredTheNextRunFinishes() {
        assertThrows(Halted.class, () -> rotation(step -> {
            if (step.equals("stored")) {
                throw new Halted();
            }
        }).rotate("main", this::stored));
        assertNotEquals(OLD_ID, store.keys("main").orElseThrow().accessKeyId());
        KeyRotation.Result result = rotate();
        assertTrue(result.notes().getFirst().startsWith("finishing the rotation begun at"), result.notes().toString());
        assertEquals(List.of("AKIANEWNEWNEWNEWNEW1"), List.copyOf(iam.keys.keySet()));
    }

    @Test
    void iamFailingAtAnyStepLeavesAWorkingKeyStoredAndTheNextRunFinishes() {
        for (String step : List.of("create", "delete")) {
            iam.failing = step;
            assertThrows(JvaultException.class, this::rotate, step);
            assertAWorkingKeyIsStored();
            rotate();
            assertEquals(1, iam.keys.size(), "after " + step + " failed and a second run: " + iam.keys);
            assertAWorkingKeyIsStored();
        }
    }

    @Test
    void aKeyThatNeverWorksIsSaidAndTheOldOneKept() {
        iam.notYetWorking = Integer.MAX_VALUE;
        JvaultException error = assertThrows(JvaultException.class, this::rotate);
        assertTrue(error.getMessage().contains("STS did not accept it within 30s; the old key still works and is kept"),
                error.getMessage());
        assertTrue(iam.keys.containsKey(OLD_ID));
        assertAWorkingKeyIsStored();
    }

    /** Stands in for the process ending at a step. */
    private static final class Halted extends RuntimeException {
    }

    @Test
    void keysThatAreNotTheUsersOrADamagedMarkerChangeNothing() throws Exception {
        iam.keys.clear();
        iam.keys.put("AKIAELSEWHEREELSEWH1", new Key(Instant.EPOCH, "x"));
        JvaultException elsewhere = assertThrows(JvaultException.class, this::rotate);
        assertTrue(elsewhere.getMessage().startsWith("IAM user alice has no key AKIA****OLD1"), elsewhere.getMessage());

        iam.keys.clear();
        iam.keys.put(OLD_ID, new Key(Instant.EPOCH, "o".repeat(40)));
        java.nio.file.Path marker = home.path().resolve(".jvault/rotating/main");
        java.nio.file.Files.createDirectories(marker.getParent());
        java.nio.file.Files.writeString(marker, "garbage\n");
        JvaultException damaged = assertThrows(JvaultException.class, this::rotate);
        assertTrue(damaged.getMessage().endsWith("is not a rotation marker jvault wrote: check in IAM that the stored key"
                + " is the only one, then delete the file and run jvault rotate again (nothing was changed)"), damaged.getMessage());
        assertEquals(List.of(), iam.calls);
        assertEquals(OLD_ID, store.keys("main").orElseThrow().accessKeyId());
    }
}

package dev.jvault.store.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvault.files.FileException;
import dev.jvault.files.PrivateFiles;
import dev.jvault.keys.AwsKeys;
import dev.jvault.store.ItemKey;
import dev.jvault.store.StoreException;
import dev.jvault.store.StoredItem;
import dev.jvault.testing.SandboxHome;
import dev.jvault.testing.TestVaults;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class FileStoreTest {

    private final SandboxHome home = new SandboxHome();
    private final Path vault = home.path().resolve(".jvault/vault.jvlt");
    private final AtomicInteger asked = new AtomicInteger();
    private String passphrase = "pw";
    private final List<char[]> handedOut = new ArrayList<>();

    private final StoredItem.LongLivedKeys keys = new StoredItem.LongLivedKeys("main", "AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", Instant.ofEpochSecond(1_700_000_000));
    private final StoredItem.CachedSession session = new StoredItem.CachedSession("main", "dev-1", "k1", "AssumeRole x",
            AwsKeys.temporary("ASIAEXAMPLEEXAMPLE01", "s".repeat(40), "t".repeat(400), Instant.ofEpochSecond(1_800_000_000)));

    @AfterEach
    void cleanUp() {
        home.close();
    }

    private FileStore store(KdfParameters kdf) {
        PassphraseSource source = new PassphraseSource() {
            @Override
            public char[] existing(String name, int attempt) {
                asked.incrementAndGet();
                char[] chars = passphrase.toCharArray();
                handedOut.add(chars);
                return chars;
            }

            @Override
            public char[] create(String name) {
                return existing(name, 1);
            }

            @Override
            public char[] replacement(String name, java.util.function.Predicate<char[]> isCurrent) {
                return "new-pw".toCharArray();
            }
        };
        return new FileStore(vault, "~/.jvault/vault.jvlt", new PrivateFiles(home.environment()::display), source, kdf);
    }

    private FileStore store() {
        return store(VaultFormatTest.CHEAP);
    }

    @Test
    void roundTripsKeysAndSessionsAndAsksOncePerProcess() {
        FileStore writer = store();
        writer.update(editor -> {
            editor.put(keys);
            editor.put(session);
        });
        assertEquals(1, asked.get(), "a new vault asks once, for the new passphrase");
        FileStore reader = store();
        assertEquals(Optional.of(keys), reader.get(ItemKey.keys("main")));
        assertEquals(Optional.of(session), reader.get(session.key()));
        assertEquals(List.of(keys.info(), session.info()), reader.list());
        assertEquals(2, asked.get(), "the reader asked once for two reads");
    }

    @Test
    void thePassphraseIsWipedAsSoonAsTheVaultKeyIsDerived() {
        FileStore store = store();
        store.update(editor -> {
            editor.put(keys);
        });
        store.update(editor -> {
            editor.put(session);
        });
        assertEquals(Optional.of(keys), store.get(ItemKey.keys("main")));
        assertEquals(1, asked.get(), "the vault key serves every later read and write");
        store().list();
        assertEquals(2, handedOut.size());
        handedOut.forEach(chars -> assertArrayEquals(new char[chars.length], chars, "a passphrase left in memory"));
    }

    @Test
    void readsFormat1AndWritesFormat2() throws Exception {
        Files.createDirectories(vault.getParent(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try (var fixture = FileStoreTest.class.getResourceAsStream("format1-cheap-pw.jvlt")) {
            Files.write(vault, fixture.readAllBytes());
        }
        Files.setPosixFilePermissions(vault, PosixFilePermissions.fromString("rw-------"));
        assertEquals(Optional.of(keys), store().get(ItemKey.keys("main")));
        store().update(editor -> {
            editor.put(session);
        });
        assertEquals(2, Files.readAllBytes(vault)[4], "the next write upgrades the format");
        assertEquals(List.of(keys.info(), session.info()), store().list());
    }

    @Test
    void followsASymlinkedVaultKeepsTheLinkAndChecksTheRealFolder() throws Exception {
        Path realDir = Files.createDirectory(home.path().resolve("synced"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.createDirectories(vault.getParent());
        Files.createSymbolicLink(vault, realDir.resolve("vault.jvlt"));
        store().update(editor -> {
            editor.put(keys);
        });
        assertTrue(Files.isSymbolicLink(vault), "the link stays a link");
        assertTrue(Files.isRegularFile(realDir.resolve("vault.jvlt"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertEquals(Optional.of(keys), store().get(ItemKey.keys("main")));
        Files.setPosixFilePermissions(realDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals(FileException.Reason.INSECURE, assertThrows(FileException.class, () -> store().list()).reason());
    }

    @Test
    void refusesAVaultOwnedByAnotherUser() throws Exception {
        store().update(editor -> {
            editor.put(keys);
        });
        UserPrincipal nobody = vault.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Assumptions.assumeTrue(System.getProperty("user.name").equals("root"), "only root can give a file away");
        Files.setOwner(vault, nobody);
        FileException foreign = assertThrows(FileException.class, () -> store().list());
        assertEquals(FileException.Reason.INSECURE, foreign.reason());
        assertEquals("~/.jvault/vault.jvlt belongs to nobody, not to you (root): jvault uses only files you own; move it aside",
                foreign.getMessage());
    }

    @Test
    void aMissingVaultIsEmptyAndNeedsNoPassphrase() {
        assertEquals(List.of(), store().list());
        assertEquals(0, asked.get());
        assertTrue(Files.notExists(vault));
    }

    @Test
    void createsAPrivateFolderAndFile() throws Exception {
        store().update(editor -> {
            editor.put(keys);
        });
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(vault.getParent())));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(vault)));
    }

    @Test
    void createsEveryMissingFolderPrivateWhateverTheUmask() throws Exception {
        Path deep = home.path().resolve(".jvault/a/b/vault.jvlt");
        TestVaults.cheap(home, ".jvault/a/b/vault.jvlt").update(editor -> editor.put(keys));
        for (Path folder : List.of(home.path().resolve(".jvault"), deep.getParent().getParent(), deep.getParent())) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)), folder.toString());
        }
    }

    @Test
    void refusesLooseModesWithTheChmodToRun() throws Exception {
        store().update(editor -> {
            editor.put(keys);
        });
        Files.setPosixFilePermissions(vault, PosixFilePermissions.fromString("rw-r--r--"));
        FileException file = assertThrows(FileException.class, () -> store().list());
        assertEquals(FileException.Reason.INSECURE, file.reason());
        assertEquals("~/.jvault/vault.jvlt can be read by other users (mode rw-r--r--): run chmod 600 ~/.jvault/vault.jvlt",
                file.getMessage());
        Files.setPosixFilePermissions(vault, PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(vault.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        assertTrue(assertThrows(FileException.class, () -> store().list()).getMessage().endsWith("run chmod 700 ~/.jvault"));
    }

    @Test
    void aWrongPassphraseOrDamageLeavesTheVaultAsItWas() throws Exception {
        store().update(editor -> {
            editor.put(keys);
        });
        byte[] before = Files.readAllBytes(vault);
        passphrase = "wrong";
        StoreException wrong = assertThrows(StoreException.class, () -> store().update(editor -> {
            editor.put(session);
        }));
        assertEquals(StoreException.Reason.WRONG_PASSPHRASE, wrong.reason());
        assertArrayEquals(before, Files.readAllBytes(vault));

        passphrase = "pw";
        byte[] damaged = before.clone();
        damaged[damaged.length - 3] ^= 0x40;
        Files.write(vault, damaged);
        assertEquals(StoreException.Reason.DAMAGED, assertThrows(StoreException.class, () -> store().update(editor -> {
            editor.put(session);
        })).reason());
        assertArrayEquals(damaged, Files.readAllBytes(vault));
    }

    @Test
    void everyWriteUsesTheCurrentParameters() throws Exception {
        store(new KdfParameters(32, 1, 1)).update(editor -> {
            editor.put(keys);
        });
        KdfParameters stronger = new KdfParameters(256, 2, 2);
        store(stronger).update(editor -> {
            editor.put(session);
        });
        ByteBuffer header = ByteBuffer.wrap(Files.readAllBytes(vault));
        assertEquals(stronger, new KdfParameters(header.getInt(6), header.getInt(10), header.get(14)));
    }

    @Test
    void anEditThatChangesNothingWritesNothing() throws Exception {
        store().update(editor -> {
            editor.put(keys);
        });
        byte[] before = Files.readAllBytes(vault);
        store().edit(editor -> editor.remove(ItemKey.keys("nobody")));
        assertArrayEquals(before, Files.readAllBytes(vault));
    }

    @Test
    void removesLeftoversOfAKilledWrite() throws Exception {
        store().update(editor -> {
            editor.put(keys);
        });
        Path leftover = Files.writeString(vault.resolveSibling(".vault.jvlt.tmp-1234"), "half a vault");
        store().update(editor -> {
            editor.put(session);
        });
        assertTrue(Files.notExists(leftover));
    }

    @Test
    void changesThePassphrase() {
        store().update(editor -> {
            editor.put(keys);
        });
        store().changePassphrase();
        passphrase = "new-pw";
        assertEquals(Optional.of(keys), store().get(ItemKey.keys("main")));
        passphrase = "pw";
        assertEquals(StoreException.Reason.WRONG_PASSPHRASE, assertThrows(StoreException.class, () -> store().list()).reason());
    }
}

package dev.jvault.store.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jvault.error.ExitStatus;
import dev.jvault.error.JvaultException;
import dev.jvault.prompt.Passphrases;
import dev.jvault.testing.SandboxHome;
import dev.jvault.testing.ScriptedPrompter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StoreSelectionTest {

    private final SandboxHome home = new SandboxHome();

    @AfterEach
    void cleanUp() {
        home.close();
    }

    private StoreSelection selection(String backendOption) {
        return new StoreSelection(home.environment(), Optional.ofNullable(backendOption), Optional.empty(),
                new Passphrases(home.environment(), ScriptedPrompter.noTerminal()));
    }

    @Test
    void theOptionWinsThenTheEnvironmentThenWhatWasRemembered() throws Exception {
        home.set("JVAULT_BACKEND", "keychain");
        assertEquals(new StoreLocation.Choice(StoreLocation.Backend.FILE, "--backend"), selection("file").choose());
        assertEquals(new StoreLocation.Choice(StoreLocation.Backend.KEYCHAIN, "$JVAULT_BACKEND"), selection(null).choose());
        home.set("JVAULT_BACKEND", "");
        Files.createDirectories(home.path().resolve(".jvault"));
        Files.writeString(home.path().resolve(".jvault/backend"), "keychain\n");
        assertEquals(new StoreLocation.Choice(StoreLocation.Backend.KEYCHAIN, "~/.jvault/backend"), selection(null).choose());
    }

    @Test
    void anExistingVaultFileIsTheDefault() throws Exception {
        Files.createDirectories(home.path().resolve(".jvault"));
        Files.writeString(home.path().resolve(".jvault/vault.jvlt"), "");
        assertEquals(StoreLocation.Backend.FILE, selection(null).choose().backend());
    }

    @Test
    void remembersOnlyTheFirstChoice() throws Exception {
        StoreSelection selection = selection(null);
        selection.remember(new StoreLocation.Choice(StoreLocation.Backend.FILE, "test"));
        selection.remember(new StoreLocation.Choice(StoreLocation.Backend.KEYCHAIN, "test"));
        Path marker = home.path().resolve(".jvault/backend");
        assertEquals("file\n", Files.readString(marker));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(marker)));
    }

    @Test
    void anUnknownBackendIsNamed() {
        JvaultException error = assertThrows(JvaultException.class, () -> selection("vault").choose());
        assertEquals("--backend names backend 'vault': it is keychain or file", error.getMessage());
        assertEquals(ExitStatus.USAGE.code(), error.exitStatus());
        home.set("AWS_VAULT_BACKEND", "flie");
        JvaultException fromEnv = assertThrows(JvaultException.class, () -> selection(null).choose());
        assertEquals("$AWS_VAULT_BACKEND names backend 'flie': it is keychain or file; did you mean file?", fromEnv.getMessage());
        assertEquals(ExitStatus.CONFIG.code(), fromEnv.exitStatus());
        home.set("AWS_VAULT_BACKEND", "secret-service");
        assertEquals(StoreLocation.Backend.KEYCHAIN, selection(null).choose().backend(), "aws-vault's name for the Linux keychain");
        home.set("JVAULT_BACKEND", "file");
        assertEquals(StoreLocation.Backend.FILE, selection(null).choose().backend(), "jvault's own variable wins");
    }

    @Test
    void theVaultFileComesFromTheOptionTheEnvironmentOrHome() {
        assertEquals(home.path().resolve(".jvault/vault.jvlt"), selection(null).vaultFile());
        home.set("JVAULT_VAULT_FILE", home.path().resolve("elsewhere.jvlt").toString());
        assertEquals(home.path().resolve("elsewhere.jvlt"), selection(null).vaultFile());
        assertEquals(StoreLocation.Backend.FILE, selection(null).choose().backend());
    }
}

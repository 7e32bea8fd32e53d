package dev.jvault.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvault.config.CredentialsFileText;
import dev.jvault.files.FileException;
import dev.jvault.files.PrivateFiles;
import dev.jvault.testing.SandboxHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** jvault's edits of ~/.aws/credentials: links, owners, other sections, and checking the result. */
class CredentialsFileWriterTest {

    private static final String ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String MAIN = "[main]\naws_access_key_id = " + ID + "\naws_secret_access_key = " + SECRET + "\n";

    private final SandboxHome home = new SandboxHome();
    private final Path credentials = home.awsCredentials();

    @AfterEach
    void cleanUp() {
        home.close();
    }

    private CredentialsFileWriter writer() {
        return new CredentialsFileWriter(credentials, "~/.aws/credentials", home.path().resolve(".jvault"),
                new PrivateFiles(home.environment()::display));
    }

    @Test
    void removesTheKeysThroughASymbolicLinkAndKeepsTheLink() throws Exception {
        Path dotfiles = Files.createDirectories(home.path().resolve("dotfiles"));
        Path target = Files.writeString(dotfiles.resolve("aws-credentials"), MAIN + "region = eu-west-1\n");
        Files.createSymbolicLink(credentials, target);
        assertEquals(List.of(), writer().removeKeys("main", ID, SECRET));
        assertTrue(Files.isSymbolicLink(credentials), "the dotfile manager's link stays");
        assertEquals("[main]\nregion = eu-west-1\n", Files.readString(target));
        assertFalse(Files.readString(target).contains(SECRET));
    }

    @Test
    void refusesAFileWithOtherHardLinksAndChangesNothing() throws Exception {
        home.credentials(MAIN);
        Path other = Files.createLink(home.path().resolve("backup-credentials"), credentials);
        FileException refused = assertThrows(FileException.class, () -> writer().removeKeys("main", ID, SECRET));
        assertEquals(FileException.Reason.INSECURE, refused.reason());
        assertTrue(refused.getMessage().startsWith("~/.aws/credentials has other hard links"), refused.getMessage());
        assertEquals(MAIN, Files.readString(credentials));
        assertEquals(MAIN, Files.readString(other));
    }

    @Test
    void refusesAFileOfAnotherUser() throws Exception {
        Assumptions.assumeTrue(System.getProperty("user.name").equals("root"), "only root can give a file away");
        home.credentials(MAIN);
        UserPrincipal nobody = credentials.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(credentials, nobody);
        FileException refused = assertThrows(FileException.class, () -> writer().removeKeys("main", ID, SECRET));
        assertEquals(FileException.Reason.INSECURE, refused.reason());
        assertEquals(nobody, Files.getOwner(credentials), "still the other user's");
        assertEquals(MAIN, Files.readString(credentials));
    }

    @Test
    void namesOtherSectionsThatStillHoldTheSameKeys() throws Exception {
        home.credentials(MAIN + "\n[default]\naws_access_key_id = " + ID + "\naws_secret_access_key = " + SECRET + "\n");
        assertEquals(List.of("default"), writer().removeKeys("main", ID, SECRET));
        assertFalse(Files.readString(credentials).startsWith(MAIN));
    }

    @Test
    void writesAndRemovesOnlySectionsItMarkedAsItsOwn() throws Exception {
        String other = "[default]\naws_access_key_id = " + ID + "\naws_secret_access_key = " + SECRET + "\n";
        home.credentials(other);
        List<String> lines = List.of("aws_access_key_id = ASIAX", "aws_secret_access_key = s", "aws_session_token = t");
        StoreException replace = assertThrows(StoreException.class, () -> writer().writeSection("default", lines));
        assertTrue(replace.getMessage().startsWith("[default] in ~/.aws/credentials was not written by jvault export"),
                replace.getMessage());
        assertThrows(StoreException.class, () -> writer().removeSection("default"));
        assertEquals(other, Files.readString(credentials), "another account's keys are untouched");

        writer().writeSection("jvault-dev-1", lines);
        String written = Files.readString(credentials);
        assertTrue(written.endsWith("\n[jvault-dev-1]\n" + CredentialsFileText.MARK + "\naws_access_key_id = ASIAX\n"
                + "aws_secret_access_key = s\naws_session_token = t\n"), written);
        writer().writeSection("jvault-dev-1", List.of("aws_access_key_id = ASIAY"));
        assertTrue(Files.readString(credentials).contains("aws_access_key_id = ASIAY"));
        assertTrue(writer().removeSection("jvault-dev-1"));
        assertEquals(other, Files.readString(credentials), "byte for byte as it was");
        assertFalse(writer().removeSection("jvault-dev-1"), "nothing was there the second time");
    }

    @Test
    void writeThenRemoveLeavesAnyFileByteForByteAsItWas() throws Exception {
        List<String> lines = List.of("aws_access_key_id = ASIAX", "aws_secret_access_key = s");
        for (String before : List.of("", MAIN, MAIN + "\n", MAIN + "\n\n", "[main]\r\nregion = x\r\n", "# only a comment",
                MAIN + "# a comment about what follows\n")) {
            Files.writeString(credentials, before);
            for (int cycle = 0; cycle < 3; cycle++) {
                writer().writeSection("jvault-dev-1", lines);
                assertTrue(writer().removeSection("jvault-dev-1"));
            }
            // A last line without its newline gets one (written before the section): the only byte that may change.
            String expected = before.isEmpty() || before.endsWith("\n") ? before : before + "\n";
            assertEquals(expected, Files.readString(credentials), "three cycles on " + before.replace("\n", "\\n"));
        }
    }

    @Test
    void aFileWriteCreatedGoesAgainWithItsLastSectionAndAFileThatWasThereStays() throws Exception {
        List<String> lines = List.of("aws_access_key_id = ASIAX", "aws_secret_access_key = s");
        Files.deleteIfExists(credentials);
        writer().writeSection("jvault-dev-1", lines);
        writer().writeSection("jvault-dev-2", lines);
        assertTrue(Files.readString(credentials).startsWith(CredentialsFileWriter.CREATED_LINE + "\n"));
        assertTrue(writer().removeSection("jvault-dev-1"));
        assertTrue(Files.exists(credentials), "one section is still in it");
        assertTrue(writer().removeSection("jvault-dev-2"));
        assertFalse(Files.exists(credentials), "gone with its last section: it was not there before");

        // Something of the user's added in between keeps the file.
        writer().writeSection("jvault-dev-1", lines);
        Files.writeString(credentials, Files.readString(credentials) + "[mine]\nregion = x\n");
        assertTrue(writer().removeSection("jvault-dev-1"));
        assertTrue(Files.readString(credentials).contains("[mine]"));
    }
}

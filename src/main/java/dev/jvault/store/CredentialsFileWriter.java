package dev.jvault.store;

import dev.jvault.config.CredentialsFileText;
import dev.jvault.files.PrivateFiles;
import dev.jvault.store.StoreException.Reason;
import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;
import java.util.function.UnaryOperator;

/**
 * Edits the AWS credentials file for {@code add --remove-from-file} and {@code export --write}.
 * Each edit goes through any symbolic link to the file itself (the link stays, a dotfile
 * manager's for instance), refuses a file with other hard links or of another user (the old
 * contents would survive under another name, or the file would silently become ours), runs
 * under a lock so parallel jvaults do not lose each other's sections, and is read back to
 * check that the file now says what was meant.
 */
public final class CredentialsFileWriter {

    /** Far beyond any real credentials file. */
    static final long MAX_BYTES = 1024 * 1024;
    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(30);

    private final Path file;
    private final String name;
    private final Path lockFile;
    private final PrivateFiles files;

    /** @param jvaultDir jvault's own folder, which holds the lock (the credentials file's folder is not ours) */
    public CredentialsFileWriter(Path file, String name, Path jvaultDir, PrivateFiles files) {
        this.file = file;
        this.name = name;
        this.lockFile = jvaultDir.resolve("credentials-file.lock");
        this.files = files;
    }

    /**
     * Removes the key lines of {@code [profile]}, checks they are gone, and returns the other
     * sections that still hold the same access key id or secret in clear text.
     */
    public List<String> removeKeys(String profile, String accessKeyId, String secretAccessKey) {
        String after = rewrite(text -> CredentialsFileText.withoutKeys(text, profile));
        SequencedSet<String> holding = new LinkedHashSet<>(CredentialsFileText.sectionsWithValue(after, accessKeyId));
        holding.addAll(CredentialsFileText.sectionsWithValue(after, secretAccessKey));
        if (holding.contains(profile)) {
            throw new StoreException(Reason.IO, "the keys of [" + profile + "] are still in " + name
                    + " after the rewrite: remove the aws_access_key_id and aws_secret_access_key lines by hand");
        }
        return List.copyOf(holding);
    }

    /** Writes {@code [section]} with the lines, replacing only a section that jvault wrote before. */
    public void writeSection(String section, List<String> lines) {
        rewrite(text -> {
            requireWrittenByJvault(text, section);
            return CredentialsFileText.withSection(text, section, lines);
        });
    }

    /** Removes {@code [section]} if jvault wrote it; false when there was no such section. */
    public boolean removeSection(String section) {
        boolean[] present = new boolean[1];
        rewrite(text -> {
            present[0] = CredentialsFileText.hasSection(text, section);
            requireWrittenByJvault(text, section);
            return CredentialsFileText.withoutWrittenSection(text, section);
        });
        return present[0];
    }

    private void requireWrittenByJvault(String text, String section) {
        if (CredentialsFileText.hasSection(text, section) && !CredentialsFileText.isWrittenByJvault(text, section)) {
            throw new StoreException(Reason.BAD_INPUT, "[" + section + "] in " + name + " was not written by jvault"
                    + " export (it lacks jvault's mark line), so jvault leaves it alone: choose another --section, or"
                    + " edit that section by hand");
        }
    }

    /** Edits the file under the lock and returns its text as read back from disk. */
    private String rewrite(UnaryOperator<String> edit) {
        files.ensureDirectory(lockFile.getParent());
        try (FileLock lock = files.lock(lockFile, LOCK_TIMEOUT)) {
            Path real = files.realFile(file);
            files.requireRegularFileIfPresent(real);
            files.requireOwnedByUser(real);
            files.requireSingleLink(real);
            String before = files.readText(real, MAX_BYTES);
            String after = edit.apply(before);
            if (!after.equals(before)) {
                if (!Files.isDirectory(real.getParent())) {
                    files.ensureDirectory(real.getParent());
                }
                files.writeAtomically(real, after.getBytes(StandardCharsets.UTF_8));
            }
            String onDisk = files.readText(real, MAX_BYTES);
            if (!onDisk.equals(after)) {
                throw new StoreException(Reason.IO, name + " changed while jvault rewrote it (another program?):"
                        + " check it, then run again");
            }
            return onDisk;
        } catch (IOException e) {
            throw new StoreException(Reason.IO, "cannot release the lock on " + name + ": " + e.getMessage(), e);
        }
    }
}

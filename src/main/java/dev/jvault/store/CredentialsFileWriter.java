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
import java.util.Optional;
import java.util.SequencedSet;

/**
 * Edits the AWS credentials file for {@code add --remove-from-file} and {@code export --write}.
 * Each edit goes through any symbolic link to the file itself (the link stays, a dotfile
 * manager's for instance), refuses a file with other hard links or of another user (the old
 * contents would survive under another name, or the file would silently become ours), runs
 * under a lock so parallel jvaults do not lose each other's sections, and is read back to
 * check that the file now says what was meant.
 */
public final class CredentialsFileWriter {

    /**
     * The first line of a credentials file that {@code --write} created: removing the last section
     * then removes the file too, instead of leaving an empty one that was never there.
     */
    static final String CREATED_LINE = "# Created by jvault export --write, which deletes the file again with its last section.";

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
        String after = rewrite((text, existed) -> Optional.of(CredentialsFileText.withoutKeys(text, profile)));
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
        rewrite((text, existed) -> {
            requireWrittenByJvault(text, section);
            return Optional.of(CredentialsFileText.withSection(existed ? text : CREATED_LINE + "\n", section, lines));
        });
    }

    /** Removes {@code [section]} if jvault wrote it; false when there was no such section. */
    public boolean removeSection(String section) {
        boolean[] present = new boolean[1];
        rewrite((text, existed) -> {
            present[0] = CredentialsFileText.hasSection(text, section);
            requireWrittenByJvault(text, section);
            String after = CredentialsFileText.withoutWrittenSection(text, section);
            return after.strip().equals(CREATED_LINE) ? Optional.empty() : Optional.of(after);
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

    /** An edit of the file's text ({@code existed}: whether there was a file at all); empty deletes the file. */
    @FunctionalInterface
    private interface Edit {
        Optional<String> apply(String text, boolean existed);
    }

    /** Edits the file under the lock and returns its text as read back from disk (empty once deleted). */
    private String rewrite(Edit edit) {
        files.ensureDirectory(lockFile.getParent());
        try (FileLock lock = files.lock(lockFile, LOCK_TIMEOUT)) {
            Path real = files.realFile(file);
            files.requireRegularFileIfPresent(real);
            files.requireOwnedByUser(real);
            files.requireSingleLink(real);
            String before = files.readText(real, MAX_BYTES);
            Optional<String> edited = edit.apply(before, Files.exists(real));
            if (edited.isEmpty()) {
                Files.deleteIfExists(real);
                return "";
            }
            String after = edited.get();
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

package dev.jvault.rotate;

import dev.jvault.error.ExitStatus;
import dev.jvault.error.JvaultException;
import dev.jvault.files.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * What a rotation in progress left on disk: the id of the key it replaces and when it began
 * (no secret; 0600 in jvault's 0700 folder). Written before IAM makes the new key and removed
 * once the old one is deleted, so a rotation cut short anywhere is finished by the next one.
 */
final class RotationMarker {

    record State(String oldKeyId, Instant started) {
    }

    private final Path file;
    private final PrivateFiles files;

    RotationMarker(Path dir, String profile, PrivateFiles files) {
        this.file = dir.resolve(profile);
        this.files = files;
    }

    /** The marker, if any; one that is damaged is an error saying how to start over (nothing was changed). */
    Optional<State> read() {
        try {
            String[] fields = Files.readString(file).strip().split(" ");
            return Optional.of(new State(fields[0], Instant.parse(fields[1])));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            throw new JvaultException(ExitStatus.DATA, file + " is not a rotation marker jvault wrote: check in IAM that"
                    + " the stored key is the only one, then delete the file and run jvault rotate again (nothing was changed)");
        }
    }

    void write(State state) {
        files.ensureDirectory(file.getParent());
        files.writeAtomically(file, (state.oldKeyId() + " " + state.started() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    void remove() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new JvaultException(ExitStatus.IO, "cannot remove " + file + " (" + e.getMessage() + "): the keys are"
                    + " rotated; delete the file by hand");
        }
    }
}

package dev.jvault.rotate;

import dev.jvault.error.ExitStatus;
import dev.jvault.error.JvaultException;
import dev.jvault.files.PrivateFiles;
import dev.jvault.keys.AwsKeys;
import dev.jvault.store.StoreEdits;
import dev.jvault.store.StoredItem;
import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Replaces a profile's long-lived keys: a new key in IAM, stored at once, proven to work, then the
 * old key deleted in IAM. At no moment is the user without a working stored key: before the new
 * key is stored the old one is untouched, and it is deleted only after the new one works. A
 * {@link RotationMarker} written before IAM makes the key lets the next run finish a rotation cut
 * short anywhere: if the new key was stored, it is checked and the old one deleted; if not (its
 * secret was lost with the process), the keys IAM made since the rotation began are deleted and
 * the rotation starts again. One rotation of a profile runs at a time: each holds the profile's
 * lock from the first read of the stored key to the last IAM call, so a second one started
 * meanwhile waits, then starts from the key the first one stored.
 */
public final class KeyRotation {

    /** What changed, and what was found left over from an earlier run. */
    public record Result(String oldKeyId, String newKeyId, int droppedSessions, List<String> notes) {
    }

    /** Waits between checks that a new key works: a function so tests need not sleep. */
    public interface Pause {
        void pause(Duration duration);
    }

    private static final Duration CHECK_EVERY = Duration.ofSeconds(2);
    /** Longer than a rotation takes, MFA prompt and the wait for the new key included. */
    private static final Duration LOCK_TIMEOUT = Duration.ofMinutes(5);

    private final StoreEdits store;
    private final IamGateway iam;
    private final Path markers;
    private final PrivateFiles files;
    private final Clock clock;
    private final Duration settleWithin;
    private final Pause pause;
    private final Consumer<String> afterStep;

    /**
     * @param settleWithin how long a new key may take to work (IAM is eventually consistent)
     * @param afterStep    told "created", "stored" and "checked" as each step is done
     */
    public KeyRotation(StoreEdits store, IamGateway iam, Path markers, PrivateFiles files, Clock clock,
            Duration settleWithin, Pause pause, Consumer<String> afterStep) {
        this.store = store;
        this.iam = iam;
        this.markers = markers;
        this.files = files;
        this.clock = clock;
        this.settleWithin = settleWithin;
        this.pause = pause;
        this.afterStep = afterStep;
    }

    /** The profiles whose rotation was cut short and waits for the next {@code jvault rotate} (for {@code list}). */
    public static List<String> unfinished(Path markers) {
        try (Stream<Path> files = Files.list(markers)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new JvaultException(ExitStatus.IO, "cannot read " + markers + ": " + e.getMessage(), e);
        }
    }

    /** Where the markers of rotations in progress are kept. */
    public static Path markers(Path home) {
        return home.resolve(".jvault/rotating");
    }

    /** Where rotations take their per-profile locks: beside the markers, never among them. */
    private Path lockFile(String profile) {
        return markers.resolveSibling("locks").resolve("rotate-" + profile + ".lock");
    }

    /**
     * @param signer the credentials IAM calls are signed with: an MFA session of the keys, or the
     *        keys themselves; asked for under the lock, so that it signs with the key stored now
     */
    public Result rotate(String profile, Supplier<AwsKeys> signer) {
        Path lockFile = lockFile(profile);
        files.ensureDirectory(lockFile.getParent());
        try (FileLock lock = files.lock(lockFile, LOCK_TIMEOUT)) {
            return rotateLocked(profile, signer);
        } catch (IOException e) {
            throw new JvaultException(ExitStatus.IO, "cannot release " + lockFile + ": " + e.getMessage(), e);
        }
    }

    private Result rotateLocked(String profile, Supplier<AwsKeys> signer) {
        StoredItem.LongLivedKeys stored = store.keys(profile).orElseThrow(() -> new JvaultException(ExitStatus.NOT_FOUND,
                "no keys stored for " + profile + " to rotate: jvault add " + profile + " first"));
        RotationMarker marker = new RotationMarker(markers, profile, files);
        AwsKeys auth = signer.get();
        String user = iam.owner(auth, stored.accessKeyId());
        List<String> notes = new ArrayList<>();
        List<IamGateway.AccessKey> keys = iam.accessKeys(auth, user);
        Optional<RotationMarker.State> unfinished = marker.read();
        if (unfinished.isPresent()) {
            RotationMarker.State state = unfinished.get();
            if (!stored.accessKeyId().equals(state.oldKeyId())) {
                notes.add("finishing the rotation begun at " + state.started() + ": the new key was stored");
                return finish(profile, user, auth, stored, state.oldKeyId(), keys, 0, notes, marker);
            }
            for (IamGateway.AccessKey lost : keys) {
                if (!lost.id().equals(stored.accessKeyId()) && !lost.created().isBefore(state.started().minusSeconds(60))) {
                    iam.deleteAccessKey(auth, user, lost.id());
                    notes.add("deleted " + AwsKeys.masked(lost.id()) + ", made by the rotation begun at " + state.started()
                            + " and never stored");
                }
            }
            keys = iam.accessKeys(auth, user);
        }
        if (keys.stream().noneMatch(key -> key.id().equals(stored.accessKeyId()))) {
            throw new JvaultException(ExitStatus.DATA, "IAM user " + user + " has no key " + AwsKeys.masked(stored.accessKeyId())
                    + ": the stored keys of " + profile + " belong elsewhere; nothing was changed");
        }
        if (keys.size() >= 2) {
            String other = keys.stream().map(IamGateway.AccessKey::id).filter(id -> !id.equals(stored.accessKeyId()))
                    .findFirst().orElseThrow();
            // Key ids are shown masked, as everywhere in jvault: IAM's own listing gives the full one.
            throw new JvaultException(ExitStatus.DATA, "IAM user " + user + " has two access keys already (IAM's limit): "
                    + AwsKeys.masked(stored.accessKeyId()) + " (stored) and " + AwsKeys.masked(other) + "; delete "
                    + AwsKeys.masked(other) + " if nothing uses it (aws iam list-access-keys --user-name " + user + ", then"
                    + " aws iam delete-access-key --user-name " + user + " --access-key-id ...) and run again; nothing was changed");
        }
        marker.write(new RotationMarker.State(stored.accessKeyId(), clock.instant()));
        IamGateway.NewKey made = iam.createAccessKey(auth, user);
        afterStep.accept("created");
        StoredItem.LongLivedKeys fresh = new StoredItem.LongLivedKeys(profile, made.id(), made.secret(), clock.instant());
        int dropped = store.enrol(fresh);
        afterStep.accept("stored");
        return finish(profile, user, auth, fresh, stored.accessKeyId(), keys, dropped, notes, marker);
    }

    /** The stored (new) key proven to work, then the old one deleted in IAM and the marker removed. */
    private Result finish(String profile, String user, AwsKeys auth, StoredItem.LongLivedKeys fresh, String oldKeyId,
            List<IamGateway.AccessKey> keys, int dropped, List<String> notes, RotationMarker marker) {
        awaitWorking(AwsKeys.longLived(fresh.accessKeyId(), fresh.secretAccessKey()),
                profile);
        afterStep.accept("checked");
        if (keys.stream().anyMatch(key -> key.id().equals(oldKeyId))) {
            iam.deleteAccessKey(auth, user, oldKeyId);
        }
        marker.remove();
        return new Result(oldKeyId, fresh.accessKeyId(), dropped, notes);
    }

    private void awaitWorking(AwsKeys key, String profile) {
        Instant deadline = clock.instant().plus(settleWithin);
        while (!iam.works(key)) {
            if (!clock.instant().isBefore(deadline)) {
                throw new JvaultException(ExitStatus.STS, "the new key " + AwsKeys.masked(key.accessKeyId()) + " of "
                        + profile + " is stored, but STS did not accept it within " + settleWithin.toSeconds() + "s; the old"
                        + " key still works and is kept: run jvault rotate " + profile + " again later to finish");
            }
            pause.pause(CHECK_EVERY);
        }
    }
}

package dev.jvault.files;

import dev.jvault.files.FileException.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Files only their owner may read: folders 0700, files 0600, and looser modes refused with the
 * chmod that fixes them, as ssh does. Writes are atomic (temp file in the same folder, fsync,
 * rename, fsync of the folder): a crash leaves the old file or the new one, never a torn one.
 */
public final class PrivateFiles {

    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final String TEMP_MARK = ".tmp-";
    private static final int MAX_LINKS = 40;

    private final Function<Path, String> display;

    /** @param display how paths are named in messages (e.g. {@code ~/.jvault}) */
    public PrivateFiles(Function<Path, String> display) {
        this.display = display;
    }

    /**
     * Creates the folder when missing, and every missing folder above it, each 0700 whatever
     * the umask (a {@code ~/.jvault} made 0755 would be refused the next moment); else checks
     * that only its owner can enter it.
     */
    public void ensureDirectory(Path dir) {
        Path absolute = dir.toAbsolutePath();
        List<Path> missing = new ArrayList<>();
        for (Path folder = absolute; folder != null && !Files.isDirectory(folder); folder = folder.getParent()) {
            missing.addFirst(folder);
        }
        for (Path folder : missing) {
            try {
                if (posix(folder.getParent())) {
                    Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(OWNER_DIR));
                    // The umask may have taken bits away, never added: 0700 is what was asked.
                    Files.setPosixFilePermissions(folder, OWNER_DIR);
                } else {
                    Files.createDirectory(folder);
                }
            } catch (FileAlreadyExistsException raced) {
                // another jvault created it first: checked below like any existing folder
            } catch (IOException e) {
                throw new FileException(Reason.IO, "cannot create " + display.apply(folder) + ": " + e.getMessage(), e);
            }
        }
        requireOwnerOnly(dir, "700");
    }

    /**
     * Refuses a file or folder that belongs to another user, as ssh does: whoever owns it can
     * read what jvault puts there, or swap it. A missing path passes.
     */
    public void requireOwnedByUser(Path path) {
        try {
            if (!Files.exists(path) || !posix(path)) {
                return;
            }
            UserPrincipal owner = Files.getOwner(path);
            UserPrincipal user = path.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(System.getProperty("user.name"));
            if (!owner.equals(user)) {
                throw new FileException(Reason.INSECURE, display.apply(path) + " belongs to " + owner.getName()
                        + ", not to you (" + user.getName() + "): jvault uses only files you own; move it aside");
            }
        } catch (IOException e) {
            throw new FileException(Reason.IO, "cannot check the owner of " + display.apply(path) + ": " + e.getMessage(), e);
        }
    }

    /**
     * The file a path names, through any symbolic links, so that a write replaces the file itself
     * and keeps the link (a dotfile manager's, say). A missing file is named as given.
     */
    public Path realFile(Path path) {
        try {
            Path current = path.toAbsolutePath();
            // A link to a file not written yet is followed too: the file is created where the link points.
            for (int hops = 0; Files.isSymbolicLink(current); hops++) {
                if (hops == MAX_LINKS) {
                    throw new FileException(Reason.BAD_INPUT, display.apply(path) + ": too many levels of symbolic links");
                }
                current = current.resolveSibling(Files.readSymbolicLink(current)).normalize();
            }
            return Files.exists(current) ? current.toRealPath() : current;
        } catch (IOException e) {
            throw new FileException(Reason.IO, "cannot follow " + display.apply(path) + ": " + e.getMessage(), e);
        }
    }

    /** Refuses a path that exists but is not a regular file (a FIFO, a device, a folder). */
    public void requireRegularFileIfPresent(Path path) {
        if (Files.exists(path) && !Files.isRegularFile(path)) {
            throw new FileException(Reason.BAD_INPUT, display.apply(path) + " is not a regular file: point jvault at the"
                    + " file itself");
        }
    }

    /** Refuses a file with more than one hard link: an atomic rewrite would leave the old contents under the other names. */
    public void requireSingleLink(Path path) {
        try {
            if (Files.exists(path) && posix(path) && ((Number) Files.getAttribute(path, "unix:nlink")).intValue() > 1) {
                throw new FileException(Reason.INSECURE, display.apply(path) + " has other hard links: rewriting it would"
                        + " leave the old contents under those names; give it a single name (cp it, then replace it), then run again");
            }
        } catch (IOException | UnsupportedOperationException e) {
            // a file system without link counts has no hard links to worry about
        }
    }

    /** Refuses a file or folder that others could read or write. */
    public void requireOwnerOnly(Path path, String mode) {
        try {
            if (!posix(path) || !Files.exists(path)) {
                return;
            }
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
            boolean loose = permissions.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"));
            if (loose) {
                throw new FileException(Reason.INSECURE, display.apply(path) + " can be read by other users (mode "
                        + PosixFilePermissions.toString(permissions) + "): run chmod " + mode + " " + display.apply(path));
            }
        } catch (IOException e) {
            throw new FileException(Reason.IO, "cannot check " + display.apply(path) + ": " + e.getMessage(), e);
        }
    }

    public void writeAtomically(Path target, byte[] content) {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = dir.resolve("." + target.getFileName() + TEMP_MARK + UUID.randomUUID());
        try {
            try (FileChannel channel = posix(dir)
                    ? FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                            PosixFilePermissions.asFileAttribute(OWNER_FILE))
                    : FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(dir);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new FileException(Reason.IO, "cannot write " + display.apply(target) + ": " + e.getMessage()
                    + " (the previous version is intact)", e);
        }
    }

    /** A text file's contents, empty when it is missing, read with a cap on its size. */
    public String readText(Path file, long maxBytes) {
        requireRegularFileIfPresent(file);
        try {
            if (Files.exists(file) && Files.size(file) > maxBytes) {
                throw new FileException(Reason.BAD_INPUT, display.apply(file) + " is larger than " + maxBytes / 1024
                        + " KiB: that is not the file jvault expects there");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            throw new FileException(Reason.IO, "cannot read " + display.apply(file) + ": " + e.getMessage(), e);
        }
    }

    /** Temp files left by a process killed mid-write; call under the file's lock. */
    public void removeLeftovers(Path target) {
        Path dir = target.toAbsolutePath().getParent();
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir, "." + target.getFileName() + TEMP_MARK + "*")) {
            leftovers.forEach(PrivateFiles::deleteQuietly);
        } catch (IOException e) {
            // a leftover costs disk space, not correctness
        }
    }

    /**
     * An exclusive lock on a sidecar file, waiting up to {@code timeout} for another jvault to
     * finish. The lock is the OS's: it goes away with the process, even a killed one.
     */
    public FileLock lock(Path lockFile, Duration timeout) {
        return lock(lockFile, timeout, Duration.ZERO, () -> { });
    }

    /** {@link #lock(Path, Duration)}, running {@code notice} once when the wait has lasted {@code noticeAfter}. */
    public FileLock lock(Path lockFile, Duration timeout, Duration noticeAfter, Runnable notice) {
        Instant start = Instant.now();
        Instant deadline = start.plus(timeout);
        boolean noticed = noticeAfter.isZero();
        try {
            FileChannel channel = posix(lockFile.toAbsolutePath().getParent())
                    ? FileChannel.open(lockFile, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                            PosixFilePermissions.asFileAttribute(OWNER_FILE))
                    : FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            while (true) {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return lock;
                }
                if (!noticed && Instant.now().isAfter(start.plus(noticeAfter))) {
                    noticed = true;
                    notice.run();
                }
                if (Instant.now().isAfter(deadline)) {
                    channel.close();
                    throw new FileException(Reason.BUSY, "another jvault has held " + display.apply(lockFile) + " for "
                            + timeout.toSeconds() + "s: wait for it to finish, or end it, then try again");
                }
                Thread.sleep(20);
            }
        } catch (IOException e) {
            throw new FileException(Reason.IO, "cannot lock " + display.apply(lockFile) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FileException(Reason.BUSY, "interrupted while waiting for " + display.apply(lockFile));
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some systems cannot open or sync a folder; the rename itself is still atomic.
        }
    }

    private static boolean posix(Path path) {
        return Files.getFileAttributeView(path, java.nio.file.attribute.PosixFileAttributeView.class) != null;
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // best effort
        }
    }
}

package dev.jvault.agent;

import dev.jvault.config.Environment;
import dev.jvault.log.Log;
import java.io.IOException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.Optional;

/**
 * Where the agent listens: a socket in a folder only its user may enter, in the per-user
 * runtime folder ({@code $XDG_RUNTIME_DIR/jvault}, gone at logout) when that folder is the
 * user's own, else {@code ~/.jvault/agent}. Client and agent compute it the same way from the
 * same variables (and so does bin/jvault), and neither trusts a folder another user could
 * have made: see {@link #untrusted}.
 */
public record AgentPaths(Path folder) {

    public static AgentPaths of(Environment env) {
        Optional<Path> runtime = env.get("XDG_RUNTIME_DIR").map(Path::of).filter(Path::isAbsolute);
        Optional<String> problem = runtime.flatMap(AgentPaths::notOwnPrivateFolder);
        problem.ifPresent(why -> Log.debug("not using XDG_RUNTIME_DIR for the agent: " + why));
        return new AgentPaths(runtime.filter(folder -> problem.isEmpty()).map(folder -> folder.resolve("jvault"))
                .orElseGet(() -> env.home().resolve(".jvault").resolve("agent")));
    }

    public Path socket() {
        return folder.resolve("agent.sock");
    }

    /**
     * Why the socket's folder may not be trusted, or empty when it is this user's own: a real
     * folder (not a link), owned by the user, mode 0700. Another user who made the folder could
     * have put their own socket in it, and would then receive what jvault hands its agent.
     */
    public Optional<String> untrusted() {
        return notOwnPrivateFolder(folder);
    }

    /** Whether the folder is missing (then the agent creates it, as the user's own). */
    boolean missing() {
        try {
            java.nio.file.Files.readAttributes(folder, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return false;
        } catch (IOException e) {
            return e instanceof NoSuchFileException;
        }
    }

    private static Optional<String> notOwnPrivateFolder(Path folder) {
        try {
            PosixFileAttributes attributes = java.nio.file.Files.readAttributes(folder, PosixFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (attributes.isSymbolicLink()) {
                return Optional.of(folder + " is a symbolic link");
            }
            if (!attributes.isDirectory()) {
                return Optional.of(folder + " is not a folder");
            }
            UserPrincipal self = self();
            if (!attributes.owner().equals(self)) {
                return Optional.of(folder + " belongs to " + attributes.owner().getName() + ", not to " + self.getName());
            }
            if (attributes.permissions().stream().anyMatch(p -> p != PosixFilePermission.OWNER_READ
                    && p != PosixFilePermission.OWNER_WRITE && p != PosixFilePermission.OWNER_EXECUTE)) {
                return Optional.of(folder + " can be entered by other users (mode "
                        + java.nio.file.attribute.PosixFilePermissions.toString(attributes.permissions()) + ")");
            }
            return Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.of(folder + " does not exist");
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.of("cannot check " + folder + " (" + e.getMessage() + ")");
        }
    }

    /** The user this process runs as. */
    static UserPrincipal self() throws IOException {
        return Path.of("/").getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByName(System.getProperty("user.name"));
    }
}

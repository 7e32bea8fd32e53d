package dev.jvault.exec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds a command the way a shell does: a name with a slash as given, else the first match on PATH. */
public final class CommandPath {

    private CommandPath() {
    }

    /** @throws LaunchException with status 127 (not found) or 126 (found but not executable) */
    public static Path resolve(String name, Optional<String> path) {
        return resolve(name, path, Path.of(""));
    }

    /**
     * As a shell in {@code workingDirectory} finds it: relative names and PATH entries are looked
     * up there, and returned as written, for a process in that folder to run.
     *
     * @throws LaunchException with status 127 (not found) or 126 (found but not executable)
     */
    public static Path resolve(String name, Optional<String> path, Path workingDirectory) {
        if (name.isEmpty()) {
            throw new LaunchException(127, "an empty command name");
        }
        if (name.contains("/")) {
            return executable(Path.of(name), workingDirectory, name);
        }
        Path notExecutable = null;
        for (String dir : path.orElse("/usr/local/bin:/usr/bin:/bin").split(":", -1)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir).resolve(name);
            Path file = workingDirectory.resolve(candidate);
            if (Files.isRegularFile(file)) {
                if (Files.isExecutable(file)) {
                    return candidate;
                }
                notExecutable = notExecutable == null ? candidate : notExecutable;
            }
        }
        if (notExecutable != null) {
            throw new LaunchException(126, name + ": permission denied (" + notExecutable + " is not executable)");
        }
        throw new LaunchException(127, name + ": command not found");
    }

    private static Path executable(Path program, Path workingDirectory, String name) {
        Path file = workingDirectory.resolve(program);
        if (!Files.exists(file)) {
            throw new LaunchException(127, name + ": no such file");
        }
        if (Files.isDirectory(file) || !Files.isExecutable(file)) {
            throw new LaunchException(126, name + ": permission denied");
        }
        return program;
    }
}

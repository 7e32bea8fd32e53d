package dev.jvault.exec;

import dev.jvault.libc.Libc;
import dev.jvault.log.Log;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Replaces the JVM with the command through execve(2), called with java.lang.foreign: the
 * command becomes this process (same PID, signals and terminal go straight to it) and the JVM,
 * with the long-lived keys it read, is gone. Before the call, every inherited descriptor but
 * stdin, stdout and stderr is marked close-on-exec and the signal mask is cleared, so the
 * command inherits nothing of the JVM's. Should execve itself fail, the fallback runs the
 * command as a subprocess instead.
 */
public final class ExecveLauncher implements Launcher {

    private final Launcher fallback;

    public ExecveLauncher(Launcher fallback) {
        this.fallback = fallback;
    }

    /** Whether this platform can execve (Linux and macOS). */
    public static boolean supported() {
        return Libc.supported();
    }

    @Override
    public int run(Path program, List<String> argv, Map<String, String> env) {
        try {
            Libc.closeOnExecFrom(3, openDescriptors());
            Libc.clearSignalMask();
            System.out.flush();
            System.err.flush();
            int errno = Libc.execve(program.toString(), argv,
                    env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
            Log.debug("execve failed (errno " + errno + "): running the command as a subprocess");
        } catch (RuntimeException | LinkageError e) {
            Log.debug("execve is not available (" + e + "): running the command as a subprocess");
        }
        return fallback.run(program, argv, env);
    }

    /** The descriptors open now, for a C library without close_range. */
    private static List<Integer> openDescriptors() {
        Path fds = Files.isDirectory(Path.of("/proc/self/fd")) ? Path.of("/proc/self/fd") : Path.of("/dev/fd");
        List<Integer> open = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(fds)) {
            entries.forEach(entry -> open.add(Integer.parseInt(entry.getFileName().toString())));
        } catch (IOException | NumberFormatException e) {
            Log.debug("could not list open descriptors: " + e);
        }
        return open;
    }
}

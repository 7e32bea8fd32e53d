package dev.jvault.exec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import sun.misc.Signal;

/**
 * Runs the command as a child with inherited stdio and waits for it: on Windows, when execve
 * fails, and when jvault must keep running (the credential server). Ctrl-C reaches the child
 * through the terminal's process group, so jvault ignores SIGINT meanwhile; SIGTERM is passed
 * on. The status is the child's, or 128+N when a signal N ended it.
 */
public final class SubprocessLauncher implements Launcher {

    @Override
    public int run(Path program, List<String> argv, Map<String, String> env) {
        List<String> command = new ArrayList<>(argv);
        command.set(0, program.toString());
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().clear();
        builder.environment().putAll(env);
        Process child;
        try {
            child = builder.start();
        } catch (IOException e) {
            throw new LaunchException(126, argv.getFirst() + ": " + e.getMessage());
        }
        forwardSignals(child);
        try {
            return child.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.destroy();
            return 130;
        }
    }

    private static void forwardSignals(Process child) {
        try {
            Signal.handle(new Signal("INT"), signal -> { });
            Signal.handle(new Signal("TERM"), signal -> child.destroy());
            Signal.handle(new Signal("HUP"), signal -> child.destroy());
        } catch (IllegalArgumentException unsupported) {
            // not every platform has every signal (Windows has no HUP)
        }
    }
}

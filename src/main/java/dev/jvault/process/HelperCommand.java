package dev.jvault.process;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Runs a helper program whose stdout is an answer jvault needs: {@code mfa_process},
 * {@code credential_process}, the passphrase command, ykman or a dialog. The terminal and
 * stderr pass through, so the helper can ask the user. Bounded in time and in output: a helper
 * that hangs, or prints without end, is killed with everything it started, and the caller's
 * one-line error says why; so is a helper still running when jvault itself is ended (by a
 * signal it can catch: SIGKILL leaves no chance). jvault's own secrets are not in its
 * environment; the Java option variables the launcher kept from jvault are.
 */
public final class HelperCommand {

    private static final Pattern NOT_FOUND = Pattern.compile("error(=|: )2\\b");
    private static final Pattern NOT_EXECUTABLE = Pattern.compile("error(=|: )13\\b");

    /** Credentials, a code or a passphrase fit in far less. */
    static final int MAX_OUTPUT_BYTES = 64 * 1024;
    /** Variables that hold jvault's secrets: a helper has no use for them. */
    static final List<String> SECRET_VARIABLES = List.of("JVAULT_FILE_PASSPHRASE", "JVAULT_NEW_FILE_PASSPHRASE",
            "AWS_VAULT_FILE_PASSPHRASE");

    /** How the helper ended: its exit status and everything it printed on stdout. */
    public record Finished(int status, byte[] stdout) {
    }

    private final String name;
    private final Duration timeout;
    private final Function<String, RuntimeException> failure;
    private final Map<String, String> variables = new HashMap<>();

    /**
     * @param name how errors name the helper, e.g. "mfa_process (~/.aws/config:7)"
     * @param failure makes the caller's exception from a one-line message
     */
    public HelperCommand(String name, Duration timeout, Function<String, RuntimeException> failure) {
        this.name = name;
        this.timeout = timeout;
        this.failure = failure;
    }

    /** Sets a variable for the helper. */
    public HelperCommand withVariable(String name, String value) {
        variables.put(name, value);
        return this;
    }

    /** Runs {@code sh -c script}. */
    public Finished runShell(String script) {
        return run(List.of("sh", "-c", script));
    }

    public Finished run(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .redirectInput(ProcessBuilder.Redirect.INHERIT);
        SECRET_VARIABLES.forEach(builder.environment()::remove);
        JavaOptionVariables.restore(builder.environment());
        builder.environment().putAll(variables);
        // If jvault is ended while it starts the helper or waits for it, the helper and what it started end too.
        Reaper reaper = new Reaper();
        Thread hook = new Thread(reaper::reap);
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Process process;
            try {
                process = reaper.start(builder);
            } catch (IOException e) {
                throw failure.apply(whyNotStarted(name, e));
            }
            return await(process);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }

    /**
     * The start and the shutdown hook take turns: a helper is never started once jvault is being
     * ended, and one started is always seen by the hook, however close the signal comes to the start.
     */
    private static final class Reaper {
        private Process process;
        private boolean ending;

        synchronized Process start(ProcessBuilder builder) throws IOException {
            if (ending) {
                throw new IOException("jvault is being ended");
            }
            process = builder.start();
            return process;
        }

        synchronized void reap() {
            ending = true;
            if (process != null) {
                kill(process);
            }
        }
    }

    private Finished await(Process process) {
        Instant deadline = Instant.now().plus(timeout);
        CompletableFuture<byte[]> output = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> readCapped(process, output));
        try {
            if (!process.waitFor(Duration.between(Instant.now(), deadline).toMillis(), TimeUnit.MILLISECONDS)) {
                throw stopped(process, "did not finish within " + timeout.toSeconds() + "s and was stopped: check it,"
                        + " or allow it longer with JVAULT_HELPER_TIMEOUT");
            }
            // Something it left running in the background may still hold stdout open.
            byte[] stdout = output.get(Math.max(0, Duration.between(Instant.now(), deadline).toMillis()), TimeUnit.MILLISECONDS);
            if (stdout == null) {
                throw stopped(process, "printed more than " + MAX_OUTPUT_BYTES / 1024 + " KiB on stdout: that is not"
                        + " the short answer jvault reads from it");
            }
            return new Finished(process.exitValue(), stdout);
        } catch (TimeoutException e) {
            throw stopped(process, "left a program running that kept its output open past " + timeout.toSeconds() + "s");
        } catch (ExecutionException e) {
            throw stopped(process, "could not be read (" + e.getCause().getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw stopped(process, "was interrupted");
        }
    }

    private RuntimeException stopped(Process process, String why) {
        kill(process);
        return failure.apply(name + " " + why);
    }

    /** The helper and everything it started (a shell's children, say). */
    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Completes with the output, or with null once it passes the cap: then the helper is killed at once. */
    private static void readCapped(Process process, CompletableFuture<byte[]> result) {
        try (InputStream stdout = process.getInputStream()) {
            byte[] bytes = stdout.readNBytes(MAX_OUTPUT_BYTES + 1);
            if (bytes.length > MAX_OUTPUT_BYTES) {
                kill(process);
                result.complete(null);
            } else {
                result.complete(bytes);
            }
        } catch (IOException e) {
            result.completeExceptionally(e);
        }
    }

    /** The JDK says "error=2" or "error: 2" (ENOENT), "error=13" (EACCES): said as a person would. */
    static String whyNotStarted(String name, IOException e) {
        String message = String.valueOf(e.getMessage());
        if (NOT_FOUND.matcher(message).find()) {
            return name + " is not installed (not on PATH)";
        }
        if (NOT_EXECUTABLE.matcher(message).find()) {
            return name + " cannot be run (not executable)";
        }
        return name + " could not run (" + message + "): is it installed?";
    }
}

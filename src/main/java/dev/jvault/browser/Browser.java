package dev.jvault.browser;

import dev.jvault.config.Environment;
import dev.jvault.error.ExitStatus;
import dev.jvault.error.JvaultException;
import dev.jvault.exec.CommandPath;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Opens a URL in the user's browser: {@code --browser CMD}, else {@code $BROWSER}, else the
 * system's opener ({@link #openers}, or rundll32 on Windows). The URL goes in the opener's
 * arguments, the only way browsers take one: for the moment the opener runs, other local users
 * can see it in the process list (docs/security.md).
 */
public final class Browser {

    private static final long OPENER_SECONDS = 30;

    private Browser() {
    }

    /** Opens {@code url}; the error (status 69) names what was tried, and the caller prints the URL instead. */
    public static void open(URI url, Optional<String> option, Environment env) {
        Optional<String> chosen = option.or(() -> env.get("BROWSER").map(list -> list.split(":")[0]));
        List<String> command = command(chosen, env)
                .orElseThrow(() -> new JvaultException(ExitStatus.UNAVAILABLE, "no browser found (no --browser, no"
                        + " $BROWSER, none of " + String.join(", ", openers(System.getProperty("os.name", ""))) + " on PATH): open the URL"
                        + " above yourself"));
        try {
            Process opener = new ProcessBuilder(append(command, url.toString()))
                    .redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            if (!opener.waitFor(OPENER_SECONDS, TimeUnit.SECONDS) || opener.exitValue() != 0) {
                throw new JvaultException(ExitStatus.UNAVAILABLE, "the browser command " + chosen.orElse(command.getFirst())
                        + " failed: open the URL above yourself");
            }
        } catch (IOException e) {
            throw new JvaultException(ExitStatus.UNAVAILABLE, "cannot run " + chosen.orElse(command.getFirst()) + " (" + e.getMessage()
                    + "): open the URL above yourself");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JvaultException(ExitStatus.UNAVAILABLE, "interrupted while opening the browser");
        }
    }

    /** A chosen command runs through sh, so it may carry its own arguments ("firefox --private-window"). */
    private static Optional<List<String>> command(Optional<String> chosen, Environment env) {
        if (chosen.isPresent()) {
            return Optional.of(List.of("sh", "-c", chosen.get() + " \"$1\"", "sh"));
        }
        if (System.getProperty("os.name", "").startsWith("Windows")) {
            return Optional.of(List.of("rundll32", "url.dll,FileProtocolHandler"));
        }
        for (String opener : openers(System.getProperty("os.name", ""))) {
            if (onPath(opener, env)) {
                return Optional.of(List.of(opener));
            }
        }
        return Optional.empty();
    }

    /**
     * The openers to try, in order. macOS has open. Elsewhere xdg-open, then Debian's
     * sensible-browser, and open only last: on Debian "open" is run-mailcap (or openvt), which
     * does not take a URL.
     */
    static List<String> openers(String osName) {
        return osName.startsWith("Mac") ? List.of("open", "xdg-open") : List.of("xdg-open", "sensible-browser", "open");
    }

    private static boolean onPath(String name, Environment env) {
        try {
            CommandPath.resolve(name, env.get("PATH"));
            return true;
        } catch (RuntimeException notThere) {
            return false;
        }
    }

    private static List<String> append(List<String> command, String argument) {
        return java.util.stream.Stream.concat(command.stream(), java.util.stream.Stream.of(argument)).toList();
    }
}

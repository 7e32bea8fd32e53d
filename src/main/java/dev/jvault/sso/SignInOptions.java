package dev.jvault.sso;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How a sign-in reaches the user: the browser command ({@code --browser}), whether to open one
 * at all, whether the device flow is asked for, how long it may take, and where the link (and
 * the user code) are printed: stderr, always, so a browser that does not open costs nothing.
 * {@code say} shows one line, escaped for the terminal (a link or code from the service is not trusted).
 */
public record SignInOptions(Optional<String> browser, boolean openBrowser, boolean deviceCode, Duration timeout,
        Consumer<String> say) {
}

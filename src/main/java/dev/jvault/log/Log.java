package dev.jvault.log;

import dev.jvault.text.TerminalText;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * The {@code --debug} log on stderr, off by default, and the few notices shown without it.
 * Everything either prints passes through the {@link Redactor}, so a log can be pasted into a
 * bug report.
 */
public final class Log {

    private static final Redactor REDACTOR = new Redactor();
    private static volatile PrintWriter sink;
    private static volatile PrintWriter notices;

    private Log() {
    }

    public static void enable(PrintWriter stderr) {
        sink = stderr;
    }

    public static void disable() {
        sink = null;
    }

    /** Where {@link #notice} writes: the command line's stderr, with or without --debug. */
    public static void notices(PrintWriter stderr) {
        notices = stderr;
    }

    /** A line the user should see while they wait (e.g. a slow STS), whether or not --debug is on. */
    public static void notice(String message) {
        PrintWriter out = notices;
        if (out != null) {
            out.println("jvault: " + shown(message));
            out.flush();
        }
    }

    public static boolean enabled() {
        return sink != null;
    }

    /** Registers a value that must never appear in the log. */
    public static void secret(String value) {
        REDACTOR.addSecret(value);
    }

    /** The text with every known or secret-shaped value masked: for error messages, which are shown whether or not --debug is on. */
    public static String redact(String text) {
        return REDACTOR.redact(text);
    }

    /**
     * A message as it may be shown: secrets masked, then control characters escaped
     * ({@link TerminalText#escape}), so a value quoted from a file or a server cannot repaint the
     * terminal or forge a line. Every line jvault writes to stderr about itself goes through this.
     */
    public static String shown(String message) {
        return TerminalText.escape(REDACTOR.redact(message));
    }

    public static void debug(String message) {
        PrintWriter out = sink;
        if (out != null) {
            out.println("jvault: debug: " + shown(message));
            out.flush();
        }
    }

    /** The message, then the error's stack trace a line at a time (each line escaped on its own). */
    public static void debug(String message, Throwable error) {
        if (enabled()) {
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            debug(message);
            trace.toString().lines().forEach(Log::debug);
        }
    }
}

package dev.jvault.log;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * The {@code --debug} log on stderr. Off by default; everything it prints passes through the
 * {@link Redactor}, so a debug log can be pasted into a bug report.
 */
public final class Log {

    private static final Redactor REDACTOR = new Redactor();
    private static volatile PrintWriter sink;

    private Log() {
    }

    public static void enable(PrintWriter stderr) {
        sink = stderr;
    }

    public static void disable() {
        sink = null;
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

    public static void debug(String message) {
        PrintWriter out = sink;
        if (out != null) {
            out.println("jvault: debug: " + REDACTOR.redact(message));
            out.flush();
        }
    }

    public static void debug(String message, Throwable error) {
        if (enabled()) {
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            debug(message + "\n" + trace);
        }
    }
}

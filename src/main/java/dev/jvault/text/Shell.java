package dev.jvault.text;

/** Text for a POSIX shell to read back exactly: single-quoted words. */
public final class Shell {

    private Shell() {
    }

    /** {@code value} as one shell word, whatever it holds. */
    public static String quoted(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}

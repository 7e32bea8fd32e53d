package dev.jvault.config;

/**
 * Where a value came from, so that {@code describe} and error messages can point the user at it:
 * a file and line, an environment variable, a command-line option, or jvault's own default.
 */
public record Origin(String where) {

    /** {@code displayName} is the file as the user knows it, see {@link Environment#display}. */
    public static Origin file(String displayName, int line) {
        return new Origin(displayName + ":" + line);
    }

    public static Origin env(String variable) {
        return new Origin("$" + variable);
    }

    public static Origin option(String option) {
        return new Origin(option);
    }

    public static Origin builtIn(String why) {
        return new Origin(why);
    }

    @Override
    public String toString() {
        return where;
    }
}

package dev.jvault.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Edits of the credentials file's text that keep every other line, comment and line ending
 * byte for byte: removing a section's key lines, and writing or removing a whole section.
 */
public final class CredentialsFileText {

    private static final Set<String> KEY_LINES = Set.of("aws_access_key_id", "aws_secret_access_key");
    /**
     * The first line of every section {@code export --write} writes: only a section that has it
     * may be replaced or removed by jvault, so another account's keys are never touched.
     */
    public static final String MARK = "# written by jvault export: short-lived keys; jvault export --remove-written removes them";

    private CredentialsFileText() {
    }

    /** Without the long-lived key lines of {@code [profile]}. */
    public static String withoutKeys(String text, String profile) {
        return keep(text, (line, section) -> !(profile.equals(section) && KEY_LINES.contains(key(line))));
    }

    /**
     * Without the section {@code [name]}: its header and its key lines. Comments and blank lines
     * in it stay, since a comment there may well be about the next section.
     */
    public static String withoutSection(String text, String name) {
        return keep(text, (line, section) -> !name.equals(section) || (isCommentOrBlank(line) && !isMark(line)));
    }

    /**
     * Without the section jvault wrote as {@code [name]}: as {@link #withoutSection}, and when it
     * was the last section, without the blank line {@link #withSection} put before it, so that a
     * write followed by a removal leaves the file byte for byte as it was.
     */
    public static String withoutWrittenSection(String text, String name) {
        int at = sectionStart(text, name);
        String without = withoutSection(text, name);
        boolean wasLast = at >= 0 && without.length() == at;
        return wasLast && without.endsWith("\n\n") ? without.substring(0, without.length() - 1) : without;
    }

    /** With {@code [name]} holding exactly {@code lines} after the {@link #MARK}: in place of the old section, or appended. */
    public static String withSection(String text, String name, List<String> lines) {
        String section = "[" + name + "]\n" + MARK + "\n" + String.join("", lines.stream().map(line -> line + "\n").toList());
        int at = sectionStart(text, name);
        if (at < 0) {
            return text + (text.isEmpty() || text.endsWith("\n") ? "" : "\n") + (text.isEmpty() ? "" : "\n") + section;
        }
        String without = withoutSection(text, name);
        return without.substring(0, at) + section + without.substring(at);
    }

    /** Whether the text has a section {@code [name]}. */
    public static boolean hasSection(String text, String name) {
        return sectionStart(text, name) >= 0;
    }

    /** Whether {@code [name]} starts with the {@link #MARK} of a section jvault wrote. */
    public static boolean isWrittenByJvault(String text, String name) {
        int start = sectionStart(text, name);
        if (start < 0) {
            return false;
        }
        int markStart = lineEnd(text, start);
        return isMark(text.substring(markStart, lineEnd(text, markStart)));
    }

    /** The sections with a key line whose value is {@code value} (e.g. a secret that should be gone), in file order. */
    public static List<String> sectionsWithValue(String text, String value) {
        List<String> found = new ArrayList<>();
        keep(text, (line, section) -> {
            if (section != null && !found.contains(section) && value.equals(value(line))) {
                found.add(section);
            }
            return true;
        });
        return found;
    }

    private static boolean isMark(String line) {
        return line.strip().equals(MARK);
    }

    private static int sectionStart(String text, String name) {
        int start = 0;
        while (start < text.length()) {
            int end = lineEnd(text, start);
            if (name.equals(header(text.substring(start, end)))) {
                return start;
            }
            start = end;
        }
        return -1;
    }

    /** Keeps the lines the filter accepts; it sees each line and the section it stands in. */
    private static String keep(String text, BiPredicate<String, String> filter) {
        StringBuilder out = new StringBuilder(text.length());
        String section = null;
        int start = 0;
        while (start < text.length()) {
            int end = lineEnd(text, start);
            String line = text.substring(start, end);
            String header = header(line);
            if (header != null) {
                section = header;
            }
            if (filter.test(line, section)) {
                out.append(line);
            }
            start = end;
        }
        return out.toString();
    }

    private static int lineEnd(String text, int start) {
        int newline = text.indexOf('\n', start);
        return newline < 0 ? text.length() : newline + 1;
    }

    /** The name in a {@code [name]} line, or null. */
    private static String header(String line) {
        String trimmed = IniParser.stripComment(line.strip(), "#", ";");
        return trimmed.startsWith("[") && trimmed.endsWith("]") ? trimmed.substring(1, trimmed.length() - 1).strip() : null;
    }

    private static boolean isCommentOrBlank(String line) {
        String trimmed = line.strip();
        return trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";");
    }

    private static String value(String line) {
        int equals = line.indexOf('=');
        return equals > 0 && header(line) == null ? IniParser.stripComment(line.substring(equals + 1), " #", " ;", "\t#", "\t;") : "";
    }

    private static String key(String line) {
        String trimmed = line.strip();
        int equals = trimmed.indexOf('=');
        return equals > 0 ? trimmed.substring(0, equals).strip() : "";
    }
}

package dev.jvault.config;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads the INI dialect of {@code ~/.aws/config} and {@code ~/.aws/credentials} the way the AWS
 * SDKs do: {@code #}/{@code ;} comment lines, comments after a section header, comments after a
 * value only when preceded by white space, indented continuation lines, and indented
 * sub-properties under a key with an empty value. Keys are read in lower case, as the AWS CLI's
 * parser reads them ({@code Region} is {@code region}). Anything else is an error naming file and line.
 */
final class IniParser {

    /** Far beyond any real config; a larger file is almost certainly the wrong file. */
    static final int MAX_BYTES = 4 * 1024 * 1024;

    /** Words and shapes that mark a line as possibly secret: such a line is never quoted in an error. */
    private static final Pattern SECRET_LOOKING = Pattern.compile("(?i)secret|token|passw|[A-Za-z0-9/+=]{20,}");

    private final String displayName;
    private final boolean mayQuote;
    private final List<IniSection> sections = new ArrayList<>();
    private String header;
    private Origin headerOrigin;
    private List<IniProperty> properties;
    private PropertyBuilder lastProperty;

    private IniParser(String displayName, boolean mayQuote) {
        this.displayName = displayName;
        this.mayQuote = mayQuote;
    }

    /**
     * @param mayQuote whether errors may quote a line of the file: never for the credentials
     *        file, whose lines are keys; in the config file, only lines that look harmless
     */
    static List<IniSection> parse(String displayName, byte[] content, boolean mayQuote) {
        return new IniParser(displayName, mayQuote).parseAll(decode(displayName, content));
    }

    static ConfigException tooLarge(String displayName, long size) {
        return new ConfigException(displayName + " is " + size / (1024 * 1024)
                + " MiB, too large for an AWS config file: check that the path points at the right file");
    }

    private static String decode(String displayName, byte[] content) {
        if (content.length > MAX_BYTES) {
            throw tooLarge(displayName, content.length);
        }
        if (content.length >= 2 && ((content[0] == (byte) 0xFF && content[1] == (byte) 0xFE)
                || (content[0] == (byte) 0xFE && content[1] == (byte) 0xFF))) {
            throw new ConfigException(displayName + " is encoded as UTF-16: save it as UTF-8");
        }
        for (int i = 0; i < content.length; i++) {
            if (content[i] == 0) {
                throw new ConfigException(displayName + " holds binary data (a NUL byte at offset " + i
                        + "): it is not an AWS config file");
            }
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content))
                    .toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new ConfigException(displayName + " is not valid UTF-8 text: save it as UTF-8");
        }
    }

    private List<IniSection> parseAll(String text) {
        String[] lines = text.split("\r?\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            parseLine(lines[i], Origin.file(displayName, i + 1));
        }
        closeSection();
        return List.copyOf(sections);
    }

    private void parseLine(String line, Origin origin) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";")) {
            return;
        }
        if (trimmed.startsWith("[")) {
            startSection(trimmed, origin);
        } else if (Character.isWhitespace(line.charAt(0)) && lastProperty != null) {
            lastProperty.continueWith(trimmed, origin);
        } else {
            startProperty(trimmed, origin);
        }
    }

    private void startSection(String trimmed, Origin origin) {
        closeSection();
        String withoutComment = stripComment(trimmed, "#", ";");
        if (!withoutComment.endsWith("]")) {
            throw new ConfigException(origin, "section header " + trimmed + " has no closing ]");
        }
        String name = withoutComment.substring(1, withoutComment.length() - 1).strip();
        if (name.isEmpty()) {
            throw new ConfigException(origin, "empty section header []");
        }
        header = name;
        headerOrigin = origin;
        properties = new ArrayList<>();
    }

    private void startProperty(String trimmed, Origin origin) {
        if (header == null) {
            throw new ConfigException(origin, quoted(trimmed) + " stands before any [section]");
        }
        closeProperty();
        KeyValue kv = keyValue(trimmed, origin);
        lastProperty = new PropertyBuilder(kv.key(), kv.value(), origin);
    }

    private void closeProperty() {
        if (lastProperty != null) {
            properties.add(lastProperty.build());
            lastProperty = null;
        }
    }

    private void closeSection() {
        if (header != null) {
            closeProperty();
            sections.add(new IniSection(header, headerOrigin, properties));
        }
        header = null;
    }

    static String stripComment(String text, String... markers) {
        int cut = text.length();
        for (String marker : markers) {
            int at = text.indexOf(marker);
            if (at >= 0 && at < cut) {
                cut = at;
            }
        }
        return text.substring(0, cut).strip();
    }

    /** The line, quoted in an error, unless it may hold a secret: then only that the line is meant. */
    private String quoted(String line) {
        if (!mayQuote || SECRET_LOOKING.matcher(line).find()) {
            return "a line (not shown: it may hold a secret)";
        }
        return "'" + (line.length() <= 40 ? line : line.substring(0, 37) + "...") + "'";
    }

    private KeyValue keyValue(String trimmed, Origin origin) {
        int equals = trimmed.indexOf('=');
        if (equals < 0) {
            throw new ConfigException(origin, "expected 'key = value', found " + quoted(trimmed));
        }
        String key = trimmed.substring(0, equals).strip().toLowerCase(Locale.ROOT);
        if (key.isEmpty()) {
            throw new ConfigException(origin, "a property without a name: " + quoted(trimmed));
        }
        String value = stripComment(trimmed.substring(equals + 1), " #", " ;", "\t#", "\t;");
        return new KeyValue(key, value);
    }

    private record KeyValue(String key, String value) {
    }

    /** Collects a property and the indented lines that belong to it. */
    private final class PropertyBuilder {
        private final String key;
        private final StringBuilder value;
        private final Origin origin;
        private final boolean nested;
        private final List<IniProperty> subProperties = new ArrayList<>();

        PropertyBuilder(String key, String value, Origin origin) {
            this.key = key;
            this.value = new StringBuilder(value);
            this.origin = origin;
            this.nested = value.isEmpty();
        }

        void continueWith(String trimmed, Origin lineOrigin) {
            if (nested) {
                KeyValue kv = keyValue(trimmed, lineOrigin);
                subProperties.add(new IniProperty(kv.key(), kv.value(), lineOrigin, List.of()));
            } else {
                value.append('\n').append(trimmed);
            }
        }

        IniProperty build() {
            return new IniProperty(key, value.toString(), origin, subProperties);
        }
    }
}

package dev.jvault.text;

/**
 * Text from a file, the environment or a server, made safe to show on a terminal. A profile
 * name, a config value, a path, an ARN or a server's message may hold control characters:
 * escape sequences that recolour or repaint the screen, set its title, or write the clipboard
 * (OSC 52), and line breaks that forge lines. Every such string passes through {@link #escape}
 * before jvault shows it, whatever the command: the one function for this.
 */
public final class TerminalText {

    private TerminalText() {
    }

    /**
     * The text with every C0 and C1 control character (ESC, BEL, CSI U+009B, line breaks, ...)
     * and every bidirectional override shown as a visible escape ({@code \n}, {@code \x1b},
     * {@code \u202e}); everything else as it is.
     */
    public static String escape(String text) {
        if (text == null) {
            return "null";
        }
        if (text.codePoints().noneMatch(TerminalText::unsafe)) {
            return text; // the common case costs no copy
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x100 && unsafe(c)) {
                        out.append(String.format("\\x%02x", c));
                    } else if (unsafe(c)) {
                        out.append(String.format("\\u%04x", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }

    /** Control characters, and the bidirectional embeddings, overrides and isolates that reorder what is shown. */
    static boolean unsafe(int c) {
        return Character.isISOControl(c) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    }
}

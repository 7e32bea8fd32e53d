package dev.jvault.text;

import java.util.ArrayList;
import java.util.List;

/** Shell words both ways: single-quoted words a POSIX shell reads back exactly, and splitting text into words. */
public final class Shell {

    private Shell() {
    }

    /** {@code value} as one shell word, whatever it holds. */
    public static String quoted(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /**
     * {@code text} split into words as Python's {@code shlex.split} does (which is how the AWS CLI
     * reads a section header): white space separates, single and double quotes group, a backslash
     * outside single quotes escapes the next character. Empty when a quote is left open.
     */
    public static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote == 0 && Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                continue;
            }
            word = word == null ? new StringBuilder() : word;
            if (c == '\\' && quote != '\'' && i + 1 < text.length()) {
                word.append(text.charAt(++i));
            } else if (quote == 0 && (c == '\'' || c == '"')) {
                quote = c;
            } else if (c == quote) {
                quote = 0;
            } else {
                word.append(c);
            }
        }
        if (quote != 0) {
            return List.of();
        }
        if (word != null) {
            words.add(word.toString());
        }
        return List.copyOf(words);
    }
}

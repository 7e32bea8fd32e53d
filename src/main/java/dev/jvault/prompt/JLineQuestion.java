package dev.jvault.prompt;

import dev.jvault.error.ExitStatus;
import dev.jvault.error.JvaultException;
import dev.jvault.text.TerminalText;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.jline.utils.Display;
import org.jline.utils.NonBlockingReader;

/**
 * One question on a full terminal through JLine: the terminal on stdin and stderr, else
 * {@code /dev/tty} (stdout may be captured, as in {@code eval $(jvault export)}). Keys are read
 * one at a time with echo and signals off, so Ctrl-C is a key like any other here: the terminal
 * is put back as it was before anything else happens.
 */
final class JLineQuestion implements AutoCloseable {

    private static final int CTRL_C = 3;
    private static final int CTRL_D = 4;
    private static final int CTRL_U = 21;
    private static final int ESC = 27;
    private static final int BACKSPACE = 8;
    private static final int DELETE = 127;
    /** How long the rest of an escape sequence may take after ESC, in ms: longer means the Esc key. */
    private static final long SEQUENCE_TIMEOUT = 50;
    private static final int MOST_SHOWN = 10;
    /** Kept referenced: JLine would otherwise warn on stderr when it finds no terminal. */
    private static final Logger JLINE_LOG = Logger.getLogger("org.jline");

    private final Terminal terminal;
    private final PrintWriter out;
    private final NonBlockingReader keys;
    private final AttributedStyle selectedStyle;

    private JLineQuestion(Terminal terminal, boolean noColor) {
        this.terminal = terminal;
        this.selectedStyle = noColor ? AttributedStyle.DEFAULT : AttributedStyle.INVERSE;
        this.out = terminal.writer();
        this.keys = terminal.reader();
    }

    /** The user's terminal, or null when JLine finds none that can move the cursor (none at all, or TERM=dumb). */
    static JLineQuestion open(boolean noColor) {
        JLINE_LOG.setLevel(Level.OFF);
        try {
            Terminal terminal = TerminalBuilder.builder().system(true).systemOutput(TerminalBuilder.SystemOutput.SysErr)
                    .devTty(true).dumb(false).nativeSignals(false).jni(false)
                    .graphemeCluster(false) // no probing the terminal with queries for a one-line question
                    .build();
            if (terminal.getType() == null || terminal.getType().startsWith(Terminal.TYPE_DUMB)) {
                terminal.close();
                return null;
            }
            return new JLineQuestion(terminal, noColor);
        } catch (IOException | RuntimeException noTerminal) {
            return null;
        }
    }

    /** Reads a line, echoed or shown as one '*' per character, into a buffer that is wiped as it grows. */
    char[] read(String prompt, boolean masked) {
        return keyByKey(() -> {
            out.print(TerminalText.escape(prompt));
            out.flush();
            char[] line = new char[64];
            int length = 0;
            try {
                while (true) {
                    int key = keys.read();
                    switch (key) {
                        case '\r', '\n' -> {
                            return Arrays.copyOf(line, length);
                        }
                        case NonBlockingReader.EOF -> throw declined();
                        case CTRL_C -> throw interrupted();
                        case CTRL_D -> {
                            if (length == 0) {
                                throw declined();
                            }
                        }
                        case BACKSPACE, DELETE -> {
                            if (length > 0) {
                                line[--length] = '\0';
                                out.print("\b \b");
                            }
                        }
                        case CTRL_U -> {
                            out.print("\b \b".repeat(length));
                            Arrays.fill(line, '\0');
                            length = 0;
                        }
                        case ESC -> sequence(); // arrows and the like: no line editing here
                        default -> {
                            if (key >= ' ') {
                                if (length == line.length) {
                                    char[] larger = Arrays.copyOf(line, length * 2);
                                    Arrays.fill(line, '\0');
                                    line = larger;
                                }
                                line[length++] = (char) key;
                                out.print(masked ? '*' : (char) key);
                            }
                        }
                    }
                    out.flush();
                }
            } finally {
                Arrays.fill(line, '\0');
            }
        });
    }

    /** The picker: type to filter, arrows to move, Enter to choose; Esc cancels (as Ctrl-C), Ctrl-D chooses nothing. */
    String choose(String title, List<String> options) {
        ChoiceList list = new ChoiceList(options);
        Display display = new Display(terminal, false);
        return keyByKey(() -> {
            while (true) {
                draw(display, title, list);
                int key = keys.read();
                switch (key) {
                    case '\r', '\n' -> {
                        if (list.selected().isPresent()) {
                            // The list gives way to one line saying what was chosen, the cursor at its end.
                            String chosen = TerminalText.escape(title + ": " + list.selected().get());
                            display.update(List.of(new AttributedString(chosen)), chosen.length());
                            return list.selected().get();
                        }
                    }
                    case NonBlockingReader.EOF, CTRL_D -> throw declined();
                    case CTRL_C -> throw interrupted();
                    case ESC -> {
                        switch (sequence()) {
                            case "" -> throw cancelled();
                            case "[A", "OA" -> list.up();
                            case "[B", "OB" -> list.down();
                            default -> { }
                        }
                    }
                    case BACKSPACE, DELETE -> list.erase();
                    default -> {
                        if (key >= ' ') {
                            list.type((char) key);
                        }
                    }
                }
            }
        });
    }

    private void draw(Display display, String title, ChoiceList list) {
        // A terminal that does not say its size (0) is taken as 80x24.
        Size size = terminal.getSize();
        int height = size.getRows() > 0 ? size.getRows() : 24;
        int columns = size.getColumns() > 0 ? size.getColumns() : 80;
        int rows = Math.max(1, Math.min(MOST_SHOWN, height - 3));
        display.resize(Size.of(columns, height));
        List<AttributedString> lines = new ArrayList<>();
        lines.add(new AttributedString(title + ": type to filter, arrows move, Enter chooses, Esc cancels"));
        String filterLine = "Filter: " + TerminalText.escape(list.filter());
        lines.add(new AttributedString(filterLine));
        List<String> matches = list.matches();
        int first = list.firstShown(rows);
        String selected = list.selected().orElse(null);
        for (String option : matches.subList(first, Math.min(matches.size(), first + rows))) {
            AttributedStringBuilder line = new AttributedStringBuilder();
            if (option.equals(selected)) {
                line.style(selectedStyle).append("> ").append(TerminalText.escape(option));
            } else {
                line.append("  ").append(TerminalText.escape(option));
            }
            lines.add(line.toAttributedString());
        }
        lines.add(new AttributedString("  " + matches.size() + "/" + list.total()
                + (matches.isEmpty() ? " (no profile holds '" + TerminalText.escape(list.filter()) + "')" : "")));
        display.update(lines, Size.of(columns, rows).cursorPos(1, filterLine.length()));
    }

    /** Runs a question with the terminal raw (no echo, no line editing, no signals), then puts it back and ends the line. */
    private <T> T keyByKey(Question<T> question) {
        Attributes original = terminal.enterRawMode();
        Attributes raw = terminal.getAttributes();
        raw.setLocalFlag(Attributes.LocalFlag.ISIG, false);
        raw.setControlChar(Attributes.ControlChar.VMIN, 1);
        raw.setControlChar(Attributes.ControlChar.VTIME, 0);
        terminal.setAttributes(raw);
        try {
            return question.ask();
        } catch (IOException e) {
            throw new PromptException("the terminal went away (" + e.getMessage() + ")");
        } finally {
            terminal.setAttributes(original);
            out.print('\n'); // the terminal's own settings again: this ends the line as it ends any other
            out.flush();
        }
    }

    /** The rest of an escape sequence ("[A" for the up arrow), or "" for the Esc key alone. */
    private String sequence() throws IOException {
        StringBuilder sequence = new StringBuilder();
        int key;
        while ((key = keys.read(SEQUENCE_TIMEOUT)) >= 0) {
            sequence.append((char) key);
            if (sequence.length() > 1 && (Character.isLetter(key) || key == '~')) {
                break;
            }
        }
        return sequence.toString();
    }

    private static JvaultException interrupted() {
        return new JvaultException(ExitStatus.INTERRUPTED, "interrupted at the prompt (Ctrl-C): nothing was changed");
    }

    /** Esc in the picker: the user's cancel, as Ctrl-C is, not an input that ran out. */
    private static JvaultException cancelled() {
        return new JvaultException(ExitStatus.INTERRUPTED, "cancelled at the prompt (Esc): nothing was changed");
    }

    private static JvaultException declined() {
        return new JvaultException(ExitStatus.DECLINED, "no answer (the input ended at the prompt): nothing was changed");
    }

    @Override
    public void close() {
        try {
            terminal.close();
        } catch (IOException ignored) {
            // closing only restores what keyByKey restored already
        }
    }

    @FunctionalInterface
    private interface Question<T> {
        T ask() throws IOException;
    }
}

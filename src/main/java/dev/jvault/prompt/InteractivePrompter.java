package dev.jvault.prompt;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The prompter of a jvault run: each question through JLine on a full terminal (secrets shown as
 * '*', a picker with type-to-filter), else through {@link TtyPrompter}, the plain
 * {@code /dev/tty} one (no picker: the caller's numbered list). JLine is loaded only once a question is asked, so
 * a run that asks nothing never pays for it.
 */
public final class InteractivePrompter implements Prompter {

    private final TtyPrompter plain = new TtyPrompter();
    private final boolean noColor;

    /** @param noColor {@code NO_COLOR} is set: the picker marks its choice without reverse video */
    public InteractivePrompter(boolean noColor) {
        this.noColor = noColor;
    }

    @Override
    public char[] secret(String prompt) {
        return ask(terminal -> terminal.read(prompt, true), () -> plain.secret(prompt));
    }

    @Override
    public String line(String prompt) {
        return ask(terminal -> {
            char[] answer = terminal.read(prompt, false);
            try {
                return new String(answer);
            } finally {
                Arrays.fill(answer, '\0'); // an MFA code, say: no copy left but the String
            }
        }, () -> plain.line(prompt));
    }

    @Override
    public Optional<String> choose(String title, List<String> options) {
        return ask(terminal -> Optional.of(terminal.choose(title, options)), Optional::empty);
    }

    @Override
    public void tell(String message) {
        plain.tell(message);
    }

    @Override
    public boolean available() {
        return plain.available();
    }

    private <T> T ask(Function<JLineQuestion, T> onJLine, Supplier<T> otherwise) {
        JLineQuestion terminal = JLineQuestion.open(noColor);
        if (terminal == null) {
            return otherwise.get();
        }
        try (terminal) {
            return onJLine.apply(terminal);
        }
    }
}

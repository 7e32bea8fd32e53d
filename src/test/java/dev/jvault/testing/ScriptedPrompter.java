package dev.jvault.testing;

import dev.jvault.prompt.PromptException;
import dev.jvault.prompt.Prompter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** A prompter that answers from a script and records what it was asked, for in-process tests. */
public final class ScriptedPrompter implements Prompter {

    private final Deque<String> answers = new ArrayDeque<>();
    private final List<String> asked = new ArrayList<>();
    private final boolean available;
    private final boolean picker;

    private ScriptedPrompter(boolean available, boolean picker, List<String> answers) {
        this.available = available;
        this.picker = picker;
        this.answers.addAll(answers);
    }

    public static ScriptedPrompter answering(String... answers) {
        return new ScriptedPrompter(true, false, List.of(answers));
    }

    /** One with a picker of its own, which chooses as told. */
    public static ScriptedPrompter picking(String... choices) {
        return new ScriptedPrompter(true, true, List.of(choices));
    }

    /** Like running without a terminal. */
    public static ScriptedPrompter noTerminal() {
        return new ScriptedPrompter(false, false, List.of());
    }

    public List<String> asked() {
        return asked;
    }

    @Override
    public char[] secret(String prompt) {
        return next(prompt).toCharArray();
    }

    @Override
    public String line(String prompt) {
        return next(prompt);
    }

    @Override
    public Optional<String> choose(String title, List<String> options) {
        if (!picker) {
            return Optional.empty();
        }
        String choice = next(title);
        if (!options.contains(choice)) {
            throw new AssertionError(choice + " is not among " + options);
        }
        return Optional.of(choice);
    }

    @Override
    public void tell(String message) {
        asked.add(message);
    }

    @Override
    public boolean available() {
        return available;
    }

    private String next(String prompt) {
        if (!available) {
            throw new PromptException("no terminal (scripted)");
        }
        asked.add(prompt);
        if (answers.isEmpty()) {
            throw new AssertionError("unexpected question: " + prompt);
        }
        return answers.removeFirst();
    }
}

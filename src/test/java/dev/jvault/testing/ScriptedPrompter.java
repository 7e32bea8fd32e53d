package dev.jvault.testing;

import dev.jvault.prompt.PromptException;
import dev.jvault.prompt.Prompter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A prompter that answers from a script and records what it was asked, for in-process tests. */
public final class ScriptedPrompter implements Prompter {

    private final Deque<String> answers = new ArrayDeque<>();
    private final List<String> asked = new ArrayList<>();
    private final boolean available;

    private ScriptedPrompter(boolean available, List<String> answers) {
        this.available = available;
        this.answers.addAll(answers);
    }

    public static ScriptedPrompter answering(String... answers) {
        return new ScriptedPrompter(true, List.of(answers));
    }

    /** Like running without a terminal. */
    public static ScriptedPrompter noTerminal() {
        return new ScriptedPrompter(false, List.of());
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

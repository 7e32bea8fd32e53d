package dev.jvault.target;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A command line split the way {@code jvault exec [PROFILE] [OPTIONS] [--] [COMMAND...]} reads
 * it: the options with their values, the operand (the profile, or at the root the subcommand),
 * and the command. The command starts at {@code --}, or at the first word after the operand
 * that is neither a known option nor an option's value; before the operand every word is
 * jvault's, so a mistyped option is named as one. The full path and the fast path both split
 * with this, over the same {@link OptionTable}.
 *
 * @param jvaultWords the words up to the command: options, their values, the operand
 * @param operand     the first word that is not an option or an option's value
 * @param operandAt   its index in the words scanned, or -1
 * @param values      each option given, by its longest name: its value, or "" for a flag
 * @param unplaced    words this split cannot vouch for: an unknown option before the operand, a flag
 *                    with "=value", an option missing its value, a second operand where no
 *                    command may follow; picocli reports them, the fast path steps aside
 * @param command     the command and its arguments
 */
public record CommandWords(List<String> jvaultWords, Optional<String> operand, int operandAt,
        Map<String, String> values, List<String> unplaced, List<String> command) {

    /** @param takesCommand whether words after the operand are a command's (exec, the root), or all jvault's */
    public static CommandWords scan(List<String> words, OptionTable options, boolean takesCommand) {
        List<String> jvaultWords = new ArrayList<>();
        Map<String, String> values = new HashMap<>();
        List<String> unplaced = new ArrayList<>();
        Optional<String> operand = Optional.empty();
        int operandAt = -1;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (word.equals("--") && takesCommand) {
                return new CommandWords(jvaultWords, operand, operandAt, values, unplaced, words.subList(i + 1, words.size()));
            }
            Optional<OptionTable.Option> option = word.startsWith("-") ? options.find(word) : Optional.empty();
            if (option.isPresent()) {
                jvaultWords.add(word);
                boolean inline = word.contains("=");
                if (!option.get().takesValue()) {
                    values.put(option.get().key(), "");
                    if (inline) {
                        unplaced.add(word);
                    }
                } else if (inline) {
                    values.put(option.get().key(), word.substring(word.indexOf('=') + 1));
                } else if (i + 1 < words.size()) {
                    jvaultWords.add(words.get(++i));
                    values.put(option.get().key(), words.get(i));
                } else {
                    unplaced.add(word);
                }
            } else if (operand.isEmpty()) {
                jvaultWords.add(word);
                if (word.startsWith("-")) {
                    unplaced.add(word);
                } else {
                    operand = Optional.of(word);
                    operandAt = i;
                }
            } else if (takesCommand) {
                return new CommandWords(jvaultWords, operand, operandAt, values, unplaced, words.subList(i, words.size()));
            } else {
                jvaultWords.add(word);
                unplaced.add(word);
            }
        }
        return new CommandWords(jvaultWords, operand, operandAt, values, unplaced, List.of());
    }

    public CommandWords {
        jvaultWords = List.copyOf(jvaultWords);
        values = Map.copyOf(values);
        unplaced = List.copyOf(unplaced);
        command = List.copyOf(command);
    }

    /** The value of the option with this longest name, when it was given. */
    public Optional<String> value(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }
}

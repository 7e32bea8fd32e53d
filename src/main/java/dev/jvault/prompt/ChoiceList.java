package dev.jvault.prompt;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the profile picker shows, apart from drawing it: the options that hold every word typed so
 * far (in any case, in the options' own order), and which of them is selected.
 */
final class ChoiceList {

    private final List<String> options;
    private final StringBuilder filter = new StringBuilder();
    private List<String> matches;
    private int selected;

    ChoiceList(List<String> options) {
        this.options = List.copyOf(options);
        this.matches = this.options;
    }

    void type(char c) {
        filter.append(c);
        refilter();
    }

    void erase() {
        if (!filter.isEmpty()) {
            filter.setLength(filter.length() - 1);
            refilter();
        }
    }

    void up() {
        selected = Math.max(0, selected - 1);
    }

    void down() {
        selected = Math.min(Math.max(0, matches.size() - 1), selected + 1);
    }

    String filter() {
        return filter.toString();
    }

    List<String> matches() {
        return matches;
    }

    int total() {
        return options.size();
    }

    Optional<String> selected() {
        return matches.isEmpty() ? Optional.empty() : Optional.of(matches.get(selected));
    }

    /** Index of the first match to show in a window of {@code rows}, keeping the selected one in view. */
    int firstShown(int rows) {
        return Math.max(0, Math.min(selected - rows / 2, matches.size() - rows));
    }

    private void refilter() {
        String[] words = filter.toString().toLowerCase(Locale.ROOT).strip().split("\\s+");
        matches = options.stream().filter(option -> {
            String name = option.toLowerCase(Locale.ROOT);
            for (String word : words) {
                if (!name.contains(word)) {
                    return false;
                }
            }
            return true;
        }).toList();
        // An exact name is the one meant; else the first match.
        selected = Math.max(0, matches.indexOf(filter.toString().strip()));
    }
}

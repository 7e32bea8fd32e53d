package dev.jvault.target;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A command's options as its picocli model declares them: every name, and whether the option
 * takes a value. The command line builds one from the model; the fast path, which must not load
 * picocli, reads the copy the build writes from that same model ({@code options/<command>} next
 * to this class, see {@code cli.OptionTables}). An option is known by its longest name.
 */
public final class OptionTable {

    /** One option: its longest name (e.g. {@code --duration}) and whether a value follows it. */
    public record Option(String key, boolean takesValue) {
    }

    /** The commands whose tables the build writes: the ones the fast path answers. */
    public static final List<String> WRITTEN = List.of("exec", "export");

    private final Map<String, Option> byName;

    private OptionTable(Map<String, Option> byName) {
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    /** @param names each option's names, the longest first, with whether it takes a value */
    public static OptionTable of(Map<List<String>, Boolean> names) {
        Map<String, Option> byName = new LinkedHashMap<>();
        names.forEach((aliases, takesValue) -> {
            Option option = new Option(aliases.getFirst(), takesValue);
            aliases.forEach(alias -> byName.put(alias, option));
        });
        return new OptionTable(byName);
    }

    /** Read once: the agent answers the native client's every exec with them, and reading one costs a jar lookup. */
    private static final Map<String, OptionTable> WRITTEN_TABLES = new ConcurrentHashMap<>();

    /** The table the build wrote for {@code command} (exec or export) from the picocli model. */
    public static OptionTable written(String command) {
        return WRITTEN_TABLES.computeIfAbsent(command, OptionTable::read);
    }

    private static OptionTable read(String command) {
        try (InputStream in = OptionTable.class.getResourceAsStream("options/" + command)) {
            if (in == null) {
                throw new IllegalStateException("no option table for " + command + " in this build");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The option a word names ({@code --region} or {@code --region=eu-west-1}), if it is one of these. */
    public Optional<Option> find(String word) {
        return Optional.ofNullable(byName.get(word.contains("=") ? word.substring(0, word.indexOf('=')) : word));
    }

    /** One line per option: whether it takes a value (1 or 0), then its names, the longest first. */
    public String text() {
        Map<Option, List<String>> names = byName.entrySet().stream().collect(Collectors.groupingBy(Map.Entry::getValue,
                LinkedHashMap::new, Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
        StringBuilder text = new StringBuilder();
        names.forEach((option, aliases) -> {
            text.append(option.takesValue() ? '1' : '0').append(' ').append(option.key());
            aliases.stream().filter(alias -> !alias.equals(option.key())).forEach(alias -> text.append(' ').append(alias));
            text.append('\n');
        });
        return text.toString();
    }

    static OptionTable parse(String text) {
        Map<List<String>, Boolean> names = new LinkedHashMap<>();
        text.lines().filter(line -> !line.isBlank()).forEach(line -> {
            List<String> words = List.of(line.trim().split(" +"));
            names.put(words.subList(1, words.size()), words.getFirst().equals("1"));
        });
        return of(names);
    }
}

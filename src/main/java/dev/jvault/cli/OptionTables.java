package dev.jvault.cli;

import dev.jvault.config.Environment;
import dev.jvault.target.OptionTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

/**
 * Option tables from the picocli model. The command line splits exec's words with them, and
 * the build ({@code mvn process-classes}) writes exec's and export's for the fast path, which
 * cannot load picocli: {@code OptionTables <folder>}.
 */
public final class OptionTables {

    private OptionTables() {
    }

    static OptionTable of(CommandSpec command) {
        Map<List<String>, Boolean> names = new LinkedHashMap<>();
        for (OptionSpec option : command.options()) {
            List<String> aliases = Arrays.stream(option.names()).sorted(Comparator.comparingInt(String::length).reversed())
                    .toList();
            names.put(aliases, option.arity().max() > 0);
        }
        return OptionTable.of(names);
    }

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args[0]);
        Files.createDirectories(folder);
        CommandLine jvault = JvaultCommand.commandLine(new Environment(Map.of()), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()));
        for (String command : OptionTable.WRITTEN) {
            Files.writeString(folder.resolve(command), of(jvault.getSubcommands().get(command).getCommandSpec()).text(),
                    StandardCharsets.UTF_8);
        }
    }
}

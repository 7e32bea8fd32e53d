package dev.jvault.cli;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * picocli's help, with the global options (those every command inherits from jvault) shown once:
 * under "Global options" in {@code jvault --help}, and in each command's help only named, in a
 * line after its own options.
 */
final class JvaultHelp extends CommandLine.Help {

    /** picocli's own order for the option list (its comparator is not public): shortest name, a to z, lower case first. */
    private static final Comparator<OptionSpec> BY_SHORTEST_NAME = Comparator
            .comparing((OptionSpec option) -> bare(option.shortestName()), String.CASE_INSENSITIVE_ORDER)
            .thenComparing(option -> bare(option.shortestName()), Comparator.reverseOrder());

    JvaultHelp(CommandSpec spec, ColorScheme colorScheme) {
        super(spec, colorScheme);
    }

    /** The commands people see, in help order: each once by its name (picocli lists aliases too), hidden ones left out. */
    static Map<String, CommandSpec> visibleCommands(CommandSpec root) {
        Map<String, CommandSpec> commands = new LinkedHashMap<>();
        root.subcommands().forEach((name, command) -> {
            CommandSpec spec = command.getCommandSpec();
            if (name.equals(spec.name()) && !spec.usageMessage().hidden()) {
                commands.put(name, spec);
            }
        });
        return commands;
    }

    /** The options a command has of its own: for jvault itself, the global ones. */
    static List<OptionSpec> ownOptions(CommandSpec spec) {
        return spec.options().stream().filter(option -> !option.inherited() && !option.hidden()).toList();
    }

    /** The global options' names, for a command's help and man page. */
    static String globalOptionNames(CommandSpec spec) {
        return spec.options().stream().filter(OptionSpec::inherited).map(OptionSpec::longestName)
                .collect(Collectors.joining(", "));
    }

    private static String bare(String optionName) {
        return optionName.replaceFirst("^-+", "");
    }

    @Override
    public String optionList() {
        List<OptionSpec> own = ownOptions(commandSpec());
        Comparator<OptionSpec> order = commandSpec().usageMessage().sortOptions() ? BY_SHORTEST_NAME : null;
        String list = optionListExcludingGroups(own, createDefaultLayout(own, commandSpec().positionalParameters(), colorScheme()),
                order, parameterLabelRenderer());
        String global = globalOptionNames(commandSpec());
        return global.isEmpty() ? list : list + "Global options (jvault --help): " + global + ".\n";
    }

    @Override
    protected Ansi.Text createDetailedSynopsisOptionsText(Collection<ArgSpec> done, List<OptionSpec> options,
            Comparator<OptionSpec> order, boolean clusterBooleanOptions) {
        return super.createDetailedSynopsisOptionsText(done, options.stream().filter(option -> !option.inherited()).toList(),
                order, clusterBooleanOptions);
    }
}

package dev.jvault.cli;

import dev.jvault.config.Environment;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The man pages, jvault(1) and jvault-COMMAND(1), written at build time (mvn package) from the
 * same picocli model as --help, so the two never disagree. Plain man(7) macros, no extra tool.
 */
public final class ManPages {

    private ManPages() {
    }

    /** Writes {@code DIR/man1/*.1}; run by Maven's package phase with the folder as its argument. */
    public static void main(String[] args) {
        Path dir = Path.of(args[0]).resolve("man1");
        CommandLine root = JvaultCommand.commandLine(new Environment(Map.of("HOME", "/")), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), "help");
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("jvault.1"), page(root.getCommandSpec(), "jvault"));
            for (Map.Entry<String, CommandSpec> command : commands(root.getCommandSpec()).entrySet()) {
                Files.writeString(dir.resolve("jvault-" + command.getKey() + ".1"), page(command.getValue(), "jvault-" + command.getKey()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The commands with a page of their own: all but help and the hidden ones, in help order. */
    static Map<String, CommandSpec> commands(CommandSpec root) {
        Map<String, CommandSpec> commands = JvaultHelp.visibleCommands(root);
        commands.remove("help");
        return commands;
    }

    static String page(CommandSpec spec, String name) {
        boolean root = spec.parent() == null;
        StringBuilder man = new StringBuilder();
        man.append(".TH ").append(name.toUpperCase(java.util.Locale.ROOT)).append(" 1 \"\" \"jvault\" \"jvault manual\"\n");
        man.append(".SH NAME\n").append(escape(name)).append(" \\- ").append(escape(summary(spec))).append('\n');
        man.append(".SH SYNOPSIS\n.nf\n").append(escape(spec.commandLine().getHelp().synopsis(0).strip())).append("\n.fi\n");
        man.append(".SH DESCRIPTION\n");
        for (String line : spec.usageMessage().description()) {
            man.append(line.startsWith(" ") ? ".br\n" : "").append(escape(line.strip())).append('\n');
        }
        if (root) {
            man.append(".SH COMMANDS\n");
            commands(spec).forEach((command, commandSpec) -> man.append(".TP\n.B ").append(escape(command)).append('\n')
                    .append(escape(summary(commandSpec))).append(" See jvault\\-").append(escape(command)).append("(1).\n"));
        }
        List<OptionSpec> options = JvaultHelp.ownOptions(spec);
        if (!options.isEmpty()) {
            man.append(root ? ".SH GLOBAL OPTIONS\nEvery command takes them, before or after its name.\n" : ".SH OPTIONS\n");
            for (OptionSpec option : options) {
                man.append(".TP\n.B ").append(escape(String.join(", ", option.names())))
                        .append(option.arity().max() > 0 ? " " + escape(option.paramLabel()) : "").append('\n')
                        .append(escape(String.join(" ", option.description()))).append('\n');
            }
            String global = JvaultHelp.globalOptionNames(spec);
            if (!global.isEmpty()) {
                man.append(".PP\nAnd the global options ").append(escape(global)).append(": see jvault(1).\n");
            }
        }
        String[] footer = spec.usageMessage().footer();
        if (footer.length > 0) {
            man.append(".SH ").append(footer.length > 1 && footer[1].equals("Examples:") ? "EXAMPLES" : "NOTES").append("\n.nf\n");
            for (String line : footer) {
                if (!line.isEmpty() && !line.equals("Examples:")) {
                    man.append(escape(line)).append('\n');
                }
            }
            man.append(".fi\n");
        }
        man.append(".SH SEE ALSO\n").append(root ? commands(spec).keySet().stream().map(command -> "jvault\\-" + escape(command)
                + "(1)").collect(Collectors.joining(", ")) : "jvault(1)").append(", docs/commands.md\n");
        return man.toString();
    }

    /** The first sentence of the header (or else the description), whole: its lines are joined first. */
    static String summary(CommandSpec spec) {
        String[] header = spec.usageMessage().header();
        String text = String.join(" ", header.length > 0 ? header : spec.usageMessage().description()).strip();
        int end = text.indexOf(". ");
        return end < 0 ? text : text.substring(0, end + 1);
    }

    /** Text as roff reads it: backslashes and dashes escaped, no line starting with a control character. */
    static String escape(String text) {
        String escaped = text.replace("\\", "\\e").replace("-", "\\-");
        return escaped.startsWith(".") || escaped.startsWith("'") ? "\\&" + escaped : escaped;
    }
}

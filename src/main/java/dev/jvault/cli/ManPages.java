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
            for (Map.Entry<String, CommandLine> command : root.getSubcommands().entrySet()) {
                CommandSpec spec = command.getValue().getCommandSpec();
                if (!spec.usageMessage().hidden() && !command.getKey().equals("help")) {
                    Files.writeString(dir.resolve("jvault-" + command.getKey() + ".1"), page(spec, "jvault-" + command.getKey()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String page(CommandSpec spec, String name) {
        StringBuilder man = new StringBuilder();
        man.append(".TH ").append(name.toUpperCase(java.util.Locale.ROOT)).append(" 1 \"\" \"jvault\" \"jvault manual\"\n");
        man.append(".SH NAME\n").append(escape(name)).append(" \\- ").append(escape(summary(spec))).append('\n');
        man.append(".SH SYNOPSIS\n.nf\n").append(escape(spec.commandLine().getHelp().synopsis(0).strip())).append("\n.fi\n");
        man.append(".SH DESCRIPTION\n");
        for (String line : spec.usageMessage().description()) {
            man.append(line.startsWith(" ") ? ".br\n" : "").append(escape(line.strip())).append('\n');
        }
        List<OptionSpec> options = spec.options().stream().filter(option -> !option.hidden()).toList();
        if (!options.isEmpty()) {
            man.append(".SH OPTIONS\n");
            for (OptionSpec option : options) {
                man.append(".TP\n.B ").append(escape(String.join(", ", option.names())))
                        .append(option.arity().max() > 0 ? " " + escape(option.paramLabel()) : "").append('\n')
                        .append(escape(String.join(" ", option.description()))).append('\n');
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
        man.append(".SH SEE ALSO\n").append(name.equals("jvault") ? "jvault-exec(1), jvault-add(1)" : "jvault(1)")
                .append(", docs/commands.md\n");
        return man.toString();
    }

    private static String summary(CommandSpec spec) {
        String[] header = spec.usageMessage().header();
        return header.length > 0 ? header[0] : spec.usageMessage().description()[0];
    }

    /** Text as roff reads it: backslashes and dashes escaped, no line starting with a control character. */
    static String escape(String text) {
        String escaped = text.replace("\\", "\\e").replace("-", "\\-");
        return escaped.startsWith(".") || escaped.startsWith("'") ? "\\&" + escaped : escaped;
    }
}

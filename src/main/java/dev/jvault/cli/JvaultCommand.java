package dev.jvault.cli;

import dev.jvault.config.AwsConfig;
import dev.jvault.config.AwsConfigLoader;
import dev.jvault.config.Environment;
import dev.jvault.error.ExitStatus;
import dev.jvault.error.JvaultException;
import dev.jvault.exec.ExecveLauncher;
import dev.jvault.exec.LaunchException;
import dev.jvault.exec.Launcher;
import dev.jvault.exec.SubprocessLauncher;
import dev.jvault.log.Log;
import dev.jvault.process.ProcessHardening;
import dev.jvault.prompt.InteractivePrompter;
import dev.jvault.prompt.Prompter;
import dev.jvault.target.CommandWords;
import dev.jvault.text.Suggestions;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The root command: global options, subcommands, and how errors become one line and a status. */
@Command(name = "jvault",
        mixinStandardHelpOptions = true,
        versionProvider = JvaultCommand.Version.class,
        description = {
            "Keeps your long-lived AWS keys locked away and gives each command short-lived,",
            "MFA-backed credentials for the profile you name, from your ~/.aws/config."},
        optionListHeading = "Global options (every command takes them):%n",
        footer = {"", "Docs: docs/commands.md in jvault's folder."})
public final class JvaultCommand implements Runnable {

    /**
     * The subcommands in help order. Only the one a command line names is built: picocli reflects
     * over each command class it registers, which costs start-up time on every run.
     */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    private final Environment env;
    private final Prompter prompter;
    private final Launcher launcher;

    @CommandLine.Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Explain each step on stderr (secrets are masked).")
    boolean debug;

    @CommandLine.Option(names = "--config-file", paramLabel = "FILE", scope = CommandLine.ScopeType.INHERIT,
            description = "AWS config file to read (default: $AWS_CONFIG_FILE, else ~/.aws/config).")
    Path configFile;

    @CommandLine.Option(names = "--backend", paramLabel = "keychain|file", scope = CommandLine.ScopeType.INHERIT,
            completionCandidates = Candidates.Backends.class,
            description = "Where keys are kept (default: $JVAULT_BACKEND, else the backend of your first 'add',"
                    + " else the OS keychain when one answers, else the vault file).")
    String backend;

    private AwsConfig config;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    JvaultCommand(Environment env, Prompter prompter, Launcher launcher) {
        this.env = env;
        this.prompter = prompter;
        this.launcher = launcher;
    }

    /** Parses and runs a command line; exec's command is separated from jvault's options first. */
    public static int execute(CommandLine commandLine, String... args) {
        CommandLine exec = commandLine.getSubcommands().get("exec");
        return commandLine.execute(exec == null ? args : ExecArguments.separate(args, exec.getCommandSpec()));
    }

    /** The command line as users run it: terminal prompts, and commands that replace the JVM where execve exists. */
    public static CommandLine commandLine(Environment env, PrintWriter out, PrintWriter err, String... args) {
        Launcher launcher = ExecveLauncher.supported() ? new ExecveLauncher(new SubprocessLauncher()) : new SubprocessLauncher();
        boolean noColor = env.get("NO_COLOR").filter(value -> !value.isEmpty()).isPresent();
        return commandLine(env, new InteractivePrompter(noColor), launcher, out, err, args);
    }

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("exec", ExecCommand::new);
        commands.put("export", ExportCommand::new);
        commands.put("login", LoginCommand::new);
        commands.put("sso", SsoCommand::new);
        commands.put("add", AddCommand::new);
        commands.put("import", ImportCommand::new);
        commands.put("list", ListCommand::new);
        commands.put("remove", RemoveCommand::new);
        commands.put("rotate", RotateCommand::new);
        commands.put("clear", ClearCommand::new);
        commands.put("passwd", PasswdCommand::new);
        commands.put("describe", DescribeCommand::new);
        commands.put("agent", AgentCommand::new);
        commands.put("lock", LockCommand::new);
        commands.put("completion", CompletionCommand::new);
        commands.put("__profiles", ProfileNamesCommand::new);
        commands.put("help", CommandLine.HelpCommand::new);
        return commands;
    }

    /** @param args the command line to run, from which only the subcommand it names is built */
    public static CommandLine commandLine(Environment env, Prompter prompter, Launcher launcher, PrintWriter out,
            PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new JvaultCommand(env, prompter, launcher));
        // The first word that is not a global option or its value; "help" and "completion" list or show the others, so they need them all.
        Optional<String> named = CommandWords.scan(List.of(args), OptionTables.of(commandLine.getCommandSpec()), true)
                .operand().filter(SUBCOMMANDS::containsKey)
                .filter(name -> !name.equals("help") && !name.equals("completion"));
        boolean versionOnly = named.isEmpty() && List.of(args).stream().anyMatch(a -> a.equals("-V") || a.equals("--version"));
        SUBCOMMANDS.forEach((name, command) -> {
            if (!versionOnly && (named.isEmpty() || named.get().equals(name))) {
                commandLine.addSubcommand(name, command.get());
            }
        });
        commandLine.getCommandSpec().usageMessage().footer(footer());
        commandLine.setHelpFactory(JvaultHelp::new);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler(JvaultCommand::handleUsageError);
        commandLine.setExecutionStrategy(JvaultCommand::executeWithDebug);
        commandLine.setExecutionExceptionHandler(JvaultCommand::handleError);
        return commandLine;
    }

    /** The exit statuses, from the one list the code uses, then where the docs are. */
    private static String[] footer() {
        List<String> lines = new ArrayList<>(List.of("", "Exit status:"));
        for (ExitStatus status : ExitStatus.values()) {
            lines.add(String.format("  %3d  %s", status.code(), status.meaning()));
        }
        lines.addAll(List.of("  exec: the command's own status, 125 as above, 126 not executable,",
                "        127 not found, 128+N ended by signal N.", "",
                "Docs: " + commandsDoc() + "."));
        return lines.toArray(String[]::new);
    }

    /** docs/commands.md where this jvault is (installed or a source checkout), found from the launcher's path. */
    private static String commandsDoc() {
        return Optional.ofNullable(System.getProperty("jvault.launcher"))
                .map(launcher -> Path.of(launcher).toAbsolutePath().getParent().resolveSibling("docs/commands.md"))
                .filter(Files::isRegularFile)
                .map(Path::toString)
                .orElse("docs/commands.md in jvault's folder");
    }

    Environment env() {
        return env;
    }

    Prompter prompter() {
        return prompter;
    }

    Launcher launcher() {
        return launcher;
    }

    Optional<String> backend() {
        return Optional.ofNullable(backend);
    }

    /** The config files, read once per command; what they hold but the user probably did not mean is said here. */
    AwsConfig loadConfig() {
        if (config == null) {
            config = new AwsConfigLoader(env).load(Optional.ofNullable(configFile));
            config.warnings().forEach(warning -> say(spec.commandLine().getErr(), "warning: " + warning));
        }
        return config;
    }

    /** A line about jvault itself on stderr: "jvault: ", then the message as {@link Log#shown} makes it safe to show. */
    static void say(PrintWriter err, String message) {
        err.println("jvault: " + Log.shown(message));
    }

    /** Bare {@code jvault}: the usage. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static int executeWithDebug(CommandLine.ParseResult parseResult) {
        CommandLine root = parseResult.commandSpec().commandLine();
        if (root.getCommand() instanceof JvaultCommand jvault && jvault.debug) {
            Log.enable(root.getErr());
        }
        Log.notices(root.getErr());
        // Every command that opens the store may hold keys or the vault key: no other process may read them.
        if (parseResult.hasSubcommand() && parseResult.subcommand().commandSpec().userObject() instanceof StoreCommand) {
            ProcessHardening.apply();
        }
        try {
            return new CommandLine.RunLast().execute(parseResult);
        } finally {
            Log.disable();
        }
    }

    /**
     * A {@link JvaultException} carries its own status and one-line message; anything else is an
     * internal error. Inside exec, every failure of jvault itself is 125, as with env(1); a
     * command that cannot start is 126 or 127; Ctrl-C at a prompt is 130, as everywhere.
     */
    private static int handleError(Exception error, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        Log.debug("failed", error);
        if (error instanceof LaunchException launch) {
            say(commandLine.getErr(), launch.getMessage());
            return launch.exitStatus();
        }
        int status;
        String message;
        if (error instanceof JvaultException known) {
            status = known.exitStatus();
            message = known.getMessage();
        } else {
            status = ExitStatus.INTERNAL.code();
            message = "internal error: " + error + " (run again with --debug for details, and report it)";
        }
        say(commandLine.getErr(), message);
        boolean failedInExec = commandLine.getCommand() instanceof ExecCommand && status != ExitStatus.INTERRUPTED.code();
        return failedInExec ? ExitStatus.EXEC_FAILED.code() : status;
    }

    private static int handleUsageError(CommandLine.ParameterException error, String[] args) {
        CommandLine commandLine = error.getCommandLine();
        boolean atRoot = commandLine.getCommand() instanceof JvaultCommand;
        say(commandLine.getErr(), usageMessage(error, atRoot));
        commandLine.getErr().println("Run 'jvault " + (atRoot ? "" : commandLine.getCommandName() + " ") + "--help' for usage.");
        return commandLine.getCommand() instanceof ExecCommand ? ExitStatus.EXEC_FAILED.code() : ExitStatus.USAGE.code();
    }

    /** picocli's message, except for a word it could not place: named as the unknown command or option it is. */
    private static String usageMessage(CommandLine.ParameterException error, boolean atRoot) {
        if (!(error instanceof CommandLine.UnmatchedArgumentException unmatched) || unmatched.getUnmatched().isEmpty()) {
            return error.getMessage();
        }
        String word = unmatched.getUnmatched().getFirst();
        CommandLine.Model.CommandSpec spec = error.getCommandLine().getCommandSpec();
        if (word.startsWith("-")) {
            String name = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
            List<String> options = spec.options().stream().flatMap(option -> Stream.of(option.names())).toList();
            return "unknown option '" + name + "'" + Suggestions.didYouMean(name, options).orElse("");
        }
        if (atRoot) {
            return "unknown command '" + word + "'" + Suggestions.didYouMean(word, SUBCOMMANDS.keySet())
                    .orElse(": the commands are " + String.join(", ", SUBCOMMANDS.keySet()));
        }
        return "unexpected argument '" + word + "'";
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Properties properties = new Properties();
            try (InputStream in = JvaultCommand.class.getResourceAsStream("/dev/jvault/version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String commit = known(properties, "commit") + ("true".equals(properties.getProperty("dirty")) ? "+changes" : "");
            return new String[] {"jvault " + known(properties, "version") + " (commit " + commit + ", built "
                    + known(properties, "date") + "; Java " + Runtime.version() + ")"};
        }

        /** A value the build filled in; a build outside a git checkout leaves the commit unfilled. */
        private static String known(Properties properties, String key) {
            String value = properties.getProperty(key, "");
            return value.isEmpty() || value.startsWith("${") ? "unknown" : value;
        }
    }
}

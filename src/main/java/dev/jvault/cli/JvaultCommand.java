package dev.jvault.cli;

import dev.jvault.config.AwsConfig;
import dev.jvault.config.AwsConfigLoader;
import dev.jvault.config.ConfigException;
import dev.jvault.config.Environment;
import dev.jvault.log.Log;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root command: global options, subcommands, and how errors become one line and a status. */
@Command(name = "jvault",
        mixinStandardHelpOptions = true,
        versionProvider = JvaultCommand.Version.class,
        description = {
            "Keeps your long-lived AWS keys locked away and gives each command short-lived,",
            "MFA-backed credentials for the profile you name, from your ~/.aws/config."},
        subcommands = {DescribeCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Docs: docs/README.md in the jvault distribution. Exit status: 0 ok, 2 usage, 78 config error, 70 internal error."})
public final class JvaultCommand implements Runnable {

    private final Environment env;

    @CommandLine.Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Explain each step on stderr (secrets are masked).")
    boolean debug;

    @CommandLine.Option(names = "--config-file", paramLabel = "FILE", scope = CommandLine.ScopeType.INHERIT,
            description = "AWS config file to read (default: $AWS_CONFIG_FILE, else ~/.aws/config).")
    Path configFile;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    JvaultCommand(Environment env) {
        this.env = env;
    }

    public static CommandLine commandLine(Environment env, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new JvaultCommand(env));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionStrategy(JvaultCommand::executeWithDebug);
        commandLine.setExecutionExceptionHandler(JvaultCommand::handleError);
        return commandLine;
    }

    Environment env() {
        return env;
    }

    AwsConfig loadConfig() {
        return new AwsConfigLoader(env).load(Optional.ofNullable(configFile));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "jvault: name a command");
    }

    private static int executeWithDebug(CommandLine.ParseResult parseResult) {
        CommandLine root = parseResult.commandSpec().commandLine();
        if (root.getCommand() instanceof JvaultCommand jvault && jvault.debug) {
            Log.enable(root.getErr());
        }
        try {
            return new CommandLine.RunLast().execute(parseResult);
        } finally {
            Log.disable();
        }
    }

    private static int handleError(Exception error, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        if (error instanceof ConfigException) {
            err.println("jvault: " + error.getMessage());
            return ExitCodes.CONFIG;
        }
        Log.debug("unexpected error", error);
        err.println("jvault: unexpected error: " + error + " (run again with --debug for details, and report it)");
        return ExitCodes.SOFTWARE;
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
            return new String[] {"jvault " + properties.getProperty("version", "unknown")
                    + " (Java " + Runtime.version() + ")"};
        }
    }
}

package dev.jvault.testing;

import dev.jvault.cli.JvaultCommand;
import dev.jvault.config.Environment;
import dev.jvault.exec.SubprocessLauncher;
import dev.jvault.prompt.Prompter;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Runs the jvault command line in-process with captured stdout and stderr. exec runs its
 * command as a real subprocess here: execve would replace the test JVM.
 */
public final class Cli {

    private Cli() {
    }

    /** Without a terminal, as in CI. */
    public static JvaultProcess.Result run(Environment env, String... args) {
        return run(env, ScriptedPrompter.noTerminal(), args);
    }

    public static JvaultProcess.Result run(Environment env, Prompter prompter, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = JvaultCommand.execute(JvaultCommand.commandLine(env, prompter, new SubprocessLauncher(),
                new PrintWriter(out, true), new PrintWriter(err, true), args), args);
        return new JvaultProcess.Result(status, out.toString(), err.toString());
    }
}

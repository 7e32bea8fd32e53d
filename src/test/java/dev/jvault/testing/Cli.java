package dev.jvault.testing;

import dev.jvault.cli.JvaultCommand;
import dev.jvault.config.Environment;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the jvault command line in-process with captured stdout and stderr. */
public final class Cli {

    private Cli() {
    }

    public static JvaultProcess.Result run(Environment env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = JvaultCommand.commandLine(env, new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new JvaultProcess.Result(status, out.toString(), err.toString());
    }
}

package dev.jvault;

import dev.jvault.cli.JvaultCommand;
import dev.jvault.config.Environment;
import dev.jvault.error.ExitStatus;
import java.io.PrintWriter;

/** Entry point: builds the command line and exits with its status. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int status;
        try {
            status = JvaultCommand.execute(JvaultCommand.commandLine(Environment.system(), out, err, args), args);
        } catch (OutOfMemoryError | StackOverflowError e) {
            // Input jvault failed to bound: one line, not a stack trace that may quote what it was reading.
            err.println("jvault: internal error: ran out of " + (e instanceof OutOfMemoryError ? "memory" : "stack")
                    + " (run again with --debug, and report it)");
            status = ExitStatus.INTERNAL.code();
        }
        out.flush();
        err.flush();
        System.exit(status);
    }
}

package dev.jvault;

import dev.jvault.cli.JvaultCommand;
import dev.jvault.config.Environment;
import java.io.PrintWriter;

/** Entry point: builds the command line and exits with its status. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int status = JvaultCommand.execute(JvaultCommand.commandLine(Environment.system(), out, err, args), args);
        out.flush();
        err.flush();
        System.exit(status);
    }
}

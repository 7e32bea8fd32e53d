package dev.jvault.exec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Runs the command with exactly the given environment and returns its exit status (if it returns at all). */
public interface Launcher {

    /**
     * @param program the resolved executable
     * @param argv    the command line as the program sees it, argv[0] first
     */
    int run(Path program, List<String> argv, Map<String, String> env);
}

package dev.jvault.target;

import dev.jvault.config.Environment;
import dev.jvault.exec.CommandPath;
import dev.jvault.text.Shell;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * The command jvault runs and what it runs with: the program found on the child's PATH, its
 * words, the whole environment (the parent's, cleaned, plus {@code variables}), and the
 * variables alone, which is what the launcher's shell needs on the fast path.
 */
public record ChildLaunch(Path program, List<String> command, Map<String, String> environment,
        SequencedMap<String, String> variables) {

    /**
     * @param command the words after the profile; empty runs $SHELL (else /bin/sh)
     * @throws dev.jvault.exec.LaunchException when the program is not found or not executable
     */
    static ChildLaunch of(List<String> command, Environment env, SequencedMap<String, String> variables) {
        List<String> words = command.isEmpty() ? List.of(env.get("SHELL").orElse("/bin/sh")) : List.copyOf(command);
        Map<String, String> environment = ChildEnvironment.build(env.variables(), variables);
        Path program = CommandPath.resolve(words.getFirst(), Optional.ofNullable(environment.get("PATH")),
                env.workingDirectory());
        return new ChildLaunch(program, words, environment, variables);
    }

    /** The variables removed from the parent's environment before {@link #variables} are set. */
    public List<String> unset() {
        return ChildEnvironment.UNSET;
    }

    /** The same launch as shell commands for the launcher, which runs them before its own {@code exec "$@"}. */
    public String shellCommands() {
        StringBuilder script = new StringBuilder(ChildEnvironment.shellCommands(variables)).append("set --");
        command.forEach(word -> script.append(' ').append(Shell.quoted(word)));
        return script.append('\n').toString();
    }

    /** The environment holds the credentials: never printed. */
    @Override
    public String toString() {
        return "ChildLaunch[" + program + "]";
    }
}

package dev.jvault.agent;

import dev.jvault.config.Environment;
import java.nio.file.Path;

/**
 * Where the agent listens: a socket in a folder only its user may enter, in the per-user
 * runtime folder ({@code $XDG_RUNTIME_DIR/jvault}, gone at logout) when there is one, else
 * {@code ~/.jvault/agent}. Client and agent compute it the same way from the same variables.
 */
public record AgentPaths(Path folder) {

    public static AgentPaths of(Environment env) {
        return new AgentPaths(env.get("XDG_RUNTIME_DIR").map(Path::of).filter(Path::isAbsolute)
                .map(runtime -> runtime.resolve("jvault"))
                .orElseGet(() -> env.home().resolve(".jvault").resolve("agent")));
    }

    public Path socket() {
        return folder.resolve("agent.sock");
    }
}

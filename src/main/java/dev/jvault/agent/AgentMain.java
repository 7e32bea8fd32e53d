package dev.jvault.agent;

import dev.jvault.config.Environment;
import dev.jvault.error.ExitStatus;
import java.io.IOException;

/**
 * The agent's own process, as bin/jvault starts it for {@code jvault agent run} (which
 * {@link Agent#ensureRunning} runs): no command line to parse, so none of the command line's
 * classes are loaded into a process that stays in memory.
 */
public final class AgentMain {

    private AgentMain() {
    }

    public static void main(String[] args) throws IOException {
        Environment env = Environment.system();
        boolean served = Agent.of(env).map(agent -> {
            try {
                return agent.serve();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).orElse(false);
        System.exit(served ? ExitStatus.OK.code() : ExitStatus.BUSY.code());
    }
}

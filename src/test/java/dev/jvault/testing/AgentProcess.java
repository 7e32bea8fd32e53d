package dev.jvault.testing;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The agent a test started through bin/jvault: found by its status, stopped and waited for, so none outlives the test. */
public final class AgentProcess {

    private AgentProcess() {
    }

    /** The pid {@code jvault agent status} names, when an agent runs for this environment. */
    public static Optional<Long> pid(Map<String, String> env) {
        JvaultProcess.Result status = JvaultProcess.run(env, "agent", "status");
        return status.stdout().lines().filter(line -> line.startsWith("Agent: pid ")).findFirst()
                .map(line -> Long.parseLong(line.split(" ")[2]));
    }

    /** Stops the agent of this environment, if one runs, and waits until it is gone (killing it after 10 s). */
    public static void stop(Map<String, String> env) {
        pid(env).flatMap(ProcessHandle::of).ifPresent(agent -> {
            JvaultProcess.run(env, "agent", "stop");
            agent.onExit().completeOnTimeout(null, 10, TimeUnit.SECONDS).join();
            agent.destroyForcibly();
        });
    }
}

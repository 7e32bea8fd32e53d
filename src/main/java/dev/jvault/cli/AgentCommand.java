package dev.jvault.cli;

import dev.jvault.agent.Agent;
import dev.jvault.agent.AgentClient;
import dev.jvault.agent.AgentServer;
import dev.jvault.config.Durations;
import dev.jvault.error.ExitStatus;
import dev.jvault.error.JvaultException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "agent",
        header = "Start, stop or show the agent that keeps sessions and the vault key in memory.",
        footer = {"", "Examples:", "  jvault agent status", "  jvault agent stop"}, mixinStandardHelpOptions = true,
        description = {
            "It starts by itself when a command first unlocks the store (not under",
            "CI: there, JVAULT_AGENT=on or agent start), and stops by itself when it holds",
            "nothing or after $JVAULT_AGENT_IDLE (15m) without a request. JVAULT_AGENT=off",
            "turns it off. jvault lock makes it forget everything."})
final class AgentCommand extends Subcommand implements Callable<Integer> {

    static final List<String> ACTIONS = List.of("start", "stop", "status");

    @Parameters(paramLabel = "start|stop|status", description = "What to do.", completionCandidates = Candidates.AgentActions.class)
    String action;

    @Override
    public Integer call() throws IOException {
        Agent agent = Agent.of(root.env()).orElseThrow(() -> new JvaultException(ExitStatus.USAGE,
                "the agent is off here (JVAULT_AGENT=off, or no Unix-domain sockets on this system)"));
        AgentClient client = agent.client();
        switch (action) {
            case "status" -> show(status(client, "It holds nothing: it stops soon."));
            case "start" -> {
                if (!agent.start()) {
                    throw new JvaultException(ExitStatus.UNAVAILABLE, "the agent did not start: run jvault --debug agent"
                            + " start for why");
                }
                show(status(client, "It is empty: it keeps the vault key and the sessions of the jvault commands you run"
                        + " next, and stops by itself if none comes within " + Durations.format(AgentServer.START_GRACE) + "."));
            }
            case "stop" -> show(client.stop() ? "Stopped the agent; it forgot everything it held."
                    : "No agent runs on " + client.paths().socket() + ".");
            default -> throw usage("the agent action is " + String.join(", ", ACTIONS) + ", not '" + action + "'");
        }
        return ExitStatus.OK.code();
    }

    private static String status(AgentClient client, String whenEmpty) {
        Optional<AgentClient.Status> status = client.status();
        if (status.isEmpty()) {
            return "No agent runs on " + client.paths().socket() + ".";
        }
        String holdings = status.get().holdings();
        return "Agent: pid " + status.get().pid() + " on " + client.paths().socket() + "\n"
                + (holdings.isEmpty() ? whenEmpty : holdings);
    }
}

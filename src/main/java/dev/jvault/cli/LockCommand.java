package dev.jvault.cli;

import dev.jvault.agent.Agent;
import dev.jvault.agent.AgentClient;
import dev.jvault.error.ExitStatus;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "lock",
        footer = {"", "Examples:", "  jvault lock", "  jvault lock && jvault agent status     # nothing is held any more"}, mixinStandardHelpOptions = true,
        description = {
            "Make the agent forget the vault key and every cached session at once.",
            "The next command asks for the vault passphrase again (and the agent stops,",
            "empty)."})
final class LockCommand extends Subcommand implements Callable<Integer> {

    @Override
    public Integer call() {
        AgentClient client = Agent.of(root.env()).map(Agent::client).orElse(null);
        if (client != null && client.lock()) {
            show("Locked: the agent forgot the vault key and every session.");
        } else {
            show("No agent runs: nothing to forget.");
        }
        return ExitStatus.OK.code();
    }
}

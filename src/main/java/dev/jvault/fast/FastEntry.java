package dev.jvault.fast;

import dev.jvault.agent.Agent;
import dev.jvault.agent.AgentClient;
import dev.jvault.config.Environment;
import dev.jvault.hit.Hit;
import dev.jvault.hit.HitFinder;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The small Java entry the launcher tries first for {@code exec} and {@code export} when no
 * native client answered (docs/agent.md): {@link HitFinder} with the agent asked over its
 * socket. On a hit it prints, for {@code export}, the output, and for {@code exec}, shell
 * commands (unset, export, {@code set --} the command) that the launcher evaluates before its
 * own {@code exec}. Anything else exits non-zero without printing, and the launcher runs the
 * full path, which says what is wrong.
 */
public final class FastEntry {

    /** Any status but 0 sends the launcher to the full path. */
    static final int FULL_PATH = 1;

    private FastEntry() {
    }

    public static void main(String[] args) {
        AgentClient.prepareInBackground(); // while the config is read and planned
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        Optional<String> answer;
        try {
            answer = answer(Environment.system(), List.of(args));
        } catch (RuntimeException e) {
            answer = Optional.empty(); // the full path will say what is wrong
        }
        answer.ifPresent(out::print);
        out.flush();
        System.exit(answer.isPresent() ? 0 : FULL_PATH);
    }

    /** What to print on a hit; empty whenever the full path should run instead. */
    public static Optional<String> answer(Environment env, List<String> args) {
        Optional<Agent> agent = Agent.of(env);
        if (agent.isEmpty()) {
            return Optional.empty();
        }
        return HitFinder.find(env, args, agent.get().client()::session).map(hit -> switch (hit) {
            case Hit.Output output -> output.text();
            case Hit.Launch launch -> launch.launch().shellCommands();
        });
    }
}

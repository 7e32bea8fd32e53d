package dev.jvault.fast;

import dev.jvault.agent.Agent;
import dev.jvault.agent.AgentClient;
import dev.jvault.config.AwsConfig;
import dev.jvault.config.AwsConfigLoader;
import dev.jvault.config.Environment;
import dev.jvault.config.Timeouts;
import dev.jvault.credentials.ExportFormat;
import dev.jvault.keys.AwsKeys;
import dev.jvault.prompt.MfaCodes;
import dev.jvault.store.StoredItem;
import dev.jvault.store.select.StoreLocation;
import dev.jvault.target.CommandWords;
import dev.jvault.target.OptionTable;
import dev.jvault.target.Target;
import dev.jvault.target.TargetRequest;
import dev.jvault.target.TargetStage;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The small entry the launcher tries first for {@code exec} and {@code export}: the target
 * stage, as the full path runs it, then the agent asked for the target's final credentials. On
 * a hit it prints, for {@code export}, the output, and for {@code exec}, shell commands (unset,
 * export, {@code set --} the command) that the launcher evaluates before its own {@code exec}:
 * no picocli, no store, no key derivation, no D-Bus, no AWS SDK, no FFM. Anything else (a miss,
 * no agent, an option it does not answer, an error, a nested exec) exits non-zero without
 * printing, and the launcher runs the full path, which says what is wrong.
 */
public final class FastEntry {

    /** Any status but 0 sends the launcher to the full path. */
    static final int FULL_PATH = 1;

    /** The options whose effect is the target's alone; any other (-t, --server, --write, ...) needs the full path. */
    private static final Set<String> ANSWERED = Set.of("--duration", "--no-session", "--region", "--format");

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
        if (env.get("JVAULT").isPresent() || args.isEmpty() || !OptionTable.WRITTEN.contains(args.getFirst())) {
            return Optional.empty(); // nested: the full path says so on stderr
        }
        try {
            return answerFromTheAgent(env, args.getFirst().equals("exec"),
                    CommandWords.scan(args.subList(1, args.size()), OptionTable.written(args.getFirst()),
                            args.getFirst().equals("exec")));
        } catch (StepAside e) {
            return Optional.empty();
        }
    }

    private static Optional<String> answerFromTheAgent(Environment env, boolean exec, CommandWords words) {
        if (!words.unplaced().isEmpty() || !ANSWERED.containsAll(words.values().keySet())) {
            return Optional.empty(); // picocli's error to report, or an option only the full path honours
        }
        Optional<ExportFormat> format = exec ? Optional.empty()
                : Optional.of(ExportFormat.named(words.value("--format").orElse("env")).orElseThrow(StepAside::new));
        // The settings the full path checks first: a wrong one is its error to report, never answered past.
        MfaCodes.driver(Optional.empty(), env);
        // The store these sessions must come from; when only the keychain's answer could tell, the full path asks it.
        StoreLocation location = new StoreLocation(env, Optional.empty(), Optional.empty());
        String store = location.identity(location.choose(() -> {
            throw new StepAside();
        }));
        Agent agent = Agent.of(env).orElseThrow(StepAside::new);
        AwsConfig config = new AwsConfigLoader(env).load(Optional.empty());
        if (!config.warnings().isEmpty()) {
            return Optional.empty(); // the full path prints them
        }
        // Where a chain starts can depend on whether the store holds keys for a profile, and the picker is the user's.
        Target target = new TargetStage(env, config, name -> {
            throw new StepAside();
        }).target(new TargetRequest(words.operand(), words.value("--duration"), words.has("--no-session"),
                words.value("--region")), names -> {
            throw new StepAside();
        });
        if (!target.warnings().isEmpty() || !target.plan().makesSessions()) {
            return Optional.empty(); // the full path says them; no session to hold: the root's own credentials
        }
        Optional<StoredItem.CachedSession> held = agent.client().session(store, target.root(), target.finalKey(),
                Timeouts.minimumTtl(env));
        if (held.isEmpty()) {
            return Optional.empty();
        }
        AwsKeys keys = held.get().credentials();
        if (format.isPresent()) {
            return Optional.of(format.get().render(target.profile(), keys, target.region()));
        }
        // A command not found or not executable throws: the full path's error.
        return Optional.of(target.launch(words.command(), env, keys).shellCommands());
    }

    /** A question only the full path can answer: the store's, the keychain's, the user's. */
    private static final class StepAside extends RuntimeException {
        StepAside() {
            super(null, null, false, false);
        }
    }
}

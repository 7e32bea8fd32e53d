package dev.jvault.hit;

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
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An {@code exec} or {@code export} answered from a held session alone: the target stage, as
 * the full path runs it, then the session for the target's final key. The launcher's Java fast
 * path (asking the agent over its socket) and the agent itself (answering a native client)
 * both come here, so the two can only differ in where the session is looked up. No picocli, no
 * store, no key derivation, no D-Bus, no AWS SDK, no FFM. Anything else (a miss, an option it
 * does not answer, an error, a nested exec) is empty, and the full path runs and says what is wrong.
 */
public final class HitFinder {

    /** The options whose effect is the target's alone; any other (-t, --server, --write, ...) needs the full path. */
    private static final Set<String> ANSWERED = Set.of("--duration", "--no-session", "--region", "--format");

    private HitFinder() {
    }

    /** @param args the command line after {@code jvault}: exec or export and their words */
    public static Optional<Hit> find(Environment env, List<String> args, SessionLookup sessions) {
        if (env.get("JVAULT").isPresent() || args.isEmpty() || !OptionTable.WRITTEN.contains(args.getFirst())) {
            return Optional.empty(); // nested: the full path says so on stderr
        }
        try {
            boolean exec = args.getFirst().equals("exec");
            return find(env, exec, CommandWords.scan(args.subList(1, args.size()), OptionTable.written(args.getFirst()), exec),
                    sessions);
        } catch (StepAside e) {
            return Optional.empty();
        }
    }

    private static Optional<Hit> find(Environment env, boolean exec, CommandWords words, SessionLookup sessions) {
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
        Optional<StoredItem.CachedSession> held = sessions.session(store, target.root(), target.finalKey(),
                Timeouts.minimumTtl(env));
        if (held.isEmpty()) {
            return Optional.empty();
        }
        AwsKeys keys = held.get().credentials();
        if (format.isPresent()) {
            return Optional.of(new Hit.Output(format.get().render(target.profile(), keys, target.region())));
        }
        // A command not found or not executable throws: the full path's error.
        return Optional.of(new Hit.Launch(target.launch(words.command(), env, keys)));
    }

    /** A question only the full path can answer: the store's, the keychain's, the user's. */
    private static final class StepAside extends RuntimeException {
        StepAside() {
            super(null, null, false, false);
        }
    }
}

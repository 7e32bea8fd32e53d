package dev.jvault.fast;

import dev.jvault.agent.Agent;
import dev.jvault.agent.AgentClient;
import dev.jvault.config.AwsConfig;
import dev.jvault.config.AwsConfigLoader;
import dev.jvault.config.CredentialPlan;
import dev.jvault.config.CredentialPlanner;
import dev.jvault.config.Environment;
import dev.jvault.config.Origin;
import dev.jvault.config.PlanOptions;
import dev.jvault.config.ProfileResolver;
import dev.jvault.config.ResolvedProfile;
import dev.jvault.config.Sourced;
import dev.jvault.config.TargetProfile;
import dev.jvault.config.Timeouts;
import dev.jvault.credentials.ExportFormat;
import dev.jvault.error.ExitStatus;
import dev.jvault.exec.ChildEnvironment;
import dev.jvault.exec.CommandPath;
import dev.jvault.prompt.MfaCodes;
import dev.jvault.store.StoreLocation;
import dev.jvault.store.StoredItem;
import dev.jvault.sts.CacheKeys;
import dev.jvault.sts.IssuedCredentials;
import dev.jvault.text.Shell;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The small entry the launcher tries first for {@code exec} and {@code export}: it reads the
 * config, plans the profile as the full path would, and asks the agent for the plan's final
 * credentials. On a hit it prints, for {@code export}, the output, and for {@code exec}, shell
 * commands (unset, export, {@code set --} the command) that the launcher evaluates before its
 * own {@code exec}: no picocli, no store, no key derivation, no D-Bus, no AWS SDK, no FFM.
 * Anything else (a miss, no agent, an option it does not know, an error, a nested exec) exits
 * non-zero without printing, and the launcher runs the full path, which says what is wrong.
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
        if (env.get("JVAULT").isPresent()) {
            return Optional.empty(); // nested: the full path says so on stderr
        }
        try {
            return answerFromTheAgent(env, args);
        } catch (NeedsTheStore e) {
            return Optional.empty(); // only the store knows
        }
    }

    private static Optional<String> answerFromTheAgent(Environment env, List<String> args) {
        Optional<Request> parsed = Request.parse(args);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        Request request = parsed.get();
        // The settings the full path checks first: a wrong one is its error to report, never answered past.
        env.sourced("JVAULT_PROMPT").ifPresent(name -> MfaCodes.validDriver(name.value(), name.origin().toString(),
                ExitStatus.CONFIG));
        // The store these sessions must come from; when only the keychain's answer could tell, the full path asks it.
        StoreLocation location = new StoreLocation(env, Optional.empty(), Optional.empty());
        String store = location.identity(location.choose(() -> {
            throw new NeedsTheStore();
        }));
        Optional<Agent> agent = Agent.of(env);
        Optional<String> profileName = request.profile.or(() -> TargetProfile.choose(Optional.empty(), env).map(Sourced::value));
        if (agent.isEmpty() || profileName.isEmpty()) {
            return Optional.empty();
        }
        AwsConfig config = new AwsConfigLoader(env).load(Optional.empty());
        if (!config.warnings().isEmpty()) {
            return Optional.empty(); // the full path prints them
        }
        // Where the chain starts can depend on whether the store holds keys for a profile: then the full path asks it.
        ResolvedProfile resolved = new ProfileResolver(config, env, name -> {
            throw new NeedsTheStore();
        }).resolve(profileName.get());
        CredentialPlan plan = new CredentialPlanner(env).plan(resolved, new PlanOptions(request.duration
                .map(d -> new Sourced<>(d, Origin.option("-d"))), request.noSession));
        if (plan.session().isEmpty() && plan.roles().isEmpty()) {
            return Optional.empty(); // no session to hold: long-lived keys or a credential_process
        }
        Optional<StoredItem.CachedSession> held = agent.get().client().session(store, resolved.source().profile(),
                CacheKeys.finalKey(plan), Timeouts.minimumTtl(env));
        if (held.isEmpty()) {
            return Optional.empty();
        }
        IssuedCredentials credentials = IssuedCredentials.of(held.get().credentials());
        Optional<String> region = request.region.or(() -> resolved.region().map(Sourced::value));
        if (request.format.isPresent()) {
            return Optional.of(request.format.get().render(profileName.get(), credentials, region));
        }
        List<String> command = request.command.isEmpty() ? List.of(env.get("SHELL").orElse("/bin/sh")) : request.command;
        CommandPath.resolve(command.getFirst(), env.get("PATH")); // not found or not executable: the full path's error
        return Optional.of(ChildEnvironment.shellCommands(ChildEnvironment.variables(profileName.get(), credentials, region))
                + "set --" + String.join("", command.stream().map(word -> " " + Shell.quoted(word)).toList()) + "\n");
    }

    /** A question only the store (or the keychain) can answer: one for the full path. */
    private static final class NeedsTheStore extends RuntimeException {
        NeedsTheStore() {
            super(null, null, false, false);
        }
    }

    /**
     * The few options the fast entry answers. Any other word that starts with a dash, before or
     * after PROFILE, makes it step aside: it never guesses where jvault's options end.
     */
    private static final class Request {
        Optional<String> profile = Optional.empty();
        Optional<String> duration = Optional.empty();
        Optional<String> region = Optional.empty();
        boolean noSession;
        /** export's format; empty for exec. */
        Optional<ExportFormat> format = Optional.empty();
        List<String> command = new ArrayList<>();

        static Optional<Request> parse(List<String> args) {
            if (args.isEmpty()) {
                return Optional.empty();
            }
            boolean exec = args.getFirst().equals("exec");
            if (!exec && !args.getFirst().equals("export")) {
                return Optional.empty();
            }
            Request request = new Request();
            if (!exec) {
                request.format = Optional.of(ExportFormat.ENV);
            }
            for (int i = 1; i < args.size(); i++) {
                String word = args.get(i);
                if (word.equals("--")) {
                    if (!exec) {
                        return Optional.empty();
                    }
                    request.command = List.copyOf(args.subList(i + 1, args.size()));
                    return Optional.of(request);
                }
                if (word.startsWith("-")) {
                    int next = request.option(word, args, i, exec);
                    if (next < 0) {
                        return Optional.empty();
                    }
                    i = next;
                } else if (request.profile.isEmpty()) {
                    request.profile = Optional.of(word);
                } else if (exec) {
                    request.command = List.copyOf(args.subList(i, args.size()));
                    return Optional.of(request);
                } else {
                    return Optional.empty();
                }
            }
            return Optional.of(request);
        }

        /** Takes the option at {@code i}; the index of its last word, or -1 for one the full path must handle. */
        private int option(String word, List<String> args, int i, boolean exec) {
            String name = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
            boolean inline = word.contains("=");
            if (name.equals("-n") || name.equals("--no-session")) {
                noSession = true;
                return inline ? -1 : i;
            }
            if (!List.of("-d", "--duration", "--region", "--format").contains(name) || (name.equals("--format") && exec)) {
                return -1;
            }
            if (!inline && i + 1 >= args.size()) {
                return -1;
            }
            String value = inline ? word.substring(word.indexOf('=') + 1) : args.get(i + 1);
            switch (name) {
                case "--region" -> region = Optional.of(value);
                case "--format" -> {
                    format = ExportFormat.named(value);
                    if (format.isEmpty()) {
                        return -1;
                    }
                }
                default -> duration = Optional.of(value);
            }
            return inline ? i : i + 1;
        }
    }
}

package dev.jvault;

import dev.jvault.agent.Agent;
import dev.jvault.agent.AgentClient;
import dev.jvault.config.AwsConfigLoader;
import dev.jvault.config.Environment;
import dev.jvault.fast.FastEntry;
import dev.jvault.keys.AwsKeys;
import dev.jvault.store.StoredItem;
import dev.jvault.store.select.StoreLocation;
import dev.jvault.target.Target;
import dev.jvault.target.TargetRequest;
import dev.jvault.target.TargetStage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The training run for the fast path's own AOT cache (scripts/install.sh, through
 * {@code JVAULT_AOT_TRAIN=1 bin/jvault}): a real agent, in a process of its own and a throwaway
 * HOME, holding a made-up session; then the fast entry's miss and its hits for exec and export,
 * as the launcher runs them. The cache holds only what that path loads, so a fast start loads
 * no more.
 */
public final class FastPathTraining {

    private static final Duration AGENT_START = Duration.ofSeconds(20);

    private FastPathTraining() {
    }

    public static void main(String[] args) throws Exception {
        AgentClient.prepareInBackground(); // as FastEntry.main does
        Environment.system(); // FastEntry.main reads the real environment: its classes belong in the cache too
        Path home = Files.createTempDirectory("jvault-fast-aot-");
        try {
            Files.createDirectories(home.resolve(".aws"));
            Files.writeString(home.resolve(".aws/config"), AotTraining.CONFIG);
            // The vault file named as the store: the fast path answers only for a store it can name without asking the keychain.
            Environment env = new Environment(Map.of("HOME", home.toString(), "PATH", "/usr/bin:/bin", "JVAULT_BACKEND", "file"));
            // The agent runs in a process of its own, as it does for users: its classes (virtual
            // threads, FFM, the server) would otherwise fill this cache and slow every fast start.
            ProcessBuilder agentProcess = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                    "-cp", System.getProperty("java.class.path"), "dev.jvault.agent.AgentMain")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
            agentProcess.environment().clear();
            agentProcess.environment().putAll(env.variables());
            Process started = agentProcess.start();
            Agent agent = Agent.of(env).orElseThrow();
            AgentClient client = agent.client();
            Instant deadline = Instant.now().plus(AGENT_START);
            while (!client.running()) {
                if (Instant.now().isAfter(deadline)) {
                    started.destroyForcibly();
                    throw new IllegalStateException("the training agent did not answer within " + AGENT_START.toSeconds() + "s");
                }
                Thread.sleep(10);
            }
            FastEntry.answer(env, List.of("exec", "dev-1", "--", "true")); // a miss first
            StoreLocation location = new StoreLocation(env, Optional.empty(), Optional.empty());
            // A role over MFA and an IAM Identity Center role: their targets load different config classes.
            for (String profile : List.of("dev-1", "sso-dev")) {
                Target target = new TargetStage(env, new AwsConfigLoader(env).load(Optional.empty()), name -> false)
                        .target(TargetRequest.profile(Optional.of(profile)), names -> profile);
                client.put(location.identity(location.choose(() -> false)), new StoredItem.CachedSession(target.root(), profile,
                        target.finalKey(), "training", AwsKeys.temporary("ASIAEXAMPLEEXAMPLE01", "s".repeat(40),
                                "t".repeat(300), Instant.now().plus(1, ChronoUnit.HOURS))));
                FastEntry.answer(env, List.of("exec", profile, "--region", "eu-west-1", "--", "true"));
            }
            FastEntry.answer(env, List.of("export", "--format", "json", "dev-1"));
            client.stop();
            started.waitFor();
        } finally {
            AotTraining.deleteTree(home);
        }
    }
}

package dev.jvault.agent;

import dev.jvault.config.Durations;
import dev.jvault.config.Environment;
import dev.jvault.log.Log;
import dev.jvault.process.Daemon;
import dev.jvault.process.ProcessHardening;
import dev.jvault.store.CredentialStore;
import dev.jvault.store.PrivateFiles;
import dev.jvault.store.file.VaultKey;
import dev.jvault.store.file.VaultKeyCache;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The agent as the other commands see it: whether there is to be one ({@code JVAULT_AGENT=off}
 * says no, and so does a platform without Unix-domain sockets), the client, and starting it on
 * demand the first time there is something to give it.
 */
public final class Agent {

    /** gpg-agent's defaults (default-cache-ttl 600 s, max-cache-ttl 7200 s): see docs/agent.md. */
    static final Duration DEFAULT_KEY_IDLE = Duration.ofMinutes(10);
    static final Duration DEFAULT_KEY_MAX = Duration.ofHours(2);
    private static final Duration START_WAIT = Duration.ofSeconds(5);
    /** What the agent's process keeps of the starter's environment: where it lives and how long it keeps keys. */
    private static final List<String> AGENT_VARIABLES = List.of("HOME", "PATH", "XDG_RUNTIME_DIR", "JAVA_HOME", "LANG",
            "LC_ALL", "TMPDIR", "JVAULT_AGENT_KEY_IDLE", "JVAULT_AGENT_KEY_MAX", "JVAULT_AOT_CACHE");

    private final Environment env;
    private final AgentClient client;

    private Agent(Environment env, AgentClient client) {
        this.env = env;
        this.client = client;
    }

    /** The agent for this user, unless turned off or impossible here. */
    public static Optional<Agent> of(Environment env) {
        if (env.get("JVAULT_AGENT").filter(value -> value.equalsIgnoreCase("off")).isPresent()
                || System.getProperty("os.name", "").startsWith("Windows")) {
            return Optional.empty();
        }
        return Optional.of(new Agent(env, new AgentClient(AgentPaths.of(env))));
    }

    public AgentClient client() {
        return client;
    }

    /**
     * Runs the agent in this process until it stops: detached from the terminal, non-dumpable,
     * with the lifetimes from the environment. False when another agent already answers.
     */
    public boolean serve() throws java.io.IOException {
        Daemon.detach();
        ProcessHardening.apply();
        AgentState state = new AgentState(Clock.systemUTC(), keyIdle(env), keyMax(env));
        return new AgentServer(client.paths(), state, new PrivateFiles(env::display)).serve();
    }

    static Duration keyIdle(Environment env) {
        return env.sourced("JVAULT_AGENT_KEY_IDLE").map(Durations::parse).orElse(DEFAULT_KEY_IDLE);
    }

    static Duration keyMax(Environment env) {
        return env.sourced("JVAULT_AGENT_KEY_MAX").map(Durations::parse).orElse(DEFAULT_KEY_MAX);
    }

    /**
     * Starts the agent through jvault's launcher, detached, unless one answers already; waits
     * until it answers. False when it cannot be started (no launcher: jvault run in-process).
     */
    public boolean ensureRunning() {
        if (client.running()) {
            return true;
        }
        String launcher = System.getProperty("jvault.launcher");
        if (launcher == null) {
            return false;
        }
        ProcessBuilder builder = new ProcessBuilder(launcher, "agent", "run")
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> agentEnv = builder.environment();
        agentEnv.clear();
        AGENT_VARIABLES.forEach(name -> env.get(name).ifPresent(value -> agentEnv.put(name, value)));
        try {
            builder.start();
        } catch (IOException e) {
            Log.debug("cannot start the agent: " + e.getMessage());
            return false;
        }
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (client.running()) {
                Log.debug("started the agent on " + client.paths().socket());
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        Log.debug("the agent did not answer within " + START_WAIT.toSeconds() + "s of starting");
        return false;
    }

    /** Vault keys through the agent: looked for there first, handed to it (starting it) once derived. */
    public VaultKeyCache vaultKeys() {
        return new VaultKeyCache() {
            @Override
            public Optional<VaultKey> get(Path vault) {
                return client.vaultKey(vault.toString());
            }

            @Override
            public void put(Path vault, VaultKey key) {
                if (ensureRunning()) {
                    client.putVaultKey(vault.toString(), key);
                }
            }
        };
    }

    /** The store with the agent's sessions in front of it; the store itself is opened only when the agent lacks something. */
    public CredentialStore inFrontOf(Supplier<CredentialStore> store, Duration minimumTtl) {
        return new AgentCachedStore(this, store, minimumTtl);
    }
}

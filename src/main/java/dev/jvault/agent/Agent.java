package dev.jvault.agent;

import dev.jvault.config.Durations;
import dev.jvault.config.Environment;
import dev.jvault.files.PrivateFiles;
import dev.jvault.log.Log;
import dev.jvault.process.Daemon;
import dev.jvault.process.ProcessHardening;
import dev.jvault.store.CredentialStore;
import dev.jvault.store.file.VaultKey;
import dev.jvault.store.file.VaultKeyCache;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The agent as the other commands see it: whether there is to be one ({@code JVAULT_AGENT=off}
 * says no, and so does a platform without Unix-domain sockets), the client, and starting it on
 * demand the first time there is something to give it. Under CI ({@code CI} set) it is not
 * started on demand, since nothing would stop it before its idle time: {@code JVAULT_AGENT=on}
 * or {@code jvault agent start} still start it.
 */
public final class Agent {

    /** gpg-agent's defaults (default-cache-ttl 600 s, max-cache-ttl 7200 s): see docs/agent.md. */
    static final Duration DEFAULT_KEY_IDLE = Duration.ofMinutes(10);
    static final Duration DEFAULT_KEY_MAX = Duration.ofHours(2);
    /** How long the agent runs without a request, whatever it holds: the store keeps its own encrypted cache. */
    static final Duration DEFAULT_IDLE = Duration.ofMinutes(15);
    private static final Duration START_WAIT = Duration.ofSeconds(5);
    /** What the agent's process keeps of the starter's environment: where it lives and how long it keeps keys. */
    private static final List<String> AGENT_VARIABLES = List.of("HOME", "PATH", "XDG_RUNTIME_DIR", "JAVA_HOME", "LANG",
            "LC_ALL", "TMPDIR", "JVAULT_AGENT_KEY_IDLE", "JVAULT_AGENT_KEY_MAX", "JVAULT_AGENT_IDLE", "JVAULT_AOT_CACHE");

    private final Environment env;
    private final AgentClient client;

    private Agent(Environment env, AgentClient client) {
        this.env = env;
        this.client = client;
    }

    /** The agent for this user, unless turned off or impossible here. */
    public static Optional<Agent> of(Environment env) {
        if (setting(env).equals("off") || System.getProperty("os.name", "").startsWith("Windows")) {
            return Optional.empty();
        }
        return Optional.of(new Agent(env, new AgentClient(AgentPaths.of(env))));
    }

    /** JVAULT_AGENT, in lower case: "on", "off", or "" (unset: on, but not started by itself under CI). */
    private static String setting(Environment env) {
        return env.get("JVAULT_AGENT").map(value -> value.toLowerCase(Locale.ROOT)).orElse("");
    }

    /** Whether a command may start the agent by itself: not under CI (any value of CI but "false"), unless JVAULT_AGENT=on. */
    private boolean startsByItself() {
        boolean ci = env.get("CI").filter(value -> !value.isEmpty() && !value.equalsIgnoreCase("false")).isPresent();
        return !ci || setting(env).equals("on");
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
        return new AgentServer(client.paths(), state, new PrivateFiles(env::display), idle(env)).serve();
    }

    static Duration idle(Environment env) {
        return env.sourced("JVAULT_AGENT_IDLE").map(Durations::parse).orElse(DEFAULT_IDLE);
    }

    static Duration keyIdle(Environment env) {
        return env.sourced("JVAULT_AGENT_KEY_IDLE").map(Durations::parse).orElse(DEFAULT_KEY_IDLE);
    }

    static Duration keyMax(Environment env) {
        return env.sourced("JVAULT_AGENT_KEY_MAX").map(Durations::parse).orElse(DEFAULT_KEY_MAX);
    }

    /**
     * Starts the agent through jvault's launcher, detached, unless one answers already; waits
     * until it answers. False when it cannot be started (no launcher: jvault run in-process),
     * when its folder is not the user's own, or under CI.
     */
    public boolean ensureRunning() {
        return ensureRunning(false);
    }

    /** {@code jvault agent start}: as {@link #ensureRunning()}, under CI too. */
    public boolean start() {
        return ensureRunning(true);
    }

    private boolean ensureRunning(boolean asked) {
        if (client.running()) {
            return true;
        }
        if (!asked && !startsByItself()) {
            Log.debug("not starting the agent under CI (JVAULT_AGENT=on or jvault agent start would)");
            return false;
        }
        Optional<String> untrusted = client.paths().untrusted();
        if (untrusted.isPresent() && !client.paths().missing()) {
            Log.debug("not starting the agent: " + untrusted.get());
            return false;
        }
        String launcher = System.getProperty("jvault.launcher");
        if (launcher == null) {
            return false;
        }
        // In / : it holds no folder busy, and a relative path never reads as relative to its starter's
        // folder (a native client's request names its own, ClientCommand).
        ProcessBuilder builder = new ProcessBuilder(launcher, "agent", "run")
                .directory(new File("/"))
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

    /**
     * The store with the agent's sessions in front of it; the store itself is opened only when
     * the agent lacks something. {@code storeIdentity} names the store (StoreLocation.identity):
     * the agent answers only with sessions that came from it.
     */
    public CredentialStore inFrontOf(Supplier<CredentialStore> store, String storeIdentity, Duration minimumTtl) {
        return new AgentCachedStore(this, store, storeIdentity, minimumTtl);
    }
}

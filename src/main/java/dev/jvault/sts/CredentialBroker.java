package dev.jvault.sts;

import dev.jvault.config.CredentialPlan;
import dev.jvault.config.Environment;
import dev.jvault.config.Timeouts;
import dev.jvault.config.RootSource;
import dev.jvault.config.Sourced;
import dev.jvault.log.Log;
import dev.jvault.store.CredentialStore;
import dev.jvault.store.ItemKey;
import dev.jvault.store.PrivateFiles;
import dev.jvault.store.SessionCredentials;
import dev.jvault.store.StoredItem;
import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * Produces a plan's credentials, making as few STS calls and MFA prompts as possible:
 * <ol>
 * <li>the final credentials from the cache, while they have more than the minimum TTL left:
 * no lock, no STS call (the path almost every run takes);</li>
 * <li>otherwise, under a per-root lock (so ten parallel runs make one prompt and one call), the
 * cache is checked again, then each step is taken from the cache or made: the root's
 * credentials, the MFA session, each role. Every session made is cached.</li>
 * </ol>
 * An expired cached session met on the way (STS says ExpiredToken) is dropped and the chain
 * is made once more.
 */
public final class CredentialBroker {

    private static final Duration LOCK_TIMEOUT = Duration.ofMinutes(5);
    static final Duration DEFAULT_MIN_TTL = Duration.ofMinutes(5);

    private final CredentialStore store;
    private final Function<CredentialPlan, StsGateway> gateways;
    private final MfaCodeSource mfaCodes;
    private final Environment env;
    private final PrivateFiles files;
    private final Path lockDir;
    private final Clock clock;
    private final Duration minimumTtl;

    public CredentialBroker(CredentialStore store, Function<CredentialPlan, StsGateway> gateways, MfaCodeSource mfaCodes,
            Environment env, PrivateFiles files, Path lockDir, Clock clock, Duration minimumTtl) {
        this.store = store;
        this.gateways = gateways;
        this.mfaCodes = mfaCodes;
        this.env = env;
        this.files = files;
        this.lockDir = lockDir;
        this.clock = clock;
        this.minimumTtl = minimumTtl;
    }

    /**
     * The broker as jvault runs it: STS through the SDK at each profile's endpoint, locks in
     * {@code ~/.jvault/locks}, and {@code JVAULT_MIN_TTL} (default 5 minutes) as the least time
     * a cached session must have left to be used.
     */
    public static CredentialBroker standard(CredentialStore store, MfaCodeSource mfaCodes, Environment env) {
        Duration minimumTtl = env.sourced("JVAULT_MIN_TTL")
                .map(dev.jvault.config.Durations::parse)
                .orElse(DEFAULT_MIN_TTL);
        Duration stsTimeout = Timeouts.sts(env);
        return new CredentialBroker(store, plan -> new SdkStsGateway(plan.profile(), stsTimeout), mfaCodes, env,
                new PrivateFiles(env::display), env.home().resolve(".jvault/locks"), Clock.systemUTC(), minimumTtl);
    }

    /** The least time cached credentials must have left to be used. */
    public Duration minimumTtl() {
        return minimumTtl;
    }

    public IssuedCredentials credentials(CredentialPlan plan) {
        String root = plan.profile().source().profile();
        if (plan.session().isEmpty() && plan.roles().isEmpty()) {
            return RootCredentials.of(plan.profile().source(), store, env);
        }
        String finalKey = finalKey(plan);
        Optional<SessionCredentials> cached = fresh(ItemKey.session(root, finalKey));
        if (cached.isPresent()) {
            Log.debug("cached credentials for " + plan.profile().name() + " have "
                    + cached.get().remaining(clock.instant()).toMinutes() + " min left: no STS call");
            return IssuedCredentials.of(cached.get());
        }
        files.ensureDirectory(lockDir);
        try (FileLock lock = files.lock(lockDir.resolve(root + ".lock"), LOCK_TIMEOUT)) {
            try {
                return IssuedCredentials.of(make(plan));
            } catch (StsFailure e) {
                if (e.reason() != StsFailure.Reason.EXPIRED_TOKEN) {
                    throw e;
                }
                Log.debug("STS says a cached session expired early: dropping " + root + "'s sessions and trying once more");
                store.update(editor -> editor.list().stream()
                        .filter(info -> info.key().kind() == ItemKey.Kind.SESSION && info.key().profile().equals(root))
                        .forEach(info -> editor.remove(info.key())));
                return IssuedCredentials.of(make(plan));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot release the lock for " + root, e);
        }
    }

    /** Every step from the cache or from STS; called under the root's lock. */
    private SessionCredentials make(CredentialPlan plan) {
        RootSource source = plan.profile().source();
        String root = source.profile();
        StsGateway sts = gateways.apply(plan);
        Optional<SessionCredentials> finalCached = fresh(ItemKey.session(root, finalKey(plan)));
        if (finalCached.isPresent()) {
            Log.debug("another jvault made the credentials while this one waited for the lock");
            return finalCached.get();
        }
        String key = CacheKeys.root(root);
        IssuedCredentials current = null;
        if (plan.session().isPresent()) {
            CredentialPlan.SessionStep step = plan.session().get();
            key = CacheKeys.session(root, step);
            String sessionKey = key;
            SessionCredentials session = fresh(ItemKey.session(root, key)).orElseGet(() -> cache(root, root, sessionKey,
                    "GetSessionToken" + step.mfaSerial().map(serial -> " with MFA " + serial.value()).orElse(""),
                    sts.getSessionToken(RootCredentials.of(source, store, env), step.duration().value(),
                            mfa(step.mfaSerial()))));
            current = IssuedCredentials.of(session);
        }
        SessionCredentials last = null;
        for (CredentialPlan.RoleStep step : plan.roles()) {
            key = CacheKeys.role(key, step);
            IssuedCredentials from = current != null ? current : RootCredentials.of(source, store, env);
            String roleKey = key;
            last = fresh(ItemKey.session(root, key)).orElseGet(() -> cache(root, step.hop().profile(), roleKey,
                    "AssumeRole " + step.hop().roleArn().value(),
                    sts.assumeRole(from, step.hop(), sessionName(step), step.duration().value(), mfa(step.mfaSerial()))));
            current = IssuedCredentials.of(last);
        }
        return last != null ? last : fresh(ItemKey.session(root, key)).orElseThrow();
    }

    private SessionCredentials cache(String root, String profile, String key, String description, SessionCredentials session) {
        store.update(editor -> editor.put(new StoredItem.CachedSession(root, profile, key, description, session)));
        return session;
    }

    private Optional<SessionCredentials> fresh(ItemKey key) {
        Instant now = clock.instant();
        return store.get(key)
                .map(item -> ((StoredItem.CachedSession) item).credentials())
                .filter(credentials -> credentials.remaining(now).compareTo(minimumTtl) > 0);
    }

    private Optional<StsGateway.Mfa> mfa(Optional<Sourced<String>> serial) {
        return serial.map(device -> new StsGateway.Mfa(device.value(), mfaCodes.code(device.value())));
    }

    private static String finalKey(CredentialPlan plan) {
        String key = CacheKeys.root(plan.profile().source().profile());
        if (plan.session().isPresent()) {
            key = CacheKeys.session(plan.profile().source().profile(), plan.session().get());
        }
        for (CredentialPlan.RoleStep step : plan.roles()) {
            key = CacheKeys.role(key, step);
        }
        return key;
    }

    private String sessionName(CredentialPlan.RoleStep step) {
        return step.hop().sessionName().map(Sourced::value).orElseGet(() -> SessionNames.defaultName(env, clock));
    }
}

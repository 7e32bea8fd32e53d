package dev.jvault.credentials;

import dev.jvault.config.ConfigException;
import dev.jvault.config.Durations;
import dev.jvault.config.Environment;
import dev.jvault.config.RootSource;
import dev.jvault.config.SessionPlan;
import dev.jvault.config.Sourced;
import dev.jvault.config.Timeouts;
import dev.jvault.error.ExitStatus;
import dev.jvault.error.JvaultException;
import dev.jvault.files.PrivateFiles;
import dev.jvault.keys.AwsKeys;
import dev.jvault.log.Log;
import dev.jvault.sso.SsoRoleSource;
import dev.jvault.store.CredentialStore;
import dev.jvault.store.ItemKey;
import dev.jvault.store.StoredItem;
import dev.jvault.sts.MfaCodeSource;
import dev.jvault.sts.SdkStsGateway;
import dev.jvault.sts.StsFailure;
import dev.jvault.sts.StsGateway;
import dev.jvault.target.CacheKeys;
import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

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

    private final CredentialStore store;
    private final Function<SessionPlan, StsGateway> gateways;
    private final Environment env;
    private final PrivateFiles files;
    private final Path lockDir;
    private final Clock clock;
    private final Duration minimumTtl;
    private final RootCredentials roots;
    private final SsoRoleSource ssoRoles;

    /** @param ssoRoles IAM Identity Center roles' credentials (GetRoleCredentials, signing in when it must) */
    public CredentialBroker(CredentialStore store, Function<SessionPlan, StsGateway> gateways, Environment env,
            PrivateFiles files, Path lockDir, Clock clock, Duration minimumTtl, SsoRoleSource ssoRoles) {
        this.store = store;
        this.roots = new RootCredentials(store, env, ssoRoles, clock);
        this.ssoRoles = ssoRoles;
        this.gateways = gateways;
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
    public static CredentialBroker standard(CredentialStore store, Environment env, SsoRoleSource ssoRoles) {
        Duration minimumTtl = Timeouts.minimumTtl(env);
        Duration stsTimeout = Timeouts.sts(env);
        return new CredentialBroker(store, plan -> new SdkStsGateway(plan.profile(), stsTimeout), env,
                new PrivateFiles(env::display), env.home().resolve(".jvault/locks"), Clock.systemUTC(), minimumTtl, ssoRoles);
    }

    /** The least time cached credentials must have left to be used. */
    public Duration minimumTtl() {
        return minimumTtl;
    }

    /** The plan's credentials, with MFA codes from {@code mfaCodes} when a new session needs one. */
    public AwsKeys credentials(SessionPlan plan, MfaCodeSource mfaCodes) {
        String root = plan.profile().source().profile();
        if (!plan.makesSessions()) {
            try (StsGateway sts = gateways.apply(plan)) {
                return roots.of(plan.profile().source(), sts);
            }
        }
        requireMinimumTtlBelow(plan);
        List<String> keys = CacheKeys.chain(plan);
        Optional<AwsKeys> cached = fresh(ItemKey.session(root, keys.getLast()));
        if (cached.isPresent()) {
            Log.debug("cached credentials for " + plan.profile().name() + " have "
                    + cached.get().remaining(clock.instant()).toMinutes() + " min left: no STS call");
            return cached.get();
        }
        Log.debug("no cached credentials for " + plan.profile().name() + " with more than "
                + Durations.format(minimumTtl) + " left: making them, step by step");
        if (plan.profile().source() instanceof RootSource.SingleSignOn sso && fresh(ItemKey.session(root, keys.getFirst())).isEmpty()) {
            ssoRoles.ensureSignedIn(sso.role()); // outside the root's lock: see SsoRoleSource
        }
        return underRootLock(root, () -> {
            try {
                return make(plan, keys, mfaCodes);
            } catch (StsFailure e) {
                if (e.reason() != StsFailure.Reason.EXPIRED_TOKEN) {
                    throw e;
                }
                Log.debug("STS says a cached session expired early: dropping " + root + "'s sessions and trying once more");
                store.update(editor -> editor.list().stream()
                        .filter(info -> info.key().kind() == ItemKey.Kind.SESSION && info.key().profile().equals(root))
                        .forEach(info -> editor.remove(info.key())));
                return make(plan, keys, mfaCodes);
            }
        });
    }

    /**
     * A federation token for the console, for a profile without a role: made from the root's own
     * long-lived keys (STS refuses GetFederationToken from session credentials), never cached.
     */
    public AwsKeys federationToken(SessionPlan plan, String policy, Duration duration) {
        RootSource source = plan.profile().source();
        if (!(source instanceof RootSource.StoredKeys)) {
            throw new JvaultException(ExitStatus.USAGE, "profile " + plan.profile().name() + " has no role and its"
                    + " credentials do not come from long-lived keys, which a console session without a role needs"
                    + " (GetFederationToken): log in with a profile that has a role");
        }
        try (StsGateway sts = gateways.apply(plan)) {
            return sts.getFederationToken(roots.of(source, sts),
                    SessionNames.federatedName(env), policy, duration);
        }
    }

    /**
     * Credentials for managing the root's own keys (rotate): the plan's MFA session when it has
     * one with a device (IAM policies often ask MFA for key management), cached as exec caches it;
     * else the long-lived keys themselves.
     */
    public AwsKeys keyManagement(SessionPlan plan, MfaCodeSource mfaCodes) {
        RootSource source = plan.profile().source();
        Optional<SessionPlan.SessionStep> mfaSession = plan.session().filter(step -> step.mfaSerial().isPresent());
        if (mfaSession.isEmpty()) {
            try (StsGateway sts = gateways.apply(plan)) {
                return roots.of(source, sts);
            }
        }
        String root = source.profile();
        return underRootLock(root, () -> {
            try (StsGateway sts = gateways.apply(plan)) {
                return sessionStep(root, mfaSession.get(), CacheKeys.chain(plan).getFirst(), sts,
                        () -> roots.of(source, sts), mfaCodes);
            }
        });
    }

    /** Runs {@code work} holding the root's lock: ten parallel runs make one prompt and one set of STS calls. */
    private AwsKeys underRootLock(String root, Supplier<AwsKeys> work) {
        files.ensureDirectory(lockDir);
        try (FileLock lock = files.lock(lockDir.resolve(root + ".lock"), LOCK_TIMEOUT)) {
            return work.get();
        } catch (IOException e) {
            throw new IllegalStateException("cannot release the lock for " + root, e);
        }
    }

    /** The GetSessionToken step: cached, or made from the root's credentials (with an MFA code when it has a device). */
    private AwsKeys sessionStep(String root, SessionPlan.SessionStep step, String key, StsGateway sts,
            Supplier<AwsKeys> rootCredentials, MfaCodeSource mfaCodes) {
        return step(root, root, key, "GetSessionToken" + step.mfaSerial().map(serial -> " with MFA " + serial.value())
                .orElse(""), () -> sts.getSessionToken(rootCredentials.get(), step.duration().value(),
                mfa(step.mfaSerial(), mfaCodes)));
    }

    /** A session that lasts no longer than the minimum TTL could never be used, not even once. */
    private void requireMinimumTtlBelow(SessionPlan plan) {
        List<Duration> durations = new ArrayList<>();
        plan.session().ifPresent(step -> durations.add(step.duration().value()));
        plan.roles().forEach(step -> durations.add(step.duration().value()));
        Optional<Duration> shortest = durations.stream().min(Duration::compareTo);
        if (shortest.isPresent() && shortest.get().compareTo(minimumTtl) <= 0) {
            throw new ConfigException("the minimum TTL (JVAULT_MIN_TTL, or aws-vault's AWS_MIN_TTL) asks for "
                    + Durations.format(minimumTtl) + " left on cached credentials, and " + plan.profile().name()
                    + "'s last only " + Durations.format(shortest.get()) + ": lower it, or ask for longer credentials with -d");
        }
    }

    /** Every step from the cache or from STS, one gateway for the chain; called under the root's lock. */
    private AwsKeys make(SessionPlan plan, List<String> keys, MfaCodeSource mfaCodes) {
        RootSource source = plan.profile().source();
        String root = source.profile();
        Optional<AwsKeys> finalCached = fresh(ItemKey.session(root, keys.getLast()));
        if (finalCached.isPresent()) {
            Log.debug("another jvault made the credentials while this one waited for the lock");
            return finalCached.get();
        }
        Iterator<String> key = keys.iterator();
        try (StsGateway sts = gateways.apply(plan)) {
            // The root's credentials (the store's keys, or a credential_process run) only when a step is made.
            Supplier<AwsKeys> rootCredentials = () -> roots.of(source, sts);
            AwsKeys current = null;
            if (source instanceof RootSource.SingleSignOn sso) {
                current = step(root, root, key.next(), "GetRoleCredentials " + sso.role().accountId().value() + "/"
                        + sso.role().roleName().value() + " (" + sso.role().session().label() + ")", rootCredentials);
            }
            if (source instanceof RootSource.WebIdentity web) {
                current = step(root, root, key.next(), "AssumeRoleWithWebIdentity " + web.roleArn().value(), rootCredentials);
            }
            if (plan.session().isPresent()) {
                current = sessionStep(root, plan.session().get(), key.next(), sts, rootCredentials, mfaCodes);
            }
            for (SessionPlan.RoleStep step : plan.roles()) {
                AwsKeys previous = current;
                current = step(root, step.hop().profile(), key.next(), "AssumeRole " + step.hop().roleArn().value(),
                        () -> sts.assumeRole(previous != null ? previous : rootCredentials.get(), step.hop(),
                                sessionName(step), step.duration().value(), mfa(step.mfaSerial(), mfaCodes)));
            }
            return current;
        }
    }

    /** One step: its cached session, or one made now and cached. */
    private AwsKeys step(String root, String profile, String key, String description,
            Supplier<AwsKeys> call) {
        Optional<AwsKeys> cached = fresh(ItemKey.session(root, key));
        cached.ifPresent(hit -> Log.debug(description + ": cached, " + hit.remaining(clock.instant()).toMinutes()
                + " min left"));
        AwsKeys session = cached.orElseGet(() -> {
            AwsKeys made = call.get();
            store.update(editor -> editor.put(new StoredItem.CachedSession(root, profile, key, description, made)));
            return made;
        });
        return session;
    }

    private Optional<AwsKeys> fresh(ItemKey key) {
        Instant now = clock.instant();
        return store.get(key)
                .map(item -> ((StoredItem.CachedSession) item).credentials())
                .filter(credentials -> credentials.remaining(now).compareTo(minimumTtl) > 0);
    }

    private static Optional<StsGateway.Mfa> mfa(Optional<Sourced<String>> serial, MfaCodeSource mfaCodes) {
        return serial.map(device -> new StsGateway.Mfa(device.value(), mfaCodes.code(device.value())));
    }

    private String sessionName(SessionPlan.RoleStep step) {
        return step.hop().sessionName().map(Sourced::value).orElseGet(() -> SessionNames.defaultName(env, clock));
    }
}

package dev.jvault.sso;

import dev.jvault.config.Environment;
import dev.jvault.config.SsoSession;
import dev.jvault.config.Timeouts;
import dev.jvault.error.ExitStatus;
import dev.jvault.error.JvaultException;
import dev.jvault.files.PrivateFiles;
import dev.jvault.log.Log;
import dev.jvault.store.CredentialStore;
import dev.jvault.store.ItemKey;
import dev.jvault.store.StoredItem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * An IAM Identity Center session's access token, from wherever it can come with the fewest
 * browser tabs: jvault's store; the AWS CLI's cache; a refresh of either; and only then a
 * sign-in. Everything after the first look runs under one lock per session, so ten jvaults
 * started together on an expired session make one refresh or one sign-in, and the other nine
 * wait for it (saying so after 2 s) and use its token. A sign-in that was denied or abandoned
 * makes every implicit sign-in of the next minute fail at once instead of opening more tabs.
 */
public final class SsoTokens {

    /** A token with less left is refreshed first, as botocore does. */
    static final Duration REFRESH_WINDOW = Duration.ofMinutes(15);
    /** A token that cannot be refreshed is still used while it has this much left. */
    private static final Duration USABLE = Duration.ofMinutes(1);
    private static final Duration WAIT_NOTICE = Duration.ofSeconds(2);
    private static final Duration DENIAL_HOLD = Duration.ofSeconds(60);

    /**
     * Whether and how this jvault may sign in when it must: {@code allowed} with a terminal at
     * hand (or for {@code sso login}); {@code howTo} is the command to suggest when it may not;
     * {@code writeAwsCache} writes new tokens to the AWS CLI's cache too.
     */
    public record Policy(boolean allowed, String howTo, SignInOptions options, boolean writeAwsCache) {
    }

    private final CredentialStore store;
    private final Environment env;
    private final Policy policy;
    private final PrivateFiles files;
    private final AwsCliTokenCache awsCli;
    private final Function<SsoSession, SsoClient> clients;
    private final Clock clock;
    private final Path lockDir;
    private final Set<String> rejected = new HashSet<>();
    /** Tokens this jvault refreshed or signed in for, by session: used as they are, even when their life is shorter than the window. */
    private final Map<String, StoredItem.SsoToken> obtained = new java.util.HashMap<>();

    public SsoTokens(CredentialStore store, Environment env, Policy policy, Function<SsoSession, SsoClient> clients,
            Clock clock) {
        this.store = store;
        this.env = env;
        this.policy = policy;
        this.clients = clients;
        this.clock = clock;
        this.files = new PrivateFiles(env::display);
        this.awsCli = new AwsCliTokenCache(env, files);
        this.lockDir = env.home().resolve(".jvault/locks");
    }

    /** The tokens as jvault runs them: the standard clients, the system clock. */
    public static SsoTokens standard(CredentialStore store, Environment env, Policy policy) {
        return new SsoTokens(store, env, policy, standardClients(env), Clock.systemUTC());
    }

    /**
     * The clients jvault uses: IAM Identity Center at the session's endpoints, with the STS
     * timeout; one per session, so a credential server renewing for hours keeps one connection pool.
     */
    private static Function<SsoSession, SsoClient> standardClients(Environment env) {
        Duration timeout = Timeouts.sts(env);
        Map<SsoSession, SsoClient> clients = new java.util.concurrent.ConcurrentHashMap<>();
        return session -> clients.computeIfAbsent(session, s -> new SsoClient(s, timeout, Clock.systemUTC()));
    }

    /** The client of the session's endpoints that these tokens are used with. */
    SsoClient client(SsoSession session) {
        return clients.apply(session);
    }

    /** A token with more than the refresh window left, or one that could not be refreshed but is still usable. */
    public StoredItem.SsoToken token(SsoSession session) {
        StoredItem.SsoToken own = obtained.get(session.cacheDigest());
        if (own != null && usable(own)) {
            return own;
        }
        Optional<StoredItem.SsoToken> stored = stored(session);
        if (stored.filter(this::fresh).isPresent()) {
            return stored.get();
        }
        return underLock(session, () -> {
            List<StoredItem.SsoToken> candidates = Stream.concat(stored(session).stream(), fromAwsCli(session).stream())
                    .filter(t -> !rejected.contains(t.accessToken())).toList();
            Optional<StoredItem.SsoToken> fresh = candidates.stream().filter(this::fresh).findFirst();
            if (fresh.isPresent()) {
                Log.debug("a token for " + session.label() + " with " + fresh.get().remaining(clock.instant()).toMinutes()
                        + " min left");
                if (!stored(session).equals(fresh)) {
                    store.update(editor -> editor.put(fresh.get())); // the AWS CLI's, or one another jvault made
                }
                return fresh.get();
            }
            for (StoredItem.SsoToken candidate : candidates) {
                Optional<StoredItem.SsoToken> refreshed = refresh(session, candidate);
                if (refreshed.isPresent()) {
                    return refreshed.get();
                }
            }
            Optional<StoredItem.SsoToken> usable = candidates.stream().filter(this::usable).findFirst();
            if (usable.isPresent()) {
                return usable.get();
            }
            if (!policy.allowed()) {
                throw new JvaultException(ExitStatus.UNAVAILABLE, "IAM Identity Center needs a sign-in for "
                        + session.label() + ", and there is no terminal here: run " + policy.howTo());
            }
            requireNoRecentDenial(session);
            return signIn(session, candidates.stream().findFirst());
        });
    }

    /**
     * Runs a portal call with the session's access token. When the portal refuses the token
     * (401: revoked, or signed out elsewhere), it is dropped and the call is made once more with
     * a new one (a refresh, or one sign-in), never more.
     */
    public <T> T withToken(SsoSession session, java.util.function.Function<String, T> call) {
        StoredItem.SsoToken token = token(session);
        try {
            return call.apply(token.accessToken());
        } catch (SsoFailure e) {
            if (e.reason() != SsoFailure.Reason.UNAUTHORIZED) {
                throw e;
            }
            Log.debug("IAM Identity Center refused the token for " + session.label() + ": dropping it, one more try");
            reject(session, token.accessToken());
            return call.apply(token(session).accessToken());
        }
    }

    /** {@code jvault sso login}: a new sign-in whatever is stored, under the same lock as every other. */
    public StoredItem.SsoToken signInAnew(SsoSession session) {
        return underLock(session, () -> signIn(session, stored(session)));
    }

    /**
     * The portal refused {@code accessToken} (401): it is dropped from the store, and not taken
     * from the AWS CLI's cache again by this jvault, so the next {@link #token} refreshes or signs in.
     */
    void reject(SsoSession session, String accessToken) {
        rejected.add(accessToken);
        store.update(editor -> {
            if (stored(session).filter(t -> t.accessToken().equals(accessToken)).isPresent()) {
                editor.remove(ItemKey.ssoToken(session.cacheDigest()));
            }
        });
    }

    /**
     * Logout: the token is removed from jvault's store and the AWS CLI's cache; the portal's
     * Logout ends the sign-in when there was a token to end it with. True when anything was removed.
     */
    public boolean logout(SsoSession session) {
        return underLock(session, () -> {
            Optional<StoredItem.SsoToken> token = stored(session).or(() -> fromAwsCli(session));
            token.ifPresent(t -> {
                try {
                    clients.apply(session).logout(t.accessToken());
                } catch (SsoFailure e) {
                    Log.notice("note: IAM Identity Center did not take the logout (" + e.getMessage() + "); the"
                            + " token is removed here anyway");
                }
            });
            boolean removed = store.edit(editor -> editor.remove(ItemKey.ssoToken(session.cacheDigest())));
            return awsCli.remove(session) || removed;
        });
    }

    private Optional<StoredItem.SsoToken> stored(SsoSession session) {
        return store.get(ItemKey.ssoToken(session.cacheDigest())).map(StoredItem.SsoToken.class::cast);
    }

    private Optional<StoredItem.SsoToken> fromAwsCli(SsoSession session) {
        return awsCli.read(session).filter(token -> token.startUrl().equals(session.startUrl().value()));
    }

    private boolean usable(StoredItem.SsoToken token) {
        return token.remaining(clock.instant()).compareTo(USABLE) > 0 && !rejected.contains(token.accessToken());
    }

    private boolean fresh(StoredItem.SsoToken token) {
        return token.remaining(clock.instant()).compareTo(REFRESH_WINDOW) > 0 && !rejected.contains(token.accessToken());
    }

    /** CreateToken with the refresh token; written back wherever the spent refresh token was kept. */
    private Optional<StoredItem.SsoToken> refresh(SsoSession session, StoredItem.SsoToken token) {
        if (token.refreshToken().isEmpty() || token.registration().isEmpty()
                || !token.registration().get().expiresAt().isAfter(clock.instant())) {
            Log.debug("the token for " + session.label() + " cannot be refreshed (no refresh token, or the client"
                    + " registration expired)");
            return Optional.empty();
        }
        try {
            SsoClient.Grant grant = clients.apply(session).createToken(token.registration().get(),
                    Map.of("grantType", "refresh_token", "refreshToken", token.refreshToken().get()));
            StoredItem.SsoToken refreshed = new StoredItem.SsoToken(token.cacheName(), token.cacheDigest(), token.startUrl(),
                    token.region(), grant.accessToken(), grant.expiresAt(), grant.refreshToken().or(token::refreshToken),
                    token.registration());
            Log.debug("refreshed the token for " + session.label() + " without a browser");
            save(session, refreshed, awsCliHolds(session, token));
            return Optional.of(refreshed);
        } catch (SsoFailure e) {
            if (e.reason() == SsoFailure.Reason.UNREACHABLE || e.reason() == SsoFailure.Reason.TOO_MANY_REQUESTS
                    || e.reason() == SsoFailure.Reason.SERVER_ERROR) {
                throw e;
            }
            Log.debug("the refresh for " + session.label() + " was refused (" + e.reason() + "): a new sign-in is needed");
            return Optional.empty();
        }
    }

    /** Whether the AWS CLI's file holds this very token (a refresh spends its refresh token there too). */
    private boolean awsCliHolds(SsoSession session, StoredItem.SsoToken token) {
        return fromAwsCli(session).filter(cached -> cached.refreshToken().equals(token.refreshToken())).isPresent();
    }

    private StoredItem.SsoToken signIn(SsoSession session, Optional<StoredItem.SsoToken> previous) {
        Path denied = denialMarker(session);
        try {
            StoredItem.SsoToken token = new SignIn(session, clients.apply(session), policy.options(), env, clock).run(previous);
            save(session, token, policy.writeAwsCache());
            deleteQuietly(denied);
            return token;
        } catch (SsoFailure e) {
            if (e.exitStatus() == ExitStatus.DECLINED.code()) {
                files.writeAtomically(denied, Long.toString(clock.instant().getEpochSecond()).getBytes(StandardCharsets.UTF_8));
            }
            throw e;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            Log.debug("cannot remove " + file + ": " + e.getMessage());
        }
    }

    private void save(SsoSession session, StoredItem.SsoToken token, boolean toAwsCli) {
        obtained.put(session.cacheDigest(), token);
        store.update(editor -> editor.put(token));
        if (toAwsCli) {
            awsCli.write(token);
        }
    }

    /** After a denied or abandoned sign-in, more implicit ones fail at once for a minute: no tab storm. */
    private void requireNoRecentDenial(SsoSession session) {
        Path marker = denialMarker(session);
        try {
            if (!Files.exists(marker)) {
                return;
            }
            Instant deniedAt = Instant.ofEpochSecond(Long.parseLong(Files.readString(marker).strip()));
            Duration ago = Duration.between(deniedAt, clock.instant());
            if (ago.compareTo(DENIAL_HOLD) < 0) {
                throw SsoFailure.notSignedIn("the IAM Identity Center sign-in for " + session.label() + " was denied or"
                        + " abandoned " + Math.max(0, ago.toSeconds()) + "s ago: run " + policy.howTo()
                        + " when you are ready");
            }
        } catch (IOException | NumberFormatException e) {
            Log.debug("cannot read " + env.display(marker) + " (" + e.getMessage() + "): ignored");
        }
    }

    private Path denialMarker(SsoSession session) {
        return lockDir.resolve("sso-" + session.cacheDigest() + ".denied");
    }

    /** Runs {@code work} under the session's lock; the holder's pid is in the lock file, for the others' message. */
    private <T> T underLock(SsoSession session, java.util.function.Supplier<T> work) {
        files.ensureDirectory(lockDir);
        Path lockFile = lockDir.resolve("sso-" + session.cacheDigest() + ".lock");
        try (FileLock lock = files.lock(lockFile, Timeouts.ssoSignIn(env), WAIT_NOTICE, () -> policy.options().say().accept("waiting for the IAM Identity Center sign-in (" + session.label()
                    + ") in another jvault" + holder(lockFile).map(pid -> " (pid " + pid + ")").orElse("")))) {
            lock.channel().truncate(0);
            lock.channel().write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)), 0);
            return work.get();
        } catch (IOException e) {
            throw new IllegalStateException("cannot use the lock of " + session.label(), e);
        }
    }

    private static Optional<String> holder(Path lockFile) {
        try {
            String pid = Files.readString(lockFile).strip();
            return pid.matches("\\d{1,10}") ? Optional.of(pid) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}

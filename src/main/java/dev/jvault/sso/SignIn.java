package dev.jvault.sso;

import dev.jvault.browser.Browser;
import dev.jvault.config.Environment;
import dev.jvault.config.SsoSession;
import dev.jvault.error.JvaultException;
import dev.jvault.log.Log;
import dev.jvault.store.StoredItem;
import dev.jvault.text.TerminalText;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One sign-in in the browser, as the AWS CLI v2 does it: the authorization code flow with PKCE
 * and a loopback redirect, or the device flow (legacy sessions, {@code sso_use_device_code},
 * {@code --use-device-code}, and wherever a local browser cannot reach a loopback listener: over
 * SSH, or with no display). The client registration is reused while it is valid.
 */
final class SignIn {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration REGISTRATION_MARGIN = Duration.ofMinutes(10);
    private static final Duration SLOW_DOWN = Duration.ofSeconds(5);

    private final SsoSession session;
    private final SsoClient client;
    private final SignInOptions options;
    private final Environment env;
    private final Clock clock;

    SignIn(SsoSession session, SsoClient client, SignInOptions options, Environment env, Clock clock) {
        this.session = session;
        this.client = client;
        this.options = options;
        this.env = env;
        this.clock = clock;
    }

    /** Signs in; {@code previous} may lend its client registration. */
    StoredItem.SsoToken run(Optional<StoredItem.SsoToken> previous) {
        boolean device = options.deviceCode() || session.deviceCode() || noLocalBrowser();
        String flow = device ? "device" : "pkce";
        Optional<StoredItem.Registration> reusable = previous.flatMap(StoredItem.SsoToken::registration)
                .filter(r -> r.flow().equals(flow) && r.expiresAt().isAfter(clock.instant().plus(REGISTRATION_MARGIN)));
        try {
            return device ? deviceFlow(reusable) : codeFlow(reusable);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SsoFailure.notSignedIn("interrupted while waiting for the IAM Identity Center sign-in");
        }
    }

    /** Over SSH the browser is on another machine; with no display there is none here (unless one is named). */
    private boolean noLocalBrowser() {
        boolean ssh = env.get("SSH_CONNECTION").isPresent() || env.get("SSH_TTY").isPresent();
        boolean namedBrowser = options.browser().isPresent() || env.get("BROWSER").isPresent();
        boolean display = env.get("DISPLAY").isPresent() || env.get("WAYLAND_DISPLAY").isPresent()
                || !System.getProperty("os.name", "").equals("Linux");
        if (ssh || (!display && !namedBrowser)) {
            Log.debug("no local browser (" + (ssh ? "over SSH" : "no display") + "): the device flow");
            return true;
        }
        return false;
    }

    private StoredItem.SsoToken deviceFlow(Optional<StoredItem.Registration> reusable) throws InterruptedException {
        // As the AWS CLI registers for it: scopes (none for a legacy session, so no refresh token), no grant types.
        StoredItem.Registration registration = reusable.orElseGet(() -> client.register("device", List.of(),
                Optional.empty()));
        SsoClient.DeviceAuthorization authorization = client.startDeviceAuthorization(registration);
        options.say().accept("Sign in to IAM Identity Center (" + session.label() + ") at:");
        options.say().accept("  " + authorization.verificationUriComplete());
        options.say().accept("and check that the page shows the code " + authorization.userCode());
        open(authorization.verificationUriComplete());
        Instant deadline = clock.instant().plus(min(authorization.expiresIn(), options.timeout()));
        Duration interval = authorization.interval();
        while (true) {
            Thread.sleep(interval);
            try {
                return token(registration, client.createToken(registration,
                        Map.of("grantType", "urn:ietf:params:oauth:grant-type:device_code", "deviceCode",
                                authorization.deviceCode())));
            } catch (SsoFailure e) {
                switch (e.reason()) {
                    case AUTHORIZATION_PENDING -> Log.debug("the sign-in is still pending");
                    case SLOW_DOWN -> interval = interval.plus(SLOW_DOWN);
                    case ACCESS_DENIED -> throw SsoFailure.notSignedIn("the IAM Identity Center sign-in was denied in the"
                            + " browser: nothing changed");
                    case EXPIRED_TOKEN -> throw SsoFailure.notSignedIn("the IAM Identity Center sign-in code expired before"
                            + " it was approved: run the command again");
                    default -> throw e;
                }
            }
            if (clock.instant().isAfter(deadline)) {
                throw SsoFailure.notSignedIn("the IAM Identity Center sign-in was not approved within "
                        + dev.jvault.config.Durations.format(options.timeout()) + ": run the command again");
            }
        }
    }

    private StoredItem.SsoToken codeFlow(Optional<StoredItem.Registration> reusable) throws InterruptedException {
        String state = random(24);
        String verifier = random(48);
        try (LoopbackCallback callback = new LoopbackCallback(state)) {
            StoredItem.Registration registration = reusable.orElseGet(() -> client.register("pkce",
                    List.of("authorization_code", "refresh_token"), Optional.of(LoopbackCallback.registeredRedirectUri())));
            URI url = client.authorizeUrl(registration, callback.redirectUri(), state, challenge(verifier));
            options.say().accept("Sign in to IAM Identity Center (" + session.label() + ") in your browser:");
            options.say().accept("  " + url);
            open(url);
            LoopbackCallback.Result result = callback.await(options.timeout()).orElseThrow(() -> SsoFailure.notSignedIn(
                    "the IAM Identity Center sign-in was not completed within "
                            + dev.jvault.config.Durations.format(options.timeout()) + ": run the command again"));
            if (result.code().isEmpty()) {
                throw SsoFailure.notSignedIn("the IAM Identity Center sign-in was not approved ("
                        + TerminalText.escape(result.error().orElse("no code")) + "): nothing changed");
            }
            return token(registration, client.createToken(registration, Map.of("grantType", "authorization_code",
                    "code", result.code().get(), "redirectUri", callback.redirectUri(), "codeVerifier", verifier)));
        } catch (IOException e) {
            throw new JvaultException(dev.jvault.error.ExitStatus.UNAVAILABLE, "cannot listen on 127.0.0.1 for the"
                    + " sign-in's redirect (" + e.getMessage() + "): use --use-device-code");
        }
    }

    private StoredItem.SsoToken token(StoredItem.Registration registration, SsoClient.Grant grant) {
        return new StoredItem.SsoToken(session.cacheName(), session.cacheDigest(), session.startUrl().value(),
                session.region().value(), grant.accessToken(), grant.expiresAt(), grant.refreshToken(),
                Optional.of(registration));
    }

    private void open(URI url) {
        if (!options.openBrowser()) {
            return;
        }
        try {
            Browser.open(url, options.browser(), env);
        } catch (JvaultException e) {
            options.say().accept("note: " + e.getMessage());
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    /** PKCE's S256: the verifier's SHA-256, base64url without padding (RFC 7636). */
    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

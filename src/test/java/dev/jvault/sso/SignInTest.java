package dev.jvault.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvault.config.Environment;
import dev.jvault.config.Origin;
import dev.jvault.config.Sourced;
import dev.jvault.config.SsoSession;
import dev.jvault.store.StoredItem;
import dev.jvault.testing.SsoEmulator;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Both sign-in flows against the SSO emulator, the browser being curl (the person: the emulator's decision). */
class SignInTest {

    private SsoEmulator emulator;
    private final List<String> said = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        emulator = new SsoEmulator((account, role) -> new SsoEmulator.RoleKeys("ASIA" + account, "secret", "token",
                Instant.now().plusSeconds(3600)));
    }

    @AfterEach
    void tearDown() {
        emulator.close();
    }

    private SsoSession session(boolean legacy) {
        Sourced<URI> endpoint = new Sourced<>(emulator.endpoint(), Origin.env("AWS_ENDPOINT_URL"));
        return new SsoSession(legacy ? Optional.empty() : Optional.of("corp"),
                new Sourced<>("https://corp.awsapps.com/start", Origin.builtIn("test")),
                new Sourced<>("us-east-1", Origin.builtIn("test")), legacy ? List.of() : List.of("sso:account:access"),
                legacy, endpoint, endpoint);
    }

    private StoredItem.SsoToken signIn(SsoSession session, boolean deviceCode, Optional<StoredItem.SsoToken> previous) {
        return signIn(session, deviceCode, previous, Map.of("DISPLAY", ":0"));
    }

    private StoredItem.SsoToken signIn(SsoSession session, boolean deviceCode, Optional<StoredItem.SsoToken> previous,
            Map<String, String> variables) {
        SignInOptions options = new SignInOptions(Optional.of("curl -s -L -o /dev/null"), true, deviceCode,
                Duration.ofSeconds(20), said::add);
        Map<String, String> all = new java.util.HashMap<>(variables);
        all.put("PATH", System.getenv("PATH"));
        all.put("HOME", "/nonexistent");
        Environment env = new Environment(all);
        return new SignIn(session, new SsoClient(session, Duration.ofSeconds(10), Clock.systemUTC()), options, env,
                Clock.systemUTC()).run(previous);
    }

    @Test
    void theDeviceFlowSlowsDownWhenToldTo() { // (waiting while pending: SsoIT)
        emulator.fail("CreateToken", 1, 400, "SlowDownException");
        StoredItem.SsoToken token = signIn(session(false), true, Optional.empty());
        assertTrue(token.refreshToken().isPresent(), "a session with scopes gets a refresh token");
        assertEquals("device", token.registration().orElseThrow().flow());
        assertEquals(2, emulator.calls("CreateToken"), "slow down, then the token");
        assertTrue(said.stream().anyMatch(line -> line.startsWith("and check that the page shows the code ")), said.toString());
    }

    @Test
    void aLegacySessionGetsNoRefreshTokenAsTheAwsCli() {
        StoredItem.SsoToken token = signIn(session(true), false, Optional.empty());
        assertEquals(Optional.empty(), token.refreshToken());
        assertEquals(1, emulator.calls("DevicePage"), "a legacy session always uses the device flow");
    }

    @Test
    void anExpiredOrDeniedDeviceCodeEndsTheSignInWithStatusOne() {
        emulator.fail("CreateToken", 1, 400, "ExpiredTokenException");
        SsoFailure expired = assertThrows(SsoFailure.class, () -> signIn(session(false), true, Optional.empty()));
        assertEquals(1, expired.exitStatus());
        assertTrue(expired.getMessage().contains("code expired before it was approved"), expired.getMessage());
        emulator.decision(SsoEmulator.Decision.DENY);
        SsoFailure denied = assertThrows(SsoFailure.class, () -> signIn(session(false), true, Optional.empty()));
        assertEquals(1, denied.exitStatus());
        assertTrue(denied.getMessage().contains("denied in the browser"), denied.getMessage());
    }

    @Test
    void theCodeFlowReusesAValidRegistrationOfItsOwnKind() {
        StoredItem.SsoToken first = signIn(session(false), false, Optional.empty());
        assertEquals("pkce", first.registration().orElseThrow().flow());
        signIn(session(false), false, Optional.of(first));
        assertEquals(1, emulator.calls("RegisterClient"), "reused until it expires");
        signIn(session(false), true, Optional.of(first));
        assertEquals(2, emulator.calls("RegisterClient"), "a device sign-in registers a client of its own");
        assertEquals(2, emulator.calls("Authorize"));
    }

    @Test
    void overSshTheDeviceFlowIsChosenByItself() {
        StoredItem.SsoToken token = signIn(session(false), false, Optional.empty(),
                Map.of("DISPLAY", ":0", "SSH_CONNECTION", "10.0.0.2 50000 10.0.0.1 22"));
        assertEquals("device", token.registration().orElseThrow().flow(), "a browser elsewhere cannot reach 127.0.0.1 here");
        assertEquals(0, emulator.calls("Authorize"));
    }

    @Test
    void anUnreachableServiceIsStatus76AfterItsRetries() {
        emulator.fail("RegisterClient", 4, 503, "InternalServerException");
        SsoFailure failure = assertThrows(SsoFailure.class, () -> signIn(session(false), false, Optional.empty()));
        assertEquals(76, failure.exitStatus());
        assertEquals(4, emulator.calls("RegisterClient"));
    }
}

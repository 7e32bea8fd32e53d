package dev.jvault.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvault.config.PlanOptions;
import dev.jvault.config.RoleHop;
import dev.jvault.config.SessionPlan;
import dev.jvault.error.JvaultException;
import dev.jvault.files.PrivateFiles;
import dev.jvault.keys.AwsKeys;
import dev.jvault.store.StoredItem;
import dev.jvault.store.file.FileStore;
import dev.jvault.sts.MfaCodeSource;
import dev.jvault.sts.StsFailure;
import dev.jvault.sts.StsGateway;
import dev.jvault.testing.Fixtures;
import dev.jvault.testing.SandboxHome;
import dev.jvault.testing.TestVaults;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The broker's own logic (cache lifetimes, the ExpiredToken retry, one MFA code per run) with
 * a hand-written STS that only counts; the real STS path is ExecIT's, against moto.
 */
class CredentialBrokerTest {

    private final SandboxHome home = new SandboxHome().config(Fixtures.SEED_CONFIG);
    private final List<String> calls = new ArrayList<>();
    private final List<String> codesAsked = new ArrayList<>();
    private Instant now = Instant.parse("2026-11-22T08:00:00Z");
    private boolean expireOnce;
    private FileStore store;

    /** Answers like STS would, for the broker's logic only. */
    private final StsGateway countingSts = new StsGateway() {
        @Override
        public AwsKeys getSessionToken(AwsKeys from, Duration duration, Optional<Mfa> mfa) {
            calls.add("GetSessionToken " + mfa.map(Mfa::code).orElse("-"));
            return AwsKeys.temporary("ASIASESSION" + calls.size(), "s".repeat(40), "token", now.plus(duration));
        }

        @Override
        public AwsKeys assumeRole(AwsKeys from, RoleHop role, String sessionName, Duration duration,
                Optional<Mfa> mfa) {
            calls.add("AssumeRole with " + from.accessKeyId());
            if (expireOnce) {
                expireOnce = false;
                throw new StsFailure(StsFailure.Reason.EXPIRED_TOKEN, "expired", null);
            }
            return AwsKeys.temporary("ASIAROLE" + calls.size(), "r".repeat(40), "token", now.plus(duration));
        }

        @Override
        public AwsKeys assumeRoleWithWebIdentity(String roleArn, String token, String sessionName) {
            calls.add("AssumeRoleWithWebIdentity " + roleArn + " with " + token + " as " + sessionName);
            return AwsKeys.temporary("ASIAWEBIDENTITY" + calls.size(), "w".repeat(40), "token", now.plus(Duration.ofHours(1)));
        }

        @Override
        public AwsKeys getFederationToken(AwsKeys from, String name, String policy, Duration duration) {
            calls.add("GetFederationToken with " + from.accessKeyId() + " as " + name + " for " + duration);
            return AwsKeys.temporary("ASIAFEDERATED", "f".repeat(40), "token", now.plus(duration));
        }
    };

    @BeforeEach
    void keys() {
        store = TestVaults.cheap(home);
        store.update(editor -> editor.put(new StoredItem.LongLivedKeys("main", "AKIAIOSFODNN7EXAMPLE",
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", Instant.EPOCH)));
    }

    @AfterEach
    void cleanUp() {
        home.close();
    }

    private CredentialBroker broker(StsGateway sts) {
        return new CredentialBroker(store, p -> sts, home.environment(), new PrivateFiles(home.environment()::display),
                home.path().resolve(".jvault/locks"), Clock.fixed(now, ZoneOffset.UTC), Duration.ofMinutes(5), Fixtures.NO_SSO);
    }

    private AwsKeys credentials(String profile) {
        MfaCodeSource mfa = serial -> {
            codesAsked.add(serial);
            return "123456";
        };
        return broker(countingSts).credentials(home.plan(profile, PlanOptions.DEFAULTS), mfa);
    }

    @Test
    void reusesCachedCredentialsUntilTheMinimumTtl() {
        AwsKeys first = credentials("dev-1");
        assertEquals(List.of("GetSessionToken 123456", "AssumeRole with ASIASESSION1"), calls);
        assertEquals(first, credentials("dev-1"));
        now = now.plus(Duration.ofMinutes(54));
        assertEquals(first, credentials("dev-1"), "6 minutes left: still used");
        now = now.plus(Duration.ofMinutes(2));
        credentials("dev-1");
        assertEquals(List.of("GetSessionToken 123456", "AssumeRole with ASIASESSION1", "AssumeRole with ASIASESSION1"),
                calls, "4 minutes left: the role is renewed from the cached MFA session, with no new code");
        assertEquals(1, codesAsked.size());
    }

    @Test
    void anExpiredTokenDropsTheSessionsAndTriesOnceMore() {
        credentials("dev-2");
        calls.clear();
        expireOnce = true;
        now = now.plus(Duration.ofHours(1));
        credentials("dev-1");
        assertEquals(List.of("AssumeRole with ASIASESSION1", "GetSessionToken 123456", "AssumeRole with ASIASESSION2"), calls);
    }

    @Test
    void aPlainProfileWithNoSessionGetsItsKeys() {
        home.config(Fixtures.SEED_CONFIG);
        SessionPlan plan = home.plan("main", new PlanOptions(Optional.empty(), true));
        AwsKeys keys = broker(countingSts).credentials(plan, serial -> "000000");
        assertEquals("AKIAIOSFODNN7EXAMPLE", keys.accessKeyId());
        assertEquals(Optional.empty(), keys.sessionToken());
        assertEquals(List.of(), calls);
    }

    @Test
    void aMalformedMinimumTtlIsAConfigError() {
        home.set("JVAULT_MIN_TTL", "soon");
        assertEquals("$JVAULT_MIN_TTL: 'soon' is not a duration: write e.g. 3600, 90m or 8h", assertThrows(
                dev.jvault.config.ConfigException.class, () -> CredentialBroker.standard(store, home.environment(), Fixtures.NO_SSO)).getMessage());
    }

    @Test
    void aMinimumTtlNoSessionCanMeetIsAConfigError() {
        CredentialBroker broker = new CredentialBroker(store, p -> countingSts, home.environment(),
                new PrivateFiles(home.environment()::display), home.path().resolve(".jvault/locks"),
                Clock.fixed(now, ZoneOffset.UTC), Duration.ofMinutes(20), Fixtures.NO_SSO);
        SessionPlan plan = home.plan("dev-1", new PlanOptions(Optional.of(new dev.jvault.config.Sourced<>("15m",
                dev.jvault.config.Origin.option("-d"))), false));
        assertEquals("the minimum TTL (JVAULT_MIN_TTL, or aws-vault's AWS_MIN_TTL) asks for 20m left on cached"
                + " credentials, and dev-1's last only 15m: lower it, or ask for longer credentials with -d", assertThrows(dev.jvault.config.ConfigException.class,
                () -> broker.credentials(plan, serial -> "123456")).getMessage());
        assertEquals(List.of(), calls, "refused before any STS call");
    }

    @Test
    void otherFailuresAreNotRetried() {
        StsFailure denied = new StsFailure(StsFailure.Reason.ACCESS_DENIED, "denied", null);
        SessionPlan plan = home.plan("dev-1", PlanOptions.DEFAULTS);
        StsGateway denying = new StsGateway() {
            public AwsKeys getSessionToken(AwsKeys from, Duration d, Optional<Mfa> mfa) {
                calls.add("GetSessionToken");
                throw denied;
            }

            public AwsKeys assumeRole(AwsKeys f, RoleHop r, String n, Duration d, Optional<Mfa> m) {
                throw denied;
            }

            public AwsKeys assumeRoleWithWebIdentity(String r, String t, String n) {
                throw denied;
            }

            @Override
            public AwsKeys getFederationToken(AwsKeys f, String n, String p, Duration d) {
                throw denied;
            }
        };
        assertEquals(denied, assertThrows(StsFailure.class, () -> broker(denying).credentials(plan, serial -> "123456")));
        assertEquals(List.of("GetSessionToken"), calls);
    }

    @Test
    void aFederationTokenComesFromTheLongLivedKeysOnlyAndIsNotCached() {
        home.set("USER", "alice");
        SessionPlan main = home.plan("main", PlanOptions.DEFAULTS);
        broker(countingSts).federationToken(main, "{}", Duration.ofHours(8));
        broker(countingSts).federationToken(main, "{}", Duration.ofHours(8));
        assertEquals(List.of("GetFederationToken with AKIAIOSFODNN7EXAMPLE as jvault-alice for PT8H",
                "GetFederationToken with AKIAIOSFODNN7EXAMPLE as jvault-alice for PT8H"), calls);
        home.config("[profile proc]\ncredential_process = /bin/true\n");
        JvaultException refused = assertThrows(JvaultException.class, () -> broker(countingSts)
                .federationToken(home.plan("proc", PlanOptions.DEFAULTS), "{}", Duration.ofHours(1)));
        assertTrue(refused.getMessage().startsWith("profile proc has no role and its credentials do not come from long-lived"
                + " keys"), refused.getMessage());
    }
}

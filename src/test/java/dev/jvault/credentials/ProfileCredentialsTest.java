package dev.jvault.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jvault.config.RoleHop;
import dev.jvault.files.PrivateFiles;
import dev.jvault.keys.AwsKeys;
import dev.jvault.prompt.MfaCodes;
import dev.jvault.store.StoredItem;
import dev.jvault.store.file.FileStore;
import dev.jvault.sts.StsGateway;
import dev.jvault.target.Target;
import dev.jvault.target.TargetRequest;
import dev.jvault.target.TargetStage;
import dev.jvault.testing.Fixtures;
import dev.jvault.testing.MutableClock;
import dev.jvault.testing.SandboxHome;
import dev.jvault.testing.ScriptedPrompter;
import dev.jvault.testing.TestVaults;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Asked again and again, as a credential server does: each new MFA session gets a new code. */
class ProfileCredentialsTest {

    private final SandboxHome home = new SandboxHome().config(Fixtures.SEED_CONFIG);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T08:00:00Z"));
    private final List<String> codesSent = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        home.close();
    }

    private final StsGateway sts = new StsGateway() {
        @Override
        public AwsKeys getSessionToken(AwsKeys from, Duration duration, Optional<Mfa> mfa) {
            codesSent.add(mfa.map(Mfa::code).orElse("-"));
            return AwsKeys.temporary("ASIASESSION" + codesSent.size(), "s".repeat(40), "t", clock.instant().plus(duration));
        }

        @Override
        public AwsKeys assumeRole(AwsKeys from, RoleHop role, String name, Duration duration,
                Optional<Mfa> mfa) {
            return AwsKeys.temporary("ASIAROLE" + codesSent.size(), "r".repeat(40), "t", clock.instant().plus(duration));
        }

        @Override
        public AwsKeys assumeRoleWithWebIdentity(String roleArn, String token, String sessionName) {
            throw new AssertionError("no web identity in these profiles");
        }

        @Override
        public AwsKeys getFederationToken(AwsKeys from, String name, String policy, Duration duration) {
            return AwsKeys.temporary("ASIAFEDERATED", "f".repeat(40), "t", clock.instant().plus(duration));
        }
    };

    @Test
    void theCodeGivenWithDashTServesTheFirstCallAndLaterSessionsAskAnew() {
        FileStore store = TestVaults.cheap(home);
        store.update(editor -> editor.put(new StoredItem.LongLivedKeys("main", "AKIAIOSFODNN7EXAMPLE",
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", Instant.EPOCH)));
        CredentialBroker broker = new CredentialBroker(store, plan -> sts, home.environment(),
                new PrivateFiles(home.environment()::display), home.path().resolve(".jvault/locks"), clock, Duration.ofMinutes(5),
                Fixtures.NO_SSO);
        ScriptedPrompter terminal = ScriptedPrompter.answering("222222", "333333");
        Target target = new TargetStage(home.environment(), home.loadConfig(), name -> false)
                .target(TargetRequest.profile(Optional.of("dev-1")), names -> "none");
        ProfileCredentials credentials = new ProfileCredentials(target, broker, first -> new MfaCodes(first
                ? Optional.of("111111") : Optional.empty(), Optional.empty(), "terminal", terminal, Duration.ofSeconds(5)),
                true);
        credentials.current();
        clock.advance(Duration.ofHours(9));
        credentials.current();
        clock.advance(Duration.ofHours(9));
        credentials.current();
        assertEquals(List.of("111111", "222222", "333333"), codesSent, "a spent code is never sent again");
    }
}

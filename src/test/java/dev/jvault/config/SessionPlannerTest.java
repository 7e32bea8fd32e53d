package dev.jvault.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvault.testing.Fixtures;
import dev.jvault.testing.SandboxHome;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SessionPlannerTest {

    private final SandboxHome home = new SandboxHome();

    @AfterEach
    void cleanUp() {
        home.close();
    }

    private SessionPlan plan(String profile, PlanOptions options) {
        return home.plan(profile, options);
    }

    private static PlanOptions duration(String text) {
        return new PlanOptions(Optional.of(new Sourced<>(text, Origin.option("-d"))), false);
    }

    @Test
    void seedRoleGetsAnMfaSessionThenTheRole() {
        home.config(Fixtures.SEED_CONFIG);
        SessionPlan plan = plan("dev-1", PlanOptions.DEFAULTS);
        SessionPlan.SessionStep session = plan.session().orElseThrow();
        assertEquals("arn:aws:iam::111111111111:mfa/alice", session.mfaSerial().orElseThrow().value());
        assertEquals(Duration.ofHours(8), session.duration().value());
        assertEquals(1, plan.roles().size());
        assertEquals(Duration.ofHours(1), plan.roles().getFirst().duration().value());
        assertEquals(Optional.empty(), plan.roles().getFirst().mfaSerial(), "the session carries the MFA");
        assertEquals(List.of(), plan.notes());
    }

    @Test
    void aRoleOverACredentialProcessOrTheEnvironmentCarriesItsMfaCodeAsTheCliSendsIt() {
        home.config("""
                [profile proc]
                credential_process = /bin/get-creds
                [profile via-proc]
                role_arn = arn:aws:iam::222222222222:role/r
                source_profile = proc
                mfa_serial = arn:aws:iam::111111111111:mfa/alice
                [profile via-env]
                role_arn = arn:aws:iam::222222222222:role/r
                credential_source = Environment
                mfa_serial = arn:aws:iam::111111111111:mfa/alice
                """);
        for (String profile : List.of("via-proc", "via-env")) {
            SessionPlan plan = plan(profile, PlanOptions.DEFAULTS);
            assertEquals(Optional.empty(), plan.session());
            assertEquals("arn:aws:iam::111111111111:mfa/alice", plan.roles().getFirst().mfaSerial().orElseThrow().value(), profile);
        }
    }

    @Test
    void aSecondMfaDeviceInTheChainGetsItsOwnCodeOnTheRoleThatNamesIt() {
        home.config(Fixtures.SEED_CONFIG + """
                [profile partner]
                role_arn = arn:aws:iam::555555555555:role/partner
                source_profile = dev-1
                mfa_serial = arn:aws:iam::555555555555:mfa/partner-token
                [profile same-device]
                role_arn = arn:aws:iam::666666666666:role/same
                source_profile = dev-1
                mfa_serial = arn:aws:iam::111111111111:mfa/alice
                """);
        SessionPlan partner = plan("partner", PlanOptions.DEFAULTS);
        assertEquals("arn:aws:iam::555555555555:mfa/partner-token", partner.session().orElseThrow().mfaSerial().orElseThrow().value(),
                "the session takes the nearest device");
        assertEquals(List.of(Optional.of("arn:aws:iam::111111111111:mfa/alice"), Optional.empty()),
                partner.roles().stream().map(step -> step.mfaSerial().map(Sourced::value)).toList(),
                "dev-1's own device is another one: its role carries that code");
        SessionPlan same = plan("same-device", PlanOptions.DEFAULTS);
        assertEquals(List.of(Optional.empty(), Optional.empty()),
                same.roles().stream().map(step -> step.mfaSerial().map(Sourced::value)).toList(), "one device, one code");
        SessionPlan noSession = plan("partner", new PlanOptions(Optional.empty(), true));
        assertEquals(List.of(Optional.of("arn:aws:iam::111111111111:mfa/alice"), Optional.of("arn:aws:iam::555555555555:mfa/partner-token")),
                noSession.roles().stream().map(step -> step.mfaSerial().map(Sourced::value)).toList(),
                "without a session each role carries its own device's code, as in the CLI");
    }

    @Test
    void aSingleRoleAskingForMoreThanAnHourIsAssumedFromTheKeysWithMfa() {
        home.config(Fixtures.SEED_CONFIG);
        SessionPlan plan = plan("dev-1", duration("4h"));
        assertEquals(Optional.empty(), plan.session());
        assertEquals(Duration.ofHours(4), plan.roles().getFirst().duration().value());
        assertEquals("arn:aws:iam::111111111111:mfa/alice", plan.roles().getFirst().mfaSerial().orElseThrow().value());
        assertTrue(plan.notes().getFirst().contains("assumed straight from the long-lived keys"));
    }

    @Test
    void chainedRolesAreCappedAtAnHourAndSaySo() {
        home.config(Fixtures.SEED_CONFIG + """
                [profile prod]
                role_arn = arn:aws:iam::444444444444:role/prod
                source_profile = dev-1
                duration_seconds = 7200
                """);
        SessionPlan plan = plan("prod", PlanOptions.DEFAULTS);
        assertTrue(plan.session().isPresent());
        assertEquals(Duration.ofHours(1), plan.roles().get(1).duration().value());
        assertTrue(plan.notes().getFirst().contains("role prod asks for 2h"));
    }

    @Test
    void noSessionAssumesRolesFromTheKeysAndWarnsForPlainProfiles() {
        home.config(Fixtures.SEED_CONFIG);
        PlanOptions noSession = new PlanOptions(Optional.empty(), true);
        SessionPlan role = plan("dev-1", noSession);
        assertEquals(Optional.empty(), role.session());
        assertEquals("arn:aws:iam::111111111111:mfa/alice", role.roles().getFirst().mfaSerial().orElseThrow().value());
        SessionPlan plain = plan("main", noSession);
        assertEquals(Optional.empty(), plain.session());
        assertTrue(plain.notes().getFirst().contains("long-lived keys themselves"));
    }

    @Test
    void durationsComeFromOptionConfigEnvironmentThenDefaults() {
        home.config(Fixtures.SEED_CONFIG);
        home.set("JVAULT_SESSION_TTL", "12h").set("JVAULT_ASSUME_ROLE_TTL", "45m");
        SessionPlan plan = plan("dev-1", PlanOptions.DEFAULTS);
        assertEquals(new Sourced<>(Duration.ofHours(12), Origin.env("JVAULT_SESSION_TTL")), plan.session().orElseThrow().duration());
        assertEquals(new Sourced<>(Duration.ofMinutes(45), Origin.env("JVAULT_ASSUME_ROLE_TTL")),
                plan.roles().getFirst().duration());
        assertEquals(Duration.ofMinutes(20), plan("dev-1", duration("20m")).roles().getFirst().duration().value());
        assertEquals(Duration.ofHours(2), plan("main", duration("2h")).session().orElseThrow().duration().value(),
                "-d on a plain profile is the session's duration");
    }

    @Test
    void awsVaultsDurationVariablesCountWhenJvaultsAreUnset() {
        home.config(Fixtures.SEED_CONFIG);
        home.set("AWS_SESSION_TOKEN_TTL", "2h").set("AWS_CHAINED_SESSION_TOKEN_TTL", "10h").set("AWS_ASSUME_ROLE_TTL", "50m");
        SessionPlan chained = plan("dev-1", PlanOptions.DEFAULTS);
        assertEquals(new Sourced<>(Duration.ofHours(10), Origin.env("AWS_CHAINED_SESSION_TOKEN_TTL")),
                chained.session().orElseThrow().duration(), "a session under a role is aws-vault's chained one");
        assertEquals(new Sourced<>(Duration.ofMinutes(50), Origin.env("AWS_ASSUME_ROLE_TTL")), chained.roles().getFirst().duration());
        assertEquals(new Sourced<>(Duration.ofHours(2), Origin.env("AWS_SESSION_TOKEN_TTL")),
                plan("main", PlanOptions.DEFAULTS).session().orElseThrow().duration(), "a session used as it is");
        home.set("JVAULT_SESSION_TTL", "3h").set("JVAULT_ASSUME_ROLE_TTL", "40m");
        SessionPlan own = plan("dev-1", PlanOptions.DEFAULTS);
        assertEquals(Origin.env("JVAULT_SESSION_TTL"), own.session().orElseThrow().duration().origin(), "jvault's own wins");
        assertEquals(Origin.env("JVAULT_ASSUME_ROLE_TTL"), own.roles().getFirst().duration().origin());
        home.set("JVAULT_SESSION_TTL", "").set("AWS_SESSION_TOKEN_TTL", "40h");
        assertEquals("$AWS_SESSION_TOKEN_TTL: a session duration of 40h is outside what AWS allows (15m to 36h)",
                assertThrows(ConfigException.class, () -> plan("main", PlanOptions.DEFAULTS)).getMessage());
    }

    @Test
    void aWebIdentityOrTemporaryKeysFromAFileGetNoSessionAndCapTheirRoles() {
        home.config("[profile ci]\nrole_arn = arn:aws:iam::111111111111:role/ci\nweb_identity_token_file = /tmp/token\n"
                + "[profile deploy]\nrole_arn = arn:aws:iam::222222222222:role/deploy\nsource_profile = ci\nduration_seconds = 7200\n"
                + "[profile over-temp]\nrole_arn = arn:aws:iam::222222222222:role/deploy\nsource_profile = temp\n");
        home.credentials("[temp]\naws_access_key_id = ASIATEMPORARY0000001\naws_secret_access_key = " + "s".repeat(40)
                + "\naws_session_token = IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN\n");
        SessionPlan ci = plan("ci", PlanOptions.DEFAULTS);
        assertTrue(ci.makesSessions(), "the web identity's role is a session of its own, cached");
        assertEquals(List.of(), ci.roles());
        SessionPlan deploy = plan("deploy", PlanOptions.DEFAULTS);
        assertEquals(Optional.empty(), deploy.session());
        assertEquals(Duration.ofHours(1), deploy.roles().getFirst().duration().value());
        SessionPlan overTemporary = plan("over-temp", PlanOptions.DEFAULTS);
        assertEquals(Optional.empty(), overTemporary.session(), "STS gives no session for session credentials");
        assertTrue(!plan("temp", PlanOptions.DEFAULTS).makesSessions(), "used as they are");
    }

    @Test
    void otherSourcesGetNoSession() {
        home.config("[profile proc]\ncredential_process = get-creds\n[profile r]\nrole_arn = arn:aws:iam::222222222222:role/r\n"
                + "source_profile = proc\nduration_seconds = 7200\n");
        SessionPlan plan = plan("r", PlanOptions.DEFAULTS);
        assertEquals(Optional.empty(), plan.session());
        assertEquals(Duration.ofHours(1), plan.roles().getFirst().duration().value(), "temporary credentials cap the role");
    }

    @Test
    void rejectsDurationsOutsideTheAwsLimits() {
        home.config(Fixtures.SEED_CONFIG);
        assertEquals("-d: a role duration of 13h is outside what AWS allows (15m to 12h)",
                assertThrows(ConfigException.class, () -> plan("dev-1", duration("13h"))).getMessage());
        home.set("JVAULT_SESSION_TTL", "soon");
        assertEquals("$JVAULT_SESSION_TTL: 'soon' is not a duration: write e.g. 3600, 90m or 8h",
                assertThrows(ConfigException.class, () -> plan("main", PlanOptions.DEFAULTS)).getMessage());
        home.set("JVAULT_SESSION_TTL", "37h");
        assertTrue(assertThrows(ConfigException.class, () -> plan("main", PlanOptions.DEFAULTS)).getMessage()
                .contains("a session duration of 37h is outside what AWS allows (15m to 36h)"));
    }
}

package dev.jvault.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvault.error.ExitStatus;
import dev.jvault.error.JvaultException;
import dev.jvault.testing.Fixtures;
import dev.jvault.testing.SandboxHome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProfileResolverTest {

    private final SandboxHome home = new SandboxHome();

    @AfterEach
    void cleanUp() {
        home.close();
    }

    private ResolvedProfile resolve(String profile) {
        return home.resolve(profile);
    }

    /** The message of the config error (78) or unknown profile (66) that resolving gives. */
    private String errorOf(String profile) {
        return assertThrows(JvaultException.class, () -> resolve(profile)).getMessage();
    }

    @Test
    void resolvesTheSeedChain() {
        home.config(Fixtures.SEED_CONFIG);
        ResolvedProfile dev1 = resolve("dev-1");
        assertEquals(List.of("dev-1", "main"), dev1.chain());
        assertEquals(new RootSource.StoredKeys("main", Optional.empty()), dev1.source());
        assertEquals(1, dev1.roles().size());
        assertEquals("arn:aws:iam::222222222222:role/dev-1-role", dev1.roles().getFirst().roleArn().value());
        assertEquals("~/.aws/config:6", dev1.roles().getFirst().roleArn().origin().toString());
        assertEquals("arn:aws:iam::111111111111:mfa/alice", dev1.mfaSerial().orElseThrow().value());
        assertEquals("eu-central-1", dev1.region().orElseThrow().value());
        assertEquals("https://sts.eu-central-1.amazonaws.com", dev1.stsEndpoint().value().toString());
        assertEquals("eu-central-1", dev1.stsRegion());
    }

    @Test
    void resolvesATwoRoleChainInAssumeOrder() {
        home.config(Fixtures.SEED_CONFIG + """

                [profile prod]
                role_arn = arn:aws:iam::444444444444:role/prod
                source_profile = dev-1
                external_id = shared-secret-id
                role_session_name = alice
                duration_seconds = 1800
                source_identity = alice
                session_tags = team=core,env=prod
                transitive_session_tags = team
                """);
        ResolvedProfile prod = resolve("prod");
        assertEquals(List.of("prod", "dev-1", "main"), prod.chain());
        assertEquals(List.of("dev-1", "prod"), prod.roles().stream().map(RoleHop::profile).toList());
        RoleHop hop = prod.roles().get(1);
        assertEquals("shared-secret-id", hop.externalId().orElseThrow().value());
        assertEquals("alice", hop.sessionName().orElseThrow().value());
        assertEquals(Duration.ofMinutes(30), hop.duration().orElseThrow().value());
        assertEquals("alice", hop.sourceIdentity().orElseThrow().value());
        assertEquals(Map.of("team", "core", "env", "prod"), hop.sessionTags().orElseThrow().value());
        assertEquals(List.of("team"), hop.transitiveTags().orElseThrow().value());
        assertEquals("arn:aws:iam::111111111111:mfa/alice", prod.mfaSerial().orElseThrow().value(),
                "the nearest mfa_serial down the chain applies");
        assertEquals("~/.aws/config:8", prod.mfaSerial().orElseThrow().origin().toString());
    }

    @Test
    void readsTheSeedsCredentialsFileSetupAndWarnsOfClearTextKeys() {
        home.credentials("[main]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\n");
        home.config(Fixtures.SEED_CONFIG.replace("[profile main]\nregion = us-east-1\n", ""));
        RootSource source = resolve("dev-2").source();
        assertEquals(new RootSource.StoredKeys("main", Optional.of(Origin.file("~/.aws/credentials", 2))), source);
    }

    @Test
    void namesTheLoopOfSourceProfiles() {
        home.config("""
                [profile a]
                role_arn = arn:aws:iam::222222222222:role/a
                source_profile = b
                [profile b]
                role_arn = arn:aws:iam::222222222222:role/b
                source_profile = c
                [profile c]
                role_arn = arn:aws:iam::222222222222:role/c
                source_profile = b
                """);
        assertEquals("~/.aws/config:4: source_profile loop: b -> c -> b: one of these profiles must hold the long-lived"
                + " keys and have no source_profile", errorOf("a"));
    }

    @Test
    void aRoleProfileNamingItselfIsALoop() {
        home.config("[profile a]\nrole_arn = arn:aws:iam::222222222222:role/a\nsource_profile = a\n");
        assertTrue(errorOf("a").contains("source_profile loop: a -> a"));
    }

    @Test
    void includeProfileMixesInValuesAndItsLoopsAreNamed() {
        home.config("""
                [profile common]
                region = eu-west-1
                mfa_serial = arn:aws:iam::111111111111:mfa/alice
                source_profile = root
                [profile root]
                include_profile = common
                [profile order-dev]
                include_profile = common
                role_arn = arn:aws:iam::222222222222:role/developers
                [profile x]
                include_profile = y
                [profile y]
                include_profile = x
                """);
        ResolvedProfile dev = resolve("order-dev");
        assertEquals(List.of("order-dev", "root"), dev.chain(), "aws-vault's mixin: root includes source_profile = root");
        assertEquals("eu-west-1", dev.region().orElseThrow().value());
        assertEquals("~/.aws/config:2", dev.region().orElseThrow().origin().toString());
        assertEquals("~/.aws/config:10: include_profile loop: x -> y -> x: remove one of the include_profile lines", errorOf("x"));
    }

    @Test
    void unknownProfilesAreNamedWithWhereTheyWereReferenced() {
        home.config("[profile dev-1]\nrole_arn = arn:aws:iam::222222222222:role/dev\nsource_profile = mian\n");
        assertEquals("~/.aws/config:3: source_profile names profile 'mian', which is in neither ~/.aws/config nor"
                + " ~/.aws/credentials", errorOf("dev-1"));
        assertEquals("there is no profile 'nope' in ~/.aws/config or ~/.aws/credentials; profiles there: dev-1",
                errorOf("nope"));
        UnknownProfileException typo = assertThrows(UnknownProfileException.class, () -> resolve("dve-1"));
        assertEquals("there is no profile 'dve-1' in ~/.aws/config or ~/.aws/credentials; did you mean dev-1?",
                typo.getMessage());
        assertEquals(ExitStatus.NOT_FOUND.code(), typo.exitStatus(), "unknown profile: 66 in every command");
        home.config("[profile mixed]\ninclude_profile = commmon\n");
        assertEquals("~/.aws/config:2: include_profile names profile 'commmon', which is in neither ~/.aws/config nor"
                + " ~/.aws/credentials", errorOf("mixed"));
    }

    @Test
    void explainsAProfileWrittenWithoutItsPrefixInTheConfigFile() {
        home.config("[dev-1]\nregion = eu-west-1\n");
        assertTrue(errorOf("dev-1").contains("(~/.aws/config:1 has [dev-1]: write [profile dev-1] in ~/.aws/config"));
    }

    @Test
    void rejectsBadValuesWithFileAndLine() {
        home.config("""
                [profile main]
                [profile bad-arn]
                role_arn = arn:aws:iam::2222:role/x
                source_profile = main
                [profile bad-duration]
                role_arn = arn:aws:iam::222222222222:role/x
                source_profile = main
                duration_seconds = 60
                [profile bad-mfa]
                mfa_serial = alice
                [profile bad-external-id]
                role_arn = arn:aws:iam::222222222222:role/x
                source_profile = main
                external_id = a b
                [profile bad-name]
                role_arn = arn:aws:iam::222222222222:role/x
                source_profile = main
                role_session_name = has space
                [profile bad-tags]
                role_arn = arn:aws:iam::222222222222:role/x
                source_profile = main
                session_tags = team
                [profile bad-transitive]
                role_arn = arn:aws:iam::222222222222:role/x
                source_profile = main
                session_tags = team=a
                transitive_session_tags = env
                [profile bad-region]
                region = Europe
                [profile bad-endpoint]
                endpoint_url = localhost:5000
                [profile no-source]
                role_arn = arn:aws:iam::222222222222:role/x
                [profile both-sources]
                role_arn = arn:aws:iam::222222222222:role/x
                source_profile = main
                credential_source = Environment
                [profile bad-credential-source]
                role_arn = arn:aws:iam::222222222222:role/x
                credential_source = Laptop
                """);
        assertTrue(errorOf("bad-arn").startsWith("~/.aws/config:3: role_arn 'arn:aws:iam::2222:role/x' of profile bad-arn is not a role ARN"));
        assertEquals("~/.aws/config:8: duration_seconds of profile bad-duration of 1m is outside what AWS allows (15m to 12h)",
                errorOf("bad-duration"));
        assertTrue(errorOf("bad-mfa").startsWith("~/.aws/config:10: mfa_serial 'alice' of profile bad-mfa is neither"));
        assertTrue(errorOf("bad-external-id").startsWith("~/.aws/config:14: external_id of profile bad-external-id"));
        assertTrue(errorOf("bad-name").startsWith("~/.aws/config:18: role_session_name 'has space'"));
        assertTrue(errorOf("bad-tags").startsWith("~/.aws/config:22: session_tags of profile bad-tags must be Key=Value pairs"));
        assertTrue(errorOf("bad-transitive").contains("names 'env', which is not one of its session_tags"));
        assertEquals("~/.aws/config:29: region 'Europe' is not a region of any AWS partition (such as eu-west-1)", errorOf("bad-region"));
        assertEquals("~/.aws/config:31: endpoint 'localhost:5000' is not an http(s) URL with a host (and a port up to 65535):"
                + " correct it or unset it", errorOf("bad-endpoint"));
        home.set("AWS_ENDPOINT_URL_STS", "http://localhost:99999");
        assertEquals("$AWS_ENDPOINT_URL_STS: endpoint 'http://localhost:99999' is not an http(s) URL with a host (and a port"
                + " up to 65535): correct it or unset it", errorOf("bad-endpoint"));
        assertTrue(errorOf("no-source").startsWith("~/.aws/config:33: profile no-source has role_arn but no source_profile"));
        assertTrue(errorOf("both-sources").contains("has both source_profile and credential_source"));
        assertTrue(errorOf("bad-credential-source").contains("must be Environment, Ec2InstanceMetadata or EcsContainer"));
    }

    @Test
    void quotedValuesCannotBreakTheOneLineMessageOrTheTerminal() {
        home.config("[profile p]\nregion = eu\u001b[31m-west-1\n  continued\n");
        String message = errorOf("p");
        assertEquals("~/.aws/config:2: region 'eu\\x1b[31m-west-1\\ncontinued' is not a region of any AWS partition (such as eu-west-1)",
                message);
        home.config("[profile p]\nregion = " + "x".repeat(200) + "\n");
        assertTrue(errorOf("p").contains("region '" + "x".repeat(77) + "...'"));
    }

    @Test
    void recognisesOtherRootSources() {
        home.config("""
                [profile proc]
                credential_process = /usr/local/bin/get-creds --json
                [profile ci]
                role_arn = arn:aws:iam::222222222222:role/ci
                credential_source = Environment
                [profile sso]
                sso_session = corp
                sso_account_id = 111111111111
                sso_role_name = Admin
                [sso-session corp]
                sso_start_url = https://corp.awsapps.com/start
                sso_region = eu-west-1
                [profile sso-typo]
                sso_session = crop
                sso_account_id = 111111111111
                sso_role_name = Admin
                """);
        assertEquals("/usr/local/bin/get-creds --json",
                assertInstanceOf(RootSource.CredentialProcess.class, resolve("proc").source()).command().value());
        assertEquals("Environment",
                assertInstanceOf(RootSource.CredentialSource.class, resolve("ci").source()).kind().value());
        SsoRole role = assertInstanceOf(RootSource.SingleSignOn.class, resolve("sso").source()).role();
        assertEquals(Optional.of("corp"), role.session().name());
        assertEquals("https://oidc.eu-west-1.amazonaws.com", role.session().oidc().value().toString());
        assertEquals("https://portal.sso.eu-west-1.amazonaws.com", role.session().portal().value().toString());
        assertEquals(List.of("sso:account:access"), role.session().scopes());
        assertEquals("~/.aws/config:14: profile sso-typo names sso_session 'crop', but there is no [sso-session crop] section",
                errorOf("sso-typo"));
    }

    @Test
    void readsIamIdentityCenterSettingsAsBotocoreDoes() {
        home.config("""
                [profile legacy]
                sso_start_url = https://corp.awsapps.com/start
                sso_region = us-east-2
                sso_account_id = 111111111111
                sso_role_name = Admin
                [profile no-region]
                sso_start_url = https://corp.awsapps.com/start
                sso_account_id = 111111111111
                sso_role_name = Admin
                [profile disagrees]
                sso_session = corp
                sso_region = us-west-2
                sso_account_id = 111111111111
                sso_role_name = Admin
                [profile no-role]
                sso_session = corp
                [profile bad-account]
                sso_session = corp
                sso_account_id = 1111
                sso_role_name = Admin
                [profile with-keys]
                aws_access_key_id = AKIAIOSFODNN7EXAMPLE
                aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
                sso_session = corp
                sso_role_name = Admin
                sso_account_id = 111111111111
                [sso-session corp]
                sso_start_url = https://corp.awsapps.com/start
                sso_region = eu-west-1
                sso_registration_scopes = sso:account:access, codewhisperer:completions
                """);
        SsoRole legacy = assertInstanceOf(RootSource.SingleSignOn.class, resolve("legacy").source()).role();
        assertTrue(legacy.session().legacy());
        assertTrue(legacy.session().deviceCode(), "a legacy session signs in with the device flow, as the AWS CLI");
        assertEquals(List.of(), legacy.session().scopes());
        assertEquals("https://corp.awsapps.com/start", legacy.session().cacheName());
        assertEquals("~/.aws/config:6: profile no-region is set up for IAM Identity Center but has no sso_region: add it"
                + " (or sso_session = NAME and an [sso-session NAME] section)", errorOf("no-region"));
        assertEquals("~/.aws/config:12: sso_region is 'us-west-2' in profile disagrees but 'eu-west-1' in [sso-session corp]"
                + " (~/.aws/config:29): keep one of them", errorOf("disagrees"));
        assertEquals("~/.aws/config:15: profile no-role names an IAM Identity Center sign-in but no role in it: add"
                + " sso_account_id and sso_role_name (jvault sso profiles lists yours)", errorOf("no-role"));
        assertEquals("~/.aws/config:19: sso_account_id '1111' of profile bad-account is not a 12-digit AWS account id:"
                + " correct it", errorOf("bad-account"));
        SsoRole overKeys = assertInstanceOf(RootSource.SingleSignOn.class, resolve("with-keys").source(),
                "sso_account_id wins over keys in the file, as botocore's profile providers run").role();
        assertEquals(List.of("sso:account:access", "codewhisperer:completions"), overKeys.session().scopes());
    }

    @Test
    void regionComesFromTheEnvironmentThenTheProfileThenDefault() {
        home.config("[default]\nregion = ap-south-1\n[profile own]\nregion = eu-west-1\n[profile none]\n");
        assertEquals("eu-west-1", resolve("own").region().orElseThrow().value());
        home.set("AWS_DEFAULT_REGION", "eu-north-1");
        assertEquals("eu-north-1", resolve("own").region().orElseThrow().value(), "the environment wins, as in the CLI");
        home.set("AWS_REGION", "us-west-2");
        assertEquals("us-west-2", resolve("own").region().orElseThrow().value(), "AWS_REGION before AWS_DEFAULT_REGION");
        home.set("AWS_DEFAULT_REGION", "");
        ResolvedProfile none = resolve("none");
        assertEquals("us-west-2", none.region().orElseThrow().value());
        assertEquals("$AWS_REGION", none.region().orElseThrow().origin().toString());
        home.set("AWS_REGION", "").set("AWS_DEFAULT_REGION", "eu-north-1");
        assertEquals("eu-north-1", resolve("none").region().orElseThrow().value());
        home.set("AWS_DEFAULT_REGION", "");
        assertEquals("ap-south-1", resolve("none").region().orElseThrow().value());
    }

    @Test
    void aRegionAnOuterExecSetGivesWayToTheProfilesButOneTheUserSetInsideWins() {
        home.config("[profile dev-2]\nregion = eu-west-1\n");
        home.set("AWS_REGION", "eu-central-1").set("AWS_DEFAULT_REGION", "eu-central-1").set("JVAULT_REGION", "eu-central-1");
        assertEquals("eu-west-1", resolve("dev-2").region().orElseThrow().value(), "the outer exec's region is not the user's");
        home.set("AWS_DEFAULT_REGION", "us-west-2");
        assertEquals("us-west-2", resolve("dev-2").region().orElseThrow().value(), "changed inside: the user's");
        assertEquals("$AWS_DEFAULT_REGION", resolve("dev-2").region().orElseThrow().origin().toString());
    }

    @Test
    void aSourceProfileWithKeysOfItsOwnEndsTheChainWhateverElseItSays() {
        home.config("[profile dev]\nrole_arn = arn:aws:iam::222222222222:role/dev\nsource_profile = middle\n"
                + "[profile middle]\nrole_arn = arn:aws:iam::333333333333:role/middle\nsource_profile = main\n[profile main]\n");
        home.credentials("[middle]\naws_access_key_id = AKIAMIDDLE\naws_secret_access_key = s\n");
        ResolvedProfile dev = resolve("dev");
        assertEquals(List.of("dev", "middle"), dev.chain());
        assertEquals("middle", assertInstanceOf(RootSource.StoredKeys.class, dev.source()).profile());
        assertEquals(List.of("arn:aws:iam::222222222222:role/dev"), dev.roles().stream().map(hop -> hop.roleArn().value()).toList(),
                "middle's own role is not followed: its keys come first, as in the CLI and aws-vault");
        ResolvedProfile middle = resolve("middle");
        assertEquals(List.of("arn:aws:iam::333333333333:role/middle"), middle.roles().stream().map(hop -> hop.roleArn().value()).toList(),
                "the target's own role is assumed even when it has keys");
    }

    @Test
    void keysImportedIntoTheStoreEndTheChainAsKeysInTheFileDid() {
        home.config("[profile dev]\nrole_arn = arn:aws:iam::222222222222:role/dev\nsource_profile = middle\n"
                + "[profile middle]\nrole_arn = arn:aws:iam::333333333333:role/middle\nsource_profile = main\n[profile main]\n");
        List<String> asked = new java.util.ArrayList<>();
        ResolvedProfile dev = new ProfileResolver(home.loadConfig(), home.environment(), name -> {
            asked.add(name);
            return name.equals("middle");
        }).resolve("dev");
        assertEquals(List.of("dev", "middle"), dev.chain());
        assertEquals(List.of("middle"), asked, "the store is asked only about a profile that leads on and has no keys in the files");
    }

    @Test
    void aRoleProfileMayHoldTheKeysForItsOwnRole() {
        home.config("[profile self]\nrole_arn = arn:aws:iam::222222222222:role/self\nsource_profile = self\n"
                + "[profile loop]\nrole_arn = arn:aws:iam::222222222222:role/loop\nsource_profile = loop\n");
        home.credentials("[self]\naws_access_key_id = AKIASELF\naws_secret_access_key = s\n");
        ResolvedProfile self = resolve("self");
        assertEquals(List.of("self"), self.chain());
        assertEquals("self", assertInstanceOf(RootSource.StoredKeys.class, self.source()).profile());
        assertEquals(List.of("arn:aws:iam::222222222222:role/self"), self.roles().stream().map(hop -> hop.roleArn().value()).toList());
        assertTrue(errorOf("loop").contains("source_profile loop: loop -> loop"), "without keys it is a loop, as in the CLI");
    }

    @Test
    void eachRoleKeepsItsOwnMfaSerial() {
        home.config("[profile inner]\nrole_arn = arn:aws:iam::222222222222:role/inner\nsource_profile = main\nmfa_serial = arn:aws:iam::111111111111:mfa/a\n"
                + "[profile outer]\nrole_arn = arn:aws:iam::333333333333:role/outer\nsource_profile = inner\nmfa_serial = arn:aws:iam::333333333333:mfa/b\n"
                + "[profile main]\n");
        ResolvedProfile outer = resolve("outer");
        assertEquals(List.of(Optional.of("arn:aws:iam::111111111111:mfa/a"), Optional.of("arn:aws:iam::333333333333:mfa/b")),
                outer.roles().stream().map(hop -> hop.mfaSerial().map(Sourced::value)).toList());
        assertEquals("arn:aws:iam::333333333333:mfa/b", outer.mfaSerial().orElseThrow().value(), "the nearest from the target down");
    }

    @Test
    void aWronglyCasedHeaderIsNamedWithItsLine() {
        home.config("[Profile dev]\nregion = eu-west-1\n");
        assertTrue(errorOf("dev").contains("(~/.aws/config:1 has [Profile dev]: write [profile dev]"), errorOf("dev"));
    }

    @Test
    void noRegionAnywhereMeansTheGlobalEndpointSignedForUsEast1AsInTheCli() {
        home.config("[profile none]\n");
        ResolvedProfile none = resolve("none");
        assertEquals(Optional.empty(), none.region());
        assertEquals("us-east-1", none.stsRegion());
        assertEquals("https://sts.amazonaws.com", none.stsEndpoint().value().toString());
        assertEquals("global endpoint (no region set, as the AWS CLI)", none.stsEndpoint().origin().toString());
    }

    @Test
    void stsEndpointFollowsTheSdkOrder() {
        home.config("""
                [profile p]
                region = eu-west-1
                services = local
                endpoint_url = http://127.0.0.1:4
                [services local]
                sts =
                  endpoint_url = http://127.0.0.1:3
                [profile q]
                region = eu-west-1
                endpoint_url = http://127.0.0.1:4
                [profile legacy]
                region = eu-west-1
                sts_regional_endpoints = legacy
                [profile china]
                region = cn-north-1
                [profile missing-services]
                services = nowhere
                """);
        home.set("AWS_ENDPOINT_URL_STS", "http://127.0.0.1:1").set("AWS_ENDPOINT_URL", "http://127.0.0.1:2");
        assertEquals(new Sourced<>(java.net.URI.create("http://127.0.0.1:1"), Origin.env("AWS_ENDPOINT_URL_STS")),
                resolve("p").stsEndpoint());
        home.set("AWS_ENDPOINT_URL_STS", "");
        assertEquals("http://127.0.0.1:2", resolve("p").stsEndpoint().value().toString());
        home.set("AWS_ENDPOINT_URL", "");
        assertEquals(new Sourced<>(java.net.URI.create("http://127.0.0.1:3"), Origin.file("~/.aws/config", 7)),
                resolve("p").stsEndpoint());
        assertEquals("http://127.0.0.1:4", resolve("q").stsEndpoint().value().toString());
        home.set("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true");
        assertEquals("https://sts.eu-west-1.amazonaws.com", resolve("q").stsEndpoint().value().toString());
        assertEquals("https://sts.amazonaws.com", resolve("legacy").stsEndpoint().value().toString());
        assertEquals("https://sts.cn-north-1.amazonaws.com.cn", resolve("china").stsEndpoint().value().toString());
        home.set("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "");
        assertEquals("~/.aws/config:17: profile missing-services names services 'nowhere', but there is no"
                + " [services nowhere] section", errorOf("missing-services"));
    }
    @Test
    void aWebIdentityProfileStartsTheChainFromItsTokenAsInBotocore() {
        home.config("""
                [profile ci]
                role_arn = arn:aws:iam::111111111111:role/ci
                web_identity_token_file = /var/run/token
                role_session_name = build-42
                source_profile = ignored-as-by-botocore

                [profile deploy]
                role_arn = arn:aws:iam::222222222222:role/deploy
                source_profile = ci

                [profile with-keys]
                web_identity_token_file = /var/run/token
                role_arn = arn:aws:iam::333333333333:role/keys
                aws_access_key_id = AKIAEXAMPLEEXAMPLE01
                aws_secret_access_key = secret

                [profile no-role]
                web_identity_token_file = /var/run/token
                """);
        ResolvedProfile deploy = resolve("deploy");
        assertEquals(List.of("deploy", "ci"), deploy.chain());
        RootSource.WebIdentity web = assertInstanceOf(RootSource.WebIdentity.class, deploy.source());
        assertEquals("arn:aws:iam::111111111111:role/ci", web.roleArn().value());
        assertEquals("/var/run/token", web.tokenFile().value());
        assertEquals("build-42", web.sessionName().orElseThrow().value());
        assertEquals(List.of("arn:aws:iam::222222222222:role/deploy"), deploy.roles().stream().map(r -> r.roleArn().value()).toList());
        assertInstanceOf(RootSource.WebIdentity.class, resolve("with-keys").source(), "the web identity comes before keys");
        assertEquals("~/.aws/config:18: profile no-role has a web identity token file but no role_arn: add the role the"
                + " token is for", errorOf("no-role"));
    }

    @Test
    void theEnvironmentsWebIdentityCountsForATargetNotNamedOnTheCommandLine() {
        home.config("[default]\nregion = eu-west-1\n[profile roled]\nrole_arn = arn:aws:iam::222222222222:role/r\n"
                + "source_profile = default\n");
        home.credentials("[default]\naws_access_key_id = AKIAEXAMPLEEXAMPLE01\naws_secret_access_key = secret\n");
        home.set("AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/env-token").set("AWS_ROLE_ARN", "arn:aws:iam::111111111111:role/env")
                .set("AWS_ROLE_SESSION_NAME", "from-env");
        ProfileResolver resolver = new ProfileResolver(home.loadConfig(), home.environment(), name -> false);
        RootSource.WebIdentity web = assertInstanceOf(RootSource.WebIdentity.class, resolver.resolve("default", true).source());
        assertEquals(new Sourced<>("arn:aws:iam::111111111111:role/env", Origin.env("AWS_ROLE_ARN")), web.roleArn());
        assertEquals(Origin.env("AWS_WEB_IDENTITY_TOKEN_FILE"), web.tokenFile().origin());
        assertEquals("from-env", web.sessionName().orElseThrow().value());
        assertInstanceOf(RootSource.StoredKeys.class, resolver.resolve("default", false).source(), "as under --profile");
        assertInstanceOf(RootSource.StoredKeys.class, resolver.resolve("roled", true).source(),
                "a role profile assumes its role from its source, as botocore's AssumeRole provider comes first");
    }

    @Test
    void temporaryKeysInTheFilesAreUsedAsTheyAreAndNeverTakenForStoredOnes() {
        home.config("[profile dev]\nrole_arn = arn:aws:iam::222222222222:role/dev\nsource_profile = mfa\n"
                + "[profile legacy-dev]\nrole_arn = arn:aws:iam::222222222222:role/dev\nsource_profile = legacy\n");
        home.credentials("[mfa]\naws_access_key_id = ASIATEMPORARY0000001\naws_secret_access_key = tempsecret\n"
                + "aws_session_token = the-token\n[legacy]\naws_access_key_id = ASIATEMPORARY0000002\n"
                + "aws_secret_access_key = tempsecret2\naws_security_token = legacy-token\n[half]\naws_access_key_id ="
                + " ASIATEMPORARY0000003\naws_session_token = t\n");
        RootSource.TemporaryKeys keys = assertInstanceOf(RootSource.TemporaryKeys.class, resolve("dev").source());
        assertEquals("mfa", keys.profile());
        assertEquals("ASIATEMPORARY0000001", keys.keys().accessKeyId());
        assertEquals(Optional.of("the-token"), keys.keys().sessionToken());
        assertEquals("~/.aws/credentials:2", keys.origin().toString());
        assertTrue(!keys.toString().contains("tempsecret") && !keys.toString().contains("the-token"), keys.toString());
        assertEquals(Optional.of("legacy-token"), assertInstanceOf(RootSource.TemporaryKeys.class,
                resolve("legacy-dev").source()).keys().sessionToken());
        assertEquals("~/.aws/credentials:10: profile half has temporary keys but no aws_secret_access_key: write the three"
                + " values together, as the tool that made them printed them", errorOf("half"));
        ProfileResolver resolver = new ProfileResolver(home.loadConfig(), home.environment(), name -> false);
        assertEquals("~/.aws/credentials:4: profile mfa holds temporary keys, which jvault uses as they are: store"
                + " long-lived keys under the profile whose keys made them",
                assertThrows(ConfigException.class, () -> resolver.requireRoot("mfa")).getMessage());
    }

    @Test
    void awsVaultsVariablesFillTheTargetsOwnKeysWhereItHasNone() {
        home.config(Fixtures.SEED_CONFIG + "\n[profile tagged]\nrole_arn = arn:aws:iam::222222222222:role/t\n"
                + "source_profile = dev-1\nsession_tags = team=core\n");
        home.set("AWS_MFA_SERIAL", "arn:aws:iam::111111111111:mfa/from-env").set("AWS_SESSION_TAGS", "env=dev,team=ops")
                .set("AWS_TRANSITIVE_TAGS", "env").set("AWS_SOURCE_IDENTITY", "alice");
        ResolvedProfile dev1 = resolve("dev-1");
        assertEquals("arn:aws:iam::111111111111:mfa/alice", dev1.mfaSerial().orElseThrow().value(), "the profile's own wins");
        RoleHop hop = dev1.roles().getFirst();
        assertEquals(new Sourced<>(Map.of("env", "dev", "team", "ops"), Origin.env("AWS_SESSION_TAGS")), hop.sessionTags().orElseThrow());
        assertEquals(List.of("env"), hop.transitiveTags().orElseThrow().value());
        assertEquals(new Sourced<>("alice", Origin.env("AWS_SOURCE_IDENTITY")), hop.sourceIdentity().orElseThrow());
        assertTrue(errorOf("tagged").startsWith("$AWS_TRANSITIVE_TAGS: transitive_session_tags of profile tagged names 'env',"
                + " which is not one of its session_tags"), "the profile's own tags, checked against the variable");
        home.set("AWS_TRANSITIVE_TAGS", "");
        ResolvedProfile tagged = resolve("tagged");
        assertEquals(Map.of("team", "core"), tagged.roles().getLast().sessionTags().orElseThrow().value());
        assertEquals(Optional.empty(), tagged.roles().getFirst().sessionTags(), "only the target's, as in aws-vault");
        home.config("[profile plain]\nregion = eu-west-1\n");
        assertEquals(new Sourced<>("arn:aws:iam::111111111111:mfa/from-env", Origin.env("AWS_MFA_SERIAL")),
                resolve("plain").mfaSerial().orElseThrow());
    }
}

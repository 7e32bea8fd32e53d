package dev.jvault.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jvault.testing.Fixtures;
import dev.jvault.testing.JvaultProcess;
import dev.jvault.testing.MotoExtension;
import dev.jvault.testing.MotoServer;
import dev.jvault.testing.SandboxHome;
import dev.jvault.testing.SsoEmulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The AWS CLI and jvault on the same config files and the same STS emulator: the same roles, MFA
 * devices, signing keys and region, checked on moto's recorder. Where jvault deliberately differs
 * (an MFA session first, docs/config.md), the test says so and checks what must still agree.
 */
@ExtendWith(MotoExtension.class)
class ConfigParityIT {

    private static final String KEY_ID = "AKIAPARITYTEST000001";
    private static final String SECRET = "parityTestSecretparityTestSecretparityTe";
    private static final String ALICE = "arn:aws:iam::111111111111:mfa/alice";
    private static final String PARTNER_TOKEN = "arn:aws:iam::555555555555:mfa/partner-token";
    /** The seed config without its comment after role_arn, which the CLI would send as part of the ARN (see the last test). */
    private static final String SEED = Fixtures.SEED_CONFIG.replace(" ## The role to be assumed", "");
    private static final String PTY = Path.of("src/test/resources/pty_run.py").toAbsolutePath().toString();

    private MotoServer moto;
    private SandboxHome home;

    @BeforeEach
    void setUp(MotoServer moto) {
        this.moto = moto;
        home = new SandboxHome()
                .set("JVAULT_BACKEND", "file")
                .set("JVAULT_FILE_PASSPHRASE", "parity test passphrase")
                .set("AWS_ENDPOINT_URL_STS", moto.endpoint().toString());
    }

    @AfterEach
    void cleanUp() {
        home.close();
    }

    /** One tool's run of {@code sts get-caller-identity}: who it was, and the STS calls it made to get there. */
    private record Run(String arn, List<MotoServer.RecordedRequest> calls) {

        /** The roles the tool assumed (not those the SSO emulator assumes in moto to issue its role credentials). */
        List<String> rolesAssumed() {
            return calls.stream().filter(call -> "AssumeRole".equals(call.param("Action")))
                    .filter(call -> !"AKIASSOEMULATOR00001".equals(call.signingAccessKeyId()))
                    .map(call -> call.param("RoleArn")).toList();
        }

        List<String> mfaDevicesSent() {
            return calls.stream().map(call -> call.param("SerialNumber")).filter(Objects::nonNull).sorted().toList();
        }

        /** The role part of an assumed-role ARN; the session name differs by tool. */
        String principal() {
            return arn.contains(":assumed-role/") ? arn.substring(0, arn.lastIndexOf('/')) : arn;
        }

        MotoServer.RecordedRequest first() {
            return calls.stream().filter(call -> call.param("Action") != null && !"GetCallerIdentity".equals(call.param("Action")))
                    .findFirst().orElseThrow();
        }
    }

    /** Keys for {@code profile} in the credentials file (for the CLI) and in jvault's store. */
    private void keysFor(String profile) {
        home.credentials("[" + profile + "]\naws_access_key_id = " + KEY_ID + "\naws_secret_access_key = " + SECRET + "\n");
        Map<String, String> env = new HashMap<>(home.variables());
        env.put("AWS_ACCESS_KEY_ID", KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", SECRET);
        JvaultProcess.Result added = JvaultProcess.run(env, "add", profile, "--env");
        assertEquals(0, added.exitCode(), added.toString());
    }

    /** The AWS CLI on a real terminal, answering its MFA prompts in turn; its own cache emptied first. */
    private Run cli(String profile, Map<String, String> extraEnv, String... mfaCodes) throws IOException {
        deleteTree(home.path().resolve(".aws/cli/cache"));
        List<String> command = new ArrayList<>(List.of("python3", PTY, "60"));
        for (String code : mfaCodes) {
            command.addAll(List.of("Enter MFA code", code));
        }
        command.addAll(List.of("--", "aws", "--profile", profile, "sts", "get-caller-identity", "--output", "json"));
        return run(command, extraEnv);
    }

    private Run jvault(String profile, Map<String, String> extraEnv, String... options) {
        List<String> command = new ArrayList<>(List.of(JvaultProcess.launcher().toString(), "exec", profile));
        command.addAll(List.of(options));
        command.addAll(List.of("--", "aws", "sts", "get-caller-identity", "--output", "json"));
        return run(command, extraEnv);
    }

    private Run run(List<String> command, Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>(home.variables());
        env.putAll(extraEnv);
        List<String> withUmask = new ArrayList<>(List.of("sh", "-c", "umask 022 && exec \"$@\"", "sh")); // as on most machines
        withUmask.addAll(command);
        moto.startRecording();
        JvaultProcess.Result result = JvaultProcess.runCommand(withUmask, env, "", Duration.ofSeconds(90));
        assertEquals(0, result.exitCode(), command + ": " + result);
        String out = result.stdout();
        try {
            String arn = new ObjectMapper().readTree(out.substring(out.indexOf('{'), out.lastIndexOf('}') + 1)).get("Arn").asText();
            return new Run(arn, moto.recording());
        } catch (IOException e) {
            throw new AssertionError("no JSON from " + command + ": " + out, e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private static String signingRegion(MotoServer.RecordedRequest call) {
        String authorization = call.headers().getOrDefault("Authorization", "");
        String scope = authorization.substring(authorization.indexOf("Credential=") + "Credential=".length());
        return scope.split("/")[2];
    }

    @Test
    void item2_anMfaSerialOverACredentialProcessOrTheEnvironmentIsSentWithTheRole() throws IOException {
        Path creds = home.path().resolve("creds.sh");
        Files.writeString(creds, "#!/bin/sh\necho '{\"Version\": 1, \"AccessKeyId\": \"" + KEY_ID + "\", \"SecretAccessKey\": \""
                + SECRET + "\"}'\n");
        creds.toFile().setExecutable(true);
        home.config("[profile proc]\ncredential_process = " + creds + "\n"
                + "[profile via-proc]\nregion = eu-central-1\nrole_arn = arn:aws:iam::222222222222:role/needs-mfa\nsource_profile = proc\nmfa_serial = "
                + ALICE + "\n"
                + "[profile via-env]\nregion = eu-central-1\nrole_arn = arn:aws:iam::222222222222:role/needs-mfa\ncredential_source = Environment\n"
                + "mfa_serial = " + ALICE + "\n");
        Map<String, String> keysInEnv = Map.of("AWS_ACCESS_KEY_ID", KEY_ID, "AWS_SECRET_ACCESS_KEY", SECRET);
        Path jvaultDir = home.path().resolve(".jvault");
        assertFalse(Files.exists(jvaultDir), "item 1: the first run on this machine");
        for (String profile : List.of("via-proc", "via-env")) {
            Run cli = cli(profile, keysInEnv, "123456");
            Run jvault = jvault(profile, keysInEnv, "-t", "123456");
            assertEquals(List.of(ALICE), cli.mfaDevicesSent(), profile);
            assertEquals(cli.mfaDevicesSent(), jvault.mfaDevicesSent(), profile + ": the code rides on the AssumeRole");
            assertEquals("123456", jvault.first().param("TokenCode"));
            assertEquals(KEY_ID, jvault.first().signingAccessKeyId());
            assertEquals(cli.principal(), jvault.principal());
        }
        for (Path made : List.of(jvaultDir, jvaultDir.resolve("locks"))) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(made)),
                    "item 1: private folders are made private whatever the umask: " + made);
        }
    }

    @Test
    void item3_aConfigTheCliAcceptsButTheSdkParserRefusesWorks() throws IOException {
        home.config(SEED.replace("region = us-east-1", "  region = us-east-1"));
        keysFor("main");
        Run cli = cli("dev-1", Map.of(), "123456");
        Run jvault = jvault("dev-1", Map.of(), "-t", "123456");
        assertEquals(cli.principal(), jvault.principal());
        assertEquals(cli.rolesAssumed(), jvault.rolesAssumed());
    }

    @Test
    void item4_aSourceProfileWithKeysAndARoleUsesItsKeysAndStops() throws IOException {
        home.config("[profile dev]\nregion = eu-central-1\nrole_arn = arn:aws:iam::222222222222:role/dev\nsource_profile = middle\n"
                + "[profile middle]\nrole_arn = arn:aws:iam::333333333333:role/middle\nsource_profile = main\n");
        keysFor("middle");
        Run cli = cli("dev", Map.of());
        Run jvault = jvault("dev", Map.of());
        assertEquals(List.of("arn:aws:iam::222222222222:role/dev"), cli.rolesAssumed());
        assertEquals(cli.rolesAssumed(), jvault.rolesAssumed(), "middle's own role is not followed");
        assertEquals(KEY_ID, jvault.first().signingAccessKeyId(), "middle's keys start the chain");
        assertEquals(cli.principal(), jvault.principal());
    }

    @Test
    void item5_aRoleProfileThatIsItsOwnSourceAssumesItsRoleWithItsOwnKeys() throws IOException {
        home.config("[profile self]\nregion = eu-central-1\nrole_arn = arn:aws:iam::222222222222:role/self\nsource_profile = self\n");
        keysFor("self");
        Run cli = cli("self", Map.of());
        Run jvault = jvault("self", Map.of());
        assertEquals(List.of("arn:aws:iam::222222222222:role/self"), cli.rolesAssumed());
        assertEquals(cli.rolesAssumed(), jvault.rolesAssumed());
        assertEquals(KEY_ID, jvault.first().signingAccessKeyId());
        assertEquals(cli.principal(), jvault.principal());
    }

    @Test
    void item6_twoMfaDevicesInOneChainEachGetTheirCode() throws IOException {
        home.config(SEED + "[profile partner]\nregion = eu-central-1\nrole_arn = arn:aws:iam::555555555555:role/partner\n"
                + "source_profile = dev-1\nmfa_serial = " + PARTNER_TOKEN + "\nmfa_process = echo 222333\n");
        keysFor("main");
        Run cli = cli("partner", Map.of(), "123456", "222333");
        assertEquals(List.of(ALICE, PARTNER_TOKEN), cli.mfaDevicesSent());
        // jvault: the MFA session takes the nearest device (the target's); dev-1's role carries alice's code.
        Run jvault = jvault("partner", Map.of(), "-t", "123456");
        assertEquals(cli.mfaDevicesSent(), jvault.mfaDevicesSent(), "both devices, each once");
        assertEquals(cli.rolesAssumed(), jvault.rolesAssumed());
        MotoServer.RecordedRequest session = jvault.calls().stream()
                .filter(call -> "GetSessionToken".equals(call.param("Action"))).findFirst().orElseThrow();
        assertEquals(PARTNER_TOKEN, session.param("SerialNumber"));
        assertEquals("123456", session.param("TokenCode"), "--mfa-token answers the first device asked");
        MotoServer.RecordedRequest dev1 = jvault.calls().stream().filter(call -> ALICE.equals(call.param("SerialNumber")))
                .findFirst().orElseThrow();
        assertEquals("222333", dev1.param("TokenCode"), "the second device's code came from mfa_process");
        assertEquals(cli.principal(), jvault.principal());
    }

    @Test
    void item7_theEnvironmentsRegionWinsButNotTheOneAnOuterExecSet() throws IOException {
        home.config(SEED);
        keysFor("main");
        Map<String, String> west = Map.of("AWS_DEFAULT_REGION", "us-west-2");
        Run cli = cli("dev-1", west, "123456");
        Run jvault = jvault("dev-1", west, "-t", "123456");
        assertEquals("us-west-2", signingRegion(cli.first()));
        assertEquals(signingRegion(cli.first()), signingRegion(jvault.first()), "STS is called in the environment's region");

        Map<String, String> env = new HashMap<>(home.variables());
        env.putAll(west);
        JvaultProcess.Result child = JvaultProcess.run(env, "exec", "dev-1", "--", "sh", "-c", "echo $AWS_REGION $AWS_DEFAULT_REGION");
        assertEquals("us-west-2 us-west-2\n", child.stdout(), child.toString());
        JvaultProcess.Result nested = JvaultProcess.run(home.variables(), "exec", "dev-1", "--", "sh", "-c",
                "JVAULT_FILE_PASSPHRASE='parity test passphrase' " + JvaultProcess.launcher() + " exec dev-2 -- sh -c 'echo $AWS_REGION'"
                        + "; AWS_REGION=ap-south-1 JVAULT_FILE_PASSPHRASE='parity test passphrase' " + JvaultProcess.launcher()
                        + " exec dev-2 -- sh -c 'echo $AWS_REGION'");
        assertEquals(0, nested.exitCode(), nested.toString());
        assertEquals("eu-west-1\nap-south-1\n", nested.stdout(),
                "the outer exec's eu-central-1 gives way to dev-2's region; one the user set inside wins");
    }

    @Test
    void item8_defaultAndProfileDefaultTheLaterWinsAsInTheCliWithOneWarning() {
        home.config("[default]\nregion = eu-west-1\n\n[profile default]\nregion = eu-west-2\n\n[profile other]\nregion = us-east-2\n");
        JvaultProcess.Result cli = JvaultProcess.runCommand(List.of("aws", "configure", "get", "region", "--profile", "default"),
                home.variables(), "", Duration.ofSeconds(30));
        JvaultProcess.Result jvault = JvaultProcess.run(home.variables(), "describe", "default", "--json");
        assertEquals(0, jvault.exitCode(), jvault.toString());
        assertEquals(cli.stdout().strip(), "eu-west-2");
        assertTrue(jvault.stdout().contains("\"eu-west-2\""), jvault.stdout());
        assertEquals("jvault: warning: [default] (~/.aws/config:1) and [profile default] (~/.aws/config:4) both define the"
                + " default profile: the later one is used, as by the AWS CLI; remove the other\n", jvault.stderr());
        JvaultProcess.Result other = JvaultProcess.run(home.variables(), "describe", "other");
        assertEquals(0, other.exitCode(), "an unrelated profile works: " + other);
    }

    @Test
    void item9_aKeyGivenTwiceWarnsAndAWronglyCasedHeaderIsNamed() {
        home.config("[profile dev]\nregion = eu-west-1\nregion = eu-west-2\n[Profile typo]\nregion = eu-west-1\n");
        JvaultProcess.Result twice = JvaultProcess.run(home.variables(), "describe", "dev");
        assertEquals(0, twice.exitCode(), twice.toString());
        assertTrue(twice.stdout().contains("eu-west-2"), "the later value, as the CLI reads it: " + twice.stdout());
        assertEquals("jvault: warning: region is given twice in [profile dev] (~/.aws/config:2 and ~/.aws/config:3): the"
                + " later value is used; remove the other line\n", twice.stderr());
        JvaultProcess.Result typo = JvaultProcess.run(home.variables(), "describe", "typo");
        assertEquals(66, typo.exitCode(), "an unknown profile, as in every command: " + typo);
        assertTrue(typo.stderr().contains("~/.aws/config:4 has [Profile typo]: write [profile typo]"), typo.stderr());
    }

    @Test
    void round2_item4_withNoRegionAnywhereStsIsTheGlobalEndpointAsTheCliCallsIt() throws IOException {
        home.config("[profile none]\n\n[profile west]\nregion = eu-west-1\n");
        home.credentials("[none]\naws_access_key_id = " + KEY_ID + "\naws_secret_access_key = " + SECRET + "\n[west]\n"
                + "aws_access_key_id = " + KEY_ID + "\naws_secret_access_key = " + SECRET + "\n");
        Map<String, String> env = new HashMap<>(home.variables());
        env.remove("AWS_ENDPOINT_URL_STS"); // the endpoint each tool picks itself; no call gets anywhere here
        env.put("AWS_MAX_ATTEMPTS", "1");
        for (String profile : List.of("none", "west")) {
            JvaultProcess.Result cli = JvaultProcess.runCommand(List.of("aws", "--debug", "--cli-connect-timeout", "1",
                    "--profile", profile, "sts", "get-caller-identity"), env, "", Duration.ofSeconds(60));
            String cliEndpoint = cli.stderr().lines().filter(line -> line.contains("Endpoint provider result: ")).findFirst()
                    .map(line -> line.substring(line.indexOf("result: ") + 8).strip()).orElseThrow(() -> new AssertionError(cli));
            JvaultProcess.Result jvault = JvaultProcess.run(env, "describe", profile, "--json");
            String ours = new ObjectMapper().readTree(jvault.stdout()).get("stsEndpoint").get("value").asText();
            assertEquals(cliEndpoint, ours, profile);
        }
    }

    @Test
    void round2_item7_oneProfileUnderTwoSpellingsTheLaterWinsAsInTheCliWithAWarning() {
        home.config("[profile dev]\nregion = eu-west-1\nmfa_serial = arn:aws:iam::111111111111:mfa/alice\n\n"
                + "[profile \"dev\"]\nregion = eu-west-2\n");
        JvaultProcess.Result cli = JvaultProcess.runCommand(List.of("aws", "configure", "get", "region", "--profile", "dev"),
                home.variables(), "", Duration.ofSeconds(30));
        assertEquals("eu-west-2", cli.stdout().strip(), cli.toString());
        JvaultProcess.Result jvault = JvaultProcess.run(home.variables(), "describe", "dev", "--json");
        assertEquals(0, jvault.exitCode(), jvault.toString());
        assertTrue(jvault.stdout().contains("\"eu-west-2\"") && !jvault.stdout().contains("alice"),
                "the later section, whole: " + jvault.stdout());
        assertEquals("jvault: warning: [profile dev] (~/.aws/config:1) and [profile \"dev\"] (~/.aws/config:5) both define"
                + " profile dev: the later one is used, as by the AWS CLI; remove the other\n", jvault.stderr());
    }

    @Test
    void round2_item5_anStsRegionalEndpointsValueTheCliRefusesIsRefusedEvenWithAnEndpointSet() {
        home.config("[profile dev]\nregion = eu-west-1\nsts_regional_endpoints = global\n");
        home.credentials("[dev]\naws_access_key_id = " + KEY_ID + "\naws_secret_access_key = " + SECRET + "\n");
        JvaultProcess.Result cli = JvaultProcess.runCommand(List.of("aws", "--profile", "dev", "sts", "get-caller-identity"),
                home.variables(), "", Duration.ofSeconds(30));
        assertTrue(cli.exitCode() != 0 && cli.stderr().contains("STS regional endpoints option global is invalid"),
                cli.toString());
        JvaultProcess.Result jvault = JvaultProcess.run(home.variables(), "describe", "dev");
        assertEquals(78, jvault.exitCode(), jvault.toString());
        assertEquals("jvault: ~/.aws/config:3: sts_regional_endpoints 'global' is neither legacy nor regional (the AWS CLI"
                + " refuses it too): write one of those\n", jvault.stderr());
        Map<String, String> env = new HashMap<>(home.variables());
        env.put("AWS_STS_REGIONAL_ENDPOINTS", "legacy"); // the environment's valid value wins, as in the CLI
        assertEquals(0, JvaultProcess.run(env, "describe", "dev").exitCode());
    }

    @Test
    void round2_item8_noProfileAndNoTerminalIsDefaultAsInTheCli() throws IOException {
        home.config("[default]\nregion = eu-west-3\n\n[profile other]\nregion = us-east-2\n");
        keysFor("default");
        JvaultProcess.Result cli = JvaultProcess.runCommand(List.of("aws", "configure", "get", "region"), home.variables(), "",
                Duration.ofSeconds(30));
        assertEquals("eu-west-3", cli.stdout().strip(), cli.toString());
        JvaultProcess.Result jvault = JvaultProcess.run(home.variables(), "--debug", "exec", "--", "sh", "-c",
                "echo $JVAULT $AWS_REGION");
        assertEquals(0, jvault.exitCode(), jvault.toString());
        assertEquals("default eu-west-3\n", jvault.stdout());
        assertTrue(jvault.stderr().contains("no profile named and no terminal to pick one on: using [default], as the AWS CLI"
                + " does"), jvault.stderr());
        JvaultProcess.Result described = JvaultProcess.run(home.variables(), "describe");
        assertTrue(described.exitCode() == 0 && described.stdout().startsWith("profile"), described.toString());
    }

    @Test
    void deliberately_aCommentAfterAValueIsNotPartOfItAsInTheSdks() throws IOException {
        home.config(Fixtures.SEED_CONFIG);
        keysFor("main");
        Run cli = cli("dev-1", Map.of(), "123456");
        Run jvault = jvault("dev-1", Map.of(), "-t", "123456");
        assertEquals(List.of("arn:aws:iam::222222222222:role/dev-1-role ## The role to be assumed"), cli.rolesAssumed(),
                "the CLI sends the comment along");
        assertEquals(List.of("arn:aws:iam::222222222222:role/dev-1-role"), jvault.rolesAssumed());
    }

    @Test
    void sso_rootsAndRolesChainedOnThemResolveAsInTheCli() throws IOException {
        home.config("""
                [profile sso-dev]
                sso_session = corp
                sso_account_id = 111111111111
                sso_role_name = Admin

                [profile sso-legacy]
                sso_start_url = https://corp.awsapps.com/start
                sso_region = us-east-1
                sso_account_id = 222222222222
                sso_role_name = ReadOnly

                [profile over-sso]
                role_arn = arn:aws:iam::444444444444:role/deploy
                source_profile = sso-dev
                duration_seconds = 7200

                [profile over-over-sso]
                role_arn = arn:aws:iam::555555555555:role/audit
                source_profile = over-sso

                [sso-session corp]
                sso_start_url = https://corp.awsapps.com/start
                sso_region = us-east-1
                """);
        try (SsoEmulator sso = SsoEmulator.issuingFrom(moto)) {
            home.set("AWS_ENDPOINT_URL_SSO_OIDC", sso.endpoint().toString()).set("AWS_ENDPOINT_URL_SSO", sso.endpoint().toString())
                    .set("BROWSER", "curl -s -L -o /dev/null"); // the person approves at once
            // One sign-in each, written where the CLI reads it: both tools start from the same tokens.
            for (String login : List.of("sso-dev", "sso-legacy")) {
                JvaultProcess.Result signedIn = JvaultProcess.run(home.variables(), "sso", "login", login, "--write-aws-cache");
                assertEquals(0, signedIn.exitCode(), signedIn.toString());
            }
            for (String profile : List.of("sso-dev", "sso-legacy", "over-sso", "over-over-sso")) {
                Run cli = cli(profile, Map.of("AWS_DEFAULT_REGION", "eu-west-1"));
                assertEquals(0, JvaultProcess.run(home.variables(), "clear").exitCode()); // each tool from its tokens alone
                Run jvault = jvault(profile, Map.of("AWS_DEFAULT_REGION", "eu-west-1"));
                assertEquals(cli.principal(), jvault.principal(), profile);
                assertEquals(cli.rolesAssumed(), jvault.rolesAssumed(), profile);
            }
            assertEquals("arn:aws:sts::555555555555:assumed-role/audit",
                    jvault("over-over-sso", Map.of("AWS_DEFAULT_REGION", "eu-west-1")).principal());
            assertEquals(2, sso.calls("Authorize") + sso.calls("DevicePage"), "no tool signed in again");
        }
    }

    /** The CLI with its profile from AWS_PROFILE (or [default]), not --profile: the only way it reads a web identity from the environment. */
    private Run cliFromEnvironment(Map<String, String> extraEnv) throws IOException {
        deleteTree(home.path().resolve(".aws/cli/cache"));
        return run(List.of("aws", "sts", "get-caller-identity", "--output", "json"), extraEnv);
    }

    /** jvault with no profile on the command line: $AWS_PROFILE, else [default]. */
    private Run jvaultFromEnvironment(Map<String, String> extraEnv) {
        return run(List.of(JvaultProcess.launcher().toString(), "exec", "--", "aws", "sts", "get-caller-identity", "--output",
                "json"), extraEnv);
    }

    private static List<MotoServer.RecordedRequest> webIdentityCalls(Run run) {
        return run.calls().stream().filter(call -> "AssumeRoleWithWebIdentity".equals(call.param("Action"))).toList();
    }

    @Test
    void round2_item1_aWebIdentityIsAssumedUnsignedFromTheProfileOrTheEnvironmentAndChainsOn() throws IOException {
        Path token = home.path().resolve("token.jwt");
        Files.writeString(token, "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvOmNvcnAvYXBwIn0.c2lnbmF0dXJl");
        home.config("[profile ci]\nregion = eu-west-1\nrole_arn = arn:aws:iam::111111111111:role/ci\n"
                + "web_identity_token_file = " + token + "\nrole_session_name = build-42\n\n"
                + "[profile deploy]\nregion = eu-west-1\nrole_arn = arn:aws:iam::222222222222:role/deploy\nsource_profile = ci\n\n"
                + "[default]\nregion = eu-west-1\n");
        for (String profile : List.of("ci", "deploy")) {
            Run cli = cli(profile, Map.of());
            assertEquals(0, JvaultProcess.run(home.variables(), "clear").exitCode()); // jvault caches the web identity's role
            Run jvault = jvault(profile, Map.of());
            assertEquals(1, webIdentityCalls(cli).size(), profile);
            MotoServer.RecordedRequest ours = webIdentityCalls(jvault).getFirst();
            for (String param : List.of("RoleArn", "RoleSessionName", "WebIdentityToken")) {
                assertEquals(webIdentityCalls(cli).getFirst().param(param), ours.param(param), profile + ": " + param);
            }
            assertFalse(ours.headers().containsKey("Authorization"), "unsigned, as the CLI sends it");
            assertEquals(cli.rolesAssumed(), jvault.rolesAssumed(), profile);
            assertEquals(cli.principal(), jvault.principal(), profile);
        }
        assertEquals("arn:aws:sts::222222222222:assumed-role/deploy", jvault("deploy", Map.of()).principal());

        Map<String, String> fromEnvironment = Map.of("AWS_WEB_IDENTITY_TOKEN_FILE", token.toString(),
                "AWS_ROLE_ARN", "arn:aws:iam::333333333333:role/irsa", "AWS_ROLE_SESSION_NAME", "pod-7");
        Run cli = cliFromEnvironment(fromEnvironment);
        assertEquals(0, JvaultProcess.run(home.variables(), "clear").exitCode());
        Run jvault = jvaultFromEnvironment(fromEnvironment);
        assertEquals("arn:aws:sts::333333333333:assumed-role/irsa/pod-7", cli.arn());
        assertEquals(cli.arn(), jvault.arn(), "[default] with the environment's web identity");
        Map<String, String> named = new HashMap<>(fromEnvironment);
        named.put("AWS_PROFILE", "ci");
        assertEquals(cliFromEnvironment(named).arn(), jvaultFromEnvironment(named).arn(),
                "AWS_PROFILE's profile: the environment's role and token win over its lines");
        assertEquals(cli("ci", fromEnvironment).principal(), jvault("ci", fromEnvironment).principal(),
                "a profile named on the command line ignores the environment, as --profile does");
    }

    @Test
    void round2_item3_temporaryKeysInTheCredentialsFileSignTheRoleAsTheyDoInTheCli() throws IOException {
        home.config("[profile dev]\nregion = eu-west-1\nrole_arn = arn:aws:iam::222222222222:role/dev\nsource_profile = mfa\n\n"
                + "[profile legacy-dev]\nregion = eu-west-1\nrole_arn = arn:aws:iam::222222222222:role/dev\nsource_profile = legacy\n");
        home.credentials("[mfa]\naws_access_key_id = ASIAPARITYTEMPORARY1\naws_secret_access_key = " + SECRET
                + "\naws_session_token = session-token-from-the-script\n\n[legacy]\naws_access_key_id = ASIAPARITYTEMPORARY2\n"
                + "aws_secret_access_key = " + SECRET + "\naws_security_token = older-security-token\n");
        for (String profile : List.of("dev", "legacy-dev")) {
            Run cli = cli(profile, Map.of());
            Run jvault = jvault(profile, Map.of());
            assertEquals(cli.first().signingAccessKeyId(), jvault.first().signingAccessKeyId(), profile);
            assertEquals(cli.first().headers().get("X-Amz-Security-Token"), jvault.first().headers().get("X-Amz-Security-Token"),
                    profile + ": the file's token rides along");
            assertEquals(cli.rolesAssumed(), jvault.rolesAssumed(), profile);
            assertEquals(cli.principal(), jvault.principal(), profile);
        }
        JvaultProcess.Result direct = JvaultProcess.run(home.variables(), "exec", "mfa", "--", "sh", "-c",
                "echo $AWS_ACCESS_KEY_ID $AWS_SESSION_TOKEN");
        assertEquals("ASIAPARITYTEMPORARY1 session-token-from-the-script\n", direct.stdout(), direct.toString());
        JvaultProcess.Result add = JvaultProcess.run(home.variables(), "add", "mfa", "--from-credentials-file");
        assertEquals(78, add.exitCode(), add.toString());
        assertFalse((direct.stderr() + add.stderr()).contains("jvault add mfa"), "never offered to the store");
    }

    /** A local endpoint serving credentials as the container agent or IMDS does; what it was asked is kept. */
    private static final class MetadataServer implements AutoCloseable {
        final com.sun.net.httpserver.HttpServer server;
        final List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();

        MetadataServer(com.sun.net.httpserver.HttpHandler handler) throws IOException {
            server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress(
                    java.net.InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                        + exchange.getRequestHeaders().entrySet().stream().filter(h -> !h.getKey().equalsIgnoreCase("User-Agent"))
                        .map(h -> h.getKey().toLowerCase(java.util.Locale.ROOT) + "=" + h.getValue().getFirst()).sorted().toList());
                handler.handle(exchange);
            });
            server.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
            byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (var out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private static String credentialsJson(String token) {
        return "{\"Code\": \"Success\", \"Type\": \"AWS-HMAC\", \"AccessKeyId\": \"" + KEY_ID + "\", \"SecretAccessKey\": \""
                + SECRET + "\", \"Token\": \"" + token + "\", \"Expiration\": \"" + java.time.Instant.now().plus(Duration.ofHours(6))
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "\"}";
    }

    @Test
    void round2_item2_containerCredentialsAndImdsV2StartTheChainAsInTheCli() throws Exception {
        home.config("[profile via-container]\nregion = eu-west-1\nrole_arn = arn:aws:iam::222222222222:role/from-task\n"
                + "credential_source = EcsContainer\n\n[profile via-instance]\nregion = eu-west-1\n"
                + "role_arn = arn:aws:iam::222222222222:role/from-instance\ncredential_source = Ec2InstanceMetadata\n");
        Path authorization = home.path().resolve("container-token");
        Files.writeString(authorization, "container-authorization-token");
        try (MetadataServer container = new MetadataServer(exchange -> MetadataServer.answer(exchange,
                "container-authorization-token".equals(exchange.getRequestHeaders().getFirst("Authorization")) ? 200 : 401,
                credentialsJson("container-session-token")))) {
            Map<String, String> env = Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", container.url("/v2/credentials/task"),
                    "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", authorization.toString());
            Run cli = cli("via-container", env);
            Run jvault = jvault("via-container", env);
            assertEquals(KEY_ID, cli.first().signingAccessKeyId());
            assertEquals(cli.first().signingAccessKeyId(), jvault.first().signingAccessKeyId());
            assertEquals("container-session-token", jvault.first().headers().get("X-Amz-Security-Token"));
            assertEquals(cli.rolesAssumed(), jvault.rolesAssumed());
            assertEquals(cli.principal(), jvault.principal());
            assertEquals(2, container.requests.size(), "one call each: " + container.requests);
            assertTrue(container.requests.stream().allMatch(request -> request.startsWith("GET /v2/credentials/task")
                    && request.contains("authorization=container-authorization-token")), container.requests.toString());

            assertEquals(0, JvaultProcess.run(home.variables(), "clear").exitCode()); // no cached role from here on
            Map<String, String> foreignHost = Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://192.0.2.10/creds");
            JvaultProcess.Result refused = JvaultProcess.run(merged(foreignHost), "export", "via-container"); // exec says 125 for any failure of its own
            assertEquals(69, refused.exitCode(), "the SDK's allowed hosts: " + refused);
            assertTrue(refused.stderr().startsWith("jvault: profile via-container starts from credential_source EcsContainer"
                    + " (~/.aws/config:4), which gave no credentials: "), refused.stderr());
        }

        String imdsToken = "imds-session-token-abc";
        try (MetadataServer imds = new MetadataServer(exchange -> {
            String path = exchange.getRequestURI().getPath();
            boolean withToken = imdsToken.equals(exchange.getRequestHeaders().getFirst("X-aws-ec2-metadata-token"));
            if (exchange.getRequestMethod().equals("PUT") && path.equals("/latest/api/token")) {
                MetadataServer.answer(exchange, 200, imdsToken);
            } else if (!withToken) {
                MetadataServer.answer(exchange, 401, "");
            } else if (path.equals("/latest/meta-data/iam/security-credentials/")) {
                MetadataServer.answer(exchange, 200, "instance-role");
            } else if (path.equals("/latest/meta-data/iam/security-credentials/instance-role")) {
                MetadataServer.answer(exchange, 200, credentialsJson("instance-session-token"));
            } else {
                MetadataServer.answer(exchange, 404, "");
            }
        })) {
            Map<String, String> env = Map.of("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.url("/"));
            Run cli = cli("via-instance", env);
            Run jvault = jvault("via-instance", env);
            assertEquals(cli.first().signingAccessKeyId(), jvault.first().signingAccessKeyId());
            assertEquals("instance-session-token", jvault.first().headers().get("X-Amz-Security-Token"));
            assertEquals(cli.rolesAssumed(), jvault.rolesAssumed());
            assertEquals(cli.principal(), jvault.principal());
            assertTrue(imds.requests.stream().anyMatch(request -> request.startsWith("PUT /latest/api/token")), imds.requests.toString());
            assertTrue(imds.requests.stream().filter(request -> request.startsWith("GET"))
                    .allMatch(request -> request.contains("x-aws-ec2-metadata-token=" + imdsToken)), "IMDSv2 only: " + imds.requests);

            assertEquals(0, JvaultProcess.run(home.variables(), "clear").exitCode());
            JvaultProcess.Result disabled = JvaultProcess.run(merged(Map.of("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.url("/"),
                    "AWS_EC2_METADATA_DISABLED", "true")), "export", "via-instance");
            assertEquals(69, disabled.exitCode(), disabled.toString());
            assertTrue(disabled.stderr().contains("credential_source Ec2InstanceMetadata"), disabled.stderr());
        }
    }

    private Map<String, String> merged(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(home.variables());
        env.putAll(extra);
        return env;
    }

    @Test
    void round2_item6_eachPartitionsStsHostIsTheOneTheCliCalls() throws IOException {
        StringBuilder config = new StringBuilder();
        StringBuilder credentials = new StringBuilder();
        List<String> regions = List.of("us-iso-east-1", "us-isob-east-1", "eusc-de-east-1", "cn-north-1", "us-gov-west-1",
                "eu-isoe-west-1", "us-isof-south-1", "ap-southeast-7");
        for (String region : regions) {
            config.append("[profile ").append(region).append("]\nregion = ").append(region).append('\n');
            credentials.append('[').append(region).append("]\naws_access_key_id = ").append(KEY_ID)
                    .append("\naws_secret_access_key = ").append(SECRET).append('\n');
        }
        home.config(config.toString());
        home.credentials(credentials.toString());
        Map<String, String> env = new HashMap<>(home.variables());
        env.remove("AWS_ENDPOINT_URL_STS"); // the endpoint each tool picks itself; no call gets anywhere here
        env.put("AWS_MAX_ATTEMPTS", "1");
        for (String profile : regions) {
            JvaultProcess.Result cli = JvaultProcess.runCommand(List.of("aws", "--debug", "--cli-connect-timeout", "1",
                    "--cli-read-timeout", "1", "--profile", profile, "sts", "get-caller-identity"), env, "", Duration.ofSeconds(60));
            String cliEndpoint = cli.stderr().lines().filter(line -> line.contains("Endpoint provider result: ")).findFirst()
                    .map(line -> line.substring(line.indexOf("result: ") + 8).strip()).orElseThrow(() -> new AssertionError(cli));
            JvaultProcess.Result jvault = JvaultProcess.run(env, "describe", profile, "--json");
            assertEquals(0, jvault.exitCode(), jvault.toString());
            assertEquals(cliEndpoint, new ObjectMapper().readTree(jvault.stdout()).get("stsEndpoint").get("value").asText(), profile);
        }
    }

    @Test
    void round2_item10_awsVaultsDurationVariablesAreHonouredAndDescribeSaysWhereEachCameFrom() throws IOException {
        home.config(SEED);
        keysFor("main");
        Map<String, String> awsVault = Map.of("AWS_CHAINED_SESSION_TOKEN_TTL", "2h", "AWS_ASSUME_ROLE_TTL", "30m",
                "AWS_MIN_TTL", "10m", "AWS_SESSION_TOKEN_TTL", "3h");
        Run chained = jvault("dev-1", awsVault, "-t", "123456");
        assertEquals("7200", chained.calls().stream().filter(call -> "GetSessionToken".equals(call.param("Action")))
                .findFirst().orElseThrow().param("DurationSeconds"));
        assertEquals("1800", chained.calls().stream().filter(call -> "AssumeRole".equals(call.param("Action")))
                .findFirst().orElseThrow().param("DurationSeconds"));
        var described = new ObjectMapper().readTree(JvaultProcess.run(merged(awsVault), "describe", "dev-1", "--json").stdout());
        assertEquals("$AWS_CHAINED_SESSION_TOKEN_TTL", described.get("steps").get(0).get("durationSeconds").get("origin").asText());
        assertEquals("$AWS_ASSUME_ROLE_TTL", described.get("steps").get(1).get("durationSeconds").get("origin").asText());
        assertEquals(600, described.get("minimumTtlSeconds").get("value").asInt());
        assertEquals("$AWS_MIN_TTL", described.get("minimumTtlSeconds").get("origin").asText());
        var plain = new ObjectMapper().readTree(JvaultProcess.run(merged(awsVault), "describe", "main", "--json").stdout());
        assertEquals("$AWS_SESSION_TOKEN_TTL", plain.get("steps").get(0).get("durationSeconds").get("origin").asText());
        // The AWS CLI reads none of them: for it the same profile still assumes the role for its own default hour.
        Run cli = cli("dev-1", awsVault, "123456");
        assertEquals(null, cli.calls().stream().filter(call -> "AssumeRole".equals(call.param("Action")))
                .findFirst().orElseThrow().param("DurationSeconds"), "the CLI leaves the duration to the role");
    }
}

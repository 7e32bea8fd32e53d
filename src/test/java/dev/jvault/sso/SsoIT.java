package dev.jvault.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.jvault.config.Environment;
import dev.jvault.fast.FastEntry;
import dev.jvault.testing.AgentProcess;
import dev.jvault.testing.ClearTextScan;
import dev.jvault.testing.JvaultProcess;
import dev.jvault.testing.MotoExtension;
import dev.jvault.testing.MotoServer;
import dev.jvault.testing.SandboxHome;
import dev.jvault.testing.SsoEmulator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * IAM Identity Center end to end: bin/jvault against the SSO emulator (whose role credentials
 * are moto's, so STS and the AWS CLI accept them), the browser played by a script that visits
 * the link (and counts its visits), terminals by pty_run.py, and botocore as the other client of
 * the token cache.
 */
@ExtendWith(MotoExtension.class)
class SsoIT {

    private static final String PTY = Path.of("src/test/resources/pty_run.py").toAbsolutePath().toString();
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String CONFIG = """
            [profile dev]
            sso_session = corp
            sso_account_id = 111111111111
            sso_role_name = Admin
            region = eu-west-1

            [profile prod-ro]
            sso_session = corp
            sso_account_id = 222222222222
            sso_role_name = ReadOnly

            [profile deploy]
            role_arn = arn:aws:iam::444444444444:role/deploy
            source_profile = dev

            [profile legacy]
            sso_start_url = https://legacy.awsapps.com/start
            sso_region = us-east-1
            sso_account_id = 333333333333
            sso_role_name = Admin

            [sso-session corp]
            sso_start_url = https://corp.awsapps.com/start
            sso_region = us-east-1
            """;

    private SsoEmulator sso;
    private SandboxHome home;
    private Path browserLog;

    @BeforeEach
    void setUp(MotoServer moto) throws IOException {
        sso = SsoEmulator.issuingFrom(moto);
        home = new SandboxHome().config(CONFIG)
                .set("JVAULT_BACKEND", "file")
                .set("JVAULT_FILE_PASSPHRASE", "sso test passphrase")
                .set("AWS_ENDPOINT_URL_STS", moto.endpoint().toString())
                .set("AWS_ENDPOINT_URL_SSO_OIDC", sso.endpoint().toString())
                .set("AWS_ENDPOINT_URL_SSO", sso.endpoint().toString())
                .set("AWS_DEFAULT_REGION", "us-east-1");
        browserLog = home.path().resolve("browser.log");
        Path browser = home.path().resolve("browser.sh");
        // The person's browser: note the visit, wait a moment (so parallel runs see a sign-in under way), follow the link.
        Files.writeString(browser, "#!/bin/sh\necho \"$1\" >> " + browserLog + "\nsleep ${BROWSER_DELAY:-0}\n"
                + "curl -s -L -o /dev/null \"$1\"\n");
        Files.setPosixFilePermissions(browser, PosixFilePermissions.fromString("rwx------"));
        home.set("BROWSER", browser.toString());
    }

    @AfterEach
    void tearDown() {
        sso.close();
        home.close();
    }

    private JvaultProcess.Result jvault(String... args) {
        return JvaultProcess.run(home.variables(), args);
    }

    /** jvault on a terminal of its own (pty_run.py): its output and stderr come back together in stdout. */
    private JvaultProcess.Result onTerminal(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of("python3", PTY, "60", "--", JvaultProcess.launcher().toString()));
        command.addAll(List.of(args));
        return JvaultProcess.runCommand(command, env, "", Duration.ofSeconds(90));
    }

    private JvaultProcess.Result onTerminal(String... args) {
        return onTerminal(home.variables(), args);
    }

    private static String callerArn(String output) throws IOException {
        int start = output.indexOf('{');
        return JSON.readTree(output.substring(start, output.lastIndexOf('}') + 1)).get("Arn").asText();
    }

    private int browserVisits() throws IOException {
        return Files.exists(browserLog) ? Files.readAllLines(browserLog).size() : 0;
    }

    private Path awsCacheFile(String cacheName) throws Exception {
        byte[] sha1 = java.security.MessageDigest.getInstance("SHA-1").digest(cacheName.getBytes());
        return home.path().resolve(".aws/sso/cache/" + java.util.HexFormat.of().formatHex(sha1) + ".json");
    }

    @Test
    void theEmulatorAnswersTheAwsCliAsIamIdentityCenterWould() throws IOException {
        Map<String, String> env = new HashMap<>(home.variables());
        env.put("AWS_ACCESS_KEY_ID", "AKIANOTUSEDBYUNSIGNED");
        env.put("AWS_SECRET_ACCESS_KEY", "notUsedByUnsignedCallsnotUsedByUnsigned0");
        JsonNode client = awsJson(env, "sso-oidc", "register-client", "--client-name", "cli-check", "--client-type",
                "public", "--scopes", "sso:account:access");
        String id = client.get("clientId").asText();
        String secret = client.get("clientSecret").asText();
        assertTrue(client.get("clientSecretExpiresAt").asLong() > Instant.now().getEpochSecond(), client.toString());
        // As JSON input: the CLI v1 would fetch a URL given as a parameter (cli_follow_urlparam).
        JsonNode device = awsJson(env, "sso-oidc", "start-device-authorization", "--cli-input-json", JSON.writeValueAsString(
                Map.of("clientId", id, "clientSecret", secret, "startUrl", "https://corp.awsapps.com/start")));
        String deviceCode = device.get("deviceCode").asText();
        JvaultProcess.Result pending = aws(env, "sso-oidc", "create-token", "--client-id", id, "--client-secret", secret,
                "--grant-type", "urn:ietf:params:oauth:grant-type:device_code", "--device-code", deviceCode);
        assertNotEquals(0, pending.exitCode());
        assertTrue(pending.stderr().contains("AuthorizationPendingException"), pending.toString());
        JvaultProcess.runCommand(List.of("curl", "-s", "-o", "/dev/null", device.get("verificationUriComplete").asText()),
                env, "", Duration.ofSeconds(10));
        JsonNode token = awsJson(env, "sso-oidc", "create-token", "--client-id", id, "--client-secret", secret,
                "--grant-type", "urn:ietf:params:oauth:grant-type:device_code", "--device-code", deviceCode);
        String accessToken = token.get("accessToken").asText();
        assertTrue(token.has("refreshToken") && token.get("expiresIn").asInt() > 0, token.toString());
        JsonNode refreshed = awsJson(env, "sso-oidc", "create-token", "--client-id", id, "--client-secret", secret,
                "--grant-type", "refresh_token", "--refresh-token", token.get("refreshToken").asText());
        assertNotEquals(accessToken, refreshed.get("accessToken").asText());
        JsonNode role = awsJson(env, "sso", "get-role-credentials", "--role-name", "Admin", "--account-id", "111111111111",
                "--access-token", accessToken).get("roleCredentials");
        assertTrue(role.get("accessKeyId").asText().startsWith("ASIA") && role.get("expiration").asLong() > 0, role.toString());
        JsonNode accounts = awsJson(env, "sso", "list-accounts", "--access-token", accessToken);
        assertEquals(3, accounts.get("accountList").size(), "the CLI follows the one-item pages: " + accounts);
        JsonNode roles = awsJson(env, "sso", "list-account-roles", "--access-token", accessToken, "--account-id",
                "111111111111");
        assertEquals(2, roles.get("roleList").size(), roles.toString());
        JvaultProcess.Result refused = aws(env, "sso", "get-role-credentials", "--role-name", "Admin", "--account-id",
                "111111111111", "--access-token", "not-a-token");
        assertTrue(refused.stderr().contains("UnauthorizedException"), refused.toString());
        assertEquals(0, aws(env, "sso", "logout", "--access-token", accessToken).exitCode());
        assertTrue(aws(env, "sso", "list-accounts", "--access-token", accessToken).stderr().contains("UnauthorizedException"),
                "Logout ends the token");
    }

    private static JvaultProcess.Result aws(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of("aws"));
        command.addAll(List.of(args));
        command.addAll(List.of("--output", "json"));
        return JvaultProcess.runCommand(command, env, "", Duration.ofSeconds(60));
    }

    private static JsonNode awsJson(Map<String, String> env, String... args) throws IOException {
        JvaultProcess.Result result = aws(env, args);
        assertEquals(0, result.exitCode(), result.toString());
        return JSON.readTree(result.stdout());
    }

    @Test
    void oneSignInOnATerminalServesEveryProfileOfTheSessionAndChainsOnIt() throws IOException {
        JvaultProcess.Result first = onTerminal("exec", "dev", "--", "aws", "sts", "get-caller-identity", "--output", "json");
        assertTrue(first.stdout().contains("status=0") || first.exitCode() == 0, first.toString());
        assertTrue(callerArn(first.stdout()).startsWith("arn:aws:sts::111111111111:assumed-role/Admin/"), first.toString());
        assertTrue(first.stdout().contains("Sign in to IAM Identity Center (sso-session corp) in your browser:"), first.stdout());
        assertEquals(1, sso.calls("Authorize"));
        assertEquals(1, browserVisits());

        // No terminal needed any more: the token is in the store.
        JvaultProcess.Result other = jvault("exec", "prod-ro", "--", "aws", "sts", "get-caller-identity", "--output", "json");
        assertEquals(0, other.exitCode(), other.toString());
        assertTrue(callerArn(other.stdout()).startsWith("arn:aws:sts::222222222222:assumed-role/ReadOnly/"), other.toString());
        JvaultProcess.Result chained = jvault("exec", "deploy", "--", "aws", "sts", "get-caller-identity", "--output", "json");
        assertEquals(0, chained.exitCode(), chained.toString());
        assertTrue(callerArn(chained.stdout()).startsWith("arn:aws:sts::444444444444:assumed-role/deploy/"), chained.toString());
        int roleCalls = sso.calls("GetRoleCredentials");
        JvaultProcess.Result cached = jvault("exec", "dev", "--", "aws", "sts", "get-caller-identity", "--output", "json");
        assertEquals(0, cached.exitCode(), cached.toString());
        assertEquals(roleCalls, sso.calls("GetRoleCredentials"), "the role's credentials are cached like any session");
        assertEquals(1, sso.calls("Authorize"));
        assertEquals(1, sso.calls("RegisterClient"));

        JvaultProcess.Result list = jvault("list");
        assertTrue(list.stdout().contains("SSO SIGN-IN") && list.stdout().contains("corp"), list.toString());
        JvaultProcess.Result described = jvault("describe", "dev");
        assertTrue(described.stdout().contains("GetRoleCredentials 111111111111/Admin"), described.toString());
        assertTrue(described.stdout().lines().anyMatch(line -> line.startsWith("sso oidc") && line.contains(sso.endpoint().toString())
                && line.endsWith("$AWS_ENDPOINT_URL_SSO_OIDC")), described.toString());
        assertTrue(described.stdout().lines().anyMatch(line -> line.startsWith("sso portal")
                && line.endsWith("$AWS_ENDPOINT_URL_SSO")), described.toString());
    }

    @Test
    void aCachedSsoExecIsAnsweredByTheFastPathFromTheAgent() throws IOException {
        Map<String, String> env = new HashMap<>(home.variables());
        env.put("JVAULT_AGENT", "on");
        try {
            assertEquals(0, JvaultProcess.run(env, "sso", "login", "dev").exitCode());
            JvaultProcess.Result made = JvaultProcess.run(env, "exec", "dev", "--", "sh", "-c", "echo $AWS_ACCESS_KEY_ID");
            assertEquals(0, made.exitCode(), made.toString());
            List<String> args = List.of("exec", "dev", "--", "sh", "-c", "echo $AWS_ACCESS_KEY_ID");
            String answer = FastEntry.answer(new Environment(env), args).orElseThrow(
                    () -> new AssertionError("the fast path steps aside on a cached SSO exec"));
            assertTrue(answer.contains(made.stdout().strip()), "the agent's session is the one made: " + answer);
            int roleCalls = sso.calls("GetRoleCredentials");
            JvaultProcess.Result fast = JvaultProcess.run(env, "exec", "dev", "--", "sh", "-c", "echo $AWS_ACCESS_KEY_ID");
            assertEquals(made.stdout(), fast.stdout());
            assertEquals(roleCalls, sso.calls("GetRoleCredentials"));
        } finally {
            AgentProcess.stop(env);
        }
    }

    @Test
    void theConsoleSignsInWithTheRolesCredentialsAsTheyAre() throws IOException {
        HttpServer federation = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        List<String> sessions = new ArrayList<>();
        federation.createContext("/federation", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            sessions.add(query);
            byte[] body = "{\"SigninToken\":\"sso-signin-token\"}".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        federation.start();
        try {
            assertEquals(0, jvault("sso", "login", "dev").exitCode());
            home.set("JVAULT_SIGNIN_ENDPOINT", "http://127.0.0.1:" + federation.getAddress().getPort() + "/federation");
            JvaultProcess.Result login = jvault("login", "dev", "--stdout");
            assertEquals(0, login.exitCode(), login.toString());
            assertTrue(login.stdout().contains("SigninToken=sso-signin-token"), login.stdout());
            assertEquals(1, sessions.size());
            assertTrue(sessions.getFirst().replace('+', ' ').contains("\"sessionId\": \"ASIA")
                    && sessions.getFirst().contains("SessionDuration="),
                    "the role's own session (a federation token takes no duration): " + sessions);
        } finally {
            federation.stop(0);
        }
    }

    @Test
    void withoutATerminalASignInFailsAtOnceWithTheCommandToRun() {
        JvaultProcess.Result result = jvault("exec", "dev", "--", "true");
        assertEquals(125, result.exitCode(), "exec's own failure: " + result);
        assertTrue(result.stderr().contains("IAM Identity Center needs a sign-in for sso-session corp, and there is no"
                + " terminal here: run jvault sso login dev"), result.toString());
        JvaultProcess.Result export = jvault("export", "dev");
        assertEquals(69, export.exitCode(), export.toString());
        assertEquals(0, sso.calls("RegisterClient") + sso.calls("Authorize"), "nothing was started");
    }

    @Test
    void tenParallelRunsOnAnExpiredSessionMakeOneSignInAndOneBrowserTab() throws Exception {
        Map<String, String> env = new HashMap<>(home.variables());
        env.put("BROWSER_DELAY", "8"); // the sign-in takes a while, as a person does (longer than 10 JVMs take to start)
        env.put("JVAULT_SSO_WRITE_AWS_CACHE", "true"); // an implicit sign-in is written for the AWS CLI too
        List<CompletableFuture<JvaultProcess.Result>> runs = new ArrayList<>();
        List<JvaultProcess.Result> results;
        // A thread each: the common pool has one thread on a two-core machine, and would run them one by one.
        try (ExecutorService threads = Executors.newFixedThreadPool(10)) {
            for (int i = 0; i < 10; i++) {
                runs.add(CompletableFuture.supplyAsync(() -> onTerminal(env, "exec", "dev", "--", "sh", "-c",
                        "echo key=$AWS_ACCESS_KEY_ID"), threads));
            }
            results = runs.stream().map(CompletableFuture::join).toList();
        }
        for (JvaultProcess.Result result : results) {
            assertTrue(result.stdout().contains("key=ASIA"), result.toString());
        }
        assertEquals(1, sso.calls("RegisterClient"));
        assertEquals(1, sso.calls("Authorize"));
        assertEquals(1, sso.calls("CreateToken"));
        assertEquals(1, browserVisits());
        assertTrue(Files.exists(awsCacheFile("corp")), "JVAULT_SSO_WRITE_AWS_CACHE=true");
        assertTrue(results.stream().anyMatch(r -> r.stdout().contains("waiting for the IAM Identity Center sign-in"
                + " (sso-session corp) in another jvault (pid ")), "the others say why they wait: " + results);
    }

    @Test
    void aSignInHeldLongerThanTheTimeoutIs75NotAHang() throws Exception {
        Path locks = home.path().resolve(".jvault/locks");
        Files.createDirectories(locks);
        Files.setPosixFilePermissions(home.path().resolve(".jvault"), PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(locks, PosixFilePermissions.fromString("rwx------"));
        Path lockFile = locks.resolve("sso-" + awsCacheFile("corp").getFileName().toString().replace(".json", "") + ".lock");
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(lockFile,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
                java.nio.channels.FileLock held = channel.lock()) {
            channel.write(java.nio.ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes()));
            Map<String, String> env = new HashMap<>(home.variables());
            env.put("JVAULT_SSO_TIMEOUT", "3s");
            JvaultProcess.Result result = JvaultProcess.run(env, "export", "dev");
            assertEquals(75, result.exitCode(), result.toString());
            assertTrue(result.stderr().contains("waiting for the IAM Identity Center sign-in (sso-session corp) in another"
                    + " jvault (pid " + ProcessHandle.current().pid() + ")"), result.stderr());
        }
    }

    @Test
    void theDeviceFlowWaitsOutPendingAndPrintsTheCode() throws IOException {
        sso.pendingPolls(2);
        JvaultProcess.Result login = jvault("sso", "login", "--sso-session", "corp", "--use-device-code");
        assertEquals(0, login.exitCode(), login.toString());
        assertTrue(login.stderr().matches("(?s).*and check that the page shows the code [0-9A-F]{4}-[0-9A-F]{4}.*"), login.stderr());
        assertTrue(login.stderr().contains(sso.endpoint() + "/device?user_code="), login.stderr());
        assertEquals(1, sso.calls("StartDeviceAuthorization"));
        assertEquals(3, sso.calls("CreateToken"), "two pending polls, then the token");
        assertEquals(1, sso.calls("DevicePage"));
        assertEquals(0, jvault("exec", "dev", "--", "true").exitCode());
    }

    @Test
    void aDeniedSignInEndsWithOneAndLaterRunsFailFastInsteadOfOpeningMoreTabs() throws IOException {
        sso.decision(SsoEmulator.Decision.DENY);
        JvaultProcess.Result denied = onTerminal("export", "dev");
        assertTrue(denied.stdout().contains("the IAM Identity Center sign-in was not approved (access_denied)"), denied.stdout());
        assertTrue(denied.stdout().contains("status=1") || denied.exitCode() == 1, denied.toString());
        JvaultProcess.Result again = onTerminal("export", "dev");
        assertTrue(again.stdout().contains("was denied or abandoned"), again.stdout());
        assertEquals(1, sso.calls("Authorize"));
        assertEquals(1, browserVisits());

        JvaultProcess.Result deviceDenied = jvault("sso", "login", "legacy");
        assertEquals(1, deviceDenied.exitCode(), deviceDenied.toString());
        assertTrue(deviceDenied.stderr().contains("the IAM Identity Center sign-in was denied in the browser"),
                deviceDenied.toString());
    }

    @Test
    void ctrlCWhileWaitingForTheBrowserEnds130() {
        sso.decision(SsoEmulator.Decision.IGNORE); // the page is shown, nobody signs in
        List<String> command = List.of("python3", PTY, "60", "in your browser:", "^C", "--", JvaultProcess.launcher().toString(),
                "exec", "dev", "--", "true");
        JvaultProcess.Result result = JvaultProcess.runCommand(command, home.variables(), "", Duration.ofSeconds(90));
        assertEquals(130, result.exitCode(), result.toString());
    }

    @Test
    void aSignInNotFinishedInTimeEndsWithOneAndNoBrowserMeansTheLinkOnly() throws IOException {
        Map<String, String> env = new HashMap<>(home.variables());
        env.put("JVAULT_SSO_TIMEOUT", "3s");
        JvaultProcess.Result result = JvaultProcess.run(env, "sso", "login", "dev", "--no-browser");
        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains("was not completed within 3s"), result.toString());
        assertTrue(result.stderr().contains(sso.endpoint() + "/authorize?response_type=code&client_id="), result.stderr());
        assertEquals(0, browserVisits(), "--no-browser opens none");
    }

    @Test
    void aTokenIsRefreshedWithoutABrowserAndThrottlingIsRetried() throws IOException {
        sso.accessTokenLifetime(Duration.ofMinutes(10)); // inside the 15-minute refresh window from the start
        assertEquals(0, jvault("sso", "login", "dev").exitCode());
        sso.fail("CreateToken", 2, 429, "TooManyRequestsException");
        sso.fail("GetRoleCredentials", 1, 500, "InternalServerException");
        JvaultProcess.Result result = jvault("exec", "dev", "--", "true");
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(1, sso.calls("Authorize"), "no second browser");
        assertEquals(4, sso.calls("CreateToken"), "sign-in, two throttled refreshes, the refresh");
    }

    @Test
    void aTokenThePortalRefusesIsDroppedAndOneNewSignInFollows() throws IOException {
        assertEquals(0, jvault("sso", "login", "dev").exitCode());
        sso.revokeTokens();
        JvaultProcess.Result result = onTerminal("export", "dev", "--format", "json");
        assertTrue(result.stdout().contains("\"AccessKeyId\""), result.toString());
        assertEquals(2, sso.calls("Authorize"));
        assertEquals(2, sso.calls("GetRoleCredentials"), "the refused call, then the one with the new token");
    }

    @Test
    void tokensNeverLieOnDiskInClearText() throws IOException {
        ClearTextScan scan = ClearTextScan.fromNow();
        assertEquals(0, jvault("sso", "login", "dev").exitCode());
        assertEquals(0, jvault("exec", "dev", "--", "true").exitCode());
        assertFalse(sso.issuedSecrets().isEmpty());
        scan.assertNoneOf(home.path(), sso.issuedSecrets());
    }

    @Test
    void theAwsCliAndJvaultShareTokensBothWays() throws Exception {
        sso.accessTokenLifetime(Duration.ofMinutes(10)); // each reader refreshes first
        JvaultProcess.Result login = jvault("sso", "login", "--sso-session", "corp", "--write-aws-cache");
        assertEquals(0, login.exitCode(), login.toString());
        Path file = awsCacheFile("corp");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        JsonNode written = JSON.readTree(file.toFile());
        for (String field : List.of("startUrl", "region", "accessToken", "expiresAt", "refreshToken", "clientId",
                "clientSecret", "registrationExpiresAt")) {
            assertTrue(written.hasNonNull(field), field + " in " + file);
        }
        assertTrue(written.get("expiresAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), written.toString());

        // botocore's SSO provider reads jvault's file and, inside its window, refreshes and rewrites it.
        JvaultProcess.Result aws = JvaultProcess.runCommand(List.of("aws", "--profile", "dev", "sts", "get-caller-identity",
                "--output", "json"), home.variables(), "", Duration.ofSeconds(60));
        assertEquals(0, aws.exitCode(), aws.toString());
        assertTrue(callerArn(aws.stdout()).startsWith("arn:aws:sts::111111111111:assumed-role/Admin/"), aws.toString());
        JsonNode rewritten = JSON.readTree(file.toFile());
        assertNotEquals(written.get("accessToken").asText(), rewritten.get("accessToken").asText(), "botocore refreshed");

        // A jvault with another store (no token of its own) takes botocore's token, refreshes it, and writes it back.
        Map<String, String> fresh = new HashMap<>(home.variables());
        fresh.put("JVAULT_VAULT_FILE", home.path().resolve("other.jvlt").toString());
        int signIns = sso.calls("Authorize");
        JvaultProcess.Result exec = JvaultProcess.run(fresh, "exec", "prod-ro", "--", "true");
        assertEquals(0, exec.exitCode(), exec.toString());
        assertEquals(signIns, sso.calls("Authorize"), "no new sign-in");
        JsonNode back = JSON.readTree(file.toFile());
        assertNotEquals(rewritten.get("refreshToken").asText(), back.get("refreshToken").asText(),
                "the spent refresh token is replaced in the AWS CLI's file too");
        assertEquals(0, JvaultProcess.runCommand(List.of("aws", "--profile", "prod-ro", "sts", "get-caller-identity"),
                home.variables(), "", Duration.ofSeconds(60)).exitCode(), "and botocore goes on with it");
    }

    @Test
    void logoutEndsTheSignInAndRemovesTheTokenAndItsRoleCredentials() throws Exception {
        assertEquals(0, jvault("sso", "login", "dev", "--write-aws-cache").exitCode());
        assertEquals(0, jvault("exec", "dev", "--", "true").exitCode());
        JvaultProcess.Result logout = jvault("sso", "logout", "dev");
        assertEquals(0, logout.exitCode(), logout.toString());
        assertEquals(1, sso.calls("Logout"));
        assertFalse(Files.exists(awsCacheFile("corp")));
        JvaultProcess.Result list = jvault("list");
        assertFalse(list.stdout().contains("SSO SIGN-IN") || list.stdout().contains("GetRoleCredentials"), list.toString());
        assertEquals(125, jvault("exec", "dev", "--", "true").exitCode(), "signed out: a sign-in is needed again");

        assertEquals(0, jvault("sso", "login", "legacy").exitCode());
        home.config("[profile plain]\nregion = eu-west-1\n"); // the sign-in's profile is gone from the config
        JvaultProcess.Result all = jvault("sso", "logout", "--all");
        assertEquals(0, all.exitCode(), all.toString());
        assertTrue(all.stderr().contains("removed 1 token(s)"), all.stderr());
        assertFalse(jvault("list").stdout().contains("SSO SIGN-IN"), "--all removes every token jvault keeps");
    }

    @Test
    void profilesPrintsConfigSectionsForEveryAccountAndRole() {
        assertEquals(0, jvault("sso", "login", "dev").exitCode());
        JvaultProcess.Result profiles = jvault("sso", "profiles", "--sso-session", "corp");
        assertEquals(0, profiles.exitCode(), profiles.toString());
        assertEquals("""
                [profile dev-admin]
                sso_session = corp
                sso_account_id = 111111111111
                sso_role_name = Admin

                [profile dev-readonly]
                sso_session = corp
                sso_account_id = 111111111111
                sso_role_name = ReadOnly

                [profile prod-readonly]
                sso_session = corp
                sso_account_id = 222222222222
                sso_role_name = ReadOnly

                [profile sandbox-admin]
                sso_session = corp
                sso_account_id = 333333333333
                sso_role_name = Admin
                """, profiles.stdout());
        assertEquals(3, sso.calls("ListAccounts"), "every page");
    }
}

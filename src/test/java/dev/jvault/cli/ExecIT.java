package dev.jvault.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jvault.testing.AgentProcess;
import dev.jvault.testing.ClearTextScan;
import dev.jvault.testing.ExecSandbox;
import dev.jvault.testing.JvaultProcess;
import dev.jvault.testing.MotoExtension;
import dev.jvault.testing.MotoServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** jvault exec as a user runs it, against a real STS emulator, with real commands as the child. */
@ExtendWith(MotoExtension.class)
class ExecIT {

    private static final String MFA = "arn:aws:iam::111111111111:mfa/alice";

    private MotoServer moto;
    private ExecSandbox sandbox;

    @BeforeEach
    void setUp(MotoServer moto) {
        this.moto = moto;
        sandbox = new ExecSandbox(moto);
        moto.startRecording();
    }

    @AfterEach
    void cleanUp() {
        sandbox.close();
    }

    @Test
    void mfaSessionThenRoleThenTheCacheWithNoStsCallAtAll() throws Exception {
        JvaultProcess.Result first = sandbox.jvault("exec", "dev-1", "-t", "123456", "--", "aws", "sts",
                "get-caller-identity", "--output", "json");
        assertEquals(0, first.exitCode(), first.toString());
        String arn = new ObjectMapper().readTree(first.stdout()).get("Arn").asText();
        assertTrue(arn.startsWith("arn:aws:sts::222222222222:assumed-role/dev-1-role/jvault-"), arn);

        List<MotoServer.RecordedRequest> sessions = moto.recorded("GetSessionToken");
        assertEquals(1, sessions.size());
        assertEquals(MFA, sessions.getFirst().param("SerialNumber"));
        assertEquals("123456", sessions.getFirst().param("TokenCode"));
        assertEquals("28800", sessions.getFirst().param("DurationSeconds"));
        assertEquals(ExecSandbox.KEY_ID, sessions.getFirst().signingAccessKeyId(), "signed with the long-lived keys");
        List<MotoServer.RecordedRequest> roles = moto.recorded("AssumeRole");
        assertEquals(1, roles.size());
        assertEquals("arn:aws:iam::222222222222:role/dev-1-role", roles.getFirst().param("RoleArn"));
        assertNull(roles.getFirst().param("TokenCode"), "the session carries the MFA");
        assertNotEquals(ExecSandbox.KEY_ID, roles.getFirst().signingAccessKeyId(), "signed with the session's keys");

        JvaultProcess.Result second = sandbox.jvault("exec", "dev-1", "aws", "sts", "get-caller-identity", "--output", "json");
        assertEquals(0, second.exitCode(), second.toString());
        assertEquals(arn, new ObjectMapper().readTree(second.stdout()).get("Arn").asText());
        assertEquals(1, moto.recorded("GetSessionToken").size(), "no STS call for the second run");
        assertEquals(1, moto.recorded("AssumeRole").size(), "no STS call for the second run");

        JvaultProcess.Result dev2 = sandbox.jvault("exec", "dev-2", "aws", "sts", "get-caller-identity", "--output", "json");
        assertEquals(0, dev2.exitCode(), dev2.toString());
        assertEquals(1, moto.recorded("GetSessionToken").size(), "dev-2 shares main's MFA session: no new code");
        assertEquals(2, moto.recorded("AssumeRole").size());
    }

    @Test
    void aTwoRoleChainAssumesEachRoleInTurn() throws Exception {
        JvaultProcess.Result result = sandbox.jvault("exec", "prod", "-t", "123456", "aws", "sts", "get-caller-identity",
                "--output", "json");
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(new ObjectMapper().readTree(result.stdout()).get("Arn").asText()
                .startsWith("arn:aws:sts::444444444444:assumed-role/prod/"), result.stdout());
        List<MotoServer.RecordedRequest> roles = moto.recorded("AssumeRole");
        assertEquals(List.of("arn:aws:iam::222222222222:role/dev-1-role", "arn:aws:iam::444444444444:role/prod"),
                roles.stream().map(r -> r.param("RoleArn")).toList());
        assertEquals("partner-7", roles.get(1).param("ExternalId"));
        assertNull(roles.get(0).param("ExternalId"));
    }

    @Test
    void aSingleRoleForLongerThanAnHourIsAssumedFromTheKeysWithTheCode() {
        JvaultProcess.Result result = sandbox.jvault("exec", "dev-1", "-d", "2h", "-t", "654321", "true");
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(0, moto.recorded("GetSessionToken").size());
        MotoServer.RecordedRequest role = moto.recorded("AssumeRole").getFirst();
        assertEquals("7200", role.param("DurationSeconds"));
        assertEquals(MFA, role.param("SerialNumber"));
        assertEquals("654321", role.param("TokenCode"));
        assertEquals(ExecSandbox.KEY_ID, role.signingAccessKeyId());
    }

    @Test
    void theChildGetsExactlyTheContractedEnvironment() {
        Map<String, String> dirty = new HashMap<>(sandbox.home().variables());
        for (String name : List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN",
                "AWS_CREDENTIAL_FILE", "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SDK_LOAD_CONFIG",
                "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "AWS_WEB_IDENTITY_TOKEN_FILE",
                "AWS_ROLE_ARN", "JVAULT_MFA_TOKEN", "JVAULT_REGION")) {
            dirty.put(name, "from-the-parent");
        }
        dirty.put("AWS_DEFAULT_REGION", "us-west-2"); // the user's region wins over the profile's, as in the CLI
        dirty.put("AWS_PROFILE", "dev-1");
        dirty.put("KEPT", "yes");
        JvaultProcess.Result result = JvaultProcess.runWithInput(dirty, "", "exec", "-t", "123456", "--", "env");
        assertEquals(0, result.exitCode(), result.toString());
        Map<String, String> child = result.stdout().lines().filter(l -> l.contains("="))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1), (a, b) -> b));
        assertFalse(child.containsValue("from-the-parent"), "parent AWS values leaked: " + child);
        for (String gone : List.of("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SECURITY_TOKEN", "AWS_SDK_LOAD_CONFIG",
                "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN",
                "JVAULT_FILE_PASSPHRASE", "JVAULT_MFA_TOKEN", "AWS_CREDENTIAL_FILE")) {
            assertFalse(child.containsKey(gone), gone + " reached the child");
        }
        assertTrue(child.get("AWS_ACCESS_KEY_ID").startsWith("ASIA"), child.toString());
        assertEquals(40, child.get("AWS_SECRET_ACCESS_KEY").length());
        assertFalse(child.get("AWS_SESSION_TOKEN").isEmpty());
        assertTrue(child.get("AWS_CREDENTIAL_EXPIRATION").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), child.toString());
        assertEquals("us-west-2", child.get("AWS_REGION"));
        assertEquals("us-west-2", child.get("AWS_DEFAULT_REGION"));
        assertEquals("us-west-2", child.get("JVAULT_REGION"), "recorded for a nested exec");
        assertEquals("dev-1", child.get("JVAULT"));
        assertEquals("dev-1", child.get("AWS_VAULT"));
        assertEquals("yes", child.get("KEPT"));
        assertFalse(child.containsValue(ExecSandbox.SECRET), "the long-lived secret reached the child");
    }

    @Test
    void exitStatusesFollowEnv1AndStdinReachesTheCommand() throws IOException {
        sandbox.jvault("exec", "dev-1", "-t", "123456", "true");
        assertEquals(0, sandbox.jvault("exec", "dev-1", "true").exitCode());
        assertEquals(3, sandbox.jvault("exec", "dev-1", "sh", "-c", "exit 3").exitCode());
        JvaultProcess.Result notFound = sandbox.jvault("exec", "dev-1", "no-such-command-jvault");
        assertEquals(127, notFound.exitCode());
        assertEquals("jvault: no-such-command-jvault: command not found\n", notFound.stderr());
        JvaultProcess.Result notExecutable = sandbox.jvault("exec", "dev-1", sandbox.home().awsConfig().toString());
        assertEquals(126, notExecutable.exitCode());
        assertEquals(128 + 15, sandbox.jvault("exec", "dev-1", "sh", "-c", "kill -TERM $$").exitCode());
        // execve refuses a script without #! (ENOEXEC); the subprocess fallback runs it with sh, as env(1) does.
        Path script = Files.writeString(sandbox.home().path().resolve("no-shebang"), "echo ran by sh; exit 4\n");
        script.toFile().setExecutable(true);
        JvaultProcess.Result fallback = sandbox.jvault("exec", "dev-1", script.toString());
        assertEquals(4, fallback.exitCode(), fallback.toString());
        assertEquals("ran by sh\n", fallback.stdout());
        JvaultProcess.Result piped = JvaultProcess.runWithInput(sandbox.home().variables(), "through the pipe\n",
                "exec", "dev-1", "cat");
        assertEquals("through the pipe\n", piped.stdout());
    }

    @Test
    void theCommandReplacesTheJvmWithNothingInherited() {
        sandbox.jvault("exec", "dev-1", "-t", "123456", "true");
        JvaultProcess.Result result = sandbox.jvault("exec", "dev-1", "sh", "-c",
                "grep -E '^Sig(Blk|Ign)' /proc/self/status; ls /proc/$$/fd; cat /proc/$$/comm");
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stdout().contains("SigBlk:\t0000000000000000"), result.stdout());
        List<String> lines = result.stdout().lines().toList();
        assertEquals(List.of("0", "1", "2"), lines.subList(2, lines.size() - 1), "only stdio is open: " + lines);
        assertEquals("sh", lines.getLast(), "the JVM's process became the command (execve)");
    }

    /** With the agent too: ten misses at once still make one prompt's worth of calls, whoever holds the sessions. */
    @ParameterizedTest(name = "agent {0}")
    @ValueSource(strings = {"off", "on"})
    void tenParallelColdRunsMakeOneMfaSessionAndOneRoleCall(String agent) {
        Map<String, String> env = sandbox.with("JVAULT_AGENT", agent);
        try {
            List<CompletableFuture<JvaultProcess.Result>> runs = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                runs.add(CompletableFuture.supplyAsync(() -> JvaultProcess.run(env, "exec", "dev-1", "-t", "123456", "true")));
            }
            runs.forEach(run -> assertEquals(0, run.join().exitCode(), run.join().toString()));
            assertEquals(1, moto.recorded("GetSessionToken").size());
            assertEquals(1, moto.recorded("AssumeRole").size());
        } finally {
            AgentProcess.stop(env);
        }
    }

    @Test
    void aCodeThatIsNotSixDigitsIsRefusedBeforeAnyStsCall() {
        JvaultProcess.Result result = sandbox.jvault("exec", "dev-1", "-t", "12345", "true");
        assertEquals(125, result.exitCode());
        assertEquals("jvault: --mfa-token gave an MFA code that is not 6 digits (5 characters): nothing was sent to AWS\n",
                result.stderr());
        assertEquals(List.of(), moto.recording());
    }

    @Test
    void takesTheCodeFromMfaProcessOrAPromptDriver() throws IOException {
        sandbox.home().config(ExecSandbox.CONFIG + "\n[profile with-process]\nrole_arn = arn:aws:iam::555555555555:role/p\n"
                + "source_profile = main\nmfa_serial = arn:aws:iam::111111111111:mfa/bob\nmfa_process = echo 111222\n");
        assertEquals(0, sandbox.jvault("exec", "with-process", "true").exitCode());
        assertEquals("111222", moto.recorded("GetSessionToken").getFirst().param("TokenCode"));

        Path bin = Files.createDirectories(sandbox.home().path().resolve("fake-bin"));
        Path zenity = Files.writeString(bin.resolve("zenity"), "#!/bin/sh\necho 333444\n");
        zenity.toFile().setExecutable(true);
        Map<String, String> env = sandbox.with("PATH", bin + ":" + sandbox.home().variables().get("PATH"));
        assertEquals(0, JvaultProcess.run(env, "exec", "dev-2", "--prompt", "zenity", "true").exitCode());
        assertEquals("333444", moto.recorded("GetSessionToken").get(1).param("TokenCode"));
    }

    @Test
    void saysWhatIsMissingWithExit125() throws IOException {
        JvaultProcess.Result noTerminal = sandbox.jvault("exec", "dev-1", "true");
        assertEquals(125, noTerminal.exitCode());
        assertTrue(noTerminal.stderr().startsWith("jvault: no terminal to ask for the MFA code for " + MFA), noTerminal.stderr());

        sandbox.home().config(ExecSandbox.CONFIG + "\n[profile orphan]\n[profile uses-orphan]\n"
                + "role_arn = arn:aws:iam::555555555555:role/x\nsource_profile = orphan\n");
        JvaultProcess.Result noKeys = sandbox.jvault("exec", "uses-orphan", "-t", "123456", "true");
        assertEquals(125, noKeys.exitCode());
        assertEquals("jvault: no keys for profile orphan in file ~/.jvault/vault.jvlt: store them with jvault add orphan\n",
                noKeys.stderr());

        JvaultProcess.Result noProfile = JvaultProcess.run(sandbox.home().variables(), "exec");
        assertEquals(125, noProfile.exitCode());
        assertTrue(noProfile.stderr().startsWith("jvault: name a profile (or set AWS_PROFILE); profiles: main, dev-1, dev-2"),
                noProfile.stderr());

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        JvaultProcess.Result unreachable = JvaultProcess.run(sandbox.with("AWS_ENDPOINT_URL_STS",
                "http://127.0.0.1:" + closedPort), "exec", "dev-1", "-t", "123456", "true");
        assertEquals(125, unreachable.exitCode());
        assertEquals("jvault: cannot reach STS at http://127.0.0.1:" + closedPort + " (connection refused; endpoint from"
                + " $AWS_ENDPOINT_URL_STS): check the network or the endpoint\n", unreachable.stderr());
    }

    @Test
    void nestedRunsReResolveAndSaySo() {
        sandbox.jvault("exec", "dev-1", "-t", "123456", "true");
        sandbox.jvault("exec", "dev-2", "-t", "123456", "true");
        JvaultProcess.Result nested = JvaultProcess.run(sandbox.with("JVAULT", "dev-1"), "exec", "dev-2", "sh", "-c",
                "echo $JVAULT $AWS_REGION");
        assertEquals(0, nested.exitCode(), nested.toString());
        assertEquals("dev-2 eu-west-1\n", nested.stdout());
        assertEquals("jvault: inside jvault exec dev-1 already; dev-2's credentials replace its own\n", nested.stderr());
    }

    @Test
    void noSessionOnAPlainProfileHandsOnTheLongLivedKeysWithAWarning() {
        JvaultProcess.Result result = sandbox.jvault("exec", "main", "--no-session", "sh", "-c", "echo $AWS_ACCESS_KEY_ID");
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(ExecSandbox.KEY_ID + "\n", result.stdout());
        assertEquals("jvault: warning: --no-session on a profile without a role hands on the long-lived keys of main"
                + " themselves, not short-lived ones\n", result.stderr());
        assertEquals(List.of(), moto.recording());
    }

    @Test
    void debugExplainsEachStepAndShowsNoSecret() {
        JvaultProcess.Result result = sandbox.jvault("--debug", "exec", "dev-1", "-t", "123456", "sh", "-c",
                "echo $AWS_SECRET_ACCESS_KEY; echo $AWS_SESSION_TOKEN");
        assertEquals(0, result.exitCode(), result.toString());
        String debug = result.stderr();
        assertTrue(debug.contains("jvault: debug: GetSessionToken for main (AKIA****0001), 28800s, MFA " + MFA), debug);
        assertTrue(debug.contains("jvault: debug: AssumeRole arn:aws:iam::222222222222:role/dev-1-role as jvault-"), debug);
        for (String explained : List.of("jvault: debug: reading ~/.aws/config\n", "jvault: debug: store: file (chosen by"
                + " $JVAULT_BACKEND), ~/.jvault/vault.jvlt", "region eu-central-1 (from ~/.aws/config:", "; STS "
                + sandbox.home().variables().get("AWS_ENDPOINT_URL_STS") + " (from $AWS_ENDPOINT_URL_STS)",
                "jvault: debug: no cached credentials for dev-1 with more than 5m left")) {
            assertTrue(debug.contains(explained), "--debug says " + explained + ": " + debug);
        }
        String cached = sandbox.jvault("--debug", "exec", "dev-1", "true").stderr();
        assertTrue(cached.contains("jvault: debug: cached credentials for dev-1 have "), "a hit is said too: " + cached);
        for (String secret : List.of(ExecSandbox.SECRET, ExecSandbox.KEY_ID, "123456", result.stdout().lines().toList().get(0),
                result.stdout().lines().toList().get(1))) {
            assertFalse(debug.contains(secret), "--debug showed a secret: " + secret);
            assertFalse(cached.contains(secret), "--debug showed a secret: " + secret);
        }
    }

    @Test
    void noCredentialIsLeftInClearTextOnDisk() throws IOException {
        ClearTextScan scan = ClearTextScan.fromNow();
        JvaultProcess.Result result = sandbox.jvault("exec", "dev-1", "-t", "123456", "sh", "-c",
                "echo $AWS_SECRET_ACCESS_KEY; echo $AWS_SESSION_TOKEN");
        assertEquals(0, result.exitCode(), result.toString());
        List<String> secrets = new ArrayList<>(result.stdout().lines().toList());
        secrets.add(ExecSandbox.SECRET);
        secrets.add(ExecSandbox.KEY_ID);
        scan.assertNoneOf(sandbox.home().path(), secrets);
    }

}

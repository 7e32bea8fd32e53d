package dev.jvault.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jvault.testing.CrashingProxy;
import dev.jvault.testing.Fixtures;
import dev.jvault.testing.JvaultProcess;
import dev.jvault.testing.MotoExtension;
import dev.jvault.testing.MotoServer;
import dev.jvault.testing.SandboxHome;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * jvault rotate against moto's IAM: a user and its key made through IAM first (with the AWS CLI),
 * stored in jvault, rotated; and the process killed (SIGKILL) at each step, by a proxy in front of
 * moto that watches its calls, after which the next rotate finishes. Throughout, the stored key is
 * one IAM has, and exec works with it.
 */
@ExtendWith(MotoExtension.class)
class RotateIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MotoServer moto;
    private SandboxHome home;

    @BeforeEach
    void setUp(MotoServer moto) throws IOException {
        this.moto = moto;
        moto.reset();
        home = new SandboxHome().config(Fixtures.SEED_CONFIG)
                .set("JVAULT_BACKEND", "file")
                .set("JVAULT_FILE_PASSPHRASE", "rotate test passphrase")
                .set("AWS_ENDPOINT_URL_STS", moto.endpoint().toString())
                .set("AWS_ENDPOINT_URL_IAM", moto.endpoint().toString());
        aws("iam", "create-user", "--user-name", "alice");
        JsonNode key = aws("iam", "create-access-key", "--user-name", "alice").get("AccessKey");
        Map<String, String> env = new HashMap<>(home.variables());
        env.put("AWS_ACCESS_KEY_ID", key.get("AccessKeyId").asText());
        env.put("AWS_SECRET_ACCESS_KEY", key.get("SecretAccessKey").asText());
        JvaultProcess.Result added = JvaultProcess.run(env, "add", "main", "--env");
        assertEquals(0, added.exitCode(), added.toString());
    }

    @AfterEach
    void cleanUp() {
        home.close();
    }

    /** The AWS CLI against moto, as an administrator would set the user up. */
    private JsonNode aws(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", moto.endpoint().toString(), "--output", "json"));
        command.addAll(List.of(args));
        Map<String, String> admin = new HashMap<>(Map.of("PATH", System.getenv("PATH"), "HOME", home.path().toString(),
                "AWS_ACCESS_KEY_ID", "AKIAADMINADMINADMIN1", "AWS_SECRET_ACCESS_KEY", "a".repeat(40),
                "AWS_DEFAULT_REGION", "us-east-1"));
        JvaultProcess.Result result = JvaultProcess.runCommand(command, admin, "", Duration.ofSeconds(60));
        assertEquals(0, result.exitCode(), result.toString());
        return JSON.readTree(result.stdout().isBlank() ? "{}" : result.stdout());
    }

    private List<String> iamKeys() throws IOException {
        return StreamSupport.stream(aws("iam", "list-access-keys", "--user-name", "alice").get("AccessKeyMetadata").spliterator(),
                false).map(key -> key.get("AccessKeyId").asText()).toList();
    }

    /** The stored key id, as the one line of list that shows it masked ("AKIA****" + its last four). */
    private String storedKeyTail() {
        String list = JvaultProcess.run(home.variables(), "list", "--json").stdout();
        try {
            String shown = JSON.readTree(list).at("/profiles/0/credentials").asText();
            return shown.substring(shown.length() - 4);
        } catch (IOException e) {
            throw new AssertionError(list, e);
        }
    }

    private void assertOneKeyStoredAndWorking() throws IOException {
        List<String> keys = iamKeys();
        assertEquals(1, keys.size(), "IAM lists exactly one key: " + keys);
        assertTrue(keys.getFirst().endsWith(storedKeyTail()), "and it is the stored one: " + keys);
        JvaultProcess.Result exec = JvaultProcess.run(home.variables(), "exec", "dev-1", "-t", "123456", "--", "aws", "sts",
                "get-caller-identity", "--output", "json");
        assertEquals(0, exec.exitCode(), "exec works with the new key: " + exec);
    }

    @Test
    void rotatesToOneNewKeyThatWorks() throws IOException {
        String old = iamKeys().getFirst();
        JvaultProcess.Result result = JvaultProcess.run(home.variables(), "rotate", "main");
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stdout().matches("Rotated the keys of main: AKIA\\*\\*\\*\\*\\w{4} stored, AKIA\\*\\*\\*\\*"
                + old.substring(16) + " deleted in IAM\\.\n"), result.stdout());
        assertTrue(!iamKeys().contains(old), "the old key is gone from IAM");
        assertOneKeyStoredAndWorking();
        JvaultProcess.Result again = JvaultProcess.run(home.variables(), "rotate", "main", "-n");
        assertEquals(0, again.exitCode(), again.toString());
        assertEquals("", again.stderr(), "-n hands nothing on: no warning that it does");
    }

    @Test
    void throughARoleProfileTheIamCallsUseItsMfaSession() throws IOException {
        moto.startRecording();
        JvaultProcess.Result result = JvaultProcess.run(home.variables(), "rotate", "dev-1", "-t", "123456");
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stdout().startsWith("Rotated the keys of main: "), "the keys of dev-1's root: " + result.stdout());
        MotoServer.RecordedRequest session = moto.recorded("GetSessionToken").getFirst();
        assertEquals("arn:aws:iam::111111111111:mfa/alice", session.param("SerialNumber"));
        String longLived = session.signingAccessKeyId();
        List<String> iamSigners = moto.recording().stream().filter(call -> "CreateAccessKey".equals(call.param("Action"))
                || "DeleteAccessKey".equals(call.param("Action"))).map(MotoServer.RecordedRequest::signingAccessKeyId).toList();
        assertEquals(2, iamSigners.size(), iamSigners.toString());
        assertTrue(iamSigners.stream().noneMatch(longLived::equals), "IAM calls signed with the MFA session, not the keys: "
                + iamSigners);
        assertOneKeyStoredAndWorking();
    }

    /**
     * Where a crash could cut a rotation short, as the calls show it: IAM made the key but jvault
     * never heard; the key is stored and about to be checked; the key works and the old one is
     * about to be deleted.
     */
    private static final Map<String, CrashingProxy.Crash> CRASHES = Map.of(
            "created", new CrashingProxy.Crash("CreateAccessKey", 1, true),
            "stored", new CrashingProxy.Crash("GetCallerIdentity", 1, false),
            "checked", new CrashingProxy.Crash("DeleteAccessKey", 1, false));

    @Test
    void killedAtAnyStepTheNextRotateFinishes() throws Exception {
        try (CrashingProxy proxy = CrashingProxy.in(moto.endpoint())) {
            Map<String, String> env = new HashMap<>(home.variables());
            env.put("AWS_ENDPOINT_URL_IAM", proxy.endpoint().toString());
            env.put("AWS_ENDPOINT_URL_STS", proxy.endpoint().toString());
            for (String step : List.of("created", "stored", "checked")) {
                int status = proxy.run(List.of(JvaultProcess.launcher().toString(), "rotate", "main"), env, CRASHES.get(step));
                assertEquals(137, status, step + ": killed by SIGKILL");
                assertNextRotateFinishes(step);
            }
        }
    }

    private void assertNextRotateFinishes(String step) throws IOException {
        assertTrue(iamKeys().stream().anyMatch(key -> key.endsWith(storedKeyTail())), "after " + step
                + ", a key IAM has is stored");
        assertTrue(JvaultProcess.run(home.variables(), "list").stderr().contains("jvault: note: the key rotation of main"
                + " was cut short: jvault rotate main finishes it"), "list sees it");
        JvaultProcess.Result next = JvaultProcess.run(home.variables(), "rotate", "main");
        assertEquals(0, next.exitCode(), "after " + step + ": " + next);
        assertOneKeyStoredAndWorking();
    }

    @Test
    void tenPairsOfRotationsAtOnceTakeTurnsAndLeaveOneWorkingKey() throws IOException {
        List<CompletableFuture<JvaultProcess.Result>> runs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            runs.add(CompletableFuture.supplyAsync(() -> JvaultProcess.runCommand(List.of(JvaultProcess.launcher().toString(),
                    "rotate", "main"), home.variables(), "", Duration.ofMinutes(5))));
        }
        List<String> newKeys = new ArrayList<>();
        for (CompletableFuture<JvaultProcess.Result> run : runs) {
            JvaultProcess.Result result = run.join();
            assertEquals(0, result.exitCode(), result.toString());
            assertTrue(result.stdout().startsWith("Rotated the keys of main: "), "says what happened: " + result);
            newKeys.add(result.stdout().split(" ")[5]);
        }
        assertEquals(20, newKeys.stream().distinct().count(), "each rotated the key the one before it stored: " + newKeys);
        assertOneKeyStoredAndWorking();
    }

    @Test
    void aUserWithTwoKeysIsToldWhichToDelete() throws IOException {
        String other = aws("iam", "create-access-key", "--user-name", "alice").at("/AccessKey/AccessKeyId").asText();
        JvaultProcess.Result result = JvaultProcess.run(home.variables(), "rotate", "main");
        assertEquals(65, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains("has two access keys already (IAM's limit)") && result.stderr().contains("; delete"
                + " AKIA****" + other.substring(16) + " if nothing uses it"), "names the other key: " + result.stderr());
        assertEquals(2, iamKeys().size(), "nothing was changed");
    }
}

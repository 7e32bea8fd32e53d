package dev.jvault.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jvault.testing.Fixtures;
import dev.jvault.testing.JvaultProcess;
import dev.jvault.testing.MotoServer;
import dev.jvault.testing.SandboxHome;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * STS errors provoked for real: moto with authentication on (after three unauthenticated calls
 * that create an IAM user allowed only sts:GetSessionToken) checks signatures, keys and policies.
 */
class StsErrorsIT {

    private static MotoServer moto;
    private static String userKeyId;
    private static String userSecret;

    private SandboxHome home;

    @BeforeAll
    static void motoWithAuthentication() throws Exception {
        moto = MotoServer.start(Map.of("INITIAL_NO_AUTH_ACTION_COUNT", "3"));
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE");
        env.put("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        aws(env, "iam", "create-user", "--user-name", "alice");
        JsonNode key = new ObjectMapper().readTree(aws(env, "iam", "create-access-key", "--user-name", "alice"));
        userKeyId = key.at("/AccessKey/AccessKeyId").asText();
        userSecret = key.at("/AccessKey/SecretAccessKey").asText();
        aws(env, "iam", "put-user-policy", "--user-name", "alice", "--policy-name", "sessions-only", "--policy-document",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:GetSessionToken\",\"Resource\":\"*\"}]}");
    }

    private static String aws(Map<String, String> env, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("aws", "--endpoint-url", moto.endpoint().toString(), "--output", "json"));
        command.addAll(List.of(args));
        JvaultProcess.Result result = JvaultProcess.runCommand(command, env, "", Duration.ofSeconds(60));
        assertEquals(0, result.exitCode(), result.toString());
        return result.stdout();
    }

    @AfterAll
    static void stopMoto() {
        moto.close();
    }

    @BeforeEach
    void sandbox() {
        home = new SandboxHome().config(Fixtures.SEED_CONFIG).set("JVAULT_BACKEND", "file")
                .set("JVAULT_FILE_PASSPHRASE", "pw").set("AWS_ENDPOINT_URL_STS", moto.endpoint().toString());
    }

    @AfterEach
    void cleanUp() {
        home.close();
    }

    private JvaultProcess.Result execWithKeys(String keyId, String secret, String... execArgs) {
        Map<String, String> env = new HashMap<>(home.variables());
        env.put("AWS_ACCESS_KEY_ID", keyId);
        env.put("AWS_SECRET_ACCESS_KEY", secret);
        assertEquals(0, JvaultProcess.run(env, "add", "main", "--env").exitCode());
        List<String> args = new java.util.ArrayList<>(List.of("exec"));
        args.addAll(List.of(execArgs));
        return JvaultProcess.run(home.variables(), args.toArray(String[]::new));
    }

    @Test
    void keysAwsDoesNotKnow() {
        JvaultProcess.Result result = execWithKeys("AKIAUNKNOWNUNKNOWN01", userSecret, "main", "-t", "123456", "true");
        assertEquals(125, result.exitCode(), result.toString());
        assertEquals("jvault: GetSessionToken: AWS does not know the keys AKIA****WN01 of profile main (deleted or"
                + " deactivated?): store current keys with jvault add main\n", result.stderr());
    }

    @Test
    void aWrongSecretKey() {
        JvaultProcess.Result result = execWithKeys(userKeyId, "wrongwrongwrongwrongwrongwrongwrongwrong", "main", "-t",
                "123456", "true");
        assertEquals(125, result.exitCode(), result.toString());
        assertTrue(result.stderr().startsWith("jvault: GetSessionToken: the secret key of the keys "), result.stderr());
        assertTrue(result.stderr().endsWith("is wrong: store the right one with jvault add main\n"), result.stderr());
    }

    @Test
    void aRoleThePolicyDoesNotAllow() {
        JvaultProcess.Result result = execWithKeys(userKeyId, userSecret, "dev-1", "--no-session", "-t", "123456", "true");
        assertEquals(125, result.exitCode(), result.toString());
        assertEquals(1, result.stderr().lines().count(), result.stderr());
        assertTrue(result.stderr().startsWith("jvault: AssumeRole of arn:aws:iam::222222222222:role/dev-1-role was denied ("),
                result.stderr());
        assertTrue(result.stderr().endsWith("check the trust policy of arn:aws:iam::222222222222:role/dev-1-role and its MFA"
                + " condition (mfa_serial in profile dev-1)\n"), result.stderr());
    }

    @Test
    void theRightKeysGetASession() {
        JvaultProcess.Result result = execWithKeys(userKeyId, userSecret, "main", "-t", "123456", "sh", "-c",
                "echo $AWS_ACCESS_KEY_ID");
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("AKIAIOSFODNN7EXAMPLE\n", result.stdout(), "moto's GetSessionToken answer");
    }
}

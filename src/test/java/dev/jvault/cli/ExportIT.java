package dev.jvault.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jvault.config.CredentialsFileText;
import dev.jvault.error.ExitStatus;
import dev.jvault.testing.ExecSandbox;
import dev.jvault.testing.JvaultProcess;
import dev.jvault.testing.MotoExtension;
import dev.jvault.testing.MotoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** jvault export: its formats, credential_process for the AWS CLI and the Java SDK, and --write. */
@ExtendWith(MotoExtension.class)
class ExportIT {

    private static final String ROLE_ARN_PREFIX = "arn:aws:sts::222222222222:assumed-role/dev-1-role/";

    private MotoServer moto;
    private ExecSandbox sandbox;

    @BeforeEach
    void setUp(MotoServer moto) throws IOException {
        this.moto = moto;
        sandbox = new ExecSandbox(moto);
        sandbox.home().config(ExecSandbox.CONFIG + "\n[profile cp]\nregion = us-east-1\ncredential_process = "
                + JvaultProcess.launcher() + " export --format json dev-1\n");
        moto.startRecording();
    }

    @AfterEach
    void cleanUp() {
        sandbox.close();
    }

    private void primeTheCache() {
        assertEquals(0, sandbox.jvault("export", "dev-1", "-t", "123456").exitCode());
    }

    @Test
    void printsTheSameVariablesExecSetsAndNothingElseOnStdout() {
        JvaultProcess.Result env = sandbox.jvault("export", "dev-1", "-t", "123456");
        assertEquals(0, env.exitCode(), env.toString());
        List<String> names = env.stdout().lines().map(line -> line.substring(0, line.indexOf('='))).toList();
        assertEquals(List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_CREDENTIAL_EXPIRATION",
                "AWS_REGION", "AWS_DEFAULT_REGION"), names);
        assertEquals("", env.stderr());

        JvaultProcess.Result evaluated = JvaultProcess.runCommand(List.of("sh", "-c",
                "eval \"$(" + JvaultProcess.launcher() + " export dev-1 --format export-env)\" && aws sts get-caller-identity"
                        + " --query Arn --output text"), sandbox.with("AWS_PROFILE", "not-a-profile"), "", Duration.ofSeconds(60));
        assertEquals(0, evaluated.exitCode(), evaluated.toString());
        assertTrue(evaluated.stdout().startsWith(ROLE_ARN_PREFIX), evaluated.stdout());

        String ini = sandbox.jvault("export", "dev-1", "--format", "ini").stdout();
        assertTrue(ini.matches("\\[dev-1]\\naws_access_key_id = ASIA\\w+\\naws_secret_access_key = \\S{40}\\n"
                + "aws_session_token = \\S+\\nexpiration = \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\n"), ini);
        assertEquals(1, moto.recorded("GetSessionToken").size());
    }

    @Test
    void theJsonIsTheCredentialProcessFormat() throws Exception {
        JsonNode json = new ObjectMapper().readTree(sandbox.jvault("export", "dev-1", "-t", "123456", "--format", "json").stdout());
        assertEquals(1, json.get("Version").asInt());
        assertTrue(json.get("AccessKeyId").asText().startsWith("ASIA"));
        assertEquals(40, json.get("SecretAccessKey").asText().length());
        assertFalse(json.get("SessionToken").asText().isEmpty());
        assertTrue(json.get("Expiration").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));

        // aws-vault's older credential_process form: the same JSON, from the same cached session.
        JvaultProcess.Result execJson = sandbox.jvault("exec", "-j", "dev-1");
        assertEquals(0, execJson.exitCode(), execJson.toString());
        assertEquals(json, new ObjectMapper().readTree(execJson.stdout()));
        JvaultProcess.Result withCommand = sandbox.jvault("exec", "dev-1", "--json", "--", "true");
        assertEquals(125, withCommand.exitCode(), "exec's own failure, as env(1): " + withCommand);
        assertTrue(withCommand.stderr().startsWith("jvault: --json prints the credentials and runs nothing: drop the"
                + " command, or --json\n"), withCommand.stderr());
    }

    @Test
    void theAwsCliGetsCredentialsThroughCredentialProcessAndTheSecondCallMakesNoStsCall() {
        primeTheCache();
        for (int call = 0; call < 2; call++) {
            JvaultProcess.Result result = JvaultProcess.runCommand(List.of("aws", "--profile", "cp", "sts",
                    "get-caller-identity", "--query", "Arn", "--output", "text"), sandbox.home().variables(), "",
                    Duration.ofSeconds(60));
            assertEquals(0, result.exitCode(), result.toString());
            assertTrue(result.stdout().startsWith(ROLE_ARN_PREFIX), result.stdout());
        }
        assertEquals(1, moto.recorded("GetSessionToken").size());
        assertEquals(1, moto.recorded("AssumeRole").size());
    }

    @Test
    void anSdkV2ProgramGetsCredentialsThroughCredentialProcess() {
        primeTheCache();
        Map<String, String> env = sandbox.with("AWS_CONFIG_FILE", sandbox.home().awsConfig().toString());
        JvaultProcess.Result result = JvaultProcess.runCommand(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), "dev.jvault.testing.SdkCallerIdentityProgram", "cp"),
                env, "", Duration.ofSeconds(90));
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stdout().startsWith(ROLE_ARN_PREFIX), result.toString());
        assertEquals(1, moto.recorded("AssumeRole").size(), "the cached role credentials served the SDK");
    }

    @Test
    void withoutATerminalOrACodeCredentialProcessFailsClearly() {
        JvaultProcess.Result result = JvaultProcess.runCommand(List.of("aws", "--profile", "cp", "sts",
                "get-caller-identity"), sandbox.home().variables(), "", Duration.ofSeconds(60));
        assertTrue(result.exitCode() != 0);
        assertTrue(result.stderr().contains("no terminal to ask for the MFA code for arn:aws:iam::111111111111:mfa/alice"),
                result.stderr());
        JvaultProcess.Result direct = sandbox.jvault("export", "dev-1", "--format", "json");
        assertEquals(ExitStatus.UNAVAILABLE.code(), direct.exitCode());
        assertEquals("", direct.stdout());
    }

    @Test
    void writeKeepsEveryOtherSectionAndCommentAndRemoveWrittenTakesItOut() throws IOException {
        String original = """
                # written by hand; keep this
                [main]  ## the primary account
                aws_access_key_id = AKIAIOSFODNN7EXAMPLE
                ; old key below
                aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY

                [other]
                region = eu-west-1
                """;
        sandbox.home().credentials(original);
        primeTheCache();
        JvaultProcess.Result written = sandbox.jvault("export", "dev-1", "--write");
        assertEquals(0, written.exitCode(), written.toString());
        assertEquals("", written.stdout());
        assertTrue(written.stderr().startsWith("jvault: wrote dev-1's short-lived keys to ~/.aws/credentials as"
                + " [jvault-dev-1]: they lie there in clear text until they expire at "), written.stderr());
        String text = Files.readString(sandbox.home().awsCredentials());
        assertTrue(text.startsWith(original), text);
        assertTrue(text.contains("\n[jvault-dev-1]\n" + CredentialsFileText.MARK + "\naws_access_key_id = ASIA"), text);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(sandbox.home().awsCredentials())));

        JvaultProcess.Result cli = JvaultProcess.runCommand(List.of("aws", "--profile", "jvault-dev-1", "--region", "eu-west-1",
                "sts", "get-caller-identity", "--query", "Arn", "--output", "text"), sandbox.home().variables(), "",
                Duration.ofSeconds(60));
        assertTrue(cli.stdout().startsWith(ROLE_ARN_PREFIX), cli.toString());

        assertEquals(0, sandbox.jvault("export", "dev-1", "--write").exitCode(), "a second write replaces the section");
        assertEquals(1, Files.readString(sandbox.home().awsCredentials()).split("\\[jvault-dev-1]", -1).length - 1);

        assertEquals(0, sandbox.jvault("export", "dev-1", "--remove-written").exitCode());
        assertEquals(original.strip(), Files.readString(sandbox.home().awsCredentials()).strip());
    }

    @Test
    void parallelWritesKeepEverySection() throws Exception {
        primeTheCache();
        List<CompletableFuture<JvaultProcess.Result>> writers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String section = "parallel-" + i;
            writers.add(CompletableFuture.supplyAsync(() -> sandbox.jvault("export", "dev-1", "--write", "--section", section)));
        }
        writers.forEach(writer -> assertEquals(0, writer.join().exitCode(), writer.join().toString()));
        String text = Files.readString(sandbox.home().awsCredentials());
        for (int i = 0; i < 8; i++) {
            assertTrue(text.contains("[parallel-" + i + "]\n"), "section " + i + " lost:\n" + text);
        }
    }

    @Test
    void worksInsideExecAndRefusesToWriteLongLivedKeys() {
        primeTheCache();
        JvaultProcess.Result nested = JvaultProcess.run(sandbox.with("JVAULT", "dev-2"), "export", "dev-1", "--format", "json");
        assertEquals(0, nested.exitCode(), nested.toString());
        assertTrue(nested.stdout().contains("\"Version\": 1"));
        assertTrue(nested.stderr().startsWith("jvault: inside jvault exec dev-2 already"), nested.stderr());

        JvaultProcess.Result longLived = sandbox.jvault("export", "main", "--no-session", "--write");
        assertEquals(ExitStatus.DATA.code(), longLived.exitCode());
        assertTrue(longLived.stderr().contains("--write puts only short-lived credentials on disk"), longLived.stderr());
    }
}

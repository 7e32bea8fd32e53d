package dev.jvault.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jvault.error.ExitStatus;
import dev.jvault.testing.Cli;
import dev.jvault.testing.Fixtures;
import dev.jvault.testing.JvaultProcess;
import dev.jvault.testing.SandboxHome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DescribeCommandTest {

    private static final String CONFIG = Fixtures.SEED_CONFIG + """

            [profile prod]
            role_arn = arn:aws:iam::444444444444:role/prod
            source_profile = dev-1
            duration_seconds = 7200
            external_id = partner-7
            """;
    private final SandboxHome home = new SandboxHome().config(CONFIG);

    @AfterEach
    void cleanUp() {
        home.close();
    }

    @Test
    void printsTheChainWithOrigins() {
        JvaultProcess.Result result = Cli.run(home.environment(), "describe", "dev-1");
        assertEquals(0, result.exitCode(), result.toString());
        String out = result.stdout();
        assertTrue(out.contains("chain           dev-1 -> main\n"), out);
        assertTrue(out.contains("source          main: long-lived keys from jvault's store\n"), out);
        assertTrue(out.matches("(?s).*mfa +arn:aws:iam::111111111111:mfa/alice +~/.aws/config:8\n.*"), out);
        assertTrue(out.matches("(?s).*step 1 +GetSessionToken with MFA\n  duration +8h +default\n.*"), out);
        assertTrue(out.matches("(?s).*step 2 +AssumeRole arn:aws:iam::222222222222:role/dev-1-role +~/.aws/config:6\n.*"), out);
        assertTrue(out.matches("(?s).*sts +https://sts.eu-central-1.amazonaws.com +regional endpoint for eu-central-1 in partition aws\n.*"), out);
        assertEquals("", result.stderr());
        String prod = Cli.run(home.environment(), "describe", "prod").stdout();
        assertTrue(prod.matches("(?s).*external id +partner-7 +~/.aws/config:20\n.*"), prod);
        assertTrue(prod.contains("note: role prod asks for 2h, but a role assumed from temporary credentials lasts at most 1h"), prod);
    }

    @Test
    void printsJsonForScripts() throws Exception {
        home.set("AWS_ENDPOINT_URL_STS", "http://127.0.0.1:9");
        JvaultProcess.Result result = Cli.run(home.environment(), "describe", "--json", "prod");
        assertEquals(0, result.exitCode(), result.toString());
        JsonNode json = new ObjectMapper().readTree(result.stdout());
        assertEquals("prod", json.get("profile").asText());
        assertEquals("[\"prod\",\"dev-1\",\"main\"]", json.get("chain").toString());
        assertEquals("stored-keys", json.at("/source/type").asText());
        assertEquals("http://127.0.0.1:9", json.at("/stsEndpoint/value").asText());
        assertEquals("$AWS_ENDPOINT_URL_STS", json.at("/stsEndpoint/origin").asText());
        assertEquals("GetSessionToken", json.at("/steps/0/call").asText());
        assertEquals("arn:aws:iam::111111111111:mfa/alice", json.at("/steps/0/mfaSerial/value").asText());
        assertEquals("arn:aws:iam::444444444444:role/prod", json.at("/steps/2/roleArn/value").asText());
        assertEquals(3600, json.at("/steps/2/durationSeconds/value").asInt(), "chained role capped at 1h");
        assertTrue(json.at("/notes/0").asText().contains("capped at 1h"));
        assertTrue(json.at("/region").isNull(), "prod sets no region and none is in the environment");
    }

    @Test
    void takesTheProfileFromAwsProfile() {
        home.set("AWS_PROFILE", "dev-1");
        JvaultProcess.Result result = Cli.run(home.environment(), "describe");
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stdout().startsWith("profile         dev-1\n"), result.stdout());
    }

    @Test
    void withoutAProfileListsTheProfiles() {
        JvaultProcess.Result result = Cli.run(home.environment(), "describe");
        assertEquals(ExitStatus.USAGE.code(), result.exitCode(), result.toString());
        assertTrue(result.stderr().startsWith("jvault: name a profile (or set AWS_PROFILE); profiles: main, dev-1, dev-2, prod"),
                result.toString());
    }

    @Test
    void configErrorsAreOneLineWithExit78() {
        home.config(CONFIG + "[profile loop]\nrole_arn = arn:aws:iam::222222222222:role/x\nsource_profile = loop\n");
        JvaultProcess.Result result = Cli.run(home.environment(), "describe", "loop");
        assertEquals(ExitStatus.CONFIG.code(), result.exitCode());
        assertEquals("jvault: ~/.aws/config:21: source_profile loop: loop -> loop: one of these profiles must hold"
                + " the long-lived keys and have no source_profile\n", result.stderr());
    }

    @Test
    void readsTheConfigFileOption() {
        home.write(home.path().resolve("other.ini"), "[profile other]\nregion = eu-west-3\n");
        JvaultProcess.Result result = Cli.run(home.environment(), "--config-file", home.path().resolve("other.ini").toString(),
                "describe", "other");
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stdout().matches("(?s).*region +eu-west-3 +~/other.ini:2\n.*"), result.stdout());
    }

    @Test
    void debugExplainsOnStderrAndMasksSecrets() {
        home.credentials("[main]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n");
        JvaultProcess.Result result = Cli.run(home.environment(), "describe", "dev-1", "--debug");
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains("jvault: debug: target profile dev-1 (from command line)"), result.stderr());
        assertTrue(result.stdout().contains("warning: ~/.aws/credentials:2 holds clear-text keys for profile main"),
                result.stdout());
        assertFalse(result.stderr().contains("AKIAIOSFODNN7EXAMPLE"));
    }
}

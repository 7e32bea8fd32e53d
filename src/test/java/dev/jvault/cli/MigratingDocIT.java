package dev.jvault.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvault.migrate.AwsVaultFixtures;
import dev.jvault.testing.Fixtures;
import dev.jvault.testing.JvaultProcess;
import dev.jvault.testing.MotoExtension;
import dev.jvault.testing.MotoServer;
import dev.jvault.testing.SandboxHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs every sh block of docs/migrating.md, in order, in one shell: the seed setup's sandbox
 * (clear-text keys in the credentials file, STS at a local moto), with the MFA code coming from
 * a stand-in ykman, so the examples run exactly as written.
 */
@ExtendWith(MotoExtension.class)
class MigratingDocIT {

    private static String session(String key) {
        return "{\"key\":\"" + key + "\",\"data\":{\"AccessKeyID\":\"ASIAEXAMPLESESSION01\",\"SecretAccessKey\":\""
                + "s".repeat(40) + "\",\"SessionToken\":\"token\"}}";
    }

    @Test
    void everyExampleRuns(MotoServer moto) throws IOException {
        Path doc = Path.of(System.getProperty("jvault.projectDir", ".")).resolve("docs/migrating.md");
        List<String> blocks = new ArrayList<>();
        String language = null;
        StringBuilder block = new StringBuilder();
        for (String line : Files.readAllLines(doc)) {
            if (line.startsWith("```") && language == null) {
                language = line.substring(3).strip();
                block.setLength(0);
            } else if (line.startsWith("```")) {
                if (language.equals("sh")) {
                    blocks.add(block.toString());
                }
                language = null;
            } else if (language != null) {
                block.append(line).append('\n');
            }
        }
        assertTrue(blocks.size() >= 8, "the page's examples: " + blocks.size());

        try (SandboxHome home = new SandboxHome()) {
            home.config(Fixtures.SEED_CONFIG).credentials("[main]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
                    + "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n");
            Path bin = Files.createDirectories(home.path().resolve("bin"));
            Files.createSymbolicLink(bin.resolve("jvault"), JvaultProcess.launcher());
            // aws-vault's file store, as aws-vault writes it: main's keys and three of its sessions.
            AwsVaultFixtures.writeWithJwcrypto(home.path().resolve(".awsvault/keys"), "aws-vault passphrase", "[{\"key\":\"main\","
                    + "\"data\":" + AwsVaultFixtures.longLivedKeys("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
                    + "}," + session("sts.GetSessionToken,bWFpbg,,1900000000") + "," + session("sts.AssumeRole,ZGV2LTE,,1900000000")
                    + "," + session("sts.AssumeRole,ZGV2LTI,,1900000000") + "]");
            Path ykman = Files.writeString(bin.resolve("ykman"), "#!/bin/sh\necho 123456\n");
            ykman.toFile().setExecutable(true);
            Map<String, String> env = new HashMap<>(home.variables());
            env.put("PATH", bin + ":" + env.get("PATH"));
            env.put("AWS_ENDPOINT_URL_STS", moto.endpoint().toString());
            env.put("JVAULT_BACKEND", "file");
            env.put("JVAULT_FILE_PASSPHRASE", "migrating");
            env.put("JVAULT_PROMPT", "ykman");
            env.put("AWS_VAULT_FILE_PASSPHRASE", "aws-vault passphrase");
            String script = String.join("\n", blocks);
            JvaultProcess.Result result = JvaultProcess.runCommand(List.of("bash", "-euo", "pipefail", "-c", script), env, "",
                    Duration.ofSeconds(240));
            assertEquals(0, result.exitCode(), result.toString());
            assertTrue(result.stdout().contains("main: would import AKIA****MPLE\nDry run: nothing written."), result.stdout());
            assertTrue(result.stdout().contains("main: imported AKIA****MPLE\nImported keys of 1 of 1 profile(s) from aws-vault's"
                    + " file store ~/.awsvault/keys into file ~/.jvault/vault.jvlt; left behind 3 cached sessions. aws-vault's"
                    + " store is unchanged.\n"), result.stdout());
            assertTrue(result.stdout().contains("The keys for main (AKIA****MPLE) are in file ~/.jvault/vault.jvlt already.\n"
                    + "Removed the clear-text keys of [main]"), result.stdout());
            assertTrue(result.stdout().contains("profile in use: dev-1"), result.stdout());
            assertTrue(result.stdout().contains("assumed-role/dev-2-role/"), result.stdout());
            assertTrue(result.stdout().contains("\"Version\": 1"), result.stdout());
            assertEquals("[main]", Files.readString(home.awsCredentials()).strip(), "the clear-text key lines were moved out");
        }
    }
}

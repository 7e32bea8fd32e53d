package dev.jvault.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvault.testing.SandboxHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AwsConfigLoaderTest {

    private final SandboxHome home = new SandboxHome();

    @AfterEach
    void cleanUp() {
        home.close();
    }


    @Test
    void readsProfilesFromBothFilesInOrder() {
        home.config("[default]\nregion = eu-west-1\n[profile dev-1]\nsource_profile = main\n[profile main]\n");
        home.credentials("[main]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n[other]\naws_access_key_id = x\n");
        AwsConfig config = home.loadConfig();
        assertEquals(List.of("default", "dev-1", "main", "other"), config.profileNames());
        assertEquals(List.of(Origin.file("~/.aws/config", 5), Origin.file("~/.aws/credentials", 1)),
                config.profile("main").orElseThrow().origins());
    }

    @Test
    void credentialsFileWinsForTheSameKey() {
        home.config("[profile main]\nregion = eu-west-1\n");
        home.credentials("[main]\nregion = eu-west-2\n");
        assertEquals("eu-west-2", home.loadConfig().profile("main").orElseThrow().value("region").orElseThrow().value());
    }

    @Test
    void followsAwsConfigFileAndAwsSharedCredentialsFile() {
        Path config = home.path().resolve("elsewhere/config");
        Path credentials = home.path().resolve("elsewhere/creds");
        home.write(config, "[profile moved]\n").write(credentials, "[moved-keys]\n");
        home.set("AWS_CONFIG_FILE", "~/elsewhere/config").set("AWS_SHARED_CREDENTIALS_FILE", credentials.toString());
        AwsConfig config1 = home.loadConfig();
        assertEquals(List.of("moved", "moved-keys"), config1.profileNames());
        assertEquals("~/elsewhere/config", config1.configFile());
    }

    @Test
    void missingFilesAreEmptyButAMissingExplicitFileIsAnError() {
        assertEquals(List.of(), home.loadConfig().profileNames());
        Path missing = home.path().resolve("nope");
        ConfigException error = assertThrows(ConfigException.class,
                () -> new AwsConfigLoader(home.environment()).load(Optional.of(missing)));
        assertEquals("config file ~/nope does not exist", error.getMessage());
    }

    @Test
    void sortsSsoSessionsServicesAndIgnoredSections() {
        home.config("""
                [sso-session corp]
                sso_start_url = https://corp.awsapps.com/start
                [services local]
                sts =
                  endpoint_url = http://127.0.0.1:1
                [dev-1]
                region = eu-west-1
                """);
        home.credentials("[profile wrong-place]\n");
        AwsConfig config = home.loadConfig();
        assertTrue(config.ssoSessions().containsKey("corp"));
        assertTrue(config.services().containsKey("local"));
        assertEquals(List.of("dev-1", "profile wrong-place"),
                config.ignoredSections().stream().map(IniSection::header).toList());
        assertEquals(List.of(), config.profileNames());
    }

    @Test
    void rejectsASectionDefinedTwice() {
        home.config("[profile a]\nregion = eu-west-1\n\n[profile a]\nregion = eu-west-2\n");
        assertEquals("~/.aws/config:4: [profile a] is defined a second time (first at ~/.aws/config:1): merge the two sections into one",
                assertThrows(ConfigException.class, home::loadConfig).getMessage());
    }

    @Test
    void defaultAndProfileDefaultBothPresentTheLaterOneWinsWholeWithAWarning() {
        home.config("[default]\nregion = eu-west-1\nmfa_serial = arn:aws:iam::1:mfa/a\n[profile default]\nregion = eu-west-2\n"
                + "[profile other]\nregion = us-west-1\n");
        AwsConfig config = home.loadConfig();
        assertEquals("eu-west-2", config.profile("default").orElseThrow().value("region").orElseThrow().value());
        assertEquals(Optional.empty(), config.profile("default").orElseThrow().value("mfa_serial"),
                "the CLI takes the later section whole; nothing is merged from the earlier one");
        assertEquals("us-west-1", config.profile("other").orElseThrow().value("region").orElseThrow().value());
        assertEquals(List.of("[default] (~/.aws/config:1) and [profile default] (~/.aws/config:4) both define the default"
                + " profile: the later one is used, as by the AWS CLI; remove the other"), config.warnings());
        home.config("[profile default]\nregion = eu-west-2\n[default]\nregion = eu-west-1\n");
        assertEquals("eu-west-1", home.loadConfig().profile("default").orElseThrow().value("region").orElseThrow().value());
        home.config("[profile dev]\nregion = eu-west-1\n[profile \"dev\"]\nregion = eu-west-2\n");
        AwsConfig quoted = home.loadConfig();
        assertEquals("eu-west-2", quoted.profile("dev").orElseThrow().value("region").orElseThrow().value());
        assertEquals(1, quoted.warnings().size(), quoted.warnings().toString());
        home.config("[default]\n[default]\n");
        assertTrue(assertThrows(ConfigException.class, home::loadConfig).getMessage().contains("defined a second time"),
                "the same header twice is refused, as the CLI's parser refuses it");
    }

    @Test
    void aKeyGivenTwiceTakesTheLaterValueAndWarnsWithBothLines() {
        home.config("[profile dev]\nregion = eu-west-1\nregion = eu-west-2\n");
        AwsConfig config = home.loadConfig();
        assertEquals("eu-west-2", config.profile("dev").orElseThrow().value("region").orElseThrow().value());
        assertEquals(List.of("region is given twice in [profile dev] (~/.aws/config:2 and ~/.aws/config:3): the later"
                + " value is used; remove the other line"), config.warnings());
    }

    @Test
    void keysAreReadInLowerCaseAsTheCliReadsThem() {
        home.config("[profile dev]\nRegion = eu-west-1\nROLE_ARN = arn:aws:iam::1:role/r\n");
        Profile dev = home.loadConfig().profile("dev").orElseThrow();
        assertEquals("eu-west-1", dev.value("region").orElseThrow().value());
        assertEquals("arn:aws:iam::1:role/r", dev.value("role_arn").orElseThrow().value());
    }

    @Test
    void profileNamesAreShellWordsAsTheCliSplitsTheHeader() {
        home.config("[profile \"my dev\"]\nregion = eu-west-1\n[profile   spaced]\n[profile two words]\n[profile 'q']\n");
        AwsConfig config = home.loadConfig();
        assertEquals(List.of("my dev", "spaced", "q"), config.profileNames());
        assertEquals(List.of("profile two words"), config.ignoredSections().stream().map(IniSection::header).toList(),
                "three words name no profile: the CLI ignores the section");
    }

    @Test
    void theConfigFileVariableExpandsHomeAndVariablesAsTheCliDoes() throws Exception {
        Path dir = Files.createDirectories(home.path().resolve("cfg"));
        Files.writeString(dir.resolve("aws-config"), "[profile from-var]\n");
        home.set("CFG_DIR", dir.toString()).set("AWS_CONFIG_FILE", "${CFG_DIR}/aws-config");
        assertEquals(List.of("from-var"), home.loadConfig().profileNames());
        home.set("AWS_CONFIG_FILE", "$CFG_DIR/aws-config");
        assertEquals(List.of("from-var"), home.loadConfig().profileNames());
        home.set("AWS_CONFIG_FILE", "~/cfg/aws-config");
        assertEquals(List.of("from-var"), home.loadConfig().profileNames());
        home.set("AWS_CONFIG_FILE", "$NO_SUCH_JVAULT_VARIABLE/aws-config");
        assertEquals(List.of(), home.loadConfig().profileNames(), "an unset variable stays as written: no such file");
    }

    @Test
    void aDirectoryIsNotAConfigFile() {
        home.set("AWS_CONFIG_FILE", home.path().resolve(".aws").toString());
        assertEquals("~/.aws is a directory, not an AWS config file",
                assertThrows(ConfigException.class, home::loadConfig).getMessage());
    }
}

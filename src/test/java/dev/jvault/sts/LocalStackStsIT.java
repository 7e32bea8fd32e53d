package dev.jvault.sts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jvault.testing.SandboxHome;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sts.StsClient;

/** The same proof against LocalStack, where a Docker engine runs; skipped where none does. */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackStsIT {

    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4"))
            .withServices(LocalStackContainer.EnabledService.named("sts"));

    @Test
    void callerIdentityThroughOurEndpointResolution() {
        try (SandboxHome home = new SandboxHome()) {
            home.config("[profile main]\nregion = us-east-1\n")
                    .set("AWS_ENDPOINT_URL_STS", LOCALSTACK.getEndpoint().toString());
            var profile = home.resolve("main");
            try (StsClient sts = StsClients.create(profile, Duration.ofSeconds(30))) {
                assertEquals("000000000000", sts.getCallerIdentity(request -> request.overrideConfiguration(signed -> signed
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))))
                        .account());
            }
        }
    }
}

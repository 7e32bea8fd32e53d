package dev.jvault.sts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jvault.config.ResolvedProfile;
import dev.jvault.testing.MotoExtension;
import dev.jvault.testing.MotoServer;
import dev.jvault.testing.SandboxHome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * Proof that the harness is real: the AWS SDK signs GetCallerIdentity with our keys, sends it
 * where our endpoint resolution says, and a real moto answers it and records it.
 */
@ExtendWith(MotoExtension.class)
class StsHarnessIT {

    private static final String ACCESS_KEY_ID = "AKIAJVAULTTEST000001";
    private static final AwsBasicCredentials KEYS =
            AwsBasicCredentials.create(ACCESS_KEY_ID, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");

    private final SandboxHome home = new SandboxHome();

    @BeforeEach
    void record(MotoServer moto) {
        moto.startRecording();
    }

    @AfterEach
    void cleanUp() {
        home.close();
    }

    private GetCallerIdentityResponse callerIdentity(String profile) {
        ResolvedProfile resolved = home.resolve(profile);
        try (StsClient sts = StsClients.create(resolved, Duration.ofSeconds(30))) {
            return sts.getCallerIdentity(request -> request.overrideConfiguration(signed -> signed.credentialsProvider(
                    StaticCredentialsProvider.create(KEYS))));
        }
    }

    @Test
    void reachesMotoThroughAwsEndpointUrlSts(MotoServer moto) {
        home.config("[profile main]\nregion = eu-west-1\n");
        home.set("AWS_ENDPOINT_URL_STS", moto.endpoint().toString());
        GetCallerIdentityResponse identity = callerIdentity("main");
        assertEquals("123456789012", identity.account());
        assertSigned(moto);
    }

    @Test
    void reachesMotoThroughTheServicesSection(MotoServer moto) {
        home.config("""
                [profile main]
                region = eu-west-1
                services = local-moto

                [services local-moto]
                sts =
                  endpoint_url = %s
                """.formatted(moto.endpoint()));
        assertEquals("123456789012", callerIdentity("main").account());
        assertSigned(moto);
    }

    private static void assertSigned(MotoServer moto) {
        List<MotoServer.RecordedRequest> calls = moto.recorded("GetCallerIdentity");
        assertEquals(1, calls.size(), "moto recorded " + moto.recording());
        assertEquals(ACCESS_KEY_ID, calls.getFirst().signingAccessKeyId());
        assertEquals(true, calls.getFirst().headers().get("Authorization").contains("/eu-west-1/sts/aws4_request"),
                "signed for the profile's region: " + calls.getFirst().headers());
    }
}

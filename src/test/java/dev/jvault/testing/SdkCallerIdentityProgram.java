package dev.jvault.testing;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * A small AWS SDK for Java v2 program, run in its own JVM by the tests: it takes credentials the
 * way any SDK application does, from a profile (for a credential_process profile the SDK runs
 * the command through sh -c with piped stdin and stdout) or, with {@code --default-chain}, from
 * the SDK's default chain (which finds jvault's credential endpoints), then prints its caller identity.
 */
public final class SdkCallerIdentityProgram {

    private SdkCallerIdentityProgram() {
    }

    public static void main(String[] args) {
        try (StsClient sts = StsClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(URI.create(System.getenv("AWS_ENDPOINT_URL_STS")))
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(args[0].equals("--default-chain") ? DefaultCredentialsProvider.create()
                        : ProfileCredentialsProvider.create(args[0]))
                .build()) {
            System.out.println(sts.getCallerIdentity().arn());
        }
    }
}

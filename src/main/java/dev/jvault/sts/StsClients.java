package dev.jvault.sts;

import dev.jvault.config.ResolvedProfile;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Builds STS clients for a resolved profile: its endpoint and region, the given credentials, and
 * the lean URL-connection HTTP client. Everything is passed explicitly, so the SDK skips its own
 * discovery of region, credentials and HTTP implementation, which costs start-up time and could
 * pick up values jvault did not choose.
 */
public final class StsClients {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private StsClients() {
    }

    /**
     * @param callTimeout the whole call, retries included: a socket timeout alone does not end
     *        an endpoint that answers one byte every few seconds
     */
    /** A client whose requests each carry their own credentials; unsigned without them. */
    public static StsClient create(ResolvedProfile profile, Duration callTimeout) {
        return StsClient.builder()
                .overrideConfiguration(config -> config.apiCallTimeout(callTimeout))
                .region(Region.of(profile.stsRegion()))
                .endpointOverride(profile.stsEndpoint().value())
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(CONNECT_TIMEOUT)
                        .build())
                .build();
    }
}

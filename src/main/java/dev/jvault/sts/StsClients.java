package dev.jvault.sts;

import dev.jvault.config.ResolvedProfile;
import dev.jvault.keys.AwsKeys;
import dev.jvault.log.Log;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
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
    /**
     * jvault is the only reader of the config files: the SDK would read them again with its own,
     * different parser while building a client, and fail on files the AWS CLI and jvault accept.
     * An override of the client's profile file does not stop that read (SDK 2.x reads its default
     * file anyway); pointing the SDK's own properties at no file does.
     */
    private static final String NO_FILE = "/nonexistent/jvault-reads-the-aws-config-itself";

    private StsClients() {
    }

    /**
     * A client whose requests each carry their own credentials; unsigned without them.
     *
     * @param callTimeout the whole call, retries included: a socket timeout alone does not end
     *        an endpoint that answers one byte every few seconds
     */
    public static StsClient create(ResolvedProfile profile, Duration callTimeout) {
        System.setProperty("aws.configFile", NO_FILE);
        System.setProperty("aws.sharedCredentialsFile", NO_FILE);
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

    /** A request's own credentials: clients carry none, so each call says who signs it. */
    public static AwsRequestOverrideConfiguration signedWith(AwsKeys from) {
        AwsCredentials credentials = from.sessionToken()
                .<AwsCredentials>map(token -> AwsSessionCredentials.create(from.accessKeyId(), from.secretAccessKey(), token))
                .orElseGet(() -> AwsBasicCredentials.create(from.accessKeyId(), from.secretAccessKey()));
        return AwsRequestOverrideConfiguration.builder()
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .build();
    }

    /** Whether STS accepts the credentials (GetCallerIdentity); any failure reads as no. */
    public static boolean accepted(StsClient client, AwsKeys credentials) {
        try {
            client.getCallerIdentity(request -> request.overrideConfiguration(signedWith(credentials)));
            return true;
        } catch (RuntimeException e) {
            Log.debug("STS does not accept the key (yet): " + e.getMessage());
            return false;
        }
    }
}

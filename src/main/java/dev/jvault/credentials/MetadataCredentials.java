package dev.jvault.credentials;

import dev.jvault.config.Environment;
import dev.jvault.config.RootSource;
import dev.jvault.error.ExitStatus;
import dev.jvault.keys.AwsKeys;
import dev.jvault.log.Log;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.HttpCredentialsProvider;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * {@code credential_source = EcsContainer} and {@code Ec2InstanceMetadata}, through the AWS SDK's
 * own providers: they know the container endpoint's variables and allowed hosts, its
 * authorization token (or token file), and IMDSv2's session token, endpoint, mode and the
 * switches that turn it off, as every SDK reads them. jvault hands the instance provider the
 * target's {@code ec2_metadata_*} lines itself, so the SDK does not read the config files with
 * its own parser.
 */
final class MetadataCredentials {

    private static final String PROFILE = "jvault";

    private MetadataCredentials() {
    }

    static AwsKeys of(RootSource.CredentialSource source, Environment env) {
        String kind = source.kind().value();
        try (HttpCredentialsProvider provider = kind.equals("EcsContainer")
                ? ContainerCredentialsProvider.builder().build() : instanceProvider(source, env)) {
            AwsCredentials credentials = provider.resolveCredentials();
            Optional<String> token = credentials instanceof AwsSessionCredentials session
                    ? Optional.of(session.sessionToken()) : Optional.empty();
            Log.secret(credentials.secretAccessKey());
            token.ifPresent(Log::secret);
            return new AwsKeys(credentials.accessKeyId(), credentials.secretAccessKey(), token,
                    credentials.expirationTime());
        } catch (SdkClientException e) {
            Log.debug("the SDK's " + kind + " provider failed", e);
            throw new KeySourceException(ExitStatus.UNAVAILABLE, "profile " + source.profile() + " starts from"
                    + " credential_source " + kind + " (" + source.kind().origin() + "), which gave no credentials: "
                    + e.getMessage() + (kind.equals("EcsContainer")
                    ? " (run it in the container, or check AWS_CONTAINER_CREDENTIALS_FULL_URI or _RELATIVE_URI)"
                    : " (run it on the instance, or check AWS_EC2_METADATA_SERVICE_ENDPOINT and AWS_EC2_METADATA_DISABLED)"));
        }
    }

    /**
     * The instance provider, with the endpoint the user set given without a trailing slash: the
     * SDK appends {@code /latest/...} to it as it is, and {@code http://169.254.169.254/} (as
     * people write it, and the AWS CLI takes it) would ask IMDS for {@code //latest/...}.
     */
    private static HttpCredentialsProvider instanceProvider(RootSource.CredentialSource source, Environment env) {
        InstanceProfileCredentialsProvider.Builder builder = InstanceProfileCredentialsProvider.builder()
                .profileFile(profileFile(source.instanceMetadata())).profileName(PROFILE);
        env.get("AWS_EC2_METADATA_SERVICE_ENDPOINT")
                .or(() -> Optional.ofNullable(source.instanceMetadata().get("ec2_metadata_service_endpoint")))
                .map(endpoint -> endpoint.replaceAll("/+$", ""))
                .ifPresent(builder::endpoint);
        return builder.build();
    }

    private static ProfileFile profileFile(Map<String, String> lines) {
        StringBuilder text = new StringBuilder("[profile " + PROFILE + "]\n");
        lines.forEach((key, value) -> text.append(key).append(" = ").append(value).append('\n'));
        return ProfileFile.builder().type(ProfileFile.Type.CONFIGURATION)
                .content(new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8))).build();
    }
}

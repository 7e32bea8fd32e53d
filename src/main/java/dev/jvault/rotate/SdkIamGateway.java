package dev.jvault.rotate;

import dev.jvault.config.Environment;
import dev.jvault.config.ResolvedProfile;
import dev.jvault.config.Sourced;
import dev.jvault.error.ExitStatus;
import dev.jvault.error.JvaultException;
import dev.jvault.keys.AwsKeys;
import dev.jvault.log.Log;
import dev.jvault.sts.StsClients;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * IAM through the AWS SDK, built as jvault builds STS clients: explicit region and endpoint, no
 * credentials of its own (each call is signed with the ones given), the URL-connection client.
 * IAM is global: its endpoint is the partition's, or AWS_ENDPOINT_URL_IAM / AWS_ENDPOINT_URL.
 */
public final class SdkIamGateway implements IamGateway {

    private final IamClient iam;
    private final StsClient sts;

    public SdkIamGateway(ResolvedProfile profile, Environment env, Duration callTimeout) {
        Optional<Sourced<URI>> endpoint = env.endpoint("AWS_ENDPOINT_URL_IAM", "AWS_ENDPOINT_URL");
        var builder = IamClient.builder()
                .overrideConfiguration(config -> config.apiCallTimeout(callTimeout))
                .region(globalRegion(profile.stsRegion()))
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create());
        endpoint.ifPresent(url -> builder.endpointOverride(url.value()));
        iam = builder.build();
        sts = StsClients.create(profile, callTimeout);
    }

    private static Region globalRegion(String region) {
        return region.startsWith("cn-") ? Region.AWS_CN_GLOBAL
                : region.startsWith("us-gov-") ? Region.AWS_US_GOV_GLOBAL : Region.AWS_GLOBAL;
    }

    @Override
    public String owner(AwsKeys from, String keyId) {
        return call("GetAccessKeyLastUsed", () -> iam.getAccessKeyLastUsed(r -> r.accessKeyId(keyId)
                .overrideConfiguration(StsClients.signedWith(from))).userName());
    }

    @Override
    public List<AccessKey> accessKeys(AwsKeys from, String user) {
        return call("ListAccessKeys", () -> iam.listAccessKeys(r -> r.userName(user)
                .overrideConfiguration(StsClients.signedWith(from))).accessKeyMetadata().stream()
                .map(key -> new AccessKey(key.accessKeyId(), key.createDate())).toList());
    }

    @Override
    public NewKey createAccessKey(AwsKeys from, String user) {
        var key = call("CreateAccessKey", () -> iam.createAccessKey(r -> r.userName(user)
                .overrideConfiguration(StsClients.signedWith(from))).accessKey());
        Log.secret(key.secretAccessKey());
        return new NewKey(key.accessKeyId(), key.secretAccessKey());
    }

    @Override
    public void deleteAccessKey(AwsKeys from, String user, String keyId) {
        call("DeleteAccessKey", () -> iam.deleteAccessKey(r -> r.userName(user).accessKeyId(keyId)
                .overrideConfiguration(StsClients.signedWith(from))));
    }

    @Override
    public boolean works(AwsKeys key) {
        return StsClients.accepted(sts, key);
    }

    /** One IAM call; a refusal or an unreachable IAM is one line (STS's status, 76), nothing was changed by it. */
    private static <T> T call(String action, Supplier<T> call) {
        try {
            return call.get();
        } catch (IamException e) {
            throw new JvaultException(ExitStatus.STS, "IAM refused " + action + " (" + e.awsErrorDetails().errorCode()
                    + "): check that the user may manage its own keys (iam:" + action + "), with MFA if its policy asks");
        } catch (SdkException e) {
            throw new JvaultException(ExitStatus.STS, "IAM " + action + " failed (" + e.getMessage() + ")");
        }
    }

    @Override
    public void close() {
        iam.close();
        sts.close();
    }
}

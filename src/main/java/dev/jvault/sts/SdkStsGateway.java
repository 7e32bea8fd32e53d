package dev.jvault.sts;

import dev.jvault.config.Durations;
import dev.jvault.config.ResolvedProfile;
import dev.jvault.config.RoleHop;
import dev.jvault.config.Sourced;
import dev.jvault.error.NetworkFailures;
import dev.jvault.keys.AwsKeys;
import dev.jvault.log.Log;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityRequest;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetFederationTokenRequest;
import software.amazon.awssdk.services.sts.model.GetSessionTokenRequest;
import software.amazon.awssdk.services.sts.model.StsException;
import software.amazon.awssdk.services.sts.model.Tag;

/**
 * STS through the AWS SDK, at the profile's endpoint and region; SDK errors become one-line
 * {@link StsFailure}s. One client serves the whole chain, each request signed with its own
 * credentials.
 */
public final class SdkStsGateway implements StsGateway {

    /** How long a call may take before the user is told that jvault is waiting for STS. */
    private static final Duration WAITING_NOTICE = Duration.ofSeconds(2);

    private final ResolvedProfile profile;
    private final Duration callTimeout;
    private StsClient client;

    /** @param callTimeout how long one STS call may take, retries included ({@code JVAULT_STS_TIMEOUT}) */
    public SdkStsGateway(ResolvedProfile profile, Duration callTimeout) {
        this.profile = profile;
        this.callTimeout = callTimeout;
    }

    @Override
    public AwsKeys getSessionToken(AwsKeys from, Duration duration, Optional<Mfa> mfa) {
        GetSessionTokenRequest.Builder request = GetSessionTokenRequest.builder().durationSeconds((int) duration.toSeconds())
                .overrideConfiguration(StsClients.signedWith(from));
        mfa.ifPresent(device -> request.serialNumber(device.serial()).tokenCode(device.code()));
        Log.debug("GetSessionToken for " + profile.source().profile() + " (" + AwsKeys.masked(from.accessKeyId())
                + "), " + duration.toSeconds() + "s" + mfa.map(device -> ", MFA " + device.serial()).orElse(""));
        return call("GetSessionToken", Optional.of(from), Optional.empty(), mfa,
                sts -> sts.getSessionToken(request.build()).credentials());
    }

    @Override
    public AwsKeys assumeRole(AwsKeys from, RoleHop role, String sessionName, Duration duration,
            Optional<Mfa> mfa) {
        AssumeRoleRequest.Builder request = AssumeRoleRequest.builder()
                .overrideConfiguration(StsClients.signedWith(from))
                .roleArn(role.roleArn().value())
                .roleSessionName(sessionName)
                .durationSeconds((int) duration.toSeconds());
        role.externalId().map(Sourced::value).ifPresent(request::externalId);
        role.sourceIdentity().map(Sourced::value).ifPresent(request::sourceIdentity);
        role.sessionTags().map(Sourced::value).ifPresent(tags -> request.tags(tags.entrySet().stream()
                .map(tag -> Tag.builder().key(tag.getKey()).value(tag.getValue()).build()).toList()));
        role.transitiveTags().map(Sourced::value).ifPresent(request::transitiveTagKeys);
        mfa.ifPresent(device -> request.serialNumber(device.serial()).tokenCode(device.code()));
        Log.debug("AssumeRole " + role.roleArn().value() + " as " + sessionName + ", " + duration.toSeconds() + "s"
                + mfa.map(device -> ", MFA " + device.serial()).orElse(""));
        return call("AssumeRole of " + role.roleArn().value(), Optional.of(from), Optional.of(role), mfa,
                sts -> sts.assumeRole(request.build()).credentials());
    }

    @Override
    public AwsKeys assumeRoleWithWebIdentity(String roleArn, String token, String sessionName) {
        AssumeRoleWithWebIdentityRequest request = AssumeRoleWithWebIdentityRequest.builder().roleArn(roleArn)
                .roleSessionName(sessionName).webIdentityToken(token).build(); // unsigned: the client carries no credentials
        Log.debug("AssumeRoleWithWebIdentity " + roleArn + " as " + sessionName);
        return call("AssumeRoleWithWebIdentity of " + roleArn, Optional.empty(), Optional.empty(), Optional.empty(),
                sts -> sts.assumeRoleWithWebIdentity(request).credentials());
    }

    @Override
    public AwsKeys getFederationToken(AwsKeys from, String name, String policy, Duration duration) {
        GetFederationTokenRequest request = GetFederationTokenRequest.builder().name(name).policy(policy)
                .durationSeconds((int) duration.toSeconds()).overrideConfiguration(StsClients.signedWith(from)).build();
        Log.debug("GetFederationToken for " + profile.source().profile() + " (" + AwsKeys.masked(from.accessKeyId())
                + ") as " + name + ", " + duration.toSeconds() + "s");
        return call("GetFederationToken", Optional.of(from), Optional.empty(), Optional.empty(),
                sts -> sts.getFederationToken(request).credentials());
    }

    /** @param from the credentials the call is signed with; none for AssumeRoleWithWebIdentity */
    private AwsKeys call(String what, Optional<AwsKeys> from, Optional<RoleHop> role, Optional<Mfa> mfa,
            Function<StsClient, Credentials> call) {
        AtomicBoolean answered = new AtomicBoolean();
        CompletableFuture.delayedExecutor(WAITING_NOTICE.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (!answered.get()) {
                Log.notice("waiting for STS at " + profile.stsEndpoint().value() + " (gives up after "
                        + Durations.format(callTimeout) + ")");
            }
        });
        try {
            if (client == null) {
                client = StsClients.create(profile, callTimeout);
            }
            Credentials credentials = call.apply(client);
            AwsKeys session = AwsKeys.temporary(credentials.accessKeyId(), credentials.secretAccessKey(),
                    credentials.sessionToken(), credentials.expiration());
            Log.secret(session.secretAccessKey());
            Log.secret(credentials.sessionToken());
            return session;
        } catch (StsException e) {
            throw explain(what, from, role, mfa, e);
        } catch (SdkClientException e) {
            throw unreachable(e);
        } catch (RuntimeException e) {
            // Anything else the SDK throws is still a failed STS call, never an "internal error".
            throw new StsFailure(StsFailure.Reason.OTHER, what + " failed in the AWS SDK (" + e.getClass().getSimpleName()
                    + ": " + e.getMessage() + "; endpoint " + profile.stsEndpoint().value() + " from "
                    + profile.stsEndpoint().origin() + "): run again with --debug for details", e);
        } finally {
            answered.set(true);
        }
    }


    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }

    private StsFailure explain(String what, Optional<AwsKeys> from, Optional<RoleHop> role, Optional<Mfa> mfa,
            StsException e) {
        String code = detail(e, AwsErrorDetails::errorCode, "Code").orElse("");
        String message = detail(e, AwsErrorDetails::errorMessage, "Message").orElse(e.getMessage());
        if (from.isEmpty()) { // a web identity: the token, not keys, is what STS judged
            return new StsFailure(StsFailure.Reason.ACCESS_DENIED, what + " was refused (" + code + ": " + message
                    + "): check the token in profile " + profile.source().profile() + "'s web identity token file and the"
                    + " role's trust policy", e);
        }
        String keys = "the keys " + AwsKeys.masked(from.get().accessKeyId()) + " of profile " + profile.source().profile();
        Log.debug("STS answered " + code + ": " + message);
        if (message != null && message.contains("MultiFactorAuthentication")) {
            return new StsFailure(StsFailure.Reason.BAD_MFA_CODE, "STS refused the MFA code for "
                    + mfa.map(Mfa::serial).orElse("the MFA device") + " (wrong, expired or already used): run again"
                    + " with the next code", e);
        }
        return switch (code) {
            case "InvalidClientTokenId" -> new StsFailure(StsFailure.Reason.BAD_KEYS, what + ": AWS does not know "
                    + keys + " (deleted or deactivated?): store current keys with jvault add " + profile.source().profile(), e);
            case "SignatureDoesNotMatch" -> message != null && message.contains("expired")
                    ? skew(e) : new StsFailure(StsFailure.Reason.BAD_KEYS, what + ": the secret key of " + keys
                            + " is wrong: store the right one with jvault add " + profile.source().profile(), e);
            case "RequestExpired", "InvalidSignatureException" -> skew(e);
            case "ExpiredToken", "ExpiredTokenException" -> new StsFailure(StsFailure.Reason.EXPIRED_TOKEN, what
                    + ": the cached session has expired: jvault clear " + profile.source().profile() + ", then run again", e);
            case "AccessDenied", "AccessDeniedException" -> new StsFailure(StsFailure.Reason.ACCESS_DENIED, what
                    + " was denied (" + message + "): check " + role.map(r -> "the trust policy of " + r.roleArn().value()
                    + " and its MFA condition (mfa_serial in profile " + r.profile() + ")").orElse("the user's policies"), e);
            case "RegionDisabledException" -> new StsFailure(StsFailure.Reason.OTHER, what + ": STS is not enabled in "
                    + profile.stsRegion() + ": enable it in IAM account settings, or set another region", e);
            default -> new StsFailure(StsFailure.Reason.OTHER, what + " failed: " + code + ": " + message, e);
        };
    }

    /**
     * A field of the error, from the SDK or else from the XML itself: some STS emulators wrap the
     * error in an extra {@code <Errors>} element the SDK does not read.
     */
    private static Optional<String> detail(StsException e, Function<AwsErrorDetails, String> parsed, String element) {
        AwsErrorDetails details = e.awsErrorDetails();
        if (details == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(parsed.apply(details)).filter(value -> !value.isBlank())
                .or(() -> Optional.ofNullable(details.rawResponse())
                        .map(raw -> Pattern.compile("<" + element + ">([^<]*)</" + element + ">").matcher(raw.asUtf8String()))
                        .filter(Matcher::find)
                        .map(found -> found.group(1)));
    }

    private StsFailure skew(StsException e) {
        return new StsFailure(StsFailure.Reason.CLOCK_SKEW, "STS says the request's time is wrong: set this machine's"
                + " clock right (NTP) and run again", e);
    }

    private StsFailure unreachable(SdkClientException e) {
        if (e instanceof ApiCallTimeoutException) {
            return new StsFailure(StsFailure.Reason.UNREACHABLE, "STS at " + profile.stsEndpoint().value() + " did not"
                    + " answer within " + callTimeout.toSeconds() + "s (endpoint from " + profile.stsEndpoint().origin()
                    + "): check the network or the endpoint, or allow longer with JVAULT_STS_TIMEOUT", e);
        }
        String why = NetworkFailures.reason(e);
        return new StsFailure(StsFailure.Reason.UNREACHABLE, "cannot reach STS at " + profile.stsEndpoint().value() + " ("
                + why + "; endpoint from " + profile.stsEndpoint().origin() + "): check the network or the endpoint", e);
    }
}

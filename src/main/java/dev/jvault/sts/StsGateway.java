package dev.jvault.sts;

import dev.jvault.config.RoleHop;
import dev.jvault.keys.AwsKeys;
import java.time.Duration;
import java.util.Optional;

/** The STS calls jvault makes, signed with the given credentials. */
public interface StsGateway extends AutoCloseable {

    /** An MFA device and the code it shows now. */
    record Mfa(String serial, String code) {
        @Override
        public String toString() {
            return "Mfa[" + serial + "]";
        }
    }

    AwsKeys getSessionToken(AwsKeys from, Duration duration, Optional<Mfa> mfa);

    AwsKeys assumeRole(AwsKeys from, RoleHop role, String sessionName, Duration duration,
            Optional<Mfa> mfa);

    /** AssumeRoleWithWebIdentity: unsigned, the token is the proof; no duration, as the AWS CLI sends none. */
    AwsKeys assumeRoleWithWebIdentity(String roleArn, String token, String sessionName);

    /** A federated user's session, for the console: from long-lived keys only, with no MFA (STS allows none). */
    AwsKeys getFederationToken(AwsKeys from, String name, String policy, Duration duration);

    /** Frees what the gateway holds (an HTTP client); it is used for one chain. */
    @Override
    default void close() {
    }
}

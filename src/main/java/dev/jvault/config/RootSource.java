package dev.jvault.config;

import dev.jvault.keys.AwsKeys;
import java.util.Map;
import java.util.Optional;

/** Where the first credentials of a chain come from: the profile at the bottom of it. */
public sealed interface RootSource {

    String profile();

    /**
     * Long-lived keys that jvault keeps in its store for this profile. {@code clearTextKeys}
     * points at keys still lying in the credentials file, which jvault warns about.
     */
    record StoredKeys(String profile, Optional<Origin> clearTextKeys) implements RootSource {
    }

    /**
     * Temporary keys written into the credentials or config file ({@code aws_session_token}, or
     * the older {@code aws_security_token}), as the MFA scripts many people run write them: used
     * as they are, as the AWS CLI uses them, and never offered to the store. {@code keys} masks
     * itself in {@code toString}.
     */
    record TemporaryKeys(String profile, Origin origin, AwsKeys keys) implements RootSource {
    }

    /**
     * {@code web_identity_token_file} with {@code role_arn}: AssumeRoleWithWebIdentity, unsigned,
     * with the token the file holds when the call is made (CI systems and EKS rotate it).
     */
    record WebIdentity(String profile, Sourced<String> roleArn, Sourced<String> tokenFile,
            Optional<Sourced<String>> sessionName) implements RootSource {
    }

    /** {@code credential_process}: an external command prints the credentials. */
    record CredentialProcess(String profile, Sourced<String> command) implements RootSource {
    }

    /**
     * {@code credential_source}: Environment, Ec2InstanceMetadata or EcsContainer.
     * {@code instanceMetadata} holds the target profile's {@code ec2_metadata_*} lines, which
     * the AWS CLI reads from the profile it runs for.
     */
    record CredentialSource(String profile, Sourced<String> kind, Map<String, String> instanceMetadata)
            implements RootSource {
        public CredentialSource {
            instanceMetadata = Map.copyOf(instanceMetadata);
        }
    }

    /** IAM Identity Center: the role's credentials, with the token of its sign-in. */
    record SingleSignOn(String profile, SsoRole role) implements RootSource {
    }
}
